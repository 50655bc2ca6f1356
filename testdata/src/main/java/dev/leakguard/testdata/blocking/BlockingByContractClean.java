package dev.leakguard.testdata.blocking;

import static com.google.common.base.Preconditions.checkState;

import io.netty.util.concurrent.GenericFutureListener;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Shapes found in real libraries (the corpus run) where the untimed wait is correct code. */
class BlockingByContractClean {
  /** The untimed call is the branch for "no timeout configured"; the other branch is timed. */
  static final class ConfiguredWait {
    private final BlockingQueue<Runnable> jobs;
    private final long idleTimeoutNanos;

    ConfiguredWait(BlockingQueue<Runnable> jobs, long idleTimeoutNanos) {
      this.jobs = jobs;
      this.idleTimeoutNanos = idleTimeoutNanos;
    }

    Runnable nextJob() throws InterruptedException {
      if (idleTimeoutNanos <= 0) {
        return jobs.take();
      }
      return jobs.poll(idleTimeoutNanos, TimeUnit.NANOSECONDS);
    }

    Runnable nextJobElse() throws InterruptedException {
      if (idleTimeoutNanos > 0) {
        return jobs.poll(idleTimeoutNanos, TimeUnit.NANOSECONDS);
      } else {
        return jobs.take();
      }
    }

    Object resultOf(Future<?> future, long timeout, TimeUnit unit) throws Exception {
      return unit == null ? future.get() : future.get(timeout, unit);
    }
  }

  /** Futures known done through a helper, a precondition, an assert, or a completion listener. */
  static final class DoneByHelper {
    static boolean isReady(CompletableFuture<?> future) {
      return future != null && future.isDone() && !future.isCompletedExceptionally();
    }

    static <V> V valueIfReady(CompletableFuture<V> future) {
      return isReady(future) ? future.join() : null;
    }

    static <V> V getDone(Future<V> future) throws ExecutionException, InterruptedException {
      checkState(future.isDone(), "not done: %s", future);
      return future.get();
    }

    static <V> V getAsserted(Future<V> future) throws ExecutionException, InterruptedException {
      assert future.isDone();
      return future.get();
    }

    static Object nettySuccess(io.netty.util.concurrent.Future<Object> future) throws Exception {
      return future.isSuccess() ? future.get() : null;
    }

    static GenericFutureListener<io.netty.util.concurrent.Future<String>> printer() {
      return new GenericFutureListener<io.netty.util.concurrent.Future<String>>() {
        @Override
        public void operationComplete(io.netty.util.concurrent.Future<String> future)
            throws Exception {
          System.out.println(future.get());
        }
      };
    }
  }

  /** Methods whose own contract is to block: their callers are where a bound belongs. */
  static final class BlockingByContract<T> {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile T value;

    /** Explicitly named blocking API, like RxJava's blockingGet(). */
    public T blockingGet() throws InterruptedException {
      done.await();
      return value;
    }

    /** A named variant of the same wait on the future its caller passes in. */
    public static <V> V getUninterruptibly(Future<V> future) throws ExecutionException {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return future.get();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** A stream over asynchronously filled data blocks in read() by the contract of InputStream. */
  static final class SharedInputStream extends InputStream {
    private final BlockingQueue<Integer> bytes;

    SharedInputStream(BlockingQueue<Integer> bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() throws IOException {
      return awaitByte();
    }

    /** A private helper that only read() calls: its wait is read()'s wait. */
    private int awaitByte() throws IOException {
      try {
        return bytes.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException();
      }
    }
  }
}
