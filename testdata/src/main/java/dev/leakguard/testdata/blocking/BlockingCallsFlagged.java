package dev.leakguard.testdata.blocking;

import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Exchanger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.stream.Collectors;

/** Every call here can park its thread forever. */
class BlockingCallsFlagged {
  String takeFromQueue(BlockingQueue<String> queue) throws InterruptedException {
    // BUG: Diagnostic contains: BlockingQueue.take() parks this thread until an element arrives
    return queue.take();
  }

  void putOnQueue(BlockingQueue<String> queue) throws InterruptedException {
    // BUG: Diagnostic contains: use offer(e, timeout, unit)
    queue.put("x");
  }

  void subtypeReceiver(LinkedBlockingQueue<String> queue) throws InterruptedException {
    // BUG: Diagnostic contains: BlockingQueue.take()
    queue.take();
  }

  void deque(BlockingDeque<String> deque) throws InterruptedException {
    // BUG: Diagnostic contains: pollFirst(timeout, unit)
    deque.takeFirst();
    // BUG: Diagnostic contains: pollLast(timeout, unit)
    deque.takeLast();
    // BUG: Diagnostic contains: offerFirst
    deque.putFirst("a");
    // BUG: Diagnostic contains: offerLast
    deque.putLast("a");
  }

  void transfer(LinkedTransferQueue<String> queue) throws InterruptedException {
    // BUG: Diagnostic contains: tryTransfer(e, timeout, unit)
    queue.transfer("x");
  }

  Object futureGet(Future<?> future) throws Exception {
    // BUG: Diagnostic contains: Future.get() parks this thread until the task completes
    return future.get();
  }

  Object completableJoin(CompletableFuture<String> future) {
    // BUG: Diagnostic contains: CompletableFuture.join()
    return future.join();
  }

  Object completableGet(CompletableFuture<String> future) throws Exception {
    // BUG: Diagnostic contains: Future.get()
    return future.get();
  }

  void latches(CountDownLatch latch, CyclicBarrier barrier, Exchanger<String> exchanger, Phaser phaser)
      throws Exception {
    // BUG: Diagnostic contains: CountDownLatch.await() parks this thread until the count reaches zero
    latch.await();
    // BUG: Diagnostic contains: CyclicBarrier.await()
    barrier.await();
    // BUG: Diagnostic contains: Exchanger.exchange()
    exchanger.exchange("x");
    // BUG: Diagnostic contains: Phaser.awaitAdvance()
    phaser.awaitAdvance(1);
    // BUG: Diagnostic contains: Phaser.arriveAndAwaitAdvance()
    phaser.arriveAndAwaitAdvance();
  }

  void semaphores(Semaphore semaphore) throws InterruptedException {
    // BUG: Diagnostic contains: Semaphore.acquire() parks this thread until a permit is released
    semaphore.acquire();
    // BUG: Diagnostic contains: tryAcquire(permits, timeout, unit)
    semaphore.acquire(2);
    // BUG: Diagnostic contains: Semaphore.acquireUninterruptibly()
    semaphore.acquireUninterruptibly();
  }

  void conditions(Condition condition, Object monitor) throws InterruptedException {
    // BUG: Diagnostic contains: Condition.await()
    condition.await();
    // BUG: Diagnostic contains: Condition.awaitUninterruptibly()
    condition.awaitUninterruptibly();
    synchronized (monitor) {
      // BUG: Diagnostic contains: Object.wait() parks this thread until another thread notifies
      monitor.wait();
    }
  }

  void threadsAndProcesses(Thread thread, Process process) throws InterruptedException {
    // BUG: Diagnostic contains: Thread.join() parks this thread until the thread ends
    thread.join();
    // BUG: Diagnostic contains: Process.waitFor()
    process.waitFor();
  }

  void executors(ExecutorService executor, List<Callable<String>> tasks) throws Exception {
    // BUG: Diagnostic contains: ExecutorService.invokeAll()
    executor.invokeAll(tasks);
    // BUG: Diagnostic contains: ExecutorService.invokeAny()
    executor.invokeAny(tasks);
  }

  Object completionService(CompletionService<String> service) throws InterruptedException {
    // BUG: Diagnostic contains: CompletionService.take()
    return service.take();
  }

  List<String> joinEachWithoutBarrier(List<CompletableFuture<String>> futures) {
    // BUG: Diagnostic contains: CompletableFuture.join()
    return futures.stream().map(CompletableFuture::join).collect(Collectors.toList());
  }

  Object guardedByTheWrongFuture(Future<String> a, Future<String> b) throws Exception {
    if (a.isDone()) {
      // BUG: Diagnostic contains: Future.get()
      return b.get();
    }
    return null;
  }

  Object elseOfDoneGuard(Future<String> future) throws Exception {
    if (future.isDone()) {
      return null;
    } else {
      // BUG: Diagnostic contains: Future.get()
      return future.get();
    }
  }

  Object afterTimedWaitOnAnotherFuture(CompletableFuture<String> a, CompletableFuture<String> b)
      throws Exception {
    a.get(1, java.util.concurrent.TimeUnit.SECONDS);
    // BUG: Diagnostic contains: CompletableFuture.join()
    return b.join();
  }

  Object reassignedCompletedFuture(boolean fresh) throws Exception {
    CompletableFuture<String> future = CompletableFuture.completedFuture("x");
    if (fresh) {
      future = new CompletableFuture<>();
    }
    // BUG: Diagnostic contains: Future.get()
    return future.get();
  }

  /** Callbacks of one future do not make another complete. */
  void callbackOnOtherFuture(CompletableFuture<String> a, CompletableFuture<String> b) {
    // BUG: Diagnostic contains: CompletableFuture.join()
    a.thenRun(() -> b.join());
  }

  /** A method with no timed twin does not block by contract: its wait is a leak site. */
  static final class OneShot {
    private boolean fired;

    synchronized void awaitFired() throws InterruptedException {
      while (!fired) {
        // BUG: Diagnostic contains: Object.wait()
        wait();
      }
    }

    synchronized void awaitFired(String label) throws InterruptedException {
      awaitFired();
    }
  }

  /** A counted loop is no consumer loop: each take() can wait forever for the next element. */
  java.util.List<String> collectExactly(BlockingQueue<String> queue, int count) throws InterruptedException {
    java.util.List<String> results = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      // BUG: Diagnostic contains: BlockingQueue.take()
      results.add(queue.take());
    }
    return results;
  }

  /** One result per submitted task: the loop ends with the list, each take() can still hang. */
  void awaitEach(CompletionService<String> service, java.util.List<Object> tasks) throws Exception {
    for (Object task : tasks) {
      // BUG: Diagnostic contains: CompletionService.take()
      service.take();
    }
  }

  /** A takeFirst() with no timed sibling is no blocking primitive: its await is a leak site. */
  static final class UntimedMailbox {
    private final java.util.concurrent.locks.ReentrantLock lock =
        new java.util.concurrent.locks.ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private int count;

    int takeFirst() throws InterruptedException {
      lock.lock();
      try {
        while (count == 0) {
          // BUG: Diagnostic contains: Condition.await()
          notEmpty.await();
        }
        return count--;
      } finally {
        lock.unlock();
      }
    }
  }

  /** The timeout is caught and ignored: the future may still be running. */
  String afterTimedGetWhoseTimeoutIsIgnored(CompletableFuture<String> future) throws Exception {
    try {
      future.get(1, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      System.out.println("slow");
    }
    // BUG: Diagnostic contains: CompletableFuture.join()
    return future.join();
  }

  /** The polling loop can be left early by its break. */
  String afterPollingLoopWithBreak(Future<String> future, long deadline) throws Exception {
    while (!future.isDone()) {
      if (System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(10);
    }
    // BUG: Diagnostic contains: Future.get()
    return future.get();
  }

  /** thenCompose waits for another future, which orTimeout does not bound. */
  String composedAfterOrTimeout(CompletableFuture<String> future, CompletableFuture<String> other) {
    // BUG: Diagnostic contains: CompletableFuture.join()
    return future.orTimeout(1, TimeUnit.SECONDS).thenCompose(s -> other).join();
  }

  /** shutdown() lets a running task finish: a task parked in take() keeps its thread forever. */
  static final class RepliesOnAPoolShutDownGently implements AutoCloseable {
    private final ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    Future<String> nextReply() {
      // BUG: Diagnostic contains: BlockingQueue.take()
      return pool.submit(() -> replies.take());
    }

    @Override
    public void close() {
      pool.shutdown();
    }
  }

  /** join() ignores interrupts: shutdownNow() does not wake it. */
  static final class JoinOnAnInterruptedPool implements AutoCloseable {
    private final ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();

    Future<String> relay(CompletableFuture<String> upstream) {
      // BUG: Diagnostic contains: CompletableFuture.join()
      return pool.submit(() -> upstream.join());
    }

    @Override
    public void close() {
      pool.shutdownNow();
    }
  }
}
