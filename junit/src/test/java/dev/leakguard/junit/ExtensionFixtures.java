package dev.leakguard.junit;

import dev.leakguard.junit.DetectThreadLeaks.Mode;
import dev.leakguard.junit.DetectThreadLeaks.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Test classes that {@link ThreadLeakExtensionTest} runs through the JUnit Platform test kit. Not run by
 * Surefire directly (nested classes of a class whose name does not end in Test).
 */
final class ExtensionFixtures {
  private ExtensionFixtures() {}

  @DetectThreadLeaks(graceMillis = 50)
  static class LeakingAndCleanTests {
    @Test
    void leaks() {
      Leaks.start("fixture-leaker");
    }

    @Test
    void cleans() throws InterruptedException {
      Thread thread = new Thread(() -> {}, "fixture-short-lived");
      thread.start();
      thread.join();
    }
  }

  static class MethodAnnotation {
    @Test
    @DetectThreadLeaks(graceMillis = 50)
    void annotatedLeak() {
      Leaks.start("fixture-annotated-method");
    }

    @Test
    void unannotatedLeak() {
      Leaks.start("fixture-unannotated-method");
    }
  }

  @DetectThreadLeaks(graceMillis = 50)
  static class LifecycleThreads {
    private Thread fixtureThread;

    @BeforeEach
    void startServer() {
      fixtureThread = Leaks.start("fixture-server");
    }

    @AfterEach
    void stopServer() throws InterruptedException {
      fixtureThread.interrupt();
      fixtureThread.join();
    }

    @Test
    void usesServer() {}
  }

  @DetectThreadLeaks(graceMillis = 50, mode = Mode.WARN)
  static class WarnOnly {
    @Test
    void leaks() {
      Leaks.start("fixture-warned");
    }
  }

  @DetectThreadLeaks(graceMillis = 50)
  static class Exempted {
    @Test
    @DetectThreadLeaks(mode = Mode.OFF)
    void leaksButExempt() {
      Leaks.start("fixture-exempt");
    }
  }

  @DetectThreadLeaks(graceMillis = 50, ignoreThreadNames = "fixture-ignored-.*")
  static class IgnoredByName {
    @Test
    void leaksIgnoredAndReal() {
      Leaks.start("fixture-ignored-1");
      Leaks.start("fixture-real");
    }
  }

  @DetectThreadLeaks(graceMillis = 50, ignoreAnyFrames = "dev.leakguard.junit.Leaks.waitForever")
  static class IgnoredByFrame {
    @Test
    void leaksIgnoredByFrame() {
      Leaks.start("fixture-frame-ignored");
    }
  }

  @DetectThreadLeaks(graceMillis = 50, ignoreTopFrames = "dev.leakguard.junit.Leaks.*")
  static class TopFrameIsJdkCode {
    @Test
    void leaks() {
      // The innermost frame is JDK parking code, not Leaks.waitForever: a top-frame rule on it misses.
      Leaks.start("fixture-top-frame");
    }
  }

  @DetectThreadLeaks(graceMillis = 50, ignoreTopFrames = "jdk.internal.misc.Unsafe.park")
  static class TopFrameIgnored {
    @Test
    void leaksParkedThread() {
      Leaks.start("fixture-parked");
    }
  }

  @DetectThreadLeaks(graceMillis = 50, scope = Scope.CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class ClassScopeClean {
    static Thread shared;

    @Test
    @Order(1)
    void startsShared() {
      shared = Leaks.start("fixture-shared");
    }

    @Test
    @Order(2)
    void stopsShared() throws InterruptedException {
      shared.interrupt();
      shared.join();
    }
  }

  @DetectThreadLeaks(graceMillis = 50, scope = Scope.CLASS)
  static class ClassScopeLeak {
    @BeforeAll
    static void startServer() {
      Leaks.start("fixture-class-server");
    }

    @AfterAll
    static void forgetToStop() {}

    @Test
    void passes() {}
  }

  @DetectThreadLeaks(graceMillis = 2000)
  static class SlowToEnd {
    @Test
    void threadEndsWithinGrace() {
      Leaks.start("fixture-slow", ExtensionFixtures::sleepBriefly);
    }
  }

  @DetectThreadLeaks(graceMillis = 0)
  static class NoGrace {
    @Test
    void threadStillEnding() {
      Leaks.start("fixture-no-grace", ExtensionFixtures::sleepBriefly);
    }
  }

  @DetectThreadLeaks(graceMillis = 50)
  static class FailingAndLeaking {
    @Test
    void failsAndLeaks() {
      Leaks.start("fixture-failing");
      throw new AssertionError("the test's own failure");
    }
  }

  @DetectThreadLeaks(graceMillis = 50)
  static class Outer {
    @Nested
    class Inner {
      @Test
      void leaksInNested() {
        Leaks.start("fixture-nested");
      }
    }
  }

  /** No annotation: checked only when the extension is registered globally (auto-detection). */
  static class Unannotated {
    @Test
    void leaks() {
      Leaks.start("fixture-global");
    }
  }

  /** Annotated and auto-detected: must be reported once, not twice. */
  @DetectThreadLeaks(graceMillis = 50)
  static class AnnotatedUnderAutodetection {
    @Test
    void leaks() {
      Leaks.start("fixture-once");
    }
  }

  static class ManyThreads {
    @Test
    @DetectThreadLeaks(graceMillis = 50)
    void leaksPerRequest() {
      for (int request = 1; request <= 200; request++) {
        Leaks.start("fixture-request-" + request);
      }
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
