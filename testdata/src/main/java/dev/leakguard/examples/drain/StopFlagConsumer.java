package dev.leakguard.examples.drain;

import dev.leakguard.examples.Cleanup;
import dev.leakguard.examples.LeakExample;
import dev.leakguard.examples.Waits;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * QueueDrainWithoutExit, leaking: the consumer loops {@code while (running)} around an untimed {@code
 * take()}, and {@link #stop()} only clears the flag. A thread parked in {@code take()} never looks at the flag
 * again, so once the queue is empty it stays parked. Clean twin: {@link PoisonPillConsumer}.
 */
public final class StopFlagConsumer implements LeakExample {
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private volatile boolean running = true;
  private final CountDownLatch handled = new CountDownLatch(2);
  private Thread worker;

  @Override
  public void run() throws InterruptedException {
    worker = new Thread(this::consume, "stop-flag-consumer");
    worker.start();
    events.put("started");
    events.put("stopped");
    // Stop once both events are handled and the consumer waits for more, as a real service would.
    if (!handled.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("events were not handled");
    }
    Waits.untilBlockedIn(worker, "java.util.concurrent.LinkedBlockingQueue", "take");
    stop();
  }

  void consume() {
    try {
      while (running) {
        String event = events.take(); // flagged: setting running = false cannot wake this
        System.out.println("event " + event);
        handled.countDown();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public void stop() {
    running = false; // does not wake a thread parked in take()
  }

  @Override
  public void close() throws InterruptedException {
    Cleanup.interruptAndJoin(worker);
  }

  public static void main(String[] args) throws Exception {
    new StopFlagConsumer().run();
    System.out.println("stop() returned; the JVM does not exit: the consumer is parked in take()");
  }
}
