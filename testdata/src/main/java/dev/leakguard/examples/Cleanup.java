package dev.leakguard.examples;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** How the examples' {@code close()} hooks end what they leaked, then wait until it is really gone. */
public final class Cleanup {
  private static final long WAIT_SECONDS = 10;

  private Cleanup() {}

  public static void interruptAndJoin(Iterable<Thread> threads) throws InterruptedException {
    for (Thread thread : threads) {
      thread.interrupt();
    }
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      if (thread.isAlive()) {
        throw new IllegalStateException("cleanup could not end " + thread.getName());
      }
    }
  }

  public static void interruptAndJoin(Thread thread) throws InterruptedException {
    if (thread != null) {
      interruptAndJoin(java.util.List.of(thread));
    }
  }

  public static void shutdownNowAndAwait(ExecutorService executor) throws InterruptedException {
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    if (!executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("cleanup could not end " + executor);
    }
  }
}
