package dev.leakguard.testdata.executor;

import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** ExecutorNeverShutDown: executors and timers their owner never ends. */
public class ExecutorsNeverShutDownFlagged {

  // --- Locals ---------------------------------------------------------------------------------

  void neverShutDown(Runnable task) {
    // BUG: Diagnostic contains: executor 'pool' (Executors.newFixedThreadPool()) is never shut down
    ExecutorService pool = Executors.newFixedThreadPool(4);
    pool.submit(task);
  }

  void timerNeverCancelled(TimerTask task) {
    // BUG: Diagnostic contains: timer 'timer' (new Timer(..)) is never shut down, so its threads outlive this method; call timer.cancel()
    Timer timer = new Timer();
    timer.schedule(task, 1000L);
  }

  String getCanFailBeforeShutdown(Callable<String> work) throws Exception {
    // BUG: Diagnostic contains: is not shut down if future.get() (line
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<String> future = pool.submit(work);
    String result = future.get();
    pool.shutdown();
    return result;
  }

  void callIntoOtherCodeBeforeShutdown(Runnable task) {
    // BUG: Diagnostic contains: is not shut down if prepare() (line
    ExecutorService pool = Executors.newCachedThreadPool();
    pool.execute(task);
    prepare();
    pool.shutdown();
  }

  void prepare() {}

  static void tickForAWhile() throws InterruptedException {
    // BUG: Diagnostic contains: if Thread.sleep(5_000) (line 58) throws; move ticker.shutdownNow() into a finally block
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(() -> {}, 0, 1, TimeUnit.SECONDS);
    Thread.sleep(5_000);
    ticker.shutdownNow();
  }

  int earlyReturn(List<Runnable> tasks) {
    // BUG: Diagnostic contains: is not shut down when this method leaves at line
    ExecutorService pool = Executors.newWorkStealingPool();
    if (tasks.isEmpty()) {
      return 0;
    }
    tasks.forEach(pool::execute);
    pool.shutdown();
    return tasks.size();
  }

  void onlySomeBranches(boolean fast, Runnable task) {
    // BUG: Diagnostic contains: is shut down on some paths only
    ExecutorService pool = new ThreadPoolExecutor(1, 1, 0L, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    pool.execute(task);
    if (fast) {
      pool.shutdownNow();
    }
  }

  void endedOnlyInShortCircuit(boolean skip, Runnable task) {
    // BUG: Diagnostic contains: is shut down on some paths only
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.execute(task);
    boolean ended = skip || pool.shutdownNow().isEmpty();
  }

  void forkJoinPoolNeverShutDown(Runnable task) {
    // BUG: Diagnostic contains: executor 'pool' (new ForkJoinPool(..))
    ForkJoinPool pool = new ForkJoinPool(2);
    pool.execute(task);
  }

  void customPoolSubclass(Runnable task) {
    // BUG: Diagnostic contains: executor 'pool' (new ThreadPoolExecutor(..)) is never shut down
    ExecutorService pool =
        new ThreadPoolExecutor(1, 1, 0L, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
          @Override
          protected void afterExecute(Runnable r, Throwable t) {
            System.out.println("ran " + r);
          }
        };
    pool.execute(task);
  }

  void usedOnce(Runnable task) {
    // BUG: Diagnostic contains: this executor (Executors.newSingleThreadExecutor()) is used once and kept nowhere
    Executors.newSingleThreadExecutor().execute(task);
  }

  void poolForOneFuture(Runnable task) {
    // BUG: Diagnostic contains: this executor (Executors.newCachedThreadPool()) is used once and kept nowhere
    CompletableFuture.runAsync(task, Executors.newCachedThreadPool());
  }

  CompletableFuture<String> poolForAReturnedFuture() {
    return CompletableFuture.supplyAsync(
        // BUG: Diagnostic contains: this executor (Executors.newSingleThreadExecutor()) is used once
        () -> "x", Executors.newSingleThreadExecutor());
  }

  void timerUsedOnce(TimerTask task) {
    // BUG: Diagnostic contains: this timer (new Timer(..)) is used once and kept nowhere
    new Timer("once").schedule(task, 10L);
  }

  // BUG: Diagnostic contains: @Owning parameter 'pool' makes runAndForget() the owner of the executor, but it never shuts it down
  void runAndForget(@dev.leakguard.annotations.Owning ExecutorService pool, Runnable task) {
    pool.execute(task);
  }

  // --- shutdown() cannot end a task that only an interrupt ends ---------------------------------

  void shutdownDoesNotStopCalledDrainLoop(BlockingQueue<String> queue) {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.submit(() -> drainForever(queue));
    // BUG: Diagnostic contains: executor 'pool' runs a loop that only an interrupt ends
    pool.shutdown();
  }

  static void drainForever(BlockingQueue<String> queue) {
    try {
      for (;;) {
        System.out.println(queue.take());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void shutdownDoesNotStopDrainLoop(BlockingQueue<String> queue) {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.submit(
        () -> {
          try {
            while (true) {
              System.out.println(queue.take());
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    // BUG: Diagnostic contains: executor 'pool' runs a loop that only an interrupt ends (line
    pool.shutdown();
  }

  void shutdownDoesNotStopInterruptCheckingLoop() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.execute(
        new Runnable() {
          @Override
          public void run() {
            while (!Thread.currentThread().isInterrupted()) {
              Thread.onSpinWait();
            }
          }
        });
    // BUG: Diagnostic contains: shutdown() lets running tasks finish, so the executor never terminates
    pool.shutdown();
  }
}

/** A pool created in the constructor and never shut down, although the class has close(). */
class ReportCache implements AutoCloseable {
  // BUG: Diagnostic contains: executor 'refresher' is created by ReportCache but never shut down: ReportCache.close() should call refresher.shutdownNow()
  private final ScheduledExecutorService refresher;
  private final List<String> reports = new java.util.ArrayList<>();

  ReportCache() {
    refresher = Executors.newSingleThreadScheduledExecutor();
  }

  @Override
  public void close() {
    reports.clear();
  }
}

/** No lifecycle method at all: each instance leaks a pool. */
class Crawler {
  // BUG: Diagnostic contains: and Crawler has no lifecycle method to do it
  private final ExecutorService workers = Executors.newFixedThreadPool(8);

  void crawl(List<Runnable> pages) {
    pages.forEach(workers::execute);
  }
}

/** A field marked @Owning although injected: the class must end it. */
class OwningInjected {
  // BUG: Diagnostic contains: executor 'pool' is owned by OwningInjected but never shut down: OwningInjected.stop() should call pool.shutdownNow()
  @dev.leakguard.annotations.Owning private final ExecutorService pool;

  OwningInjected(@dev.leakguard.annotations.Owning ExecutorService pool) {
    this.pool = pool;
  }

  void stop() {}
}

/** A static pool with default (non-daemon) threads and nothing that ends it. */
class Metrics {
  // BUG: Diagnostic contains: static executor 'FLUSHER' (Executors.newSingleThreadScheduledExecutor()) runs non-daemon threads
  static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor();

  // BUG: Diagnostic contains: static timer 'TIMER' (new Timer(..)) runs non-daemon threads
  static final Timer TIMER = new Timer("metrics");

  // A factory lambda that does not make daemon threads.
  // BUG: Diagnostic contains: static executor 'NAMED'
  static final ExecutorService NAMED =
      Executors.newFixedThreadPool(2, r -> new Thread(r, "metrics-worker"));
}

/** A field pool shut down gracefully while it runs a loop only an interrupt ends. */
class Consumer implements AutoCloseable {
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

  void start() {
    pool.execute(this::consume);
  }

  private void consume() {
    try {
      while (true) {
        handle(queue.take());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(String item) {}

  @Override
  public void close() {
    // BUG: Diagnostic contains: use pool.shutdownNow(), which interrupts it
    pool.shutdown();
  }
}

/** The parent shuts its pool down in stop(); the child overrides stop() and drops that. */
class BaseService {
  protected final ExecutorService pool = Executors.newFixedThreadPool(2);

  public void stop() {
    pool.shutdownNow();
  }
}

class ChildService extends BaseService {
  private boolean stopped;

  @Override
  // BUG: Diagnostic contains: ChildService.stop() overrides BaseService.stop() without calling super.stop(), so BaseService's executor 'pool' is never shut down
  public void stop() {
    stopped = true;
  }
}

/** An enum constant's pool lives as long as the process: non-daemon threads keep the JVM alive. */
enum Dispatcher {
  INSTANCE;

  // BUG: Diagnostic contains: enum Dispatcher's executor 'pool' (Executors.newFixedThreadPool()) runs non-daemon threads
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  void dispatch(Runnable task) {
    pool.execute(task);
  }
}

/** A package-private pool nothing in the file ends. */
class PackagePool {
  // BUG: Diagnostic contains: executor 'pool' is created by PackagePool but never shut down
  final ExecutorService pool = Executors.newFixedThreadPool(2);
}

/** The looping task's handle is kept but never cancelled, or is a CompletableFuture (cancel does not interrupt). */
class KeepsButNeverCancels implements AutoCloseable {
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final ExecutorService asyncPool = Executors.newSingleThreadExecutor();
  private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private Future<?> consumer;
  private CompletableFuture<Void> asyncConsumer;

  void start() {
    consumer = pool.submit(this::drain);
    asyncConsumer = CompletableFuture.runAsync(this::drain, asyncPool);
  }

  private void drain() {
    try {
      while (true) {
        System.out.println(queue.take());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean running() {
    return !consumer.isDone();
  }

  @Override
  public void close() {
    asyncConsumer.cancel(true);
    // BUG: Diagnostic contains: executor 'pool' runs a loop that only an interrupt ends
    pool.shutdown();
    // BUG: Diagnostic contains: executor 'asyncPool' runs a loop that only an interrupt ends
    asyncPool.shutdown();
  }
}
