package dev.leakguard.testdata.drain;

import dev.leakguard.annotations.ClosedBy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Compiled with BlockingCallWithoutTimeout and QueueDrainWithoutExit together: each problem gets
 * exactly one warning, from the check that names it; correct consumers get none.
 */
class OneWarningPerProblem {
  static final String POISON = "__poison__";

  /** Broken loop: QueueDrainWithoutExit reports the loop; the take() inside is not reported again. */
  void brokenLoop(BlockingQueue<String> lines) {
    // BUG: Diagnostic contains: [QueueDrainWithoutExit] This drain loop cannot be cancelled
    while (true) {
      try {
        String line = lines.take();
        System.out.println(line);
      } catch (InterruptedException e) {
        System.out.println("ignored");
      }
    }
  }

  /** Correct loop: the untimed take() is how a consumer waits; no check warns. */
  void poisonPillLoop(BlockingQueue<String> lines) throws InterruptedException {
    while (true) {
      String line = lines.take();
      if (line == POISON) {
        return;
      }
      System.out.println(line);
    }
  }

  /** Correct interrupt-driven loop. */
  void interruptDrivenLoop(BlockingQueue<String> lines) throws InterruptedException {
    while (true) {
      System.out.println(lines.take());
    }
  }

  /** Broken stream: one warning, on the stream. */
  void brokenStream(BlockingQueue<String> lines) {
    // BUG: Diagnostic contains: [QueueDrainWithoutExit] This stream generated from take()
    Stream.generate(
            () -> {
              try {
                return lines.take();
              } catch (InterruptedException e) {
                return "";
              }
            })
        .forEach(System.out::println);
  }

  /** A single untimed take() with no wake path: BlockingCallWithoutTimeout reports it. */
  String singleTake(BlockingQueue<String> lines) throws InterruptedException {
    // BUG: Diagnostic contains: [BlockingCallWithoutTimeout] BlockingQueue.take() parks this thread
    return lines.take();
  }

  /** Waits on a queue whose owner posts a terminal marker in close(): a wake path exists. */
  static final class Reply implements AutoCloseable {
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    String await() throws InterruptedException {
      return replies.take();
    }

    @Override
    public void close() {
      replies.offer(POISON);
    }
  }

  /** The same, named by @ClosedBy. */
  static final class NamedReply {
    @ClosedBy("cancel")
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    String await() throws InterruptedException {
      return replies.take();
    }

    void cancel() {
      replies.add(POISON);
    }
  }

  /** An owner whose close() does not post: the single take() stays reported. */
  static final class NoWakePath implements AutoCloseable {
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    String await() throws InterruptedException {
      // BUG: Diagnostic contains: [BlockingCallWithoutTimeout]
      return replies.take();
    }

    @Override
    public void close() {
      replies.clear();
    }
  }

  /** A put() in a drain loop is still a single blocking call. */
  void forwardingLoop(BlockingQueue<String> in, BlockingQueue<String> out) throws InterruptedException {
    while (true) {
      String s = in.poll(1, TimeUnit.SECONDS);
      if (s == null) {
        return;
      }
      // BUG: Diagnostic contains: [BlockingCallWithoutTimeout] BlockingQueue.put()
      out.put(s);
    }
  }

  /** Counted loop: ends after n elements, but each take() can wait forever on its own. */
  List<String> takeN(BlockingQueue<String> lines, int n) throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // BUG: Diagnostic contains: [BlockingCallWithoutTimeout] BlockingQueue.take()
      out.add(lines.take());
    }
    return out;
  }

  /** Completed futures, one by one: take() waits for the next task; get() on it returns at once. */
  void completionService(CompletionService<String> service, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      // BUG: Diagnostic contains: [BlockingCallWithoutTimeout] CompletionService.take()
      Future<String> done = service.take();
      System.out.println(done.get());
    }
  }
}
