package dev.leakguard.testdata.executor;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** ExecutorNeverShutDown on records, switch expressions, generics, local and anonymous classes. */
public class ExecutorsModernJava {

  /** A record receives its executor: not its to end. */
  record Worker(ExecutorService pool, String name) {
    void run(Runnable task) {
      pool.execute(task);
    }

    void leaky(Runnable task) {
      // BUG: Diagnostic contains: executor 'local' (Executors.newFixedThreadPool()) is never shut down
      ExecutorService local = Executors.newFixedThreadPool(1);
      local.execute(task);
    }
  }

  enum Size { SMALL, LARGE }

  void switchExpression(Size size, Runnable task) {
    // BUG: Diagnostic contains: executor 'pool' (Executors.newSingleThreadExecutor()) is never shut down
    ExecutorService pool =
        switch (size) {
          case SMALL -> Executors.newSingleThreadExecutor();
          case LARGE -> Executors.newFixedThreadPool(8);
        };
    pool.execute(task);
  }

  void switchExpressionEnded(Size size, Runnable task) {
    ExecutorService pool =
        switch (size) {
          case SMALL -> Executors.newSingleThreadExecutor();
          case LARGE -> Executors.newFixedThreadPool(8);
        };
    pool.execute(task);
    pool.shutdown();
  }

  void conditional(boolean big, Runnable task) {
    // BUG: Diagnostic contains: executor 'pool'
    var pool = big ? Executors.newFixedThreadPool(8) : Executors.newSingleThreadExecutor();
    pool.execute(task);
  }

  <T> List<Future<T>> generic(List<java.util.concurrent.Callable<T>> work) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(work.size());
    try {
      return pool.invokeAll(work);
    } finally {
      pool.shutdown();
    }
  }

  void localClass(Runnable task) {
    class Job {
      void go() {
        // BUG: Diagnostic contains: executor 'inner'
        ExecutorService inner = Executors.newCachedThreadPool();
        inner.execute(task);
      }

      void clean() {
        ExecutorService inner = Executors.newCachedThreadPool();
        inner.execute(task);
        inner.shutdown();
      }
    }
    new Job().go();
  }

  Supplier<ExecutorService> anonymous() {
    return new Supplier<>() {
      @Override
      public ExecutorService get() {
        ExecutorService created = Executors.newSingleThreadExecutor();
        return created; // returned: the caller owns it
      }
    };
  }

  void lambdaBody(List<Runnable> tasks) {
    tasks.forEach(
        task -> {
          // BUG: Diagnostic contains: executor 'each'
          ExecutorService each = Executors.newSingleThreadExecutor();
          each.execute(task);
        });
  }

  /** An anonymous class that owns a pool and closes it. */
  AutoCloseable anonymousOwner() {
    return new AutoCloseable() {
      private final ExecutorService pool = Executors.newSingleThreadExecutor();

      @Override
      public void close() {
        pool.shutdownNow();
      }
    };
  }
}
