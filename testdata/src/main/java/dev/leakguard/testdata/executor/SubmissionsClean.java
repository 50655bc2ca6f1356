package dev.leakguard.testdata.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** SubmissionWithoutCancellation: tasks that can be stopped, and look-alikes. */
public class SubmissionsClean {

  /** Injected: its owner ends it (ExecutorNeverShutDown checks that owner). */
  private final ExecutorService injected;

  SubmissionsClean(ExecutorService injected) {
    this.injected = injected;
  }

  void droppedOnInjectedExecutor(BlockingQueue<String> queue) {
    injected.submit(() -> queue.take());
    injected.execute(() -> System.out.println("fire and forget"));
  }

  private final java.util.Map<String, ScheduledExecutorService> schedulers = new java.util.HashMap<>();

  void executorFromMap(String tenant, Runnable poll, BlockingQueue<String> queue) {
    // Held in a map: who ends it is unclear, so no warning.
    schedulers.get(tenant).scheduleAtFixedRate(poll, 0, 1, TimeUnit.SECONDS);
    schedulers
        .computeIfAbsent(tenant, t -> Executors.newSingleThreadScheduledExecutor())
        .submit(() -> queue.take());
  }

  void taskThatEndsByItself() {
    CompletableFuture.runAsync(() -> System.out.println("done"));
  }

  void periodicEndedByShutdown(Runnable poll) throws InterruptedException {
    // The default policy cancels periodic tasks on shutdown().
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    scheduler.scheduleAtFixedRate(poll, 0, 1, TimeUnit.SECONDS);
    Thread.sleep(10_000);
    scheduler.shutdown();
  }

  void blockingTaskEndedByShutdownNow(BlockingQueue<String> queue) {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.submit(() -> queue.take());
    pool.shutdownNow();
  }

  Future<String> returnedToCaller(BlockingQueue<String> queue) {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<String> future = pool.submit(() -> queue.take());
    pool.shutdown();
    return future;
  }

  String awaited(Callable<String> work, BlockingQueue<String> queue) throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<String> future = pool.submit(() -> queue.take());
      return future.get(5, TimeUnit.SECONDS);
    } finally {
      pool.shutdown();
    }
  }

  CompletableFuture<String> boundedWithOrTimeout(BlockingQueue<String> queue) {
    CompletableFuture<String> result =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return queue.take();
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .orTimeout(5, TimeUnit.SECONDS);
    return result;
  }

  void cancelledLocally(BlockingQueue<String> queue) {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<?> future = pool.submit(() -> queue.take());
    future.cancel(true);
    pool.shutdown();
  }

  void collectedIntoList(List<Callable<String>> work) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<String>> futures = new ArrayList<>();
    for (Callable<String> w : work) {
      futures.add(pool.submit(w));
    }
    pool.invokeAll(work);
    pool.shutdown();
  }

  void daemonThread(BlockingQueue<String> queue) {
    Thread worker = new Thread(() -> SubmissionsClean.drain(queue));
    worker.setDaemon(true);
    worker.start();
  }

  void joinedThread(BlockingQueue<String> queue) throws InterruptedException {
    Thread worker = new Thread(() -> SubmissionsClean.drain(queue));
    worker.start();
    worker.join(1000);
  }

  void threadThatEndsByItself() {
    new Thread(() -> System.out.println("hello")).start();
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

  /** A loop only an interrupt ends, on a pool ended by shutdown(): ExecutorNeverShutDown's report. */
  void interruptOnlyLoopIsReportedAtTheShutdown(BlockingQueue<String> queue) {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.submit(() -> drain(queue));
    pool.shutdown();
  }

  void timerCancelled(TimerTask tick) throws InterruptedException {
    Timer timer = new Timer();
    timer.scheduleAtFixedRate(tick, 0L, 1000L);
    Thread.sleep(5000);
    timer.cancel();
  }
}

/** The refresher idiom: the handle is kept and cancelled in stop(). */
class ScheduledRefresher {
  private final ScheduledExecutorService scheduler;
  private volatile ScheduledFuture<?> refresh;

  ScheduledRefresher(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  void start(Runnable reload) {
    refresh = scheduler.scheduleWithFixedDelay(reload, 0, 30, TimeUnit.SECONDS);
  }

  void stop() {
    refresh.cancel(false);
  }
}

/** Own scheduler, never shut down, but the periodic task is cancelled in close(). */
class OwnSchedulerCancelledTask implements AutoCloseable {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ScheduledFuture<?> heartbeat;

  OwnSchedulerCancelledTask(Runnable beat) {
    heartbeat = scheduler.scheduleAtFixedRate(beat, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    heartbeat.cancel(true);
    scheduler.shutdownNow();
  }
}

/** A consumer thread kept in a field and interrupted on close. */
class ConsumerThread implements AutoCloseable {
  private final Thread thread;

  ConsumerThread(BlockingQueue<String> queue) {
    thread = new Thread(() -> SubmissionsClean.drain(queue), "consumer");
    thread.start();
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}

/** A pool owned and ended with shutdownNow() in close(): its tasks are interrupted. */
class Workers implements AutoCloseable {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  void start(BlockingQueue<String> queue) {
    pool.execute(() -> SubmissionsClean.drain(queue));
    pool.submit(
        new Runnable() {
          @Override
          public void run() {
            SubmissionsClean.drain(queue);
          }
        });
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}

/** Records and switch expressions. */
record Job(ExecutorService pool, BlockingQueue<String> queue) {
  Future<String> start(boolean twice) {
    return switch (twice ? 2 : 1) {
      case 1 -> pool.submit(() -> queue.take());
      default -> {
        pool.submit(() -> queue.take());
        yield pool.submit(() -> queue.take());
      }
    };
  }
}

/** A Thread subclass that makes itself a daemon in its constructor: it does not outlive the JVM's work. */
class DaemonDrainer extends Thread {
  private final BlockingQueue<String> queue;

  DaemonDrainer(BlockingQueue<String> queue) {
    super("drainer");
    this.queue = queue;
    setDaemon(true);
  }

  @Override
  public void run() {
    SubmissionsClean.drain(queue);
  }

  static void launch(BlockingQueue<String> queue) {
    new DaemonDrainer(queue).start();
    DaemonDrainer held = new DaemonDrainer(queue);
    held.start();
    new Thread(() -> SubmissionsClean.drain(queue)) {
      {
        setDaemon(true);
      }
    }.start();
  }
}

/** CompletableFuture look-alikes that do stop: a task that ends, a pool ended with shutdownNow(), a real Future. */
class CompletableLookAlikes implements AutoCloseable {
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final CompletableFuture<Void> oneShot;
  private final CompletableFuture<Void> onPool;
  private final Future<?> submitted;

  CompletableLookAlikes(BlockingQueue<String> queue) {
    oneShot = CompletableFuture.runAsync(() -> System.out.println(queue.poll())); // ends by itself
    onPool = CompletableFuture.runAsync(() -> SubmissionsClean.drain(queue), pool); // shutdownNow() interrupts it
    submitted = pool.submit(() -> SubmissionsClean.drain(queue)); // Future.cancel(true) interrupts
  }

  String awaited(BlockingQueue<String> queue) throws Exception {
    CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> take(queue));
    try {
      return f.get(1, TimeUnit.SECONDS);
    } finally {
      f.cancel(true);
    }
  }

  static String take(BlockingQueue<String> queue) {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public void close() {
    oneShot.cancel(true);
    onPool.cancel(true);
    submitted.cancel(true);
    pool.shutdownNow();
  }
}
