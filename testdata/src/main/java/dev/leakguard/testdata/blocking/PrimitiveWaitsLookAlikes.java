package dev.leakguard.testdata.blocking;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Adversarial look-alikes of PrimitiveWaits' exemptions (an independent review): R1-R10 are real
 * hangs the exemptions must not hide, each marked where the warning belongs; then crash probes in
 * modern-Java shapes; then F1-F4, correct variants of the exempt shapes that must stay quiet.
 */
class PrimitiveWaitsLookAlikes {

  // ---------------------------------------------------------------------------------------------
  // R1. A plain getter named get<Something> that returns an own future's untimed get():
  // "getUser" starts with the word "get", so it passes as a forwarding wait.
  static final class UserSession {
    private final Future<String> userFuture;
    private static Future<String> configFuture;

    UserSession(Future<String> userFuture) {
      this.userFuture = userFuture;
    }

    String getUser() throws Exception {
      // BUG: Diagnostic contains: Future.get()
      return userFuture.get();
    }

    static String getConfig() throws Exception {
      // BUG: Diagnostic contains: Future.get()
      return configFuture.get();
    }
  }

  // R2. A Supplier (no timed twin, callers cannot bound it) whose get() forwards an own future.
  static final class LazyValue<T> implements Supplier<T> {
    private final Future<T> loading;

    LazyValue(Future<T> loading) {
      this.loading = loading;
    }

    @Override
    public T get() {
      try {
        // BUG: Diagnostic contains: Future.get()
        return loading.get();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    Supplier<T> view() {
      return new Supplier<T>() {
        @Override
        public T get() {
          try {
            // BUG: Diagnostic contains: Future.get()
            return loading.get();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      };
    }
  }

  // ---------------------------------------------------------------------------------------------
  // R3. A task that is also a Future (CompletableFuture subclass run on a pool): its run() parks a
  // pool thread on its own start latch exactly like PrimitiveWaitsFlagged.Worker does.
  static final class GatedJob extends CompletableFuture<Integer> implements Runnable {
    private final CountDownLatch go = new CountDownLatch(1);
    private final BlockingQueue<String> input = new LinkedBlockingQueue<>();

    void open() {
      go.countDown();
    }

    @Override
    public void run() {
      try {
        // BUG: Diagnostic contains: CountDownLatch.await()
        go.await();
        // BUG: Diagnostic contains: BlockingQueue.take()
        String first = input.take();
        complete(first.length());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // R4. Stop flag with the wrong polarity: start() sets it to the "keep waiting" value and
  // signals; stop() (the exit) forgets to signal. Same bug as PrimitiveWaitsFlagged.SilentClose.
  static final class RestartableBuffer<E> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<E> items = new ArrayDeque<>();
    private boolean running;

    E next() throws InterruptedException {
      lock.lock();
      try {
        while (items.isEmpty() && running) {
          // BUG: Diagnostic contains: Condition.await()
          notEmpty.await();
        }
        return items.poll();
      } finally {
        lock.unlock();
      }
    }

    void start() {
      lock.lock();
      try {
        running = true;
        notEmpty.signalAll();
      } finally {
        lock.unlock();
      }
    }

    void stop() {
      lock.lock();
      try {
        running = false;
      } finally {
        lock.unlock();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // R5. close() wakes one waiter with signal(): with several consumers the rest stay parked.
  static final class SharedInbox<E> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<E> items = new ArrayDeque<>();
    private boolean closed;

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
        notEmpty.signal();
      } finally {
        lock.unlock();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // R6. Monitor mix-up: the inner worker waits on its OWN monitor, shutdown() notifies the OUTER
  // object's monitor. Nothing ever notifies the worker.
  static final class Dispatcher {
    private final ArrayDeque<Runnable> jobs = new ArrayDeque<>();
    private boolean stopped;

    final class Worker {
      synchronized Runnable next() throws InterruptedException {
        while (jobs.isEmpty() && !stopped) {
          // BUG: Diagnostic contains: Object.wait()
          wait();
        }
        return jobs.poll();
      }
    }

    synchronized void shutdown() {
      stopped = true;
      notifyAll();
    }
  }

  // R7. Monitor mix-up through another object: the flag lives in a shared signal object whose
  // request() notifies ITS monitor; the consumer waits on its own.
  static final class StopSignal {
    volatile boolean requested;

    synchronized void request() {
      requested = true;
      notifyAll();
    }
  }

  static final class SignalledConsumer {
    private final StopSignal signal = new StopSignal();
    private final ArrayDeque<String> work = new ArrayDeque<>();

    synchronized String next() throws InterruptedException {
      while (work.isEmpty() && !signal.requested) {
        // BUG: Diagnostic contains: Object.wait()
        wait();
      }
      return work.poll();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // R8. "Only the awaited state exits", written with two comparisons: waits for a job to finish
  // or fail, i.e. an untimed Future.get() by hand outside a Future class.
  static final class JobTracker {
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int FAILED = 2;
    private int state = RUNNING;

    synchronized void awaitFinished() throws InterruptedException {
      while (state != DONE && state != FAILED) {
        // BUG: Diagnostic contains: Object.wait()
        wait();
      }
    }

    synchronized void finished() {
      state = DONE;
      notifyAll();
    }
  }

  // R9. An exit-looking "if (flag) continue;" in the body does not leave the loop.
  static final class PausableQueue {
    private final ArrayDeque<String> items = new ArrayDeque<>();
    private boolean paused;

    synchronized String next() throws InterruptedException {
      while (items.isEmpty()) {
        // BUG: Diagnostic contains: Object.wait()
        wait();
        if (paused) {
          continue;
        }
      }
      return items.poll();
    }

    synchronized void resume() {
      paused = false;
      notifyAll();
    }
  }

  // R10. A helper's early "if (closed) return;" leaves the helper, not the wait loop: after
  // close() wakes it, the consumer re-checks items.isEmpty() and parks again, forever.
  static final class MeteredBuffer<E> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<E> items = new ArrayDeque<>();
    private boolean closed;
    private long wakeups;

    E next() throws InterruptedException {
      lock.lock();
      try {
        while (items.isEmpty()) {
          // BUG: Diagnostic contains: Condition.await()
          notEmpty.await();
          countWakeup();
        }
        return items.poll();
      } finally {
        lock.unlock();
      }
    }

    private void countWakeup() {
      if (closed) {
        return;
      }
      wakeups++;
    }

    void close() {
      lock.lock();
      try {
        closed = true;
        notEmpty.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Crash probes, each with the result a correct analysis gives: generics, records,
  // enums, interfaces, switch, do/while, labels, Outer.this,
  // static fields, array length, local and anonymous classes in lambdas. Expectations below are
  // what a correct analysis does; what matters first is that nothing throws.

  record Pipe<T>(BlockingQueue<T> queue) {
    T take() throws InterruptedException {
      return queue.take(); // a record's own component, forwarded under take's name
    }

    T takeOr(T fallback, boolean wait) throws InterruptedException {
      return wait ? (T) queue.take() : fallback;
    }
  }

  enum Gate {
    INSTANCE;

    private boolean open;
    private boolean closed;
    private static final Object MONITOR = new Object();

    synchronized void pass() throws InterruptedException {
      while (!open && !closed) {
        wait();
      }
    }

    synchronized void close() {
      closed = true;
      notifyAll();
    }

    void passStatic() throws InterruptedException {
      synchronized (MONITOR) {
        while (!open && !closed) {
          // BUG: Diagnostic contains: Object.wait()
          MONITOR.wait();
        }
      }
    }
  }

  interface Awaitable<V> extends Future<V> {
    CountDownLatch LATCH = new CountDownLatch(1);

    default V await() throws Exception {
      return get();
    }

    default void pause() throws InterruptedException {
      // BUG: Diagnostic contains: CountDownLatch.await()
      LATCH.await(); // a static latch is nobody's own state
    }
  }

  static final class RingBuffer {
    private final Object[] slots = new Object[8];
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private int count;
    private boolean closed;

    void put(Object o) throws InterruptedException {
      lock.lock();
      try {
        while (count == slots.length && !closed) {
          notFull.await();
        }
        slots[count++] = o;
      } finally {
        lock.unlock();
      }
    }

    void putLabelled(Object o) throws InterruptedException {
      lock.lock();
      try {
        retry:
        while (count == this.slots.length && !this.closed) {
          notFull.await();
          if (closed) {
            break retry;
          }
        }
      } finally {
        lock.unlock();
      }
    }

    int mode(int m) throws InterruptedException {
      lock.lock();
      try {
        return switch (m) {
          case 0 -> {
            while (count == 0 && !closed) {
              notFull.await();
            }
            yield count;
          }
          default -> {
            do {
              // BUG: Diagnostic contains: Condition.await()
              notFull.await();
            } while (count == 0 && !closed);
            yield -1;
          }
        };
      } finally {
        lock.unlock();
      }
    }

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

  static final class Outer {
    private boolean done;
    private final ArrayDeque<String> q = new ArrayDeque<>();

    final class Inner {
      void awaitOuter() throws InterruptedException {
        synchronized (Outer.this) {
          while (q.isEmpty() && !Outer.this.done) {
            Outer.this.wait();
          }
        }
      }

      void wakeOuter() {
        synchronized (Outer.this) {
          Outer.this.done = true;
          Outer.this.notifyAll();
        }
      }
    }

    Runnable inLambda() {
      return () -> {
        class Local {
          private boolean stop;
          private final ArrayDeque<String> local = new ArrayDeque<>();

          synchronized void await() throws InterruptedException {
            while (local.isEmpty() && !stop) {
              wait();
            }
          }

          synchronized void halt() {
            stop = true;
            notifyAll();
          }
        }
        Object anon =
            new Object() {
              private boolean over;

              synchronized void block() throws InterruptedException {
                while (!over && q.isEmpty()) {
                  wait();
                }
                over = true;
              }

              synchronized void close() {
                over = false;
                notifyAll();
              }
            };
      };
    }

    <T extends Future<String>> String generic(T f) throws Exception {
      // BUG: Diagnostic contains: Future.get()
      return f.get();
    }

    synchronized void superWait() throws InterruptedException {
      while (q.isEmpty() && !done) {
        super.wait(); // the object's own monitor, as wait() is
      }
    }

    synchronized void finish() {
      done = true;
      this.notifyAll();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Correct variants of the exempt shapes, written differently: no warning.

  // F1. A hand-written lock whose state is an enum constant.
  static final class EnumStateLock {
    enum State {
      IDLE,
      HELD
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private State state = State.IDLE;

    void acquire() throws InterruptedException {
      lock.lock();
      try {
        while (state != State.IDLE) {
          idle.await();
        }
        state = State.HELD;
      } finally {
        lock.unlock();
      }
    }

    void release() {
      lock.lock();
      try {
        state = State.IDLE;
        idle.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  // F2. The stop flag is an AtomicBoolean, set with closed.set(true).
  static final class AtomicStopBuffer<E> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<E> items = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    E next() throws InterruptedException {
      lock.lock();
      try {
        while (items.isEmpty() && !closed.get()) {
          notEmpty.await();
        }
        return items.poll();
      } finally {
        lock.unlock();
      }
    }

    void close() {
      lock.lock();
      try {
        closed.set(true);
        notEmpty.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  // F3. The same stop exit in a for (;;) loop.
  static final class ForeverLoopBuffer<E> {
    private final ArrayDeque<E> items = new ArrayDeque<>();
    private boolean closed;

    synchronized E next() throws InterruptedException {
      for (; ; ) {
        if (closed) {
          return null;
        }
        if (!items.isEmpty()) {
          return items.poll();
        }
        wait();
      }
    }

    synchronized void close() {
      closed = true;
      notifyAll();
    }
  }

  // F4. A lock whose release is named releaseLock().
  static final class NamedReleaseMutex {
    private boolean busy;

    synchronized void acquire() throws InterruptedException {
      while (busy) {
        wait();
      }
      busy = true;
    }

    synchronized void releaseLock() {
      busy = false;
      notifyAll();
    }
  }

  // More crash probes: initializers, enum constant bodies, old-style switch, bounded generics.
  static final class Initializers<H extends Initializers.Holder> {
    static class Holder {
      boolean stop;
    }

    private static boolean globalStop;
    private static final Object GLOBAL = new Object();
    private final H holder;
    private final ArrayDeque<String> q = new ArrayDeque<>();

    static {
      synchronized (GLOBAL) {
        while (!globalStop && GLOBAL.hashCode() == 0) {
          try {
            // A static monitor is nobody's own state (and stopAll() notifies this, not GLOBAL).
            // BUG: Diagnostic contains: Object.wait()
            GLOBAL.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }

    Initializers(H holder) {
      this.holder = holder;
      Object o =
          new Object() {
            {
              synchronized (this) {
                while (q.isEmpty() && !globalStop) {
                  try {
                    // R6 variant: stopAll() notifies the outer object, not this anonymous one
                    // BUG: Diagnostic contains: Object.wait()
                    wait();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
          };
    }

    synchronized void byHolder(int kind) throws InterruptedException {
      switch (kind) {
        case 1:
          while (q.isEmpty() && !holder.stop) {
            wait();
          }
          globalStop = true;
          break;
        default:
          break;
      }
    }

    synchronized void stopAll() {
      holder.stop = true;
      globalStop = true;
      notifyAll();
    }
  }

  enum Mode {
    SLOW {
      @Override
      synchronized void pause() throws InterruptedException {
        while (!resumed && !halted) {
          wait();
        }
        resumed = false;
      }
    };

    boolean resumed;
    boolean halted;

    abstract void pause() throws InterruptedException;

    synchronized void halt() {
      halted = true;
      notifyAll();
    }
  }

  interface MonitorMixin {
    default void park(ArrayDeque<String> q) throws InterruptedException {
      synchronized (this) {
        while (q.isEmpty()) {
          // BUG: Diagnostic contains: Object.wait()
          wait();
        }
      }
    }
  }

  static List<String> unused() {
    return List.of();
  }

  static void unusedTimeUnit() {
    TimeUnit.SECONDS.toString();
  }
}
