package dev.leakguard.testdata.blocking;

import java.util.ArrayDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Near misses of the hand-written primitives: each of these can still hang. */
class PrimitiveWaitsFlagged {
  /** Another name than the wait's: an awaitReply() is the untimed wait this check is about. */
  static final class Replies {
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    String awaitReply() throws InterruptedException {
      // BUG: Diagnostic contains: BlockingQueue.take()
      return replies.take();
    }

    /** take's name, but on a queue handed in: the caller owns it, nobody bounds this wait. */
    String takeFrom(BlockingQueue<String> other) throws InterruptedException {
      // BUG: Diagnostic contains: BlockingQueue.take()
      return other.take();
    }

    /** take's name on its own queue, but the result is not what it returns. */
    int takeAndCount() throws InterruptedException {
      // BUG: Diagnostic contains: BlockingQueue.take()
      String reply = replies.take();
      return reply.length();
    }

    /** A lambda returning the wait is a task, not a forwarding method. */
    java.util.concurrent.Callable<String> takeLater() {
      // BUG: Diagnostic contains: BlockingQueue.take()
      return () -> replies.take();
    }
  }

  /** Not a Future: a worker waiting on its own latch is a leak site. */
  static final class Worker implements Runnable {
    private final CountDownLatch go = new CountDownLatch(1);

    @Override
    public void run() {
      try {
        // BUG: Diagnostic contains: CountDownLatch.await()
        go.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The only exit is the awaited state itself: nothing but a producer ends this wait. */
  static final class UnstoppableBuffer<E> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<E> items = new ArrayDeque<>();
    private boolean ready;

    E next() throws InterruptedException {
      lock.lock();
      try {
        while (!ready) {
          // BUG: Diagnostic contains: Condition.await()
          notEmpty.await();
        }
        return items.poll();
      } finally {
        lock.unlock();
      }
    }

    void publish(E item) {
      lock.lock();
      try {
        items.add(item);
        ready = true;
        notEmpty.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** A stop flag whose setter does not signal cannot wake a parked thread. */
  static final class SilentClose<E> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<E> items = new ArrayDeque<>();
    private volatile boolean closed;

    E next() throws InterruptedException {
      lock.lock();
      try {
        while (items.isEmpty() && !closed) {
          // BUG: Diagnostic contains: Condition.await()
          notEmpty.await();
        }
        return items.poll();
      } finally {
        lock.unlock();
      }
    }

    /** Sets the flag, but signals the other condition. */
    void close() {
      lock.lock();
      try {
        closed = true;
        notFull.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** A monitor whose stop flag is tested, but stop() forgets to notify. */
  static final class ForgetfulStop {
    private final ArrayDeque<Runnable> work = new ArrayDeque<>();
    private boolean stopped;

    synchronized Runnable next() throws InterruptedException {
      while (work.isEmpty() && !stopped) {
        // BUG: Diagnostic contains: Object.wait()
        wait();
      }
      return work.poll();
    }

    void stop() {
      stopped = true;
    }
  }

  /** A consumer that resets the flag a producer sets is a hand-written take(), not a lock. */
  static final class HandOff {
    private Object item;
    private boolean ready;

    synchronized Object take() throws InterruptedException {
      while (!ready) {
        // BUG: Diagnostic contains: Object.wait()
        wait();
      }
      ready = false;
      return item;
    }

    synchronized void put(Object value) {
      item = value;
      ready = true;
      notifyAll();
    }
  }

  /** A lock whose release forgets to signal: a waiter stays parked after the holder leaves. */
  static final class SilentRelease {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private boolean busy;

    void acquire() throws InterruptedException {
      lock.lock();
      try {
        while (busy) {
          // BUG: Diagnostic contains: Condition.await()
          idle.await();
        }
        busy = true;
      } finally {
        lock.unlock();
      }
    }

    void release() {
      lock.lock();
      try {
        busy = false;
      } finally {
        lock.unlock();
      }
    }
  }

  /** A future whose task, run on a pool thread, waits on the future it adapts: a parked pool thread. */
  abstract static class PoolListenedFuture<V> implements java.util.concurrent.Future<V> {
    private final java.util.concurrent.Future<V> delegate;

    PoolListenedFuture(java.util.concurrent.Future<V> delegate) {
      this.delegate = delegate;
    }

    void listenInPool(java.util.concurrent.Executor pool, Runnable listener) {
      pool.execute(
          () -> {
            try {
              // BUG: Diagnostic contains: Future.get()
              delegate.get();
            } catch (Exception e) {
              // the listener runs either way
            }
            listener.run();
          });
    }
  }

  /** A wait helper on a parameter: the helper is the one place a bound can be enforced. */
  static final class WaitHelpers {
    static <T> T await(java.util.concurrent.Future<T> future) throws Exception {
      // BUG: Diagnostic contains: Future.get()
      return future.get();
    }

    static <T> T getResult(java.util.concurrent.CompletableFuture<T> future) {
      // BUG: Diagnostic contains: CompletableFuture.join()
      return future.join();
    }
  }

  /**
   * The stop flag is tested only after each wait: a thread that arrives after abort() already ran
   * parks with nobody left to signal it.
   */
  static final class LateAbortCheck {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private int pending;
    private boolean aborted;

    void flush() throws InterruptedException {
      lock.lock();
      try {
        while (pending > 0) {
          // BUG: Diagnostic contains: Condition.await()
          drained.await();
          if (aborted) {
            throw new IllegalStateException("aborted");
          }
        }
      } finally {
        lock.unlock();
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

  /** A do-while waits before it tests anything: the same late arrival parks forever. */
  static final class WaitFirst {
    private final ArrayDeque<Runnable> work = new ArrayDeque<>();
    private boolean stopped;

    synchronized Runnable next() throws InterruptedException {
      do {
        // BUG: Diagnostic contains: Object.wait()
        wait();
      } while (work.isEmpty() && !stopped);
      return work.poll();
    }

    synchronized void stop() {
      stopped = true;
      notifyAll();
    }
  }
}
