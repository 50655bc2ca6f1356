package dev.leakguard.testdata.blocking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Look-alikes that are correct: bounded waits, and waits that cannot block. */
class BlockingCallsClean {
  String timedPoll(BlockingQueue<String> queue) throws InterruptedException {
    return queue.poll(5, TimeUnit.SECONDS);
  }

  boolean timedOffer(BlockingQueue<String> queue) throws InterruptedException {
    return queue.offer("x", 5, TimeUnit.SECONDS);
  }

  String nonBlockingPoll(BlockingQueue<String> queue) {
    return queue.poll();
  }

  int drainTo(BlockingQueue<String> queue, List<String> sink) {
    return queue.drainTo(sink, 100);
  }

  Object timedGet(Future<?> future) throws Exception {
    return future.get(5, TimeUnit.SECONDS);
  }

  boolean timedAwait(CountDownLatch latch) throws InterruptedException {
    return latch.await(5, TimeUnit.SECONDS);
  }

  boolean tryAcquire(Semaphore semaphore) throws InterruptedException {
    return semaphore.tryAcquire(5, TimeUnit.SECONDS);
  }

  void timedJoin(Thread thread) throws InterruptedException {
    thread.join(5_000);
  }

  boolean timedWaitFor(Process process) throws InterruptedException {
    return process.waitFor(5, TimeUnit.SECONDS);
  }

  /** The timed-wait idiom: wait(millis) in a loop that re-checks a deadline. */
  synchronized void timedWaitIdiom(long deadlineNanos) throws InterruptedException, TimeoutException {
    while (!ready) {
      long remaining = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
      if (remaining <= 0) {
        throw new TimeoutException();
      }
      wait(remaining);
    }
  }

  private boolean ready;

  Object guardedByIsDone(Future<String> future) throws Exception {
    if (future.isDone()) {
      return future.get();
    }
    return null;
  }

  Object guardedInConjunction(Future<String> future, boolean wanted) throws Exception {
    if (wanted && future.isDone()) {
      return future.get();
    }
    return null;
  }

  Object ternaryGuard(CompletableFuture<String> future) {
    return future.isDone() ? future.join() : "pending";
  }

  Object earlyReturnGuard(CompletableFuture<String> future) {
    if (!future.isDone()) {
      return null;
    }
    return future.join();
  }

  boolean shortCircuitGuard(CompletableFuture<String> future) {
    return future.isDone() && future.join() != null;
  }

  Object completedFactory() throws Exception {
    return CompletableFuture.completedFuture("x").get();
  }

  Object completedLocal() {
    CompletableFuture<String> future = CompletableFuture.completedFuture("x");
    return future.join();
  }

  Object insideOwnCallback(CompletableFuture<String> future) {
    return future.thenApply(value -> future.join() + value);
  }

  void insideWhenComplete(CompletableFuture<String> future) {
    future.whenComplete((value, error) -> System.out.println(future.join()));
  }

  List<String> joinAfterBoundedAllOf(List<CompletableFuture<String>> futures)
      throws InterruptedException, ExecutionException, TimeoutException {
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
    return futures.stream().map(CompletableFuture::join).collect(Collectors.toList());
  }

  String joinEachAfterBoundedAllOf(CompletableFuture<String> a, CompletableFuture<String> b)
      throws Exception {
    CompletableFuture.allOf(a, b).orTimeout(10, TimeUnit.SECONDS).join();
    return a.join() + b.join();
  }

  CompletableFuture<List<String>> joinInsideAllOfCallback(List<CompletableFuture<String>> futures) {
    return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
        .thenApply(ignored -> futures.stream().map(CompletableFuture::join).collect(Collectors.toList()));
  }

  String afterTimedGetOnSameFuture(CompletableFuture<String> future) throws Exception {
    future.get(1, TimeUnit.SECONDS);
    return future.join();
  }

  List<String> resultsOfTimedInvokeAll(ExecutorService executor, List<Callable<String>> tasks)
      throws Exception {
    List<String> results = new ArrayList<>();
    for (Future<String> future : executor.invokeAll(tasks, 10, TimeUnit.SECONDS)) {
      results.add(future.get());
    }
    return results;
  }

  List<String> resultsFromLocalOfInvokeAll(ExecutorService executor, List<Callable<String>> tasks)
      throws Exception {
    List<Future<String>> futures = executor.invokeAll(tasks, 10, TimeUnit.SECONDS);
    List<String> results = new ArrayList<>();
    futures.forEach(
        f -> {
          try {
            results.add(f.get());
          } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
          }
        });
    return results;
  }

  /** allOf held in a local: once it is in, every future it combines is done. */
  List<String> joinAfterTimedWaitOnAllOfLocal(List<CompletableFuture<String>> futures)
      throws Exception {
    CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]));
    all.get(5, TimeUnit.SECONDS);
    return futures.stream().map(CompletableFuture::join).collect(Collectors.toList());
  }

  /** allOf over an array local made from the list: every future of the list is done after it. */
  void joinEachAfterBoundedAllOfOverArray(List<CompletableFuture<String>> futures) {
    CompletableFuture<?>[] all = futures.toArray(new CompletableFuture<?>[0]);
    CompletableFuture.allOf(all).orTimeout(5, TimeUnit.SECONDS).join();
    for (CompletableFuture<String> future : futures) {
      System.out.println(future.join());
    }
  }

  /** A stage of a future bounded by orTimeout is bounded by the same timeout. */
  String stageOfBoundedFuture(CompletableFuture<String> future) {
    return future.orTimeout(1, TimeUnit.SECONDS).thenApply(String::trim).join();
  }

  /** The timed get either returned (done) or its catch threw. */
  String afterTimedGetWhoseTimeoutRethrows(CompletableFuture<String> future) throws Exception {
    try {
      future.get(1, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw e;
    }
    return future.join();
  }

  /** A polling loop that only ends once the future is done. */
  String afterPollingUntilDone(Future<String> future) throws Exception {
    while (!future.isDone()) {
      Thread.sleep(10);
    }
    return future.get();
  }

  String completionServiceResult(CompletionService<String> service) throws Exception {
    Future<String> next = service.poll(5, TimeUnit.SECONDS);
    return next == null ? null : next.get();
  }

  /** Waits in tasks of an executor its owner shuts down with shutdownNow(): the interrupt wakes them. */
  static final class RepliesOnAPool implements AutoCloseable {
    private final ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
    private final BlockingQueue<String> replies = new java.util.concurrent.LinkedBlockingQueue<>();

    Future<String> nextReply() {
      return pool.submit(() -> replies.take());
    }

    Future<String> nextReplyByReference() {
      return pool.submit(replies::take);
    }

    Future<Boolean> whenOpen(CountDownLatch open) {
      return pool.submit(
          () -> {
            open.await();
            return true;
          });
    }

    @Override
    public void close() {
      pool.shutdownNow();
    }
  }

  /** A future whose own contract is to block: its callers are the sites to check. */
  static final class ForwardingFuture<V> implements Future<V> {
    private final Future<V> delegate;

    ForwardingFuture(Future<V> delegate) {
      this.delegate = delegate;
    }

    @Override
    public V get() throws InterruptedException, ExecutionException {
      return delegate.get();
    }

    @Override
    public V get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      return delegate.get(timeout, unit);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return delegate.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean isCancelled() {
      return delegate.isCancelled();
    }

    @Override
    public boolean isDone() {
      return delegate.isDone();
    }
  }

  /** A latch-backed future: get() blocking on the latch is the API contract. */
  abstract static class LatchFuture<V> implements Future<V> {
    private final CountDownLatch done = new CountDownLatch(1);
    private V value;

    @Override
    public V get() throws InterruptedException {
      done.await();
      return value;
    }
  }

  /** A forwarding queue's take() is the API itself. */
  abstract static class ForwardingQueue<E> implements BlockingQueue<E> {
    abstract BlockingQueue<E> delegate();

    @Override
    public E take() throws InterruptedException {
      return delegate().take();
    }

    @Override
    public void put(E e) throws InterruptedException {
      delegate().put(e);
    }
  }

  /**
   * A blocking primitive of its own (like Netty's promise): it offers await() beside
   * await(long, TimeUnit), so the untimed form blocks by contract and its callers are checked.
   */
  static final class Gate {
    private boolean open;

    synchronized void await() throws InterruptedException {
      while (!open) {
        wait();
      }
    }

    synchronized boolean await(long timeout, TimeUnit unit) throws InterruptedException {
      long deadline = System.nanoTime() + unit.toNanos(timeout);
      while (!open) {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
          return false;
        }
        wait(remaining);
      }
      return true;
    }

    synchronized void open() {
      open = true;
      notifyAll();
    }
  }

  /** A hand-written deque: takeFirst() blocks by contract beside its timed twin pollFirst(timeout). */
  static final class Mailbox<E> {
    private final java.util.ArrayDeque<E> items = new java.util.ArrayDeque<>();
    private final java.util.concurrent.locks.ReentrantLock lock =
        new java.util.concurrent.locks.ReentrantLock();
    private final java.util.concurrent.locks.Condition notEmpty = lock.newCondition();

    E takeFirst() throws InterruptedException {
      lock.lock();
      try {
        while (items.isEmpty()) {
          notEmpty.await();
        }
        return items.removeFirst();
      } finally {
        lock.unlock();
      }
    }

    E pollFirst(long timeout, TimeUnit unit) throws InterruptedException {
      long nanos = unit.toNanos(timeout);
      lock.lock();
      try {
        while (items.isEmpty()) {
          if (nanos <= 0) {
            return null;
          }
          nanos = notEmpty.awaitNanos(nanos);
        }
        return items.removeFirst();
      } finally {
        lock.unlock();
      }
    }
  }
}
