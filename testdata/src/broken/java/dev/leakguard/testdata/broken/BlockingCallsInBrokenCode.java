package dev.leakguard.testdata.broken;

import java.util.concurrent.BlockingQueue;
// BUG: Diagnostic contains: does not exist
import com.example.missing.UnknownQueue;

/**
 * Does not compile: missing types and erroneous symbols. Error Prone runs no check once javac has
 * reported an error, so the compilation must end with javac's errors alone, never a check's crash.
 */
class BlockingCallsInBrokenCode {
  // BUG: Diagnostic contains: cannot find symbol
  Object missingReceiverType(UnknownQueue<String> queue) throws InterruptedException {
    return queue.take();
  }

  Object missingMethod(BlockingQueue<String> queue) {
    // BUG: Diagnostic contains: cannot find symbol
    return queue.takeEventually();
  }

  Object wrongArguments(BlockingQueue<String> queue) throws InterruptedException {
    // BUG: Diagnostic contains: cannot be applied
    return queue.take(42);
  }

  Object undefinedVariable() throws Exception {
    // BUG: Diagnostic contains: cannot find symbol
    return futureThatDoesNotExist.get();
  }

  Object unknownFactory() throws Exception {
    // BUG: Diagnostic contains: cannot find symbol
    return Missing.completedFuture("x").get();
  }
}

