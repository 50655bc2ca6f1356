package dev.leakguard.testdata.drain;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Drain loops in records, switch expressions, lambdas, anonymous classes and Runnable fields. */
class DrainLoopsModernJava {
  sealed interface Message permits Data, Stop {
    default String kind() {
      return this instanceof Stop ? "stop" : "data";
    }
  }

  record Data(String text) implements Message {}

  record Stop() implements Message {}

  /** A record consumer with a switch on the message kind. */
  record Consumer(BlockingQueue<Message> inbox) implements Runnable {
    @Override
    public void run() {
      try {
        while (true) {
          Message m = inbox.take();
          if (m instanceof Stop) {
            return;
          }
          String text =
              switch (m.kind()) {
                case "data" -> ((Data) m).text();
                default -> "";
              };
          System.out.println(text);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A record whose loop swallows the interrupt. */
  record BrokenConsumer(BlockingQueue<Message> inbox) implements Runnable {
    @Override
    public void run() {
      // BUG: Diagnostic contains: cannot be cancelled
      while (true) {
        try {
          int size =
              switch (inbox.take().kind()) {
                case "data" -> 1;
                default -> 0;
              };
          System.out.println(size);
        } catch (InterruptedException e) {
          System.out.println("interrupted, carrying on");
        }
      }
    }
  }

  /** A switch statement whose break only leaves the switch. */
  void breakInSwitchLeavesOnlyTheSwitch(BlockingQueue<Integer> codes) {
    // BUG: Diagnostic contains: cannot be cancelled
    while (true) {
      try {
        switch (codes.take()) {
          case 0:
            break;
          default:
            System.out.println("code");
        }
      } catch (InterruptedException e) {
        // ignored
      }
    }
  }

  /** A switch expression that yields: also no exit. A return in a switch statement is one. */
  void returnInSwitch(BlockingQueue<Integer> codes) {
    while (true) {
      try {
        switch (codes.take()) {
          case 0:
            return;
          default:
            System.out.println("code");
        }
      } catch (InterruptedException e) {
        // ignored: code 0 ends us
      }
    }
  }

  /** A Runnable field whose lambda loop swallows the interrupt. */
  private final Runnable pump =
      () -> {
        // BUG: Diagnostic contains: cannot be cancelled
        while (true) {
          try {
            System.out.println(queue().take());
          } catch (InterruptedException e) {
            e.printStackTrace();
          }
        }
      };

  BlockingQueue<String> queue() {
    return null;
  }

  /** An anonymous class with a poison pill. */
  Runnable anonymous(BlockingQueue<String> lines) {
    return new Runnable() {
      @Override
      public void run() {
        while (true) {
          try {
            String line = lines.take();
            if (line.isEmpty()) {
              break;
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
    };
  }

  /** An anonymous class that never ends. */
  void anonymousSubmitted(ExecutorService executor, BlockingQueue<String> lines) {
    executor.execute(
        new Runnable() {
          @Override
          public void run() {
            // BUG: Diagnostic contains: cannot be cancelled
            while (true) {
              try {
                lines.take();
              } catch (InterruptedException ignored) {
              }
            }
          }
        });
  }

  /** Generic consumer. */
  <T extends Comparable<T>> T maxUntilNull(BlockingQueue<T> queue) throws InterruptedException {
    T max = null;
    while (true) {
      T t = queue.poll(1, TimeUnit.SECONDS);
      if (t == null) {
        return max;
      }
      max = max == null || t.compareTo(max) > 0 ? t : max;
    }
  }

  /** A local class. */
  void localClass(BlockingQueue<String> lines) {
    class Printer {
      void printAll() {
        // BUG: Diagnostic contains: cannot be cancelled
        while (true) {
          try {
            System.out.println(lines.take());
          } catch (InterruptedException e) {
            // ignored
          }
        }
      }
    }
    new Printer().printAll();
  }

  /** An infinite stream over a queue whose generator swallows the interrupt. */
  void generatedStream(BlockingQueue<String> lines) {
    // BUG: Diagnostic contains: This stream generated from take() never ends
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

  /** takeWhile ends the stream on the poison pill. */
  List<String> generatedStreamWithTakeWhile(BlockingQueue<String> lines) {
    return Stream.generate(
            () -> {
              try {
                return lines.take();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
              }
            })
        .takeWhile(s -> !s.isEmpty())
        .collect(Collectors.toList());
  }

  /** The generator fails on interrupt: the stream ends with the exception. */
  void generatedStreamThatFails(BlockingQueue<String> lines) {
    Stream.generate(
            () -> {
              try {
                return lines.take();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
              }
            })
        .forEach(System.out::println);
  }
}
