package dev.leakguard.testdata.blocking;

import static com.google.common.base.Preconditions.checkState;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Near misses of the clean shapes: each of these can still hang. */
class BlockingByContractFlagged {
  /** Both branches are untimed: no bound anywhere. */
  Runnable bothUntimed(BlockingQueue<Runnable> jobs, BlockingQueue<Runnable> urgent, boolean fast)
      throws InterruptedException {
    if (fast) {
      // BUG: Diagnostic contains: BlockingQueue.take()
      return urgent.take();
    }
    // BUG: Diagnostic contains: BlockingQueue.take()
    return jobs.take();
  }

  /** The timed branch polls another queue: this one has no bound. */
  Runnable timedOnAnotherQueue(BlockingQueue<Runnable> jobs, BlockingQueue<Runnable> other, long t)
      throws InterruptedException {
    if (t <= 0) {
      // BUG: Diagnostic contains: BlockingQueue.take()
      return jobs.take();
    }
    return other.poll(t, TimeUnit.NANOSECONDS);
  }

  /** A helper that does not test done-ness proves nothing. */
  static boolean isWanted(CompletableFuture<?> future) {
    return future != null && !future.isCancelled() || future == null;
  }

  static Object helperWithoutDoneTest(CompletableFuture<Object> future) {
    // BUG: Diagnostic contains: CompletableFuture.join()
    return isWanted(future) ? future.join() : null;
  }

  /** A precondition on something else proves nothing about the future. */
  static Object preconditionOnOther(Future<Object> future, boolean ready) throws Exception {
    checkState(ready);
    // BUG: Diagnostic contains: Future.get()
    return future.get();
  }

  /** A helper named like a wait on its own field is no variant of the caller's wait. */
  private final CountDownLatch started = new CountDownLatch(1);

  void getReady() throws InterruptedException {
    // BUG: Diagnostic contains: CountDownLatch.await()
    started.await();
  }

  /** A variant name on an object it made itself: nobody else can bound it. */
  static Object getFresh() throws Exception {
    Future<Object> future = new CompletableFuture<>();
    // BUG: Diagnostic contains: Future.get()
    return future.get();
  }

  /** The branch is chosen by request state, not by a timeout configured as none: no bound here. */
  static final class PassGate {
    private final java.util.concurrent.Semaphore passes = new java.util.concurrent.Semaphore(10);
    private final long waitMs = 50;

    boolean enter(boolean resumed) throws InterruptedException {
      if (resumed) {
        // BUG: Diagnostic contains: Semaphore.acquire()
        passes.acquire();
        return true;
      } else {
        return passes.tryAcquire(waitMs, TimeUnit.MILLISECONDS);
      }
    }
  }

  /** A private helper that an ordinary method also calls is no contract's wait. */
  static final class SharedHelper extends java.io.InputStream {
    private final BlockingQueue<Integer> bytes = new java.util.concurrent.LinkedBlockingQueue<>();

    @Override
    public int read() throws java.io.IOException {
      return awaitByte();
    }

    int peekNext() throws java.io.IOException {
      return awaitByte();
    }

    private int awaitByte() throws java.io.IOException {
      try {
        // BUG: Diagnostic contains: BlockingQueue.take()
        return bytes.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException();
      }
    }
  }
}
