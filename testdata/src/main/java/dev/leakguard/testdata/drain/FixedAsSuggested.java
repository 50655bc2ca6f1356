package dev.leakguard.testdata.drain;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The flagged loops of DrainLoopsFlagged, fixed the way the messages suggest: no LeakGuard check
 * reports them any more.
 */
class FixedAsSuggested {
  interface Job {
    void run();
  }

  /** "in the catch, restore the interrupt and leave the loop". */
  void swallowsAndLogs(BlockingQueue<Job> jobs) {
    while (true) {
      try {
        jobs.take().run();
      } catch (InterruptedException e) {
        System.out.println("interrupted");
        Thread.currentThread().interrupt();
        break;
      }
    }
  }

  private volatile boolean running = true;
  private final BlockingQueue<Job> work = new LinkedBlockingQueue<>();

  /** "poll with a timeout and re-check the flag". */
  void stopFlagWithTimedPoll() {
    while (running) {
      try {
        Job job = work.poll(30, TimeUnit.SECONDS);
        if (job == null) {
          continue;
        }
        job.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Thread worker;

  /** "or interrupt the thread where the flag is set". */
  void stopFlagWithInterrupt() {
    worker = Thread.currentThread();
    while (running) {
      try {
        work.take().run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  void stop() {
    running = false;
    worker.interrupt();
  }

  /** "leave the loop on a poison pill". */
  void poisonPill(BlockingQueue<String> lines) {
    while (true) {
      try {
        String line = lines.take();
        if (line.isEmpty()) {
          break;
        }
      } catch (InterruptedException e) {
        System.out.println("ignored");
      }
    }
  }
}
