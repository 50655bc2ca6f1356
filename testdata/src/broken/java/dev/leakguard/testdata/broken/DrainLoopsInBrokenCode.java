package dev.leakguard.testdata.broken;

import dev.leakguard.annotations.ClosedBy;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SubmissionPublisher;
import java.util.stream.Stream;

/**
 * Does not compile: drain loops over missing types, undefined flags and members. The compilation
 * must end with javac's errors alone, never a check's crash.
 */
class DrainLoopsInBrokenCode {
  // BUG: Diagnostic contains: cannot find symbol
  @ClosedBy("stop") private final UnknownQueue<String> queue = null;

  void missingFlag(BlockingQueue<String> lines) {
    // BUG: Diagnostic contains: cannot find symbol
    while (!stoppedFlagThatDoesNotExist) {
      try {
        lines.take();
      } catch (InterruptedException e) {
        // ignored
      }
    }
  }

  void missingQueueType() {
    while (true) {
      try {
        // BUG: Diagnostic contains: cannot find symbol
        missingQueue.take();
        // BUG: Diagnostic contains: never thrown
      } catch (InterruptedException e) {
        // ignored
      }
    }
  }

  void unknownCatchType(BlockingQueue<String> lines) {
    while (true) {
      try {
        lines.take();
        // BUG: Diagnostic contains: cannot find symbol
      } catch (UnknownException e) {
        // ignored
      }
    }
  }

  void brokenStream(BlockingQueue<String> lines) {
    // BUG: Diagnostic contains: cannot find symbol
    Stream.generate(() -> lines.takeSomething()).forEach(System.out::println);
  }

  void brokenPublisher() {
    // BUG: Diagnostic contains: cannot find symbol
    SubmissionPublisher<String> p = new SubmissionPublisher<>(missingExecutor, 8);
  }

  void stop() {
    queue.add("");
  }
}
