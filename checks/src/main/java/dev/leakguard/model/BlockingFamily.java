package dev.leakguard.model;

import java.util.Locale;

/**
 * Groups of blocking APIs that users can switch on or off together
 * ({@code -XepOpt:BlockingCallWithoutTimeout:Families=QUEUE,FUTURE}).
 */
public enum BlockingFamily {
  /** {@code BlockingQueue}, {@code BlockingDeque}, {@code TransferQueue}, {@code CompletionService}. */
  QUEUE,
  /** {@code Future}, {@code CompletableFuture}, Guava's future helpers. */
  FUTURE,
  /** {@code CountDownLatch}, {@code CyclicBarrier}, {@code Phaser}, {@code Exchanger}. */
  LATCH,
  /** {@code Semaphore}. */
  SEMAPHORE,
  /** {@code Condition.await}, {@code Object.wait}. */
  CONDITION,
  /** {@code Thread.join}, {@code Process.waitFor}. */
  THREAD,
  /** Untimed {@code ExecutorService.invokeAll/invokeAny}. */
  EXECUTOR;

  /** Parses one family name, case-insensitively; null when it names none. */
  public static BlockingFamily parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
