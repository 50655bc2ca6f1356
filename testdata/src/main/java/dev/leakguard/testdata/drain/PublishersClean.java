package dev.leakguard.testdata.drain;

import dev.leakguard.annotations.NotOwning;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SubmissionPublisher;

/** Publishers that are closed, or handed to someone who closes them. */
class PublishersClean {
  void closedInFinally(List<String> items) {
    SubmissionPublisher<String> publisher = new SubmissionPublisher<>();
    CompletableFuture<Void> done = publisher.consume(System.out::println);
    try {
      items.forEach(publisher::submit);
    } finally {
      publisher.close();
    }
    done.join();
  }

  void tryWithResources(List<String> items) {
    try (SubmissionPublisher<String> publisher = new SubmissionPublisher<>()) {
      publisher.consume(System.out::println);
      items.forEach(publisher::submit);
    }
  }

  void closedExceptionally(List<String> items) {
    SubmissionPublisher<String> publisher = new SubmissionPublisher<>();
    try {
      items.forEach(publisher::submit);
      publisher.close();
    } catch (RuntimeException e) {
      publisher.closeExceptionally(e);
    }
  }

  SubmissionPublisher<String> returned() {
    SubmissionPublisher<String> publisher = new SubmissionPublisher<>();
    publisher.submit("first");
    return publisher; // the caller owns it now
  }

  void handedOn(List<SubmissionPublisher<String>> registry) {
    SubmissionPublisher<String> publisher = new SubmissionPublisher<>();
    registry.add(publisher);
  }

  void parameterNotOwned(SubmissionPublisher<String> publisher) {
    publisher.submit("borrowed");
  }

  static final class Feed implements AutoCloseable {
    private final SubmissionPublisher<String> events = new SubmissionPublisher<>();

    void publish(String event) {
      events.submit(event);
    }

    @Override
    public void close() {
      events.close();
    }
  }

  static final class ShutdownHook {
    private final SubmissionPublisher<String> events = new SubmissionPublisher<>();

    ShutdownHook() {
      Runtime.getRuntime().addShutdownHook(new Thread(events::close));
    }
  }

  /** Received from outside: borrowed. */
  static final class Borrowing {
    private final SubmissionPublisher<String> events;

    Borrowing(SubmissionPublisher<String> events) {
      this.events = events;
    }
  }

  /** Created here but declared borrowed: a container closes it. */
  static final class Shared {
    @NotOwning private final SubmissionPublisher<String> events = new SubmissionPublisher<>();
  }

  private final SubmissionPublisher<String> shared = new SubmissionPublisher<>();

  SubmissionPublisher<String> shared() {
    return shared;
  }

  /** A getter's result is not the caller's to close. */
  void fromGetter() {
    SubmissionPublisher<String> p = shared();
    p.submit("x");
  }
}
