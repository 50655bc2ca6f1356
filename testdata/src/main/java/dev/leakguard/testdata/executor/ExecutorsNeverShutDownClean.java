package dev.leakguard.testdata.executor;

import dev.leakguard.annotations.ClosedBy;
import dev.leakguard.annotations.NotOwning;
import dev.leakguard.annotations.Owning;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import javax.annotation.PreDestroy;
import org.springframework.beans.factory.DisposableBean;

/** ExecutorNeverShutDown: correct idioms that must stay unflagged. */
public class ExecutorsNeverShutDownClean {

  // --- Locals ---------------------------------------------------------------------------------

  void straightLine(Runnable task) {
    // create -> submit -> shutdown with nothing in between that can throw: fine without finally.
    ExecutorService pool = Executors.newFixedThreadPool(2);
    pool.submit(task);
    pool.submit(task);
    pool.shutdown();
  }

  String tryFinally(Callable<String> work) throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      return pool.submit(work).get(10, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  void awaitTerminationAfterShutdown(List<Runnable> tasks) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (Runnable task : tasks) {
      pool.execute(task);
    }
    pool.shutdown();
    if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
      pool.shutdownNow();
    }
  }

  String caughtFailure(Callable<String> work) {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<String> future = pool.submit(work);
    String result;
    try {
      result = future.get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      result = "failed";
    }
    pool.shutdown();
    return result;
  }

  void bothBranchesEnd(boolean now, Runnable task) {
    ExecutorService pool = Executors.newCachedThreadPool();
    pool.execute(task);
    if (now) {
      pool.shutdownNow();
    } else {
      pool.shutdown();
    }
  }

  void nullCheckedInFinally(Callable<String> work) throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      System.out.println(pool.submit(work).get(1, TimeUnit.SECONDS));
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  List<Runnable> endingResultUsed(Runnable task) {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.execute(task);
    List<Runnable> neverRan = pool.shutdownNow();
    return neverRan;
  }

  int endingInChain(Runnable task) {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.execute(task);
    return pool.shutdownNow().size();
  }

  void timerCancelled(TimerTask task) throws InterruptedException {
    Timer timer = new Timer(true);
    try {
      timer.schedule(task, 100L);
      Thread.sleep(500L);
    } finally {
      timer.cancel();
    }
  }

  /** A factory: the caller owns what it returns. */
  static ExecutorService newWorkerPool(int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    return pool;
  }

  /** Passed to a method that takes ownership. */
  void handedToOwner(Runnable task) {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.execute(task);
    adopt(pool);
  }

  void adopt(@Owning ExecutorService pool) {
    pool.shutdown();
  }

  /** Passed to code we cannot see: unclear ownership, no warning. */
  void passedToUnknown(Runnable task) {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.execute(task);
    register(pool);
  }

  void register(ExecutorService pool) {}

  /** Held in a map or list: ownership unclear, conservative. */
  private final Map<String, ExecutorService> pools = new ConcurrentHashMap<>();
  private final List<ExecutorService> all = new ArrayList<>();

  void heldInCollections(String name) {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    pools.put(name, pool);
    ExecutorService other = Executors.newCachedThreadPool();
    all.add(other);
  }

  /** Created inside a map's factory lambda: the map holds it; ownership unclear. */
  ExecutorService poolFor(String tenant) {
    return pools.computeIfAbsent(tenant, t -> Executors.newFixedThreadPool(2));
  }

  /** Stored in a field: the class owns it now. */
  private ExecutorService lazy;

  void storedInField() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    lazy = pool;
  }

  /** Ended by a shutdown hook registered in a callback: we cannot tell when; no warning. */
  void endedInHook() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> pool.shutdownNow()));
  }

  /** A drain loop on a pool ended with shutdownNow(): interrupted, so it ends. */
  void shutdownNowEndsDrainLoop(BlockingQueue<String> queue) {
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
    pool.shutdownNow();
  }

  /** A poison pill ends the loop: shutdown() is enough. */
  void poisonPill(BlockingQueue<String> queue) {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.submit(
        () -> {
          try {
            while (true) {
              String item = queue.take();
              if (item.isEmpty()) {
                return;
              }
              System.out.println(item);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    queue.add("");
    pool.shutdown();
  }

  /** shutdown(), then awaitTermination with a timeout, then shutdownNow(): the standard idiom. */
  void shutdownThenNow(BlockingQueue<String> queue) throws InterruptedException {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.execute(
        () -> {
          while (!Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
          }
        });
    pool.shutdown();
    if (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
      pool.shutdownNow();
    }
  }
}

/** The service idiom: created in the constructor, shut down in close(). */
class ReportService implements AutoCloseable {
  private final ExecutorService workers;
  private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor();

  ReportService(int threads) {
    this.workers = Executors.newFixedThreadPool(threads);
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    stopWorkers();
  }

  private void stopWorkers() {
    workers.shutdown();
  }
}

/** Injected executors belong to whoever injected them. */
class InjectedExecutor {
  private final ExecutorService executor;
  @NotOwning private final ExecutorService borrowed;

  InjectedExecutor(ExecutorService executor, ExecutorService borrowed) {
    this.executor = executor;
    this.borrowed = borrowed;
  }

  void run(Runnable task) {
    executor.execute(task);
    borrowed.execute(task);
  }
}

/** @PreDestroy, Spring's DisposableBean and @ClosedBy methods end what the class owns. */
class ContainerManaged implements DisposableBean {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final ExecutorService other = Executors.newCachedThreadPool();

  @ClosedBy("release")
  private final Timer timer = new Timer();

  @PreDestroy
  void preDestroy() {
    pool.shutdownNow();
  }

  @Override
  public void destroy() {
    other.shutdown();
  }

  void release() {
    timer.cancel();
  }
}

/** Guava Service-style shutDown() hook. */
class PollingService {
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);

  protected void shutDown() throws InterruptedException {
    scheduler.shutdown();
    scheduler.awaitTermination(5, TimeUnit.SECONDS);
  }
}

/** Static executors that do not keep the JVM alive, or that a shutdown hook ends. */
class StaticPools {
  static final ExecutorService DAEMON =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "daemon-worker");
            t.setDaemon(true);
            return t;
          });

  static final ExecutorService FACTORY_CLASS = Executors.newCachedThreadPool(new DaemonFactory());

  static final Timer DAEMON_TIMER = new Timer("ticks", true);

  static final ExecutorService WORK_STEALING = Executors.newWorkStealingPool();

  static final ExecutorService HOOKED = Executors.newSingleThreadExecutor();

  static final ExecutorService HOOKED_BY_LAMBDA = Executors.newSingleThreadExecutor();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(HOOKED::shutdownNow));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> HOOKED_BY_LAMBDA.shutdown()));
  }

  /** Configured elsewhere: whether it makes daemon threads is not visible here. */
  static ThreadFactory configuredFactory = Executors.defaultThreadFactory();

  static final ExecutorService EXTERNAL_FACTORY = Executors.newFixedThreadPool(2, configuredFactory);

  private static final class DaemonFactory implements ThreadFactory {
    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    }
  }
}

/** A child that calls super.stop() keeps the parent's shutdown. */
class GoodChildService extends BaseServiceForClean {
  @Override
  public void stop() {
    super.stop();
  }
}

class BaseServiceForClean {
  protected final ExecutorService pool = Executors.newFixedThreadPool(2);

  public void stop() {
    pool.shutdownNow();
  }
}

/** An executor passed straight to a method or returned from a getter: ownership is elsewhere. */
class Exposes {
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  ExecutorService executor() {
    return pool;
  }

  String get(Callable<String> work) throws ExecutionException, InterruptedException {
    return pool.submit(work).get();
  }
}

/** An enum constant lives as long as the process: like a static field, daemon threads are fine. */
enum DaemonSingleton {
  INSTANCE;

  private final ExecutorService pool =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "singleton-worker");
            t.setDaemon(true);
            return t;
          });

  void run(Runnable task) {
    pool.execute(task);
  }
}

/** The pool a base class creates, shut down by a subclass in the same file. */
class WorkerBase {
  final ExecutorService workers = Executors.newFixedThreadPool(2);

  void run(Runnable task) {
    workers.execute(task);
  }
}

class ClosingWorker extends WorkerBase implements AutoCloseable {
  @Override
  public void close() {
    workers.shutdownNow();
  }
}

/** A nested holder's pool, ended by the outer class that holds the holder. */
class HolderOwner implements AutoCloseable {
  static final class Holder {
    final ExecutorService pool = Executors.newCachedThreadPool();
  }

  private final Holder holder = new Holder();

  @Override
  public void close() {
    holder.pool.shutdownNow();
  }
}

/** A protected pool of an abstract class: subclasses, in files we do not see, end it. */
abstract class AbstractPooledService {
  protected final ExecutorService pool = Executors.newFixedThreadPool(2);

  void submit(Runnable task) {
    pool.execute(task);
  }
}

/** Spring @Bean factories: the container owns what they return and ends it (destroyMethod, or inferred shutdown/close). */
class ExecutorConfiguration {
  @org.springframework.context.annotation.Bean(destroyMethod = "shutdown")
  ExecutorService workers() {
    return Executors.newFixedThreadPool(4);
  }

  @org.springframework.context.annotation.Bean
  ScheduledExecutorService scheduler() {
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    scheduler.scheduleAtFixedRate(() -> {}, 0, 1, TimeUnit.MINUTES);
    return scheduler;
  }
}

/** A field pool a shutdown hook registered in the constructor ends. */
class HookedInConstructor {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  HookedInConstructor() {
    Runtime.getRuntime().addShutdownHook(new Thread(pool::shutdownNow, "pool-shutdown"));
  }

  void run(Runnable task) {
    pool.execute(task);
  }
}

/** The looping task's Future is cancelled first: cancel(true) interrupts it, so shutdown() then ends the pool. */
class CancelsItsConsumerFirst implements AutoCloseable {
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final BlockingQueue<String> queue = new java.util.concurrent.LinkedBlockingQueue<>();
  private Future<?> consumer;

  void start() {
    consumer = pool.submit(this::drain);
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

  @Override
  public void close() {
    consumer.cancel(true);
    pool.shutdown();
  }

  static void local(BlockingQueue<String> queue) throws InterruptedException {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<?> f =
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
    try {
      Thread.sleep(100);
    } finally {
      f.cancel(true);
      pool.shutdown();
    }
  }
}
