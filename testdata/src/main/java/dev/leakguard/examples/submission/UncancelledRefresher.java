package dev.leakguard.examples.submission;

import dev.leakguard.examples.Cleanup;
import dev.leakguard.examples.LeakExample;
import dev.leakguard.examples.NamedThreads;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SubmissionWithoutCancellation, leaking: a cache schedules a periodic refresh, drops the returned future and
 * never ends the scheduler, so nothing can ever stop the task. {@link #stop()} only clears the cache. The
 * scheduler thread runs the refresh every few milliseconds for as long as the JVM lives. Clean twin:
 * {@link CancelledRefresher}.
 */
public final class UncancelledRefresher implements LeakExample {
  static final long PERIOD_MILLIS = 5;

  private final AtomicInteger refreshes = new AtomicInteger();
  private ScheduledExecutorService scheduler;

  @Override
  public void run() {
    start();
    stop();
  }

  public void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreads("cache-refresher"));
    // flagged: the future is dropped and the scheduler is never ended
    scheduler.scheduleAtFixedRate(this::refresh, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  void refresh() {
    refreshes.incrementAndGet();
  }

  public void stop() {
    System.out.println("cache cleared after " + refreshes.get() + " refreshes");
  }

  /** How often the refresh has run: still growing after {@link #stop()} in this example. */
  public int refreshes() {
    return refreshes.get();
  }

  @Override
  public void close() throws InterruptedException {
    Cleanup.shutdownNowAndAwait(scheduler);
  }

  public static void main(String[] args) throws Exception {
    new UncancelledRefresher().run();
    System.out.println("stop() returned; the JVM does not exit: the refresh runs forever");
  }
}
