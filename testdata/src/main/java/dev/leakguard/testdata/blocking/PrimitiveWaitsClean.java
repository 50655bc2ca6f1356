package dev.leakguard.testdata.blocking;

import java.util.ArrayDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Blocking primitives written by hand (shapes the corpus run found in libraries): the wait is the
 * primitive's own, its callers are where a bound belongs, or its stop path wakes it.
 */
class PrimitiveWaitsClean {
  /** Re-exports take() under take's own name on its own buffer, like a forwarding queue. */
  static final class Mailbox<E> {
    private final BlockingQueue<E> inbox = new LinkedBlockingQueue<>();

    E takeNext() throws InterruptedException {
      return inbox.take();
    }

    E takeOrDefault(boolean wanted, E fallback) throws InterruptedException {
      return wanted ? this.inbox.take() : fallback;
    }
  }

  /** A future that is done on construction: its timed get() delegates to its own get(). */
  static final class DoneFuture<V> implements Future<V> {
    private final V value;

    DoneFuture(V value) {
      this.value = value;
    }

    @Override
    public V get() {
      return value;
    }

    @Override
    public V get(long timeout, TimeUnit unit) {
      return get();
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      return true;
    }
  }

  /** A custom promise: waits on its own latch are how its result is delivered. */
  static final class LatchPromise<V> implements Future<V> {
    private final CountDownLatch latch = new CountDownLatch(1);
    private volatile boolean completing;
    private volatile V result;
    private volatile Throwable failure;

    void succeed(V value) {
      completing = true;
      result = value;
      latch.countDown();
    }

    /** Not an override of get(): a promise-specific way to wait for the result. */
    V getOrThrow() throws Exception {
      latch.await();
      if (failure instanceof Exception e) {
        throw e;
      }
      return result;
    }

    @Override
    public boolean isCancelled() {
      if (completing) {
        try {
          latch.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return failure instanceof java.util.concurrent.CancellationException;
      }
      return false;
    }

    @Override
    public V get() throws InterruptedException, ExecutionException {
      latch.await();
      return result;
    }

    @Override
    public V get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      if (!latch.await(timeout, unit)) {
        throw new TimeoutException();
      }
      return result;
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      return false;
    }

    @Override
    public boolean isDone() {
      return latch.getCount() == 0;
    }
  }

  /** A guarded wait whose close() sets a flag of the loop condition and signals: close wakes it. */
  static final class ClosableBuffer<E> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<E> items = new ArrayDeque<>();
    private boolean closed;

    E next() throws InterruptedException {
      lock.lock();
      try {
        while (items.isEmpty() && !closed) {
          notEmpty.await();
        }
        return items.poll();
      } finally {
        lock.unlock();
      }
    }

    void add(E item) {
      lock.lock();
      try {
        items.add(item);
        notEmpty.signal();
      } finally {
        lock.unlock();
      }
    }

    void close() {
      lock.lock();
      try {
        closed = true;
        wakeAll();
      } finally {
        lock.unlock();
      }
    }

    private void wakeAll() {
      notEmpty.signalAll();
    }
  }

  /**
   * The stop exit is a test in a helper the loop body calls after each wait, and before the loop;
   * the setter signals (an output buffer's flush).
   */
  static final class FlushingBuffer {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private int pending;
    private volatile boolean aborted;

    void flush() throws java.io.InterruptedIOException {
      lock.lock();
      try {
        ensureNotAborted();
        while (pending > 0) {
          try {
            drained.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
          }
          ensureNotAborted();
        }
      } finally {
        lock.unlock();
      }
    }

    private void ensureNotAborted() throws java.io.InterruptedIOException {
      if (aborted) {
        throw new java.io.InterruptedIOException("aborted");
      }
    }

    void abort() {
      lock.lock();
      try {
        aborted = true;
        drained.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** The same with a monitor, tested before each wait: stop() sets the flag and notifies this object. */
  static final class MonitorWorkList {
    private final ArrayDeque<Runnable> work = new ArrayDeque<>();
    private boolean stopped;

    synchronized Runnable next() throws InterruptedException {
      while (work.isEmpty()) {
        if (stopped) {
          return null;
        }
        wait();
      }
      return work.poll();
    }

    synchronized void stop() {
      stopped = true;
      notifyAll();
    }
  }

  /** A hand-written lock: acquire waits for the holder's close(), as Lock.lock() would. */
  static final class SharedSlot {
    private static final Object HELD = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private Object holder;

    private final AutoCloseable lease =
        new AutoCloseable() {
          @Override
          public void close() {
            lock.lock();
            try {
              holder = null;
              idle.signalAll();
            } finally {
              lock.unlock();
            }
          }
        };

    AutoCloseable acquire() throws InterruptedException {
      lock.lock();
      try {
        while (holder != null) {
          idle.await();
        }
        holder = HELD;
        return lease;
      } finally {
        lock.unlock();
      }
    }
  }

  /** The same with a monitor and a release() method. */
  static final class MonitorMutex {
    private boolean busy;

    synchronized void acquire() throws InterruptedException {
      while (busy) {
        wait();
      }
      busy = true;
    }

    synchronized void release() {
      busy = false;
      notifyAll();
    }
  }
}
