package dev.leakguard.examples.blocking;

import dev.leakguard.examples.Cleanup;
import dev.leakguard.examples.LeakExample;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * BlockingCallWithoutTimeout, leaking: a worker waits for its first job with {@code take()} on a queue
 * nobody feeds (the producer failed to start). The untimed {@code take()} parks the thread forever.
 * Clean twin: {@link BoundedPoll}.
 */
public final class LeakyTake implements LeakExample {
  private final BlockingQueue<String> jobs = new LinkedBlockingQueue<>();
  private Thread worker;

  @Override
  public void run() {
    worker = new Thread(this::awaitFirstJob, "leaky-take-worker");
    worker.start();
  }

  void awaitFirstJob() {
    try {
      String job = jobs.take(); // flagged: can block forever; use poll(timeout, unit)
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
    new LeakyTake().run();
    System.out.println("run() returned; the JVM does not exit: leaky-take-worker is parked in take()");
  }
}
