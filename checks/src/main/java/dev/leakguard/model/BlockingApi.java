package dev.leakguard.model;

import static dev.leakguard.model.BlockingFamily.CONDITION;
import static dev.leakguard.model.BlockingFamily.EXECUTOR;
import static dev.leakguard.model.BlockingFamily.FUTURE;
import static dev.leakguard.model.BlockingFamily.LATCH;
import static dev.leakguard.model.BlockingFamily.QUEUE;
import static dev.leakguard.model.BlockingFamily.SEMAPHORE;
import static dev.leakguard.model.BlockingFamily.THREAD;
import static dev.leakguard.model.BoundedRewrite.NONE;
import static dev.leakguard.model.BoundedRewrite.OR_TIMEOUT;
import static dev.leakguard.model.BoundedRewrite.TIMED_RETURNS_FALSE;
import static dev.leakguard.model.BoundedRewrite.TIMED_RETURNS_NULL;
import static dev.leakguard.model.BoundedRewrite.TIMED_THROWS_TIMEOUT;

import static dev.leakguard.model.TypeNames.BLOCKING_DEQUE;
import static dev.leakguard.model.TypeNames.BLOCKING_QUEUE;
import static dev.leakguard.model.TypeNames.COLLECTION;
import static dev.leakguard.model.TypeNames.COMPLETABLE_FUTURE;
import static dev.leakguard.model.TypeNames.COMPLETION_SERVICE;
import static dev.leakguard.model.TypeNames.EXECUTOR_SERVICE;
import static dev.leakguard.model.TypeNames.GUAVA_FUTURES;
import static dev.leakguard.model.TypeNames.OBJECT;
import static dev.leakguard.model.TypeNames.TRANSFER_QUEUE;
import static dev.leakguard.model.TypeNames.UNINTERRUPTIBLES;

import java.util.List;

/**
 * The library methods that block without bound, as data: the one list every LeakGuard check reads.
 * Nothing else in LeakGuard names these methods.
 */
public final class BlockingApi {
  private BlockingApi() {}

  private static final String INT = "int";

  /** Every untimed blocking method LeakGuard knows, with its bounded twin. */
  public static final List<BlockingMethod> METHODS =
      List.of(
          // Queues: a consumer parked here waits for a producer that may never come.
          instance(QUEUE, BLOCKING_QUEUE, "take", List.of(), "poll", "poll(timeout, unit)", TIMED_RETURNS_NULL, "an element arrives"),
          instance(QUEUE, BLOCKING_QUEUE, "put", List.of(OBJECT), "offer", "offer(e, timeout, unit)", TIMED_RETURNS_FALSE, "the queue has room"),
          instance(QUEUE, BLOCKING_DEQUE, "takeFirst", List.of(), "pollFirst", "pollFirst(timeout, unit)", TIMED_RETURNS_NULL, "an element arrives"),
          instance(QUEUE, BLOCKING_DEQUE, "takeLast", List.of(), "pollLast", "pollLast(timeout, unit)", TIMED_RETURNS_NULL, "an element arrives"),
          instance(QUEUE, BLOCKING_DEQUE, "putFirst", List.of(OBJECT), "offerFirst", "offerFirst(e, timeout, unit)", TIMED_RETURNS_FALSE, "the deque has room"),
          instance(QUEUE, BLOCKING_DEQUE, "putLast", List.of(OBJECT), "offerLast", "offerLast(e, timeout, unit)", TIMED_RETURNS_FALSE, "the deque has room"),
          instance(QUEUE, TRANSFER_QUEUE, "transfer", List.of(OBJECT), "tryTransfer", "tryTransfer(e, timeout, unit)", TIMED_RETURNS_FALSE, "a consumer takes the element"),
          instance(QUEUE, COMPLETION_SERVICE, "take", List.of(), "poll", "poll(timeout, unit)", TIMED_RETURNS_NULL, "a submitted task completes"),
          // Futures: the caller waits for a task that may never finish.
          instance(FUTURE, TypeNames.FUTURE, "get", List.of(), "get", "get(timeout, unit)", TIMED_THROWS_TIMEOUT, "the task completes"),
          instance(FUTURE, COMPLETABLE_FUTURE, "join", List.of(), "orTimeout", "orTimeout(timeout, unit).join() or get(timeout, unit)", OR_TIMEOUT, "the future completes"),
          staticMethod(FUTURE, GUAVA_FUTURES, "getUnchecked", List.of(TypeNames.FUTURE), null, "Futures.getChecked(future, X.class, timeout, unit)", NONE, "the future completes"),
          staticMethod(FUTURE, GUAVA_FUTURES, "getChecked", List.of(TypeNames.FUTURE, "java.lang.Class"), null, "Futures.getChecked(future, X.class, timeout, unit)", NONE, "the future completes"),
          staticMethod(FUTURE, UNINTERRUPTIBLES, "getUninterruptibly", List.of(TypeNames.FUTURE), null, "getUninterruptibly(future, timeout, unit)", NONE, "the future completes, ignoring interrupts"),
          // Latches, barriers, exchangers, phasers: a party that never arrives parks the rest.
          instance(LATCH, "java.util.concurrent.CountDownLatch", "await", List.of(), "await", "await(timeout, unit)", TIMED_RETURNS_FALSE, "the count reaches zero"),
          instance(LATCH, "java.util.concurrent.CyclicBarrier", "await", List.of(), "await", "await(timeout, unit)", TIMED_THROWS_TIMEOUT, "every party arrives"),
          instance(LATCH, "java.util.concurrent.Exchanger", "exchange", List.of(OBJECT), "exchange", "exchange(x, timeout, unit)", TIMED_THROWS_TIMEOUT, "another thread arrives to exchange"),
          instance(LATCH, "java.util.concurrent.Phaser", "awaitAdvance", List.of(INT), null, "awaitAdvanceInterruptibly(phase, timeout, unit)", NONE, "the phase advances"),
          instance(LATCH, "java.util.concurrent.Phaser", "awaitAdvanceInterruptibly", List.of(INT), null, "awaitAdvanceInterruptibly(phase, timeout, unit)", NONE, "the phase advances"),
          instance(LATCH, "java.util.concurrent.Phaser", "arriveAndAwaitAdvance", List.of(), null, "arrive() then awaitAdvanceInterruptibly(phase, timeout, unit)", NONE, "every party arrives"),
          staticMethod(LATCH, UNINTERRUPTIBLES, "awaitUninterruptibly", List.of("java.util.concurrent.CountDownLatch"), null, "awaitUninterruptibly(latch, timeout, unit)", NONE, "the count reaches zero, ignoring interrupts"),
          // Semaphores: a permit that is never released parks every later caller.
          instance(SEMAPHORE, "java.util.concurrent.Semaphore", "acquire", List.of(), "tryAcquire", "tryAcquire(timeout, unit)", TIMED_RETURNS_FALSE, "a permit is released"),
          instance(SEMAPHORE, "java.util.concurrent.Semaphore", "acquire", List.of(INT), "tryAcquire", "tryAcquire(permits, timeout, unit)", TIMED_RETURNS_FALSE, "permits are released"),
          instance(SEMAPHORE, "java.util.concurrent.Semaphore", "acquireUninterruptibly", List.of(), null, "tryAcquire(timeout, unit)", NONE, "a permit is released, ignoring interrupts"),
          instance(SEMAPHORE, "java.util.concurrent.Semaphore", "acquireUninterruptibly", List.of(INT), null, "tryAcquire(permits, timeout, unit)", NONE, "permits are released, ignoring interrupts"),
          // Conditions and monitors: a signal that is never sent parks the waiter.
          instance(CONDITION, "java.util.concurrent.locks.Condition", "await", List.of(), "await", "await(timeout, unit)", TIMED_RETURNS_FALSE, "another thread signals"),
          instance(CONDITION, "java.util.concurrent.locks.Condition", "awaitUninterruptibly", List.of(), null, "await(timeout, unit) or awaitNanos(nanos)", NONE, "another thread signals, ignoring interrupts"),
          instance(CONDITION, OBJECT, "wait", List.of(), null, "wait(millis) in a loop that re-checks its condition against a deadline", NONE, "another thread notifies"),
          // Threads and processes: a thread or child process that never ends parks its joiner.
          instance(THREAD, TypeNames.THREAD, "join", List.of(), null, "join(millis) followed by an isAlive() check", NONE, "the thread ends"),
          instance(THREAD, TypeNames.PROCESS, "waitFor", List.of(), "waitFor", "waitFor(timeout, unit)", TIMED_RETURNS_FALSE, "the process exits"),
          staticMethod(THREAD, UNINTERRUPTIBLES, "joinUninterruptibly", List.of(TypeNames.THREAD), null, "joinUninterruptibly(thread, timeout, unit)", NONE, "the thread ends, ignoring interrupts"),
          // Executors: untimed bulk waits park until the slowest task ends.
          instance(EXECUTOR, EXECUTOR_SERVICE, "invokeAll", List.of(COLLECTION), null, "invokeAll(tasks, timeout, unit)", NONE, "every task completes"),
          instance(EXECUTOR, EXECUTOR_SERVICE, "invokeAny", List.of(COLLECTION), "invokeAny", "invokeAny(tasks, timeout, unit)", TIMED_THROWS_TIMEOUT, "some task completes"),
          staticMethod(QUEUE, UNINTERRUPTIBLES, "takeUninterruptibly", List.of(BLOCKING_QUEUE), null, "poll(timeout, unit)", NONE, "an element arrives, ignoring interrupts"),
          staticMethod(QUEUE, UNINTERRUPTIBLES, "putUninterruptibly", List.of(BLOCKING_QUEUE, OBJECT), null, "offer(e, timeout, unit)", NONE, "the queue has room, ignoring interrupts"));

  /**
   * Waits an interrupt does not end ({@code Owner#name}, plus every {@code Uninterruptibles}
   * helper): a thread parked in one stays parked when its executor is shut down with {@code
   * shutdownNow()}.
   */
  public static final java.util.Set<String> IGNORE_INTERRUPTS =
      java.util.Set.of(
          COMPLETABLE_FUTURE + "#join",
          GUAVA_FUTURES + "#getUnchecked",
          "java.util.concurrent.Phaser#awaitAdvance",
          "java.util.concurrent.Phaser#arriveAndAwaitAdvance",
          "java.util.concurrent.Semaphore#acquireUninterruptibly",
          "java.util.concurrent.locks.Condition#awaitUninterruptibly");

  /** Whether an interrupt of the parked thread ends the wait (with InterruptedException). */
  public static boolean endsOnInterrupt(BlockingMethod method) {
    return !method.ownerType().equals(UNINTERRUPTIBLES)
        && !IGNORE_INTERRUPTS.contains(method.ownerType() + "#" + method.name());
  }

  /**
   * Calls that wake a thread parked on a condition or monitor: what a stop path must call after
   * setting its flag for the flag to end a wait ({@code closed = true; notEmpty.signalAll();}).
   */
  public static final java.util.Set<String> WAKE_METHODS =
      java.util.Set.of("signal", "signalAll", "notify", "notifyAll");

  /** Setters of {@code java.util.concurrent.atomic} values: how a stop flag held in an {@code AtomicBoolean} is set. */
  public static final java.util.Set<String> ATOMIC_SETTERS =
      java.util.Set.of("set", "lazySet", "setRelease", "setOpaque", "setPlain");

  /** The wake calls that wake every waiter: what a stop path needs when several threads may wait. */
  public static final java.util.Set<String> WAKE_ALL_METHODS = java.util.Set.of("signalAll", "notifyAll");

  /**
   * Task bodies, as {@code type#method}: code in an override runs on whichever thread runs the task,
   * even inside a class that is itself a {@code Future}.
   */
  public static final java.util.Set<String> TASK_BODIES =
      java.util.Set.of("java.lang.Runnable#run", "java.util.concurrent.Callable#call");

  /**
   * Names, or first words of names ({@code releaseLock}), of the methods that give back what a
   * hand-written lock's acquire claimed ({@code busy = false; idle.signalAll();}): the holder's
   * release, as opposed to a producer's hand-off.
   */
  public static final java.util.Set<String> RELEASE_METHODS = java.util.Set.of("release", "unlock", "close");

  /** Methods that receive from a queue-like source: what makes a loop a drain loop. */
  public static final List<ReceiveMethod> RECEIVES =
      List.of(
          new ReceiveMethod(BLOCKING_QUEUE, false, "take", List.of(), false),
          new ReceiveMethod(BLOCKING_QUEUE, false, "poll", List.of("long", TypeNames.TIME_UNIT), true),
          new ReceiveMethod(BLOCKING_DEQUE, false, "takeFirst", List.of(), false),
          new ReceiveMethod(BLOCKING_DEQUE, false, "takeLast", List.of(), false),
          new ReceiveMethod(BLOCKING_DEQUE, false, "pollFirst", List.of("long", TypeNames.TIME_UNIT), true),
          new ReceiveMethod(BLOCKING_DEQUE, false, "pollLast", List.of("long", TypeNames.TIME_UNIT), true),
          new ReceiveMethod(COMPLETION_SERVICE, false, "take", List.of(), false),
          new ReceiveMethod(COMPLETION_SERVICE, false, "poll", List.of("long", TypeNames.TIME_UNIT), true),
          new ReceiveMethod(UNINTERRUPTIBLES, true, "takeUninterruptibly", List.of(BLOCKING_QUEUE), false));

  /**
   * Method-name prefixes that declare a blocking contract: RxJava's {@code blockingGet()}, Jetty's
   * {@code Blocker.block()}. A wait inside such a method is what the method promises; its callers
   * are where a bound belongs. ({@code await} is not one: an {@code awaitReply()} with no timed twin
   * is exactly the untimed wait this check is about.)
   */
  public static final List<String> BLOCKING_CONTRACT_METHOD_PREFIXES = List.of("blocking", "block");

  /** Method-name suffix that declares a blocking contract (Guava's {@code getUninterruptibly}). */
  public static final String BLOCKING_CONTRACT_METHOD_SUFFIX = "Uninterruptibly";

  /**
   * Methods whose contract is to block, as {@code type#method}: an override waits by design
   * ({@code InputStream.read()} until data arrives, a Disruptor wait strategy until the sequence
   * advances).
   */
  public static final java.util.Set<String> BLOCKING_CONTRACT_METHODS =
      java.util.Set.of(
          "java.io.InputStream#read",
          "java.io.Reader#read",
          "java.io.OutputStream#write",
          "java.io.OutputStream#flush",
          "java.util.concurrent.ForkJoinPool.ManagedBlocker#block",
          "com.lmax.disruptor.WaitStrategy#waitFor");

  private static BlockingMethod instance(
      BlockingFamily family,
      String owner,
      String name,
      List<String> params,
      String twin,
      String boundedForm,
      BoundedRewrite rewrite,
      String awaits) {
    return new BlockingMethod(family, owner, false, name, params, twin, boundedForm, rewrite, awaits);
  }

  private static BlockingMethod staticMethod(
      BlockingFamily family,
      String owner,
      String name,
      List<String> params,
      String twin,
      String boundedForm,
      BoundedRewrite rewrite,
      String awaits) {
    return new BlockingMethod(family, owner, true, name, params, twin, boundedForm, rewrite, awaits);
  }
}
