package dev.leakguard.testdata.drain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Correct consumers: each has an exit that can be taken. Compiled with every drain check:
 * neither the loop nor the untimed receive in it is reported.
 */
class DrainLoopsClean {
  static final String POISON = "__poison__";

  interface Job {
    void run();
  }

  /** Poison pill: the producer posts it when done. */
  void poisonPill(BlockingQueue<String> lines) throws InterruptedException {
    while (true) {
      String line = lines.take();
      if (line == POISON) {
        break;
      }
      System.out.println(line);
    }
  }

  /** Sentinel in the loop condition. */
  void sentinelInCondition(BlockingQueue<String> lines) throws InterruptedException {
    String line;
    while (!(line = lines.take()).equals(POISON)) {
      System.out.println(line);
    }
  }

  /** Sentinel check that returns, inside a catch-all for the work itself. */
  void poisonReturns(BlockingQueue<String> lines) {
    for (;;) {
      try {
        String line = lines.take();
        if (POISON.equals(line)) {
          return;
        }
        System.out.println(line);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Interrupt-aware worker: the interrupt is restored and the condition sees it. */
  void interruptAware(BlockingQueue<Job> jobs) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        jobs.take().run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Interrupt ends the loop by propagating out of the method. */
  void interruptPropagates(BlockingQueue<Job> jobs) throws InterruptedException {
    while (true) {
      jobs.take().run();
    }
  }

  /** The interrupt leaves the loop through a catch outside it. */
  void interruptCaughtOutside(BlockingQueue<Job> jobs) {
    try {
      while (true) {
        jobs.take().run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The catch inside leaves the loop. */
  void catchBreaks(BlockingQueue<Job> jobs) {
    while (true) {
      try {
        jobs.take().run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    System.out.println("stopped");
  }

  /** The catch rethrows. */
  void catchRethrows(BlockingQueue<Job> jobs) {
    while (true) {
      try {
        jobs.take().run();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private volatile boolean running = true;
  private final BlockingQueue<Job> work = new LinkedBlockingQueue<>();

  /** Timed poll with the volatile flag re-checked. */
  void timedPollWithFlag() {
    while (running) {
      try {
        Job job = work.poll(100, TimeUnit.MILLISECONDS);
        if (job != null) {
          job.run();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** drainTo batches: wait for one element with a timeout, then take everything there. */
  void drainToBatches() {
    List<Job> batch = new ArrayList<>();
    while (running) {
      try {
        Job first = work.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        work.drainTo(batch, 99);
        batch.forEach(Job::run);
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private volatile boolean stopped;
  private Thread consumer;
  private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();

  /** The flag is set together with an interrupt of the consumer. */
  void flagWithInterrupt() {
    consumer = Thread.currentThread();
    while (!stopped) {
      try {
        jobs.take().run();
      } catch (InterruptedException e) {
        // stop() interrupts us; the loop re-checks 'stopped'
      }
    }
  }

  void stop() {
    stopped = true;
    consumer.interrupt();
  }

  private final AtomicBoolean shuttingDown = new AtomicBoolean();
  private final BlockingQueue<Job> inbox = new LinkedBlockingQueue<>();

  /** The flag is set together with a wake-up element. */
  void flagWithWakeUpElement() {
    while (!shuttingDown.get()) {
      try {
        inbox.take().run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  void shutdown() {
    shuttingDown.set(true);
    inbox.offer(() -> {});
  }

  /** A consumer thread stopped by shutdownNow(): its interrupt leaves the loop. */
  ExecutorService consumerStoppedByShutdownNow(BlockingQueue<Job> queue) {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    executor.execute(
        () -> {
          try {
            while (true) {
              queue.take().run();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    return executor; // the caller calls shutdownNow()
  }

  /** The loop sets its own local flag on the sentinel. */
  void localFlagSetBySentinel(BlockingQueue<String> lines) throws InterruptedException {
    boolean done = false;
    while (!done) {
      String line = lines.take();
      if (line == POISON) {
        done = true;
      } else {
        System.out.println(line);
      }
    }
  }

  /** Sentinel tested in the condition, by reference. */
  void sentinelByReferenceInCondition(BlockingQueue<Job> jobs, Job shutdownTask) throws InterruptedException {
    Job job;
    while ((job = jobs.take()) != shutdownTask) {
      job.run();
    }
  }

  /** Optional.empty() as the pill, tested in the condition. */
  void emptyOptionalEndsTheLoop(BlockingQueue<Optional<String>> lines) throws InterruptedException {
    Optional<String> line;
    while ((line = lines.take()).isPresent()) {
      System.out.println(line.get());
    }
  }

  /** do-while: the element just taken decides whether to go on. */
  void doWhileSentinel(BlockingQueue<String> lines) throws InterruptedException {
    String line;
    do {
      line = lines.take();
      System.out.println(line);
    } while (line != POISON);
  }

  /** for loop that takes in its initializer and update and stops on the sentinel. */
  void forLoopSentinel(BlockingQueue<String> lines) throws InterruptedException {
    for (String line = lines.take(); !POISON.equals(line); line = lines.take()) {
      System.out.println(line);
    }
  }

  /** A fixed-size batch taken inside a consumer loop that leaves on the sentinel. */
  void batchesInsideConsumerLoop(BlockingQueue<String> lines) throws InterruptedException {
    List<String> batch = new ArrayList<>();
    while (true) {
      for (int i = 0; i < 10; i++) {
        String line = lines.take();
        if (line == POISON) {
          return;
        }
        batch.add(line);
      }
      batch.clear();
    }
  }

  /** A labeled break to an outer label leaves the drain loop. */
  void labeledBreakOut(BlockingQueue<List<String>> batches) throws InterruptedException {
    outer:
    while (true) {
      List<String> batch = batches.take();
      for (String s : batch) {
        if (s == POISON) {
          break outer;
        }
        System.out.println(s);
      }
    }
  }

  /** The receive is in the inner loop; break outer leaves both. */
  void labeledBreakFromInnerDrainLoop(BlockingQueue<String> lines) {
    outer:
    while (true) {
      for (int i = 0; i < 10; i++) {
        try {
          if (lines.take() == POISON) {
            break outer;
          }
        } catch (InterruptedException e) {
          System.out.println("ignored");
        }
      }
    }
  }

  private volatile boolean accepting = true;
  private final ExecutorService consumers = Executors.newSingleThreadExecutor();
  private final BlockingQueue<Job> requests = new LinkedBlockingQueue<>();

  /** The flag is set together with shutdownNow() of the consumer's executor. */
  void startConsumer() {
    consumers.execute(
        () -> {
          while (accepting) {
            try {
              requests.take().run();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
  }

  void close() {
    accepting = false;
    consumers.shutdownNow();
  }

  /** The catch ends in a helper that always throws: the interrupt leaves the loop. */
  void catchEndsInThrowingHelper(BlockingQueue<Job> jobs) {
    while (true) {
      try {
        jobs.take().run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw cancelled(e);
      }
    }
  }

  void catchCallsThrowingHelper(BlockingQueue<Job> jobs) {
    while (true) {
      try {
        jobs.take().run();
      } catch (InterruptedException e) {
        rethrow(e);
      }
    }
  }

  private static RuntimeException cancelled(InterruptedException e) {
    return new IllegalStateException("cancelled", e);
  }

  private static void rethrow(InterruptedException e) {
    Thread.currentThread().interrupt();
    throw new IllegalStateException(e);
  }

  /** A labeled continue of the loop's own label is no exit, but the poison pill is. */
  void labeledContinue(BlockingQueue<String> lines) throws InterruptedException {
    loop:
    while (true) {
      String line = lines.take();
      for (char c : line.toCharArray()) {
        if (c == '#') {
          continue loop;
        }
      }
      if (line == POISON) {
        return;
      }
    }
  }

  /** try/finally inside the loop, and the poison pill inside the try. */
  void tryFinallyWithPoison(BlockingQueue<String> lines) throws InterruptedException {
    while (true) {
      try {
        String line = lines.take();
        if (line == POISON) {
          break;
        }
        System.out.println(line);
      } finally {
        System.out.println("one more");
      }
    }
  }

  /** Non-blocking drain: ends when the queue is empty. */
  void drainWhatIsThere(BlockingQueue<Job> queue) {
    Job job;
    while ((job = queue.poll()) != null) {
      job.run();
    }
  }

  private volatile boolean active = true;
  private final BlockingQueue<Job> tasks = new LinkedBlockingQueue<>();

  /** The flag has a setter; whoever calls it may interrupt the thread: not judged. */
  void flagWithSetter() {
    while (active) {
      try {
        tasks.take().run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  void setActive(boolean active) {
    this.active = active;
  }

  /** stop() clears the flag and wakes the consumer through a helper method. */
  static final class FlagAndInterruptThroughHelper {
    private volatile boolean running = true;
    private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private volatile Thread consumer;

    void consume() {
      consumer = Thread.currentThread();
      while (running) {
        try {
          jobs.take().run();
        } catch (InterruptedException e) {
          // stop() interrupts us; the loop re-checks 'running'
        }
      }
    }

    void stop() {
      running = false;
      wakeConsumer();
    }

    private void wakeConsumer() {
      Thread thread = consumer;
      if (thread != null) {
        thread.interrupt();
      }
    }
  }
}
