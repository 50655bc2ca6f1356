package dev.leakguard.testdata.drain;

import dev.leakguard.annotations.Owning;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SubmissionPublisher;

/** Publishers nobody closes: every consumer waits forever. */
class PublishersFlagged {
  void localNeverClosed(List<String> items) {
    // BUG: Diagnostic contains: SubmissionPublisher 'publisher' is never closed
    SubmissionPublisher<String> publisher = new SubmissionPublisher<>();
    CompletableFuture<Void> done = publisher.consume(System.out::println);
    items.forEach(publisher::submit);
    done.join();
  }

  static final class Events {
    // BUG: Diagnostic contains: SubmissionPublisher 'events' is never closed
    private final SubmissionPublisher<String> events = new SubmissionPublisher<>();

    void publish(String event) {
      events.submit(event);
    }

    CompletableFuture<Void> listen() {
      return events.consume(System.out::println);
    }
  }

  /** An @Owning parameter: this method must close it. */
  // BUG: Diagnostic contains: 'publisher' is never closed
  void ownedParameter(@Owning SubmissionPublisher<String> publisher) {
    publisher.submit("last");
  }

  SubmissionPublisher<String> newPublisher() {
    return new SubmissionPublisher<>();
  }

  /** The factory hands ownership to its caller, which never closes. */
  void fromFactory() {
    // BUG: Diagnostic contains: 'fresh' is never closed
    SubmissionPublisher<String> fresh = newPublisher();
    fresh.submit("x");
  }
}
