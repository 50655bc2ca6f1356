package dev.leakguard.examples.drain;

import dev.leakguard.examples.Cleanup;
import dev.leakguard.examples.LeakExample;
import dev.leakguard.examples.Waits;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * QueueDrainWithoutExit, clean twin of {@link SwallowedInterruptConsumer} and {@link StopFlagConsumer}:
 * {@link #stop()} posts a poison pill that the loop leaves on, and an interrupt ends it too.
 */
public final class PoisonPillConsumer implements LeakExample {
  private static final String POISON = new String("poison"); // compared by identity

  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final CountDownLatch handled = new CountDownLatch(2);
  private Thread worker;

  @Override
  public void run() throws InterruptedException {
    worker = new Thread(this::consume, "poison-pill-consumer");
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
      while (true) {
        String event = events.take();
        if (event == POISON) {
          return; // the exit
        }
        System.out.println("event " + event);
        handled.countDown();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // an interrupt leaves the loop too
    }
  }

  public void stop() throws InterruptedException {
    events.put(POISON);
  }

  @Override
  public void close() throws InterruptedException {
    Cleanup.interruptAndJoin(worker);
  }

  public static void main(String[] args) throws Exception {
    new PoisonPillConsumer().run();
  }
}
