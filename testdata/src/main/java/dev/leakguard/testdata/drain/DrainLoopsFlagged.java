package dev.leakguard.testdata.drain;

import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Consumers nobody can end. */
class DrainLoopsFlagged {
  private static final Logger LOG = Logger.getLogger("drain");

  interface Job {
    void run();
  }

  /** The most common real form: the interrupt is logged and the loop goes on. */
  void swallowsAndLogs(BlockingQueue<Job> jobs) {
    // BUG: Diagnostic contains: it catches the InterruptedException of take() and goes on
    while (true) {
      try {
        jobs.take().run();
      } catch (InterruptedException e) {
        LOG.log(Level.WARNING, "interrupted", e);
      }
    }
  }

  /** Restoring the interrupt without leaving makes take() throw again at once: a hot loop. */
  void onlyReInterrupts(BlockingQueue<Job> jobs) {
    // BUG: Diagnostic contains: This drain loop cannot be cancelled
    for (;;) {
      try {
        Job job = jobs.take();
        job.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The readLine() idiom on take(): take() never returns null, so the null test is no exit. */
  void nullTestOnTake(BlockingQueue<String> lines) {
    String line = "";
    // BUG: Diagnostic contains: it catches the InterruptedException of take() and goes on
    while (line != null) {
      try {
        line = lines.take();
        System.out.println(line);
      } catch (InterruptedException e) {
        LOG.log(Level.WARNING, "interrupted", e);
      }
    }
  }

  /** Catching Exception swallows the interrupt too. */
  void catchAllSwallows(BlockingQueue<Job> jobs) {
    // BUG: Diagnostic contains: cannot be cancelled
    do {
      try {
        jobs.take().run();
      } catch (Exception e) {
        LOG.warning("job failed: " + e);
      }
    } while (true);
  }

  /** A timed poll does not help when the interrupt is swallowed and nothing else leaves. */
  void timedPollSwallowed(BlockingQueue<Job> jobs) {
    // BUG: Diagnostic contains: InterruptedException of poll()
    while (true) {
      try {
        Job job = jobs.poll(1, TimeUnit.SECONDS);
        if (job != null) {
          job.run();
        }
      } catch (InterruptedException e) {
        continue;
      }
    }
  }

  private volatile boolean running = true;
  private final BlockingQueue<Job> work = new LinkedBlockingQueue<>();

  /** Setting running = false cannot wake a thread parked in take(). */
  void stopFlagWithUntimedTake() throws InterruptedException {
    // BUG: Diagnostic contains: setting 'running' cannot wake a thread parked in the untimed take()
    while (running) {
      try {
        Job job = work.take();
        job.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  void stop() {
    running = false;
  }

  private final AtomicBoolean closed = new AtomicBoolean();

  void atomicFlag(BlockingDeque<Job> deque) {
    // BUG: Diagnostic contains: setting 'closed' cannot wake
    while (!closed.get()) {
      try {
        deque.takeFirst().run();
      } catch (InterruptedException e) {
        LOG.info("ignored");
      }
    }
  }

  void close() {
    closed.set(true);
  }

  /** A local flag nobody can change. */
  void localFlag(BlockingQueue<Job> jobs) {
    boolean done = false;
    // BUG: Diagnostic contains: setting 'done' cannot wake
    while (!done) {
      try {
        jobs.take().run();
      } catch (InterruptedException ignored) {
        // keep going
      }
    }
  }

  /** A labeled break that only leaves an inner loop is not an exit of the drain loop. */
  void breakLeavesOnlyTheInnerLoop(BlockingQueue<String> lines) {
    // BUG: Diagnostic contains: cannot be cancelled
    while (true) {
      inner:
      for (int i = 0; i < 10; i++) {
        try {
          if (lines.take().isEmpty()) {
            break inner;
          }
        } catch (InterruptedException e) {
          LOG.info("ignored");
        }
      }
    }
  }

  /** A nested drain loop that can never be left is reported once, on the inner loop. */
  void nestedInnerLoopNeverEnds(BlockingQueue<String> lines, ExecutorService pool) {
    for (String prefix : new String[] {"a", "b"}) {
      // BUG: Diagnostic contains: cannot be cancelled
      while (true) {
        try {
          System.out.println(prefix + lines.take());
        } catch (InterruptedException e) {
          LOG.info("ignored");
        }
      }
    }
  }

  /** try/finally inside the loop: the finally runs, but nothing leaves. */
  void tryFinallyInside(BlockingQueue<Job> jobs) {
    // BUG: Diagnostic contains: cannot be cancelled
    while (true) {
      try {
        jobs.take().run();
      } catch (InterruptedException e) {
        LOG.info("interrupted");
      } finally {
        LOG.fine("done one");
      }
    }
  }

  /** A throw inside the loop that its own catch swallows is no exit. */
  void throwCaughtInside(BlockingQueue<Job> jobs) {
    // BUG: Diagnostic contains: cannot be cancelled
    while (true) {
      try {
        Job job = jobs.take();
        if (job == null) {
          throw new IllegalStateException("null job");
        }
        job.run();
      } catch (InterruptedException | RuntimeException e) {
        LOG.info("ignored " + e);
      }
    }
  }

  /** The helper stop() calls only logs: nothing wakes the parked consumer. */
  static final class FlagWithHelperThatDoesNotWake {
    private volatile boolean running = true;
    private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();

    void consume() {
      // BUG: Diagnostic contains: setting 'running' cannot wake
      while (running) {
        try {
          jobs.take().run();
        } catch (InterruptedException e) {
          LOG.info("ignored");
        }
      }
    }

    void stop() {
      running = false;
      logStopped();
    }

    private void logStopped() {
      LOG.info("stopped");
    }
  }
}
