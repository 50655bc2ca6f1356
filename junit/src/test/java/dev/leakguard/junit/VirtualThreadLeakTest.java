package dev.leakguard.junit;

import static dev.leakguard.junit.ThreadLeakExtensionTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Virtual threads (JDK 21+), which {@code Thread.getAllStackTraces()} does not list. This module is Java 17
 * bytecode, so the tests create virtual threads reflectively; they run on the JDK 25 leg of the build.
 */
@DetectThreadLeaks
class VirtualThreadLeakTest {
  private static final ThreadLeakDetector DETECTOR =
      ThreadLeakDetector.create().withGracePeriod(Duration.ofMillis(100));

  @AfterEach
  void endLeakedThreads() throws InterruptedException {
    Leaks.endAll();
  }

  @Test
  @EnabledForJreRange(max = JRE.JAVA_20)
  void beforeJdk21ThereAreNoVirtualThreadsToSee() {
    assertFalse(ThreadLeakDetector.canSeeVirtualThreads());
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void findsALeakedVirtualThreadWithItsStackAndBlocker() throws Exception {
    assertTrue(ThreadLeakDetector.canSeeVirtualThreads());
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();

    LeakReport report = DETECTOR.watch(() -> startVirtual("virtual-take", () -> takeQuietly(queue)));

    assertEquals(1, report.threads().size(), report::format);
    LeakedThread leaked = report.threads().get(0);
    assertEquals("virtual-take", leaked.name());
    assertTrue(leaked.isVirtual());
    assertTrue(leaked.isDaemon());
    assertFalse(leaked.thread().isPresent());
    assertTrue(leaked.hasFrame("java.util.concurrent.LinkedBlockingQueue", "take"), report::format);
    assertTrue(leaked.hasFrame(VirtualThreadLeakTest.class.getName(), "takeQuietly"), report::format);
    if (Runtime.version().feature() >= 25) { // older dumps carry no state or blocker
      assertEquals(Thread.State.WAITING, leaked.state().orElseThrow());
      assertContains(
          leaked.blockedOn().orElseThrow(),
          "parked on java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@");
    }
    String text = report.format();
    assertContains(text, "\"virtual-take\"");
    assertContains(text, "virtual thread, daemon=true");
    assertContains(text, "java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:");
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void groupsVirtualThreadsAndNamesUnnamedOnes() throws Exception {
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();

    LeakReport report =
        DETECTOR.watch(
            () -> {
              for (int i = 0; i < 50; i++) {
                startVirtual("", () -> takeQuietly(queue));
              }
            });

    assertEquals(50, report.threads().size(), report::format);
    assertEquals(1, report.groups().size(), report::format);
    assertContains(report.format(), "#1  x 50  \"<unnamed virtual thread #");
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void virtualThreadsThatEndAreNotReported() throws Exception {
    LeakReport report =
        DETECTOR.watch(
            () -> {
              Thread thread = startVirtual("virtual-short", () -> {});
              thread.join();
            });

    assertTrue(report.isEmpty(), report::format);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void ignoreRulesApplyToVirtualThreads() throws Exception {
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();

    assertTrue(
        DETECTOR.ignoringThreadNames("virtual-ignored")
            .watch(() -> startVirtual("virtual-ignored", () -> takeQuietly(queue)))
            .isEmpty());
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void canBeTurnedOff() throws Exception {
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();

    assertTrue(
        DETECTOR.withVirtualThreads(false)
            .watch(() -> startVirtual("virtual-unseen", () -> takeQuietly(queue)))
            .isEmpty());
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void theExtensionFailsATestThatLeaksAVirtualThread() {
    Events tests =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(VirtualFixture.class))
            .execute()
            .testEvents();

    tests.assertStatistics(stats -> stats.failed(1));
    Throwable failure =
        tests.failed().list().get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    assertInstanceOf(ThreadLeakError.class, failure);
    assertContains(failure.getMessage(), "\"fixture-virtual\"");
    assertContains(failure.getMessage(), "virtual thread, daemon=true");
  }

  /** Run by the test above only (a nested class, so Surefire does not pick it up). */
  @DetectThreadLeaks(graceMillis = 50)
  static class VirtualFixture {
    @Test
    void leaksVirtualThread() throws Exception {
      BlockingQueue<String> queue = new LinkedBlockingQueue<>();
      startVirtual("fixture-virtual", () -> takeQuietly(queue));
    }
  }

  /** {@code Thread.ofVirtual().name(name).start(body)}, reflectively: this code is compiled for Java 17. */
  static Thread startVirtual(String name, Runnable body) throws Exception {
    Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
    Class<?> builderType = Class.forName("java.lang.Thread$Builder");
    if (!name.isEmpty()) {
      builder = builderType.getMethod("name", String.class).invoke(builder, name);
    }
    Method start = builderType.getMethod("start", Runnable.class);
    Thread thread = (Thread) start.invoke(builder, body);
    Leaks.track(thread);
    return thread;
  }

  private static void takeQuietly(BlockingQueue<String> queue) {
    try {
      queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
