package dev.leakguard.junit;

import static dev.leakguard.junit.ThreadLeakExtensionTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The plain API: watch a block, get the leaked threads back or assert none. */
@DetectThreadLeaks
class ThreadLeakDetectorTest {
  private static final ThreadLeakDetector DETECTOR =
      ThreadLeakDetector.create().withGracePeriod(Duration.ofMillis(50));

  @AfterEach
  void endLeakedThreads() throws InterruptedException {
    Leaks.endAll();
  }

  @Test
  void reportsAThreadStartedByTheBlockWithItsDetails() throws Exception {
    LeakReport report = DETECTOR.watch(() -> Leaks.start("plain-leak"));

    assertEquals(1, report.threads().size(), report::format);
    LeakedThread leaked = report.threads().get(0);
    assertEquals("plain-leak", leaked.name());
    assertFalse(leaked.isVirtual());
    assertFalse(leaked.isDaemon());
    assertEquals(Thread.State.WAITING, leaked.state().orElseThrow());
    assertTrue(leaked.blockedOn().orElseThrow().startsWith("parked on java.util.concurrent.CountDownLatch$Sync@"));
    assertTrue(leaked.hasFrame("java.util.concurrent.CountDownLatch", "await"), report::format);
    assertTrue(leaked.hasFrame("dev.leakguard.junit.Leaks", "waitForever"), report::format);
    assertTrue(leaked.thread().orElseThrow().isAlive());
  }

  @Test
  void reportsTheDaemonFlag() throws Exception {
    LeakReport report = DETECTOR.watch(() -> Leaks.start("plain-daemon", true));

    assertTrue(report.threads().get(0).isDaemon());
    assertContains(report.format(), "platform thread, daemon=true, state=WAITING");
  }

  @Test
  void threadsAliveBeforeTheBlockAreNotReported() throws Exception {
    Leaks.start("plain-preexisting");

    assertTrue(DETECTOR.watch(() -> {}).isEmpty());
  }

  @Test
  void aThreadThatEndsWithinTheGracePeriodIsNotReportedAndDoesNotCostTheWholePeriod() throws Exception {
    ThreadLeakDetector patient = DETECTOR.withGracePeriod(Duration.ofSeconds(30));
    CountDownLatch release = new CountDownLatch(1);
    long start = System.nanoTime();

    LeakReport report =
        patient.watch(
            () -> {
              Leaks.start("plain-ending", () -> awaitQuietly(release));
              release.countDown(); // the thread ends right after the block returns
            });

    assertTrue(report.isEmpty(), report::format);
    // Returned when the thread ended, not after 30 s.
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(20)) < 0);
  }

  @Test
  void reportsWhatAThreadBlockedOnAMonitorWaitsFor() throws Exception {
    Object lock = new Object();
    LeakReport report;
    synchronized (lock) {
      report =
          DETECTOR.watch(
              () -> {
                Thread blocked = Leaks.start("plain-blocked", () -> enter(lock));
                while (blocked.getState() != Thread.State.BLOCKED) {
                  Thread.onSpinWait();
                }
              });
    }

    LeakedThread leaked = report.threads().get(0);
    assertEquals(Thread.State.BLOCKED, leaked.state().orElseThrow());
    assertContains(
        leaked.blockedOn().orElseThrow(),
        "entering monitor java.lang.Object@" + Integer.toHexString(System.identityHashCode(lock)));
    assertContains(leaked.blockedOn().orElseThrow(), "held by \"" + Thread.currentThread().getName() + "\"");
  }

  @Test
  void reportsWhatAThreadWaitingOnAMonitorWaitsFor() throws Exception {
    Object lock = new Object();
    LeakReport report = DETECTOR.watch(() -> Leaks.start("plain-waiting", () -> waitOn(lock)));

    assertContains(
        report.threads().get(0).blockedOn().orElseThrow(),
        "waiting on monitor java.lang.Object@" + Integer.toHexString(System.identityHashCode(lock)));
  }

  @Test
  void groupsThreadsWithTheSameStack() throws Exception {
    LeakReport report =
        DETECTOR.watch(
            () -> {
              for (int i = 1; i <= 12; i++) {
                Leaks.start("plain-worker-" + i);
              }
              Leaks.start("plain-sleeper", ThreadLeakDetectorTest::sleepLong);
            });

    assertEquals(13, report.threads().size());
    assertEquals(2, report.groups().size());
    String text = report.format();
    assertContains(text, "13 threads were started by the watched code");
    assertContains(text, "(2 distinct stacks)");
    assertContains(text, "x 12  \"plain-worker-1\", \"plain-worker-2\", \"plain-worker-3\", \"plain-worker-4\", \"plain-worker-5\" and 7 more");
    assertContains(text, "x 1  \"plain-sleeper\"");
  }

  @Test
  void ignoresByNamePattern() throws Exception {
    LeakReport report =
        DETECTOR.ignoringThreadNames("plain-ignored-\\d+").watch(() -> {
          Leaks.start("plain-ignored-1");
          Leaks.start("plain-ignored-x");
        });

    assertEquals(1, report.threads().size());
    assertEquals("plain-ignored-x", report.threads().get(0).name());
  }

  @Test
  void ignoresByTopFrameOnlyWhenTheInnermostFrameMatches() throws Exception {
    Object lock = new Object();
    ThreadLeakDetector.Block waiter =
        () -> {
          Thread thread = Leaks.start("plain-top", () -> waitOn(lock));
          while (thread.getState() != Thread.State.WAITING) { // top frame decided only once it waits
            Thread.onSpinWait();
          }
        };

    // Object.wait is native on 17 and calls the native wait0 on newer JDKs: one glob covers both.
    assertTrue(DETECTOR.ignoringTopFrames("java.lang.Object.wait*").watch(waiter).isEmpty());
    Leaks.endAll();
    assertEquals(1, DETECTOR.ignoringTopFrames(ThreadLeakDetectorTest.class.getName() + ".*").watch(waiter).threads().size());
  }

  @Test
  void ignoresByAnyFrame() throws Exception {
    assertTrue(
        DETECTOR.ignoringAnyFrames("dev.leakguard.junit.Leaks.wait*")
            .watch(() -> Leaks.start("plain-any"))
            .isEmpty());
  }

  @Test
  void defaultIgnoresCoverJvmAndLibraryThreadsAndCanBeTurnedOff() throws Exception {
    ThreadLeakDetector.Block wellKnown =
        () -> {
          Leaks.start("ForkJoinPool.commonPool-worker-99");
          Leaks.start("process reaper");
          Leaks.start("surefire-forkedjvm-ping-30s");
        };

    assertTrue(DETECTOR.watch(wellKnown).isEmpty());
    Leaks.endAll();
    assertEquals(3, DETECTOR.withoutDefaultIgnores().watch(wellKnown).threads().size());
  }

  @Test
  void theRealCommonPoolIsNotALeak() throws Exception {
    assertTrue(DETECTOR.watch(() -> CompletableFuture.runAsync(() -> {}).join()).isEmpty());
  }

  @Test
  void assertNoLeaksThrowsWithTheReport() {
    ThreadLeakError error =
        assertThrows(ThreadLeakError.class, () -> DETECTOR.assertNoLeaks(() -> Leaks.start("plain-asserted")));

    assertContains(error.getMessage(), "\"plain-asserted\"");
    assertEquals("plain-asserted", error.report().threads().get(0).name());
  }

  @Test
  void assertNoLeaksPassesForCleanCode() throws Exception {
    DETECTOR.assertNoLeaks(
        () -> {
          Thread thread = new Thread(() -> {}, "plain-clean");
          thread.start();
          thread.join();
        });
  }

  @Test
  void exceptionsFromTheBlockPropagate() {
    IOException thrown = new IOException("boom");

    assertSame(thrown, assertThrows(IOException.class, () -> DETECTOR.watch(() -> {
      throw thrown;
    })));
  }

  @Test
  void interruptAllEndsLeakedPlatformThreads() throws Exception {
    LeakReport report = DETECTOR.watch(() -> Leaks.start("plain-interrupted"));

    report.interruptAll();

    Thread thread = report.threads().get(0).thread().orElseThrow();
    thread.join(10_000);
    assertFalse(thread.isAlive());
  }

  @Test
  void snapshotAndLeaksSinceWorkAcrossCalls() {
    ThreadLeakDetector.Snapshot before = DETECTOR.snapshot();
    Leaks.start("plain-split");

    LeakReport report = DETECTOR.leaksSince(before, "setUp()");

    assertContains(report.format(), "1 thread was started by setUp() and still alive 50 ms after it ended");
    assertTrue(before.size() > 0);
  }

  @Test
  void rejectsANegativeGracePeriod() {
    assertThrows(IllegalArgumentException.class, () -> DETECTOR.withGracePeriod(Duration.ofMillis(-1)));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void enter(Object lock) {
    synchronized (lock) {
      lock.hashCode();
    }
  }

  private static void waitOn(Object lock) {
    synchronized (lock) {
      try {
        lock.wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void sleepLong() {
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
