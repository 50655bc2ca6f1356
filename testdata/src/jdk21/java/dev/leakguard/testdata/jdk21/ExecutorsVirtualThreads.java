package dev.leakguard.testdata.jdk21;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/** ExecutorNeverShutDown with JDK 21 virtual-thread executors. */
public class ExecutorsVirtualThreads {
  void neverClosed(Runnable task) {
    // BUG: Diagnostic contains: executor 'vt' (Executors.newVirtualThreadPerTaskExecutor()) is never shut down
    ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor();
    vt.submit(task);
  }

  String tryWithResources(Callable<String> work) throws Exception {
    try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
      return vt.submit(work).get();
    }
  }

  void closedAtEnd(Runnable task) {
    ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor();
    vt.submit(task);
    vt.close();
  }

  void closeWaitsForInterruptOnlyLoop(BlockingQueue<String> queue) {
    // BUG: Diagnostic contains: try-with-resources closes executor 'vt', and close() waits for its running tasks
    try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
      vt.submit(
          () -> {
            try {
              while (true) {
                System.out.println(queue.take());
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
  }

  void explicitCloseWaitsForever(BlockingQueue<String> queue) {
    ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor();
    vt.execute(
        () -> {
          while (!Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
          }
        });
    // BUG: Diagnostic contains: close() waits for running tasks and so never returns
    vt.close();
  }

  /** Virtual threads are daemon: a static one does not hold the JVM. */
  static final ExecutorService STATIC_VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

  static final ThreadFactory VIRTUAL_FACTORY = Thread.ofVirtual().name("v-", 0).factory();

  static final ExecutorService PER_TASK = Executors.newThreadPerTaskExecutor(VIRTUAL_FACTORY);

  // BUG: Diagnostic contains: static executor 'PLATFORM_PER_TASK'
  static final ExecutorService PLATFORM_PER_TASK =
      Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("p-", 0).factory());

  static final ExecutorService DAEMON_PER_TASK =
      Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory());
}
