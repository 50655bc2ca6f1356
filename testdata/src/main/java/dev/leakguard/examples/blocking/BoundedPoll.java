package dev.leakguard.examples.blocking;

import dev.leakguard.examples.Cleanup;
import dev.leakguard.examples.LeakExample;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * BlockingCallWithoutTimeout, clean twin of {@link LeakyTake}: the worker waits for its first job with a
 * bounded {@code poll}, and when none comes it says so and ends.
 */
public final class BoundedPoll implements LeakExample {
  static final long WAIT_MILLIS = 50;

  private final BlockingQueue<String> jobs = new LinkedBlockingQueue<>();
  private Thread worker;

  @Override
  public void run() {
    worker = new Thread(this::awaitFirstJob, "bounded-poll-worker");
    worker.start();
  }

  void awaitFirstJob() {
    try {
      String job = jobs.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
      if (job == null) {
        System.out.println("no job within " + WAIT_MILLIS + " ms; giving up");
        return;
      }
      System.out.println("processing " + job);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    Cleanup.interruptAndJoin(worker);
  }

  public static void main(String[] args) throws Exception {
    new BoundedPoll().run();
  }
}
