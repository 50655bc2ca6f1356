package dev.leakguard.testdata.drain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/** Iterations over a BlockingQueue used as consumers: they neither drain nor wait. */
class QueueViewsFlagged {
  private volatile boolean running = true;

  void forEachThenClear(BlockingQueue<String> queue) {
    // BUG: Diagnostic contains: for (E e : queue) neither removes a BlockingQueue's elements nor waits
    for (String s : queue) {
      System.out.println(s);
    }
    queue.clear();
  }

  void forEachRemoving(BlockingQueue<String> queue) {
    // BUG: Diagnostic contains: drainTo(batch)
    queue.forEach(
        s -> {
          System.out.println(s);
          queue.remove(s);
        });
  }

  void streamInAPollingLoop(BlockingQueue<String> queue) throws InterruptedException {
    while (running) {
      // BUG: Diagnostic contains: queue.stream(..) neither removes
      queue.stream().forEach(System.out::println);
      queue.clear();
      Thread.sleep(100);
    }
  }

  List<String> iterationThenRemoveAll(BlockingQueue<String> queue) {
    List<String> seen = new ArrayList<>();
    // BUG: Diagnostic contains: take()/poll(timeout, unit)
    for (String s : queue) {
      seen.add(s);
    }
    queue.removeAll(seen);
    return seen;
  }

  /** Every visited element is removed: a consumer built on the iterator. */
  void iterationRemovingEach(BlockingQueue<Runnable> queue) {
    // BUG: Diagnostic contains: for (E e : queue) neither removes
    for (Runnable task : queue) {
      task.run();
      queue.remove(task);
    }
  }
}
