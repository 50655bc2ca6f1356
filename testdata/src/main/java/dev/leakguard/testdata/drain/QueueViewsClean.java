package dev.leakguard.testdata.drain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Collectors;

/** Iterations that only inspect a queue, and real drains. */
class QueueViewsClean {
  int countUrgent(BlockingQueue<String> queue) {
    int n = 0;
    for (String s : queue) {
      if (s.startsWith("!")) {
        n++;
      }
    }
    return n;
  }

  String describe(BlockingQueue<String> queue) {
    return queue.stream().collect(Collectors.joining(", "));
  }

  void log(BlockingQueue<String> queue) {
    queue.forEach(System.out::println);
  }

  /** Each queue iterated once, inside a loop over the queues. */
  int total(List<BlockingQueue<String>> queues) {
    int n = 0;
    for (BlockingQueue<String> queue : queues) {
      for (String s : queue) {
        n += s.length();
      }
    }
    return n;
  }

  private volatile boolean monitoring = true;

  /** A monitor re-reads the queue in a loop but consumes nothing. */
  void monitor(BlockingQueue<String> queue) throws InterruptedException {
    while (monitoring) {
      for (String s : queue) {
        System.out.println("pending: " + s);
      }
      Thread.sleep(1_000);
    }
  }

  /** The right way to take everything that is there now. */
  List<String> drainBatch(BlockingQueue<String> queue) {
    List<String> batch = new ArrayList<>();
    queue.drainTo(batch);
    return batch;
  }

  /** A purge: drops cancelled tasks and leaves the rest to the queue's consumer. */
  void purgeCancelled(BlockingQueue<Runnable> queue) {
    for (Runnable task : queue) {
      if (task instanceof java.util.concurrent.Future<?> future && future.isCancelled()) {
        queue.remove(task);
      }
    }
  }

  /** The same purge with forEach. */
  void purgeCancelledWithForEach(BlockingQueue<Runnable> queue) {
    queue.forEach(
        task -> {
          if (task instanceof java.util.concurrent.Future<?> future && future.isCancelled()) {
            queue.remove(task);
          }
        });
  }
}
