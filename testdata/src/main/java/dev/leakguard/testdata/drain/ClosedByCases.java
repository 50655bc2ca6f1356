package dev.leakguard.testdata.drain;

import dev.leakguard.annotations.ClosedBy;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SubmissionPublisher;

/** @ClosedBy: correct and wrong uses. */
class ClosedByCases {
  static final String POISON = "__poison__";

  /** Correct: stop() posts the poison pill, and the loop leaves on it. */
  static final class PoisonPill {
    @ClosedBy("stop")
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    void run() throws InterruptedException {
      while (true) {
        String line = lines.take();
        if (line == POISON) {
          return;
        }
        System.out.println(line);
      }
    }

    void stop() {
      lines.add(POISON);
    }
  }

  /** Correct: close() shuts the executor down (through a helper). */
  static final class Pool implements AutoCloseable {
    @ClosedBy("close")
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @Override
    public void close() {
      shutdownQuietly();
    }

    private void shutdownQuietly() {
      pool.shutdownNow();
    }
  }

  /** Correct: stop() posts the pill through a helper that takes the queue as an argument. */
  static final class PillThroughHelper {
    @ClosedBy("stop")
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    void run() throws InterruptedException {
      while (true) {
        String line = lines.take();
        if (line == POISON) {
          return;
        }
        System.out.println(line);
      }
    }

    void stop() {
      post(lines, POISON);
    }

    private static void post(BlockingQueue<String> queue, String element) {
      queue.offer(element);
    }
  }

  /** Correct: terminate() closes the publisher. */
  static final class Feed {
    @ClosedBy("terminate")
    private final SubmissionPublisher<String> feed = new SubmissionPublisher<>();

    void terminate() {
      feed.close();
    }
  }

  /** Correct: the consumer is interrupted, and the interrupt leaves its loop. */
  static final class Interrupted {
    @ClosedBy("halt")
    private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();

    private final Thread worker = new Thread(this::consume);

    void consume() {
      try {
        while (true) {
          System.out.println(inbox.take());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void halt() {
      worker.interrupt();
    }
  }

  /** Correct: the sentinel ends a for loop through its condition. */
  static final class ForLoopSentinel {
    @ClosedBy("stop")
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    void run() throws InterruptedException {
      for (String s = lines.take(); !POISON.equals(s); s = lines.take()) {
        System.out.println(s);
      }
    }

    void stop() {
      lines.add(POISON);
    }
  }

  /** Correct: a sentinel of its own class, recognized by instanceof. */
  static final class TypedSentinel {
    static final class Stop implements Runnable {
      @Override
      public void run() {}
    }

    @ClosedBy("stop")
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

    void run() throws InterruptedException {
      while (true) {
        Runnable task = tasks.take();
        if (task instanceof Stop) {
          break;
        }
        task.run();
      }
    }

    void stop() {
      tasks.add(new Stop());
    }
  }

  /** Correct: interrupt-aware condition, the catch restores the interrupt. */
  static final class InterruptAware {
    @ClosedBy("halt")
    private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();

    private final Thread worker = new Thread(this::consume);

    void consume() {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          System.out.println(inbox.take());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    void halt() {
      worker.interrupt();
    }
  }

  /** Correct: the catch sets the stop flag that the condition re-checks. */
  static final class CatchSetsFlag {
    @ClosedBy("halt")
    private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();

    private volatile boolean running = true;
    private final Thread worker = new Thread(this::consume);

    void consume() {
      while (running) {
        try {
          System.out.println(inbox.take());
        } catch (InterruptedException e) {
          running = false;
        }
      }
    }

    void halt() {
      worker.interrupt();
    }
  }

  /** Wrong: names no method. */
  static final class Misspelled {
    // BUG: Diagnostic contains: @ClosedBy("shutdwn") on 'queue' names nothing
    @ClosedBy("shutdwn") private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

    void shutdown() {
      queue.add(POISON);
    }
  }

  /** Wrong: names a method that needs arguments. */
  static final class WithArguments {
    // BUG: Diagnostic contains: names a method that takes arguments
    @ClosedBy("stop") private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

    void stop(String reason) {
      queue.add(reason);
    }
  }

  /** Wrong: the method does nothing to end the field. */
  static final class DoesNothing {
    private volatile boolean running = true;

    // BUG: Diagnostic contains: names stop(), which does not end it
    @ClosedBy("stop") private final ExecutorService pool = Executors.newSingleThreadExecutor();

    void stop() {
      running = false;
    }
  }

  /** Wrong: stop() posts the poison pill, but the loop never leaves on it. */
  static final class LoopIgnoresSentinel {
    @ClosedBy("stop")
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    void run() throws InterruptedException {
      // BUG: Diagnostic contains: which posts POISON, but the loop does not stop on it
      while (true) {
        String line = lines.take();
        System.out.println(line.length());
      }
    }

    void stop() {
      lines.add(POISON);
    }
  }

  /** Wrong: stop() posts POISON through a helper, but the loop stops on another value. */
  static final class LoopStopsOnAnotherValue {
    static final String DONE = "__done__";

    @ClosedBy("stop")
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    void run() throws InterruptedException {
      // BUG: Diagnostic contains: which posts POISON, but the loop does not stop on it
      while (true) {
        String line = lines.take();
        if (line == DONE) {
          return;
        }
      }
    }

    void stop() {
      post(lines, POISON);
    }

    private static void post(BlockingQueue<String> queue, String element) {
      queue.offer(element);
    }
  }

  /** Wrong: halt() interrupts the consumer, but the loop leaves only on a sentinel. */
  static final class LoopIgnoresInterrupt {
    @ClosedBy("halt")
    private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();

    private final Thread worker = new Thread(this::consume);

    void consume() {
      // BUG: Diagnostic contains: which interrupts the consumer, but an interrupt does not leave this loop
      while (true) {
        try {
          String s = inbox.take();
          if (s.isEmpty()) {
            return;
          }
        } catch (InterruptedException e) {
          System.out.println("ignored");
        }
      }
    }

    void halt() {
      worker.interrupt();
    }
  }
}
