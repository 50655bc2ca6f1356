package dev.leakguard.testdata.executor;

import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** SubmissionWithoutCancellation: tasks nothing can stop. */
public class SubmissionsFlagged {

  // --- Periodic tasks: the strongest case -------------------------------------------------------

  void periodicOnLocalNobodyEnds(Runnable poll) {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    // BUG: Diagnostic contains: this periodic task runs forever: its future is dropped, and nobody ends 'scheduler'
    scheduler.scheduleAtFixedRate(poll, 0, 1, TimeUnit.SECONDS);
  }

  void periodicOnExecutorKeptNowhere(Runnable poll) {
    // BUG: Diagnostic contains: this periodic task runs forever
    Executors.newScheduledThreadPool(1).scheduleWithFixedDelay(poll, 0, 5, TimeUnit.SECONDS);
  }

  void periodicKeptButNeverCancelled(Runnable poll) {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    // BUG: Diagnostic contains: its future is kept in 'handle' but never cancelled or awaited
    ScheduledFuture<?> handle = scheduler.scheduleAtFixedRate(poll, 0, 1, TimeUnit.SECONDS);
    System.out.println(handle.isDone());
  }

  void timerPeriodic(TimerTask tick) {
    Timer timer = new Timer("ticks");
    // BUG: Diagnostic contains: this periodic task runs forever: it has no handle to cancel, and nobody ends 'timer'
    timer.scheduleAtFixedRate(tick, 0L, 1000L);
  }

  void timerScheduleWithPeriod() {
    Timer timer = new Timer();
    // BUG: Diagnostic contains: this periodic task runs forever
    timer.schedule(
        new TimerTask() {
          @Override
          public void run() {
            System.out.println("tick");
          }
        },
        0L,
        1000L);
  }

  void periodicSurvivesShutdownByPolicy(Runnable poll) {
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(true);
    // BUG: Diagnostic contains: setContinueExistingPeriodicTasksAfterShutdownPolicy(true) keeps it
    scheduler.scheduleAtFixedRate(poll, 0, 1, TimeUnit.SECONDS);
    scheduler.shutdown();
  }

  // --- One-shot tasks that can run forever --------------------------------------------------------

  void blockingTaskOnCommonPool(BlockingQueue<String> queue) {
    // BUG: Diagnostic contains: this task runs BlockingQueue.take() (line
    CompletableFuture.runAsync(
        () -> {
          try {
            System.out.println(queue.take());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  void shutdownLetsBlockingTaskRun(BlockingQueue<String> queue) {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    // BUG: Diagnostic contains: shutdown() lets running tasks finish, so this one keeps its thread forever
    pool.submit(() -> queue.take());
    pool.shutdown();
  }

  void anonymousRunnableOnPoolNobodyEnds(BlockingQueue<String> queue) {
    ExecutorService pool = Executors.newCachedThreadPool();
    // BUG: Diagnostic contains: it has no handle to cancel and nobody ends 'pool'
    pool.execute(
        new Runnable() {
          @Override
          public void run() {
            try {
              queue.put("x");
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
  }

  void loopWithNoExitOnCommonPool(BlockingQueue<String> queue) {
    // BUG: Diagnostic contains: this task runs a loop with no exit
    CompletableFuture.runAsync(
        () -> {
          while (true) {
            try {
              System.out.println(queue.take());
            } catch (InterruptedException e) {
              // swallowed: even an interrupt cannot stop this loop
            }
          }
        });
  }

  // --- Threads kept nowhere -----------------------------------------------------------------------

  void threadKeptNowhere(BlockingQueue<String> queue) {
    new Thread(
            () -> {
              try {
                while (true) {
                  System.out.println(queue.take());
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            })
        // BUG: Diagnostic contains: this thread runs a loop that only an interrupt ends (line
        .start();
  }

  void threadNeverInterrupted(BlockingQueue<String> queue) {
    Thread consumer = new Thread(() -> drain(queue), "consumer");
    // BUG: Diagnostic contains: is kept in 'consumer' but never cancelled or awaited
    consumer.start();
  }

  void threadSubclassKeptNowhere() {
    // BUG: Diagnostic contains: this thread runs CountDownLatch.await()
    new Sleeper().start();
  }

  static void drain(BlockingQueue<String> queue) {
    try {
      for (;;) {
        System.out.println(queue.take());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static final class Sleeper extends Thread {
    private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

    @Override
    public void run() {
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

/** Tasks held in a final field, and a class that submits itself. */
class SelfSubmitting implements Runnable {
  private final BlockingQueue<String> queue = new java.util.concurrent.LinkedBlockingQueue<>();
  private final Runnable waiter =
      () -> {
        try {
          queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      };

  void start() {
    // BUG: Diagnostic contains: this task runs BlockingQueue.take()
    CompletableFuture.runAsync(waiter);
    // BUG: Diagnostic contains: this task runs BlockingQueue.put()
    CompletableFuture.runAsync(this);
  }

  @Override
  public void run() {
    try {
      queue.put("x");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

/** A scheduled refresher the class starts and never stops: stop() forgets both handle and executor. */
class Refresher {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private ScheduledFuture<?> refresh;

  void start(Runnable reload) {
    // BUG: Diagnostic contains: its future is kept in field 'refresh' that nothing cancels, and nobody ends 'scheduler'
    refresh = scheduler.scheduleWithFixedDelay(reload, 0, 30, TimeUnit.SECONDS);
  }

  void stop() {
    System.out.println("stopping");
  }
}

/** A Thread subclass that sets daemon only on another thread: its own instances are not daemons. */
class NotADaemonDrainer extends Thread {
  private final BlockingQueue<String> queue;

  NotADaemonDrainer(BlockingQueue<String> queue) {
    this.queue = queue;
    Thread helper = new Thread(() -> {});
    helper.setDaemon(true);
  }

  @Override
  public void run() {
    try {
      while (true) {
        queue.take();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void launch(BlockingQueue<String> queue) {
    // BUG: Diagnostic contains: this thread runs a loop that only an interrupt ends
    new NotADaemonDrainer(queue).start();
  }
}

/**
 * CompletableFuture.cancel(true) does not interrupt: the loop, which only an interrupt ends, keeps
 * its common-pool thread after close().
 */
class CompletableConsumer implements AutoCloseable {
  private final CompletableFuture<Void> consumer;
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private CompletableFuture<Void> bounded;

  CompletableConsumer(BlockingQueue<String> queue) {
    // BUG: Diagnostic contains: CompletableFuture.cancel(true) does not interrupt the running task
    consumer = CompletableFuture.runAsync(() -> drainForever(queue));
  }

  void startOnPool(BlockingQueue<String> queue) {
    // BUG: Diagnostic contains: so it keeps its thread in 'pool'
    bounded = CompletableFuture.runAsync(() -> takeOne(queue), pool).orTimeout(5, TimeUnit.SECONDS);
  }

  static void takeOne(BlockingQueue<String> queue) {
    try {
      System.out.println(queue.take());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void drainForever(BlockingQueue<String> queue) {
    try {
      while (true) {
        System.out.println(queue.take());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    consumer.cancel(true);
    bounded.cancel(true);
    pool.shutdown();
  }
}
