package dev.leakguard.examples.submission;

import dev.leakguard.examples.Cleanup;
import dev.leakguard.examples.LeakExample;
import dev.leakguard.examples.NamedThreads;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SubmissionWithoutCancellation, clean twin of {@link UncancelledRefresher}: the periodic refresh's future
 * is kept and cancelled in {@link #stop()}, and the scheduler the cache owns is shut down there too.
 */
public final class CancelledRefresher implements LeakExample {
  private final AtomicInteger refreshes = new AtomicInteger();
  private ScheduledExecutorService scheduler;
  private ScheduledFuture<?> refresh;

  @Override
  public void run() throws InterruptedException {
    start();
    stop();
  }

  public void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreads("cache-refresher"));
    refresh = scheduler.scheduleAtFixedRate(this::refresh, 0, 5, TimeUnit.MILLISECONDS);
  }

  void refresh() {
    refreshes.incrementAndGet();
  }

  public void stop() throws InterruptedException {
    refresh.cancel(false);
    scheduler.shutdown();
    scheduler.awaitTermination(10, TimeUnit.SECONDS);
    System.out.println("cache cleared after " + refreshes.get() + " refreshes");
  }

  @Override
  public void close() throws InterruptedException {
    Cleanup.shutdownNowAndAwait(scheduler);
  }

  public static void main(String[] args) throws Exception {
    new CancelledRefresher().run();
  }
}
