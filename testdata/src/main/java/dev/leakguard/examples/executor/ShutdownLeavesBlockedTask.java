package dev.leakguard.examples.executor;

import dev.leakguard.examples.Cleanup;
import dev.leakguard.examples.LeakExample;
import dev.leakguard.examples.NamedThreads;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * ExecutorNeverShutDown, leaking ({@code shutdown()} is not enough): the pool runs a listener that only ends
 * on interrupt, and the service's {@link #stop()} calls {@code shutdown()}, which lets
 * running tasks finish, so the listener keeps its thread forever. Clean twin: {@link ShutdownNowInStop}.
 */
public final class ShutdownLeavesBlockedTask implements LeakExample {
  private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  private ExecutorService pool;

  @Override
  public void run() {
    pool = Executors.newSingleThreadExecutor(new NamedThreads("listener-pool"));
    pool.execute(this::listen);
    stop();
  }

  void listen() {
    try {
      while (true) {
        System.out.println("message " + messages.take()); // ends only on interrupt
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public void stop() {
    pool.shutdown(); // flagged: the listener ends only on interrupt; use shutdownNow()
  }

  @Override
  public void close() throws InterruptedException {
    Cleanup.shutdownNowAndAwait(pool);
  }

  public static void main(String[] args) throws Exception {
    new ShutdownLeavesBlockedTask().run();
    System.out.println("stop() returned; the JVM does not exit: shutdown() waits for the listener");
  }
}
