package dev.leakguard.model;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.Matchers;
import com.sun.source.tree.ExpressionTree;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the library says about when a future is already complete, as data. */
public final class FutureApi {
  private FutureApi() {}

  /** Queries that can only be true once the future is done; done futures stay done. */
  public static final Set<String> DONE_QUERIES =
      Set.of(
          "isDone",
          "isCompletedNormally",
          "isCompletedExceptionally",
          "isCancelled",
          // Netty's and Vert.x's futures: true only once complete.
          "isSuccess",
          "isComplete",
          "succeeded",
          "failed");

  /**
   * Assertions that stop the method unless their first argument is true: after {@code
   * checkState(f.isDone())} the future is done.
   */
  public static final Matcher<ExpressionTree> PRECONDITION =
      Matchers.anyOf(
          staticMethod()
              .onClass("com.google.common.base.Preconditions")
              .namedAnyOf("checkState", "checkArgument"),
          staticMethod().onClass("com.google.common.base.Verify").named("verify"),
          staticMethod()
              .onClassAny("org.junit.Assert", "org.junit.jupiter.api.Assertions")
              .named("assertTrue"));

  /**
   * Completion listeners, as {@code type#method}: the future handed to them is complete by
   * contract (Netty calls {@code operationComplete(future)} once the future is done).
   */
  public static final Set<String> COMPLETION_LISTENERS =
      Set.of("io.netty.util.concurrent.GenericFutureListener#operationComplete");

  /** Static factories whose future is complete when returned. */
  public static final Matcher<ExpressionTree> COMPLETED_FACTORY =
      Matchers.anyOf(
          staticMethod()
              .onClass(TypeNames.COMPLETABLE_FUTURE)
              .namedAnyOf("completedFuture", "failedFuture", "completedStage", "failedStage"),
          staticMethod()
              .onClass(TypeNames.GUAVA_FUTURES)
              .namedAnyOf(
                  "immediateFuture",
                  "immediateFailedFuture",
                  "immediateCancelledFuture",
                  "immediateVoidFuture"));

  /**
   * Calls whose returned futures are all complete: {@code invokeAll} returns only when every task
   * is done (or cancelled, timed form), and a {@code CompletionService} hands out completed ones.
   */
  public static final Matcher<ExpressionTree> YIELDS_COMPLETED =
      Matchers.anyOf(
          instanceMethod().onDescendantOf(TypeNames.EXECUTOR_SERVICE).named("invokeAll"),
          instanceMethod()
              .onDescendantOf(TypeNames.COMPLETION_SERVICE)
              .namedAnyOf("take", "poll"));

  /** {@code CompletableFuture.allOf(..)}: completes once every argument is complete. */
  public static final Matcher<ExpressionTree> ALL_OF =
      staticMethod().onClass(TypeNames.COMPLETABLE_FUTURE).named("allOf");

  /** Waits that, once returned normally, prove their future complete (timed or not). */
  public static final Matcher<ExpressionTree> WAIT =
      Matchers.anyOf(
          instanceMethod().onDescendantOf(TypeNames.FUTURE).namedAnyOf("get", "join", "resultNow"),
          staticMethod()
              .onClass(TypeNames.GUAVA_FUTURES)
              .namedAnyOf("getUnchecked", "getChecked", "getDone"),
          staticMethod()
              .onClass(TypeNames.UNINTERRUPTIBLES)
              .named("getUninterruptibly"));

  /** {@code CompletableFuture} calls that bound the future in time: it completes on timeout. */
  public static final Set<String> TIMEOUT_BOUNDS = Set.of("orTimeout", "completeOnTimeout");

  /**
   * Decorators after which a wait on the returned future is bounded: it completes on timeout
   * ({@link #TIMEOUT_BOUNDS}, and Guava's {@code withTimeout}).
   */
  public static final Set<String> TIMEOUT_DECORATORS =
      Stream.concat(TIMEOUT_BOUNDS.stream(), Stream.of("withTimeout")).collect(Collectors.toUnmodifiableSet());

  /**
   * Calls on a future whose result stands for the same task: awaiting or returning the result
   * awaits or hands back the task. Static {@code allOf}/{@code anyOf} combine futures.
   */
  public static final Set<String> DERIVING_METHODS =
      Set.of(
          "thenApply", "thenApplyAsync", "thenAccept", "thenAcceptAsync", "thenRun", "thenRunAsync",
          "thenCompose", "thenComposeAsync", "thenCombine", "thenCombineAsync", "whenComplete",
          "whenCompleteAsync", "handle", "handleAsync", "exceptionally", "exceptionallyAsync",
          "exceptionallyCompose", "toCompletableFuture", "copy", "minimalCompletionStage",
          "allOf", "anyOf");

  /**
   * Stages that complete once their single source completes, normally or not: after {@code
   * f.orTimeout(..)}, {@code .thenApply(..)} and the like stay bounded by the same timeout. Not
   * {@code thenCompose} or {@code thenCombine}, which also wait for another future.
   */
  public static final Set<String> BOUND_PRESERVING =
      Set.of(
          "thenApply", "thenApplyAsync", "thenAccept", "thenAcceptAsync", "thenRun", "thenRunAsync",
          "handle", "handleAsync", "whenComplete", "whenCompleteAsync", "exceptionally",
          "exceptionallyAsync", "toCompletableFuture", "copy");

  /** Pass-throughs on the way to a wait, such as {@code allOf(..).orTimeout(..).join()}. */
  public static final Set<String> SAME_FUTURE_DECORATORS = Set.of("orTimeout", "toCompletableFuture");

  /**
   * Callback registrations: the callback runs only once the receiver (and, for the {@code Both}
   * and {@code Combine} forms, the other stage) is complete.
   */
  public static final Matcher<ExpressionTree> CALLBACK =
      Matchers.anyOf(
          instanceMethod()
              .onDescendantOf(TypeNames.COMPLETION_STAGE)
              .namedAnyOf(
                  "thenApply", "thenApplyAsync", "thenAccept", "thenAcceptAsync", "thenRun",
                  "thenRunAsync", "thenCompose", "thenComposeAsync", "thenCombine",
                  "thenCombineAsync", "thenAcceptBoth", "thenAcceptBothAsync", "runAfterBoth",
                  "runAfterBothAsync", "whenComplete", "whenCompleteAsync", "handle", "handleAsync",
                  "exceptionally", "exceptionallyAsync", "exceptionallyCompose",
                  "exceptionallyComposeAsync"),
          staticMethod()
              .onClass(TypeNames.GUAVA_FUTURES)
              .namedAnyOf("transform", "transformAsync", "addCallback", "catching", "catchingAsync"));
}
