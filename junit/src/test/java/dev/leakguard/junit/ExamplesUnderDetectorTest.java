package dev.leakguard.junit;

import static dev.leakguard.junit.ThreadLeakExtensionTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakguard.examples.LeakExample;
import dev.leakguard.examples.blocking.BoundedPoll;
import dev.leakguard.examples.blocking.LeakyTake;
import dev.leakguard.examples.drain.PoisonPillConsumer;
import dev.leakguard.examples.drain.StopFlagConsumer;
import dev.leakguard.examples.drain.SwallowedInterruptConsumer;
import dev.leakguard.examples.executor.NeverShutDownPool;
import dev.leakguard.examples.executor.ShutdownInFinally;
import dev.leakguard.examples.executor.ShutdownLeavesBlockedTask;
import dev.leakguard.examples.executor.ShutdownNowInStop;
import dev.leakguard.examples.handler.AwaitingAuditHandler;
import dev.leakguard.examples.handler.LeakyAuditHandler;
import dev.leakguard.examples.submission.CancelledRefresher;
import dev.leakguard.examples.submission.UncancelledRefresher;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proof on the project's own examples ({@code testdata/.../dev/leakguard/examples}): every program that
 * leaks the way a LeakGuard check describes is caught at run time, with a stack that points at the call the
 * check flags, and no clean twin is reported. Each test ends what its example leaked after asserting (the
 * example's {@code close()}), and the class-level annotation proves the suite itself leaks nothing.
 */
@DetectThreadLeaks
class ExamplesUnderDetectorTest {
  /** For the leaking examples: a leak costs this once per test. */
  private static final ThreadLeakDetector DETECTOR =
      ThreadLeakDetector.create().withGracePeriod(Duration.ofMillis(300));

  /**
   * For the clean twins, whose threads end on their own shortly after run() returns: generous, so a slow
   * machine cannot fail them, and free, since the wait ends the moment the threads do.
   */
  private static final ThreadLeakDetector PATIENT = DETECTOR.withGracePeriod(Duration.ofSeconds(10));

  // BlockingCallWithoutTimeout

  @Test
  void leakyTakeIsReportedAtTheTakeCall() throws Exception {
    try (LeakExample example = new LeakyTake()) {
      LeakedThread leaked = onlyLeak(DETECTOR.watch(example::run));

      assertEquals("leaky-take-worker", leaked.name());
      assertEquals(Thread.State.WAITING, leaked.state().orElseThrow());
      assertCalls(leaked, "java.util.concurrent.LinkedBlockingQueue.take", LeakyTake.class.getName() + ".awaitFirstJob");
    }
  }

  @Test
  void boundedPollIsClean() throws Exception {
    assertClean(new BoundedPoll());
  }

  // QueueDrainWithoutExit

  @Test
  void consumerSwallowingInterruptsIsReportedInItsLoop() throws Exception {
    try (LeakExample example = new SwallowedInterruptConsumer()) {
      LeakedThread leaked = onlyLeak(DETECTOR.watch(example::run));

      assertEquals("swallowing-consumer", leaked.name());
      assertCalls(
          leaked, "java.util.concurrent.LinkedBlockingQueue.take", SwallowedInterruptConsumer.class.getName() + ".consume");
    }
  }

  @Test
  void stopFlagConsumerIsReportedParkedInTakeAfterStop() throws Exception {
    try (LeakExample example = new StopFlagConsumer()) {
      LeakedThread leaked = onlyLeak(DETECTOR.watch(example::run));

      assertEquals("stop-flag-consumer", leaked.name());
      assertCalls(leaked, "java.util.concurrent.LinkedBlockingQueue.take", StopFlagConsumer.class.getName() + ".consume");
    }
  }

  @Test
  void poisonPillConsumerIsClean() throws Exception {
    assertClean(new PoisonPillConsumer());
  }

  // ExecutorNeverShutDown

  @Test
  void poolNeverShutDownIsReportedAsIdleWorkers() throws Exception {
    try (LeakExample example = new NeverShutDownPool()) {
      LeakReport report = DETECTOR.watch(example::run);

      // The workers wait for work in the pool's queue; their names lead back to the pool that was never ended.
      assertEquals(List.of("report-pool-1", "report-pool-2"), names(report));
      assertEquals(1, report.groups().size(), report::format);
      for (LeakedThread worker : report.threads()) {
        assertCalls(worker, "java.util.concurrent.LinkedBlockingQueue.take", "java.util.concurrent.ThreadPoolExecutor.getTask");
      }
      assertContains(report.format(), "x 2  \"report-pool-1\", \"report-pool-2\"");
    }
  }

  @Test
  void shutdownInFinallyIsClean() throws Exception {
    assertClean(new ShutdownInFinally());
  }

  @Test
  void shutdownLeavingAnInterruptOnlyTaskIsReportedInTheTask() throws Exception {
    try (LeakExample example = new ShutdownLeavesBlockedTask()) {
      LeakedThread leaked = onlyLeak(DETECTOR.watch(example::run));

      assertEquals("listener-pool-1", leaked.name());
      assertCalls(
          leaked, "java.util.concurrent.LinkedBlockingQueue.take", ShutdownLeavesBlockedTask.class.getName() + ".listen");
    }
  }

  @Test
  void shutdownNowInStopIsClean() throws Exception {
    assertClean(new ShutdownNowInStop());
  }

  // SubmissionWithoutCancellation

  @Test
  void periodicTaskNobodyCancelsIsReportedAndKeepsRunning() throws Exception {
    try (UncancelledRefresher example = new UncancelledRefresher()) {
      LeakReport report = DETECTOR.watch(example::run);
      int refreshesAtReport = example.refreshes();

      LeakedThread leaked = onlyLeak(report);
      assertEquals("cache-refresher-1", leaked.name());
      // The scheduler's worker: between runs it waits in its delay queue, during one it refreshes, and
      // in between it may be anywhere in the pool's loop, so the frame every sample has is the worker's.
      assertTrue(
          leaked.hasFrame("java.util.concurrent.ThreadPoolExecutor$Worker", "run"), report::format);
      // Still refreshing after stop(): wait for a few more runs, bounded.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (example.refreshes() < refreshesAtReport + 3 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertTrue(example.refreshes() >= refreshesAtReport + 3, "the periodic task stopped by itself");
    }
  }

  @Test
  void cancelledRefresherIsClean() throws Exception {
    assertClean(new CancelledRefresher());
  }

  // HandlerLeaksBackgroundTask

  @Test
  void handlerLeakingATaskPerRequestIsReportedAsOneEntryTimes200() throws Exception {
    try (LeakExample example = new LeakyAuditHandler()) {
      LeakReport report = DETECTOR.watch(example::run);

      assertEquals(LeakyAuditHandler.REQUESTS, report.threads().size());
      assertEquals(1, report.groups().size(), report::format);
      for (LeakedThread leaked : report.threads()) {
        assertCalls(
            leaked,
            "java.util.concurrent.CountDownLatch.await",
            "dev.leakguard.examples.handler.Upstream.sendAndAwaitAck",
            LeakyAuditHandler.class.getName() + ".sendAudit");
      }
      assertContains(
          report.format(),
          "#1  x 200  \"audit-1\", \"audit-2\", \"audit-3\", \"audit-4\", \"audit-5\" and 195 more");
    }
  }

  @Test
  void handlerThatAwaitsAndCancelsIsClean() throws Exception {
    assertClean(new AwaitingAuditHandler());
  }

  private static void assertClean(LeakExample example) throws Exception {
    try (example) {
      LeakReport report = PATIENT.watch(example::run);
      assertTrue(report.isEmpty(), report::format);
    }
  }

  private static LeakedThread onlyLeak(LeakReport report) {
    assertEquals(1, report.threads().size(), report::format);
    return report.threads().get(0);
  }

  /** The frames appear in this order, innermost first (callee before caller). */
  private static void assertCalls(LeakedThread thread, String... methods) {
    int from = 0;
    for (String method : methods) {
      int found = -1;
      for (int i = from; i < thread.stack().size(); i++) {
        StackTraceElement frame = thread.stack().get(i);
        if ((frame.getClassName() + "." + frame.getMethodName()).equals(method)) {
          found = i;
          break;
        }
      }
      int at = found;
      assertTrue(at >= 0, () -> "no frame " + method + " below the previous one in " + thread.stack());
      from = at + 1;
    }
  }

  private static List<String> names(LeakReport report) {
    return report.threads().stream().map(LeakedThread::name).collect(java.util.stream.Collectors.toList());
  }
}
