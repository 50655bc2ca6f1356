package dev.leakguard.testdata.jdk21;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Virtual-thread APIs (JDK 21+). */
class BlockingCallsVirtualThreads {
  void virtualThreadJoin(BlockingQueue<String> queue) throws InterruptedException {
    Thread thread = Thread.ofVirtual().start(() -> {});
    // BUG: Diagnostic contains: Thread.join()
    thread.join();
    Thread.startVirtualThread(() -> {}).join(java.time.Duration.ofSeconds(1));
  }

  Object perTaskExecutor() throws Exception {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> future = executor.submit(() -> "x");
      // BUG: Diagnostic contains: Future.get()
      return future.get();
    }
  }

  Object resultNowIsNotBlocking(Future<String> future) {
    return future.state() == Future.State.SUCCESS ? future.resultNow() : null;
  }

  /** Pattern matching in switch (JDK 21). */
  sealed interface Outcome permits Done, Pending {}

  record Done(String value) implements Outcome {}

  record Pending(CompletableFuture<String> future) implements Outcome {}

  String describe(Outcome outcome) {
    return switch (outcome) {
      case Done d -> d.value();
      // BUG: Diagnostic contains: CompletableFuture.join()
      case Pending p -> p.future().join();
    };
  }

}
