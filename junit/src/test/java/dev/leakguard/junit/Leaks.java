package dev.leakguard.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Threads the tests leak on purpose, and the cleanup that ends them after the assertions, so the suite
 * itself leaves nothing behind.
 */
final class Leaks {
  private static final List<Thread> STARTED = new CopyOnWriteArrayList<>();

  private Leaks() {}

  /**
   * Starts a platform thread that waits forever in {@link #waitForever()}, and returns once it waits: the
   * tests then see the same state and stack however loaded the machine is.
   */
  static Thread start(String name) {
    return start(name, false);
  }

  static Thread start(String name, boolean daemon) {
    Thread thread = new Thread(Leaks::waitForever, name);
    thread.setDaemon(daemon);
    STARTED.add(thread);
    thread.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    return thread;
  }

  /** Starts a thread that runs {@code body}; ended by {@link #endAll()} like the others. */
  static Thread start(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    STARTED.add(thread);
    thread.start();
    return thread;
  }

  /** Registers a thread started elsewhere (a virtual thread, say) for {@link #endAll()}. */
  static void track(Thread thread) {
    STARTED.add(thread);
  }

  static void waitForever() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Interrupts every thread started here and waits until they are gone. */
  static void endAll() throws InterruptedException {
    List<Thread> threads = new ArrayList<>(STARTED);
    for (Thread thread : threads) {
      thread.interrupt();
    }
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
      if (thread.isAlive()) {
        throw new AssertionError("could not end " + thread);
      }
    }
    STARTED.removeAll(threads);
  }
}
