package dev.leakguard.model;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static dev.leakguard.model.TypeNames.ATOMIC_BOOLEAN;
import static dev.leakguard.model.TypeNames.THREAD;

import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.Matchers;
import com.sun.source.tree.ExpressionTree;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What drain loops and their owners do, as data: the receives are {@link BlockingApi#RECEIVES};
 * this file names the calls that wake a parked consumer, post to a queue, end a publisher, and the
 * views of a queue that neither drain nor wait.
 */
public final class DrainApi {
  private DrainApi() {}

  /**
   * Infinite stream sources: a receive inside their generator makes the stream a drain loop that
   * only a short-circuiting stage (or an exception) can end.
   */
  public static final Matcher<ExpressionTree> INFINITE_GENERATOR =
      Matchers.anyOf(
          staticMethod()
              .onClassAny(
                  "java.util.stream.Stream",
                  "java.util.stream.IntStream",
                  "java.util.stream.LongStream",
                  "java.util.stream.DoubleStream")
              .named("generate"),
          staticMethod().onClass("java.util.stream.Stream").named("iterate").withParameters(
              TypeNames.OBJECT, "java.util.function.UnaryOperator"));

  /** Stream stages that can end an infinite stream. */
  public static final Set<String> SHORT_CIRCUITING_STAGES =
      Set.of(
          "takeWhile", "limit", "findFirst", "findAny", "anyMatch", "allMatch", "noneMatch",
          "iterator", "spliterator");

  /**
   * Views of a queue that neither remove elements nor wait for new ones: a consumer loop built on
   * them misses elements added meanwhile and sees others twice.
   */
  public static final Matcher<ExpressionTree> NON_DRAINING_VIEW =
      instanceMethod()
          .onDescendantOf(TypeNames.BLOCKING_QUEUE)
          .namedAnyOf("forEach", "stream", "parallelStream");

  /** Calls on a queue, inside or after an iteration over it, that show the iteration consumes it. */
  public static final Set<String> CONSUMING_QUEUE_METHODS =
      Set.of("remove", "removeIf", "removeAll", "clear", "poll", "take", "retainAll");

  /**
   * Of {@link #CONSUMING_QUEUE_METHODS}, the ones that can remove chosen elements ({@code
   * remove(e)}, {@code removeIf}): made only under a condition, they purge (drop cancelled tasks,
   * expired entries) rather than consume what the iteration visits.
   */
  public static final Set<String> SELECTIVE_REMOVALS = Set.of("remove", "removeIf", "removeAll", "retainAll");

  /** Calls that put an element into a queue: a sentinel posted this way wakes a parked consumer. */
  public static final Matcher<ExpressionTree> POST =
      instanceMethod()
          .onDescendantOf(TypeNames.QUEUE)
          .namedAnyOf(
              "put", "offer", "add", "putFirst", "putLast", "offerFirst", "offerLast", "addFirst",
              "addLast", "transfer", "tryTransfer");

  /**
   * Calls that wake a thread parked in an untimed receive by interrupting it: {@code
   * Thread.interrupt()}, {@code shutdownNow()} of its executor, {@code cancel(true)} of its future.
   */
  public static final Matcher<ExpressionTree> INTERRUPT =
      Matchers.anyOf(
          instanceMethod().onDescendantOf(THREAD).named("interrupt").withNoParameters(),
          instanceMethod()
              .onDescendantOf(TypeNames.EXECUTOR_SERVICE)
              .namedAnyOf("shutdownNow")
              .withNoParameters(),
          instanceMethod()
              .onDescendantOf(TypeNames.FUTURE)
              .named("cancel")
              .withParameters("boolean"));

  /** {@code Thread.currentThread().isInterrupted()} and {@code Thread.interrupted()}. */
  public static final Matcher<ExpressionTree> INTERRUPT_QUERY =
      Matchers.anyOf(
          instanceMethod().onDescendantOf(THREAD).named("isInterrupted").withNoParameters(),
          staticMethod().onClass(THREAD).named("interrupted").withNoParameters());

  /** {@code Thread.currentThread().interrupt()}: restores the interrupt status. */
  public static final Matcher<ExpressionTree> RESTORE_INTERRUPT =
      instanceMethod().onDescendantOf(THREAD).named("interrupt").withNoParameters();

  /**
   * {@code thread.join(..)}: the owner waits for the thread to end, after telling it to stop in its
   * own way (a flag its loop re-checks): how a thread field is ended cooperatively.
   */
  public static final Matcher<ExpressionTree> THREAD_JOIN =
      instanceMethod().onDescendantOf(THREAD).named("join");

  /** Reads of an atomic stop flag. */
  public static final Matcher<ExpressionTree> FLAG_READ =
      instanceMethod().onDescendantOf(ATOMIC_BOOLEAN).namedAnyOf("get", "getAcquire", "getPlain", "getOpaque");

  /** Writes of an atomic stop flag. */
  public static final Set<String> FLAG_WRITES =
      Set.of("set", "lazySet", "setRelease", "setPlain", "setOpaque", "compareAndSet",
          "getAndSet", "weakCompareAndSet", "weakCompareAndSetVolatile", "weakCompareAndSetPlain");

  /**
   * Helpers that never return normally: they rethrow their argument. A catch that ends in one leaves
   * the loop as a throw would.
   */
  public static final Set<String> ALWAYS_THROWING_METHOD_NAMES =
      Set.of("propagate", "rethrow", "sneakyThrow", "throwUnchecked", "throwAsUncheckedException");

  /** Calls that end a {@code SubmissionPublisher}: its consumers and subscribers complete. */
  public static final Set<String> PUBLISHER_CLOSES = Set.of("close", "closeExceptionally");

  /**
   * Methods on a queue, executor, publisher, thread or timer field that end it: an executor's or
   * timer's endings, a thread's interrupt or a future's cancel, a publisher's closes, and the stop
   * methods of services.
   */
  public static final Set<String> ENDING_METHODS =
      Stream.of(
              ExecutorApi.EXECUTOR_ENDINGS,
              ExecutorApi.TASK_CANCELS,
              PUBLISHER_CLOSES,
              Set.of("stopAsync", "stop", "dispose", "terminate"))
          .flatMap(Set::stream)
          .collect(Collectors.toUnmodifiableSet());
}
