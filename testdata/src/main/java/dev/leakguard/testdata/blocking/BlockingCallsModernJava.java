package dev.leakguard.testdata.blocking;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Records, switch expressions, generics, lambdas, anonymous and local classes. */
class BlockingCallsModernJava {
  record Job<T extends Comparable<T>>(BlockingQueue<T> queue) {
    T next() throws InterruptedException {
      // BUG: Diagnostic contains: BlockingQueue.take()
      return queue.take();
    }

    T nextBounded() throws InterruptedException {
      return queue.poll(1, TimeUnit.SECONDS);
    }
  }

  int switchExpression(int kind, CompletableFuture<Integer> future) {
    return switch (kind) {
      case 0 -> future.isDone() ? future.join() : -1;
      // BUG: Diagnostic contains: CompletableFuture.join()
      default -> future.join();
    };
  }

  Supplier<String> lambda(BlockingQueue<String> queue) {
    return () -> {
      try {
        // BUG: Diagnostic contains: BlockingQueue.take()
        return queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    };
  }

  Runnable anonymous(Future<?> future) {
    return new Runnable() {
      @Override
      public void run() {
        try {
          // BUG: Diagnostic contains: Future.get()
          future.get();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }

  <T> T generic(Future<? extends T> future) throws Exception {
    // BUG: Diagnostic contains: Future.get()
    return future.get();
  }

  void localClass(List<Thread> threads) throws InterruptedException {
    class Joiner {
      void joinAll() throws InterruptedException {
        for (Thread t : threads) {
          // BUG: Diagnostic contains: Thread.join()
          t.join();
        }
      }
    }
    new Joiner().joinAll();
  }

  Object methodReferenceOnBoundReceiver(CompletableFuture<String> future) {
    Supplier<String> s =
        // BUG: Diagnostic contains: CompletableFuture.join()
        future::join;
    return s.get();
  }

  Object boundReferenceOnCompletedFuture() {
    CompletableFuture<String> done = CompletableFuture.completedFuture("x");
    Supplier<String> s = done::join;
    return s.get();
  }

  List<String> inferred(BlockingQueue<List<String>> queue) throws InterruptedException {
    // BUG: Diagnostic contains: BlockingQueue.take()
    var batch = queue.take();
    return batch;
  }
}
