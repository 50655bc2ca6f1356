package dev.leakguard.examples.executor;

import dev.leakguard.examples.Cleanup;
import dev.leakguard.examples.LeakExample;
import dev.leakguard.examples.NamedThreads;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * ExecutorNeverShutDown, clean twin of {@link ShutdownLeavesBlockedTask}: {@link #stop()} calls {@code
 * shutdownNow()}, whose interrupt ends the listener, and waits for the pool to terminate.
 */
public final class ShutdownNowInStop implements LeakExample {
  private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  private ExecutorService pool;

  @Override
  public void run() throws InterruptedException {
    pool = Executors.newSingleThreadExecutor(new NamedThreads("listener-pool"));
    pool.execute(this::listen);
    stop();
  }

  void listen() {
    try {
      while (true) {
        System.out.println("message " + messages.take());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public void stop() throws InterruptedException {
    pool.shutdownNow();
    if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
      System.err.println("listener-pool did not terminate");
    }
  }

  @Override
  public void close() throws InterruptedException {
    Cleanup.shutdownNowAndAwait(pool);
  }

  public static void main(String[] args) throws Exception {
    new ShutdownNowInStop().run();
  }
}
