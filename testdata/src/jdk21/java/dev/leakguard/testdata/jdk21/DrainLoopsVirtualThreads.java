package dev.leakguard.testdata.jdk21;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Drain loops on virtual threads and with pattern matching in switch (JDK 21). */
class DrainLoopsVirtualThreads {
  sealed interface Message permits Text, Stop {}

  record Text(String value) implements Message {}

  record Stop() implements Message {}

  /** A virtual-thread consumer that swallows the interrupt. */
  Thread broken(BlockingQueue<Message> inbox) {
    return Thread.ofVirtual()
        .start(
            () -> {
              // BUG: Diagnostic contains: cannot be cancelled
              while (true) {
                try {
                  System.out.println(inbox.take());
                } catch (InterruptedException e) {
                  System.out.println("ignored");
                }
              }
            });
  }

  /** Pattern matching in switch: the Stop case returns. */
  void consumer(BlockingQueue<Message> inbox) throws InterruptedException {
    while (true) {
      switch (inbox.take()) {
        case Text t -> System.out.println(t.value());
        case Stop s -> {
          return;
        }
      }
    }
  }

  /** Per-task executor closed by try-with-resources: the loop ends on interrupt. */
  void perTask(BlockingQueue<Message> inbox) {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      executor.submit(
          () -> {
            while (!Thread.currentThread().isInterrupted()) {
              try {
                System.out.println(inbox.take());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          });
      executor.shutdownNow();
    }
  }
}
