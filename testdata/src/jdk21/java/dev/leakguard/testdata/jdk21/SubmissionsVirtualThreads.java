package dev.leakguard.testdata.jdk21;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** SubmissionWithoutCancellation with JDK 21 virtual threads and ExecutorService.close(). */
public class SubmissionsVirtualThreads {
  void closeWaitsForBlockingTask(BlockingQueue<String> queue) {
    ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor();
    // BUG: Diagnostic contains: close() waits for running tasks, so it hangs on this one
    vt.submit(() -> queue.take());
    vt.close();
  }

  void tryWithResourcesWaitsForBlockingTask(BlockingQueue<String> queue) {
    try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
      // BUG: Diagnostic contains: close() waits for running tasks, so it hangs on this one
      vt.submit(() -> queue.take());
    }
  }

  void virtualThreadKeptNowhere(BlockingQueue<String> queue) {
    // BUG: Diagnostic contains: the started thread is dropped
    Thread.startVirtualThread(
        () -> {
          try {
            queue.put("x");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  void builderThreadKeptNowhere(BlockingQueue<String> queue) {
    // BUG: Diagnostic contains: this thread runs BlockingQueue.take()
    Thread.ofPlatform().name("consumer").start(() -> {
      try {
        System.out.println(queue.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  void virtualThreadInterrupted(BlockingQueue<String> queue) {
    Thread t = Thread.ofVirtual().start(() -> {
      try {
        System.out.println(queue.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    t.interrupt();
  }

  String tryWithResourcesAwaited(BlockingQueue<String> queue) throws Exception {
    try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> f = vt.submit(() -> queue.take());
      return f.get(1, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  void closeAfterTaskThatEnds() {
    ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor();
    vt.submit(() -> System.out.println("done"));
    vt.close();
  }
}
