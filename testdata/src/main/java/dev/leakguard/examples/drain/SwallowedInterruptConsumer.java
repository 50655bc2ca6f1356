package dev.leakguard.examples.drain;

import dev.leakguard.examples.LeakExample;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * QueueDrainWithoutExit, leaking (the most common form): a worker runs tasks from a queue and swallows
 * {@code InterruptedException} inside the loop, so the owner's interrupt cannot stop it. After {@link #run()}
 * has "shut it down", the thread is still parked in {@code take()}. Clean twin: {@link PoisonPillConsumer}.
 */
public final class SwallowedInterruptConsumer implements LeakExample {
  private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private Thread worker;

  @Override
  public void run() throws InterruptedException {
    worker = new Thread(this::consume, "swallowing-consumer");
    worker.setUncaughtExceptionHandler((thread, error) -> {}); // the cleanup hook ends it by throwing
    worker.start();
    tasks.put(() -> System.out.println("task 1"));
    tasks.put(() -> System.out.println("task 2"));
    worker.interrupt(); // the owner's shutdown: swallowed by the loop below
  }

  void consume() {
    while (true) {
      try {
        tasks.take().run(); // flagged: the loop has no exit; the interrupt is swallowed
      } catch (InterruptedException e) {
        System.out.println("interrupted; carrying on"); // nobody can cancel this thread
      }
    }
  }

  /** Interrupts do not work here; ends the worker with a task that throws out of the loop. */
  @Override
  public void close() throws InterruptedException {
    if (worker != null) {
      tasks.put(
          () -> {
            throw new IllegalStateException("stopped by the test's cleanup hook");
          });
      worker.join(10_000);
      if (worker.isAlive()) {
        throw new IllegalStateException("cleanup could not end " + worker.getName());
      }
    }
  }

  public static void main(String[] args) throws Exception {
    new SwallowedInterruptConsumer().run();
    System.out.println("run() returned; the JVM does not exit: the consumer swallowed the interrupt");
  }

}
