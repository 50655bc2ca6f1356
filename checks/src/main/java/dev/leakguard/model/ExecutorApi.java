package dev.leakguard.model;

import static com.google.errorprone.matchers.method.MethodMatchers.constructor;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static dev.leakguard.model.TypeNames.COMPLETABLE_FUTURE;
import static dev.leakguard.model.TypeNames.EXECUTOR;
import static dev.leakguard.model.TypeNames.EXECUTORS;
import static dev.leakguard.model.TypeNames.EXECUTOR_SERVICE;
import static dev.leakguard.model.TypeNames.FORK_JOIN_POOL;
import static dev.leakguard.model.TypeNames.MORE_EXECUTORS;
import static dev.leakguard.model.TypeNames.SCHEDULED_EXECUTOR_SERVICE;
import static dev.leakguard.model.TypeNames.SCHEDULED_THREAD_POOL_EXECUTOR;
import static dev.leakguard.model.TypeNames.THREAD;
import static dev.leakguard.model.TypeNames.THREAD_BUILDER;
import static dev.leakguard.model.TypeNames.THREAD_FACTORY_BUILDER;
import static dev.leakguard.model.TypeNames.THREAD_POOL_EXECUTOR;
import static dev.leakguard.model.TypeNames.TIMER;

import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.Matchers;
import com.google.errorprone.predicates.TypePredicates;
import com.sun.source.tree.ExpressionTree;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Executors, timers and threads as data: which expressions create one, which calls hand it a task
 * (and which of those repeat forever), and which calls end it. The one place LeakGuard names these
 * library methods; task-start data here is meant to be shared by every check that asks "where does
 * background work begin".
 */
public final class ExecutorApi {
  private ExecutorApi() {}

  /** Packages of the JDK: calls into them are not "other code" that may throw anything. */
  public static final List<String> JDK_PACKAGE_PREFIXES = List.of("java.", "javax.");

  /** Types whose instances own threads and must be ended by their owner. */
  public static final Set<String> EXECUTOR_TYPES = Set.of(EXECUTOR_SERVICE, TIMER);

  // --- Creation ---------------------------------------------------------------------------------

  /** {@code Executors} factories that start platform threads from the default (non-daemon) factory. */
  public static final Set<String> NON_DAEMON_FACTORIES =
      Set.of(
          "newFixedThreadPool",
          "newCachedThreadPool",
          "newSingleThreadExecutor",
          "newScheduledThreadPool",
          "newSingleThreadScheduledExecutor");

  /**
   * {@code Executors} factories whose threads are daemon anyway: ForkJoinPool workers and virtual
   * threads never keep the JVM alive.
   */
  public static final Set<String> DAEMON_FACTORIES =
      Set.of("newWorkStealingPool", "newVirtualThreadPerTaskExecutor");

  /** Every {@code Executors} factory that creates a new executor with its own threads. */
  public static final Matcher<ExpressionTree> EXECUTORS_FACTORY =
      staticMethod()
          .onClass(EXECUTORS)
          .namedAnyOf(union(NON_DAEMON_FACTORIES, DAEMON_FACTORIES, Set.of("newThreadPerTaskExecutor")));

  /**
   * Constructors of executor classes and their subclasses (ScheduledThreadPoolExecutor included):
   * their threads come from a thread factory.
   */
  public static final Matcher<ExpressionTree> EXECUTOR_CONSTRUCTOR =
      constructor()
          .forClass(
              TypePredicates.isDescendantOfAny(
                  List.of(THREAD_POOL_EXECUTOR, FORK_JOIN_POOL, TIMER)));

  /**
   * Wrappers that take ownership of the executor passed as their first argument: ending the wrapper
   * ends the wrapped executor.
   */
  public static final Matcher<ExpressionTree> OWNING_WRAPPER =
      Matchers.anyOf(
          staticMethod()
              .onClass(EXECUTORS)
              .namedAnyOf("unconfigurableExecutorService", "unconfigurableScheduledExecutorService"),
          staticMethod().onClass(MORE_EXECUTORS).named("listeningDecorator"));

  /** Shared executors nobody may end: the common pool. */
  public static final Matcher<ExpressionTree> SHARED_POOL =
      staticMethod().onClass(FORK_JOIN_POOL).named("commonPool");

  /** {@code Thread.setDaemon(true)}, Guava's {@code ThreadFactoryBuilder.setDaemon(true)}. */
  public static final Matcher<ExpressionTree> SET_DAEMON =
      Matchers.anyOf(
          instanceMethod().onDescendantOf(THREAD).named("setDaemon"),
          instanceMethod().onExactClass(THREAD_FACTORY_BUILDER).named("setDaemon"));

  /** {@code Thread.ofVirtual()}: virtual threads are always daemon. */
  public static final Matcher<ExpressionTree> VIRTUAL_BUILDER =
      staticMethod().onClass(THREAD).named("ofVirtual");

  /** {@code Thread.ofPlatform().daemon()} / {@code daemon(true)}. */
  public static final Matcher<ExpressionTree> BUILDER_DAEMON =
      instanceMethod().onDescendantOf(THREAD_BUILDER + ".OfPlatform").named("daemon");

  /** {@code Executors.defaultThreadFactory()}: non-daemon platform threads. */
  public static final Matcher<ExpressionTree> DEFAULT_THREAD_FACTORY =
      staticMethod().onClass(EXECUTORS).named("defaultThreadFactory");

  /** Builders whose chain is the whole source of a thread factory. */
  public static final Matcher<ExpressionTree> THREAD_FACTORY_BUILDER_START =
      Matchers.anyOf(
          staticMethod().onClass(THREAD).namedAnyOf("ofVirtual", "ofPlatform"),
          constructor().forClass(THREAD_FACTORY_BUILDER));

  /** The calls that end a thread-factory builder chain: Guava's {@code build()}, JDK's {@code factory()}. */
  public static final Set<String> THREAD_FACTORY_BUILDER_END = Set.of("build", "factory");

  /** {@code Thread} queries of the interrupt flag, usable as a loop's exit. */
  public static final Set<String> INTERRUPT_QUERIES = Set.of("isInterrupted", "interrupted");

  /** No-argument methods of an anonymous or named task class that hold its body. */
  public static final Set<String> TASK_BODY_METHODS = Set.of("run", "call", "compute", "get");

  // --- Submission (task start) ------------------------------------------------------------------

  /** How a task runs once handed over. */
  public enum Repetition {
    /** Runs once. */
    ONCE,
    /** Runs again and again until cancelled or its executor is ended. */
    PERIODIC
  }

  /** What runs a started task. */
  public enum Runner {
    /** A thread of its own: {@code Thread.start()}, virtual threads, {@code Thread.Builder}. */
    THREAD,
    /** The executor the call is made on, or the executor argument. */
    EXECUTOR,
    /** The JVM-wide pool that nobody shuts down: {@code CompletableFuture.runAsync(task)}. */
    COMMON_POOL,
    /** A {@code java.util.Timer}. */
    TIMER
  }

  /**
   * A call that starts a task which may run on after the caller returns.
   *
   * @param owner the declaring type; calls on subtypes match too
   * @param isStatic whether the method is static
   * @param names the method names
   * @param runner what runs the task: for {@link Runner#EXECUTOR}, the receiver, or the argument at
   *     {@code executorArgument} for static forms
   * @param periodic whether the task repeats until cancelled
   * @param executorArgument index of the executor argument (static forms), or -1
   * @param minArguments the fewest arguments the form takes (to tell {@code runAsync(r)} from {@code
   *     runAsync(r, executor)}, and one-shot {@code Timer.schedule(task, delay)} from periodic {@code
   *     schedule(task, delay, period)}): of several forms of one call, the one with the most
   *     arguments the call has applies
   * @param awaitsItself whether the call returns only when the tasks are done or cancelled ({@code
   *     invokeAll}, {@code invokeAny}): recognised, never a leak
   */
  public record TaskStart(
      String owner,
      boolean isStatic,
      Set<String> names,
      Runner runner,
      boolean periodic,
      int executorArgument,
      int minArguments,
      boolean awaitsItself) {
    public TaskStart {
      names = Set.copyOf(names);
    }
  }

  /** {@code thread.start()}: the task is the thread's Runnable or its own {@code run()}. */
  public static final TaskStart START =
      new TaskStart(THREAD, false, Set.of("start"), Runner.THREAD, false, -1, 0, false);

  /** {@code Thread.startVirtualThread(task)}: returns the started thread. */
  public static final TaskStart START_VIRTUAL_THREAD =
      new TaskStart(THREAD, true, Set.of("startVirtualThread"), Runner.THREAD, false, -1, 1, false);

  /** {@code Thread.Builder.start(task)}: returns the started thread. */
  public static final TaskStart BUILDER_START =
      new TaskStart(THREAD_BUILDER, false, Set.of("start"), Runner.THREAD, false, -1, 1, false);

  /** {@code executor.execute(task)}: no handle. */
  public static final TaskStart EXECUTE =
      new TaskStart(EXECUTOR, false, Set.of("execute"), Runner.EXECUTOR, false, -1, 1, false);

  /** {@code executor.submit(task)}: the handle is the returned future. */
  public static final TaskStart SUBMIT =
      new TaskStart(EXECUTOR_SERVICE, false, Set.of("submit"), Runner.EXECUTOR, false, -1, 1, false);

  /** {@code invokeAll}/{@code invokeAny}: submit and wait, so nothing is left running. */
  public static final TaskStart INVOKE =
      new TaskStart(
          EXECUTOR_SERVICE, false, Set.of("invokeAll", "invokeAny"), Runner.EXECUTOR, false, -1, 1, true);

  /** {@code scheduler.schedule(task, delay, unit)}: one-shot. */
  public static final TaskStart SCHEDULE =
      new TaskStart(
          SCHEDULED_EXECUTOR_SERVICE, false, Set.of("schedule"), Runner.EXECUTOR, false, -1, 3, false);

  /** {@code scheduleAtFixedRate}/{@code scheduleWithFixedDelay}: periodic. */
  public static final TaskStart SCHEDULE_PERIODIC =
      new TaskStart(
          SCHEDULED_EXECUTOR_SERVICE,
          false,
          Set.of("scheduleAtFixedRate", "scheduleWithFixedDelay"),
          Runner.EXECUTOR,
          true,
          -1,
          4,
          false);

  /** {@code ForkJoinPool.submit/execute}, including the {@code ForkJoinTask} overloads. */
  public static final TaskStart FORK_JOIN_SUBMIT =
      new TaskStart(FORK_JOIN_POOL, false, Set.of("submit", "execute"), Runner.EXECUTOR, false, -1, 1, false);

  /** {@code CompletableFuture.runAsync(task)}/{@code supplyAsync(task)}: on the common pool. */
  public static final TaskStart ASYNC_ON_COMMON_POOL =
      new TaskStart(
          COMPLETABLE_FUTURE, true, Set.of("runAsync", "supplyAsync"), Runner.COMMON_POOL, false, -1, 1, false);

  /** {@code CompletableFuture.runAsync(task, executor)}: the executor is the second argument. */
  public static final TaskStart ASYNC_ON_EXECUTOR =
      new TaskStart(
          COMPLETABLE_FUTURE, true, Set.of("runAsync", "supplyAsync"), Runner.EXECUTOR, false, 1, 2, false);

  /** {@code Timer.schedule(task, delay)} and {@code (task, date)}: one-shot. */
  public static final TaskStart TIMER_SCHEDULE_ONCE =
      new TaskStart(TIMER, false, Set.of("schedule"), Runner.TIMER, false, -1, 2, false);

  /** {@code Timer.schedule(task, delay, period)}: the third (period) argument makes it repeat. */
  public static final TaskStart TIMER_SCHEDULE_PERIODIC =
      new TaskStart(TIMER, false, Set.of("schedule"), Runner.TIMER, true, -1, 3, false);

  /** {@code Timer.scheduleAtFixedRate}: always periodic. */
  public static final TaskStart TIMER_AT_FIXED_RATE =
      new TaskStart(TIMER, false, Set.of("scheduleAtFixedRate"), Runner.TIMER, true, -1, 3, false);

  /** Every call that starts a background task: the one task-start table. */
  public static final List<TaskStart> TASK_STARTS =
      List.of(
          START,
          START_VIRTUAL_THREAD,
          BUILDER_START,
          EXECUTE,
          SUBMIT,
          INVOKE,
          SCHEDULE,
          SCHEDULE_PERIODIC,
          FORK_JOIN_SUBMIT,
          ASYNC_ON_COMMON_POOL,
          ASYNC_ON_EXECUTOR,
          TIMER_SCHEDULE_ONCE,
          TIMER_SCHEDULE_PERIODIC,
          TIMER_AT_FIXED_RATE);

  // Matchers over the table above, for checks that classify a call by its form.

  /** One-shot submissions to an executor: the task is the first argument. */
  public static final Matcher<ExpressionTree> SUBMIT_ONCE =
      Matchers.anyOf(callsOf(SUBMIT), callsOf(EXECUTE), callsOf(SCHEDULE));

  /**
   * {@code invokeAll}/{@code invokeAny}: submit and wait; they return only once the tasks are done,
   * so nothing is left running to cancel (an untimed wait is BlockingCallWithoutTimeout's concern).
   * Task-start data for other checks; SubmissionWithoutCancellation leaves these alone.
   */
  public static final Matcher<ExpressionTree> SUBMIT_AND_WAIT = callsOf(INVOKE);

  /** Periodic submissions to a scheduled executor. */
  public static final Matcher<ExpressionTree> SUBMIT_PERIODIC = callsOf(SCHEDULE_PERIODIC);

  /**
   * {@code Timer.schedule}: one-shot with two arguments, periodic with a third (see {@link
   * #TIMER_SCHEDULE_PERIODIC}). Only on {@code Timer} itself, not its subclasses.
   */
  public static final Matcher<ExpressionTree> TIMER_ONCE =
      instanceMethod().onExactClass(TIMER).namedAnyOf(TIMER_SCHEDULE_ONCE.names());

  /** {@code Timer.scheduleAtFixedRate}: always periodic. Only on {@code Timer} itself. */
  public static final Matcher<ExpressionTree> TIMER_PERIODIC =
      instanceMethod().onExactClass(TIMER).namedAnyOf(TIMER_AT_FIXED_RATE.names());

  /**
   * {@code CompletableFuture.runAsync/supplyAsync}: the task is the first argument, the executor the
   * second (the common pool when absent).
   */
  public static final Matcher<ExpressionTree> ASYNC_FACTORY = callsOf(ASYNC_ON_COMMON_POOL);

  /** {@code thread.start()}: the task is the thread's Runnable or its own {@code run()}. */
  public static final Matcher<ExpressionTree> THREAD_START =
      instanceMethod().onDescendantOf(START.owner()).namedAnyOf(START.names()).withNoParameters();

  /**
   * Starts that return the started thread: {@code Thread.startVirtualThread(task)}, {@code
   * Thread.Builder.start(task)}.
   */
  public static final Matcher<ExpressionTree> THREAD_START_WITH_TASK =
      Matchers.anyOf(callsOf(START_VIRTUAL_THREAD), callsOf(BUILDER_START));

  /** {@code new Thread(...)}: the Runnable is the argument whose type is Runnable. */
  public static final Matcher<ExpressionTree> NEW_THREAD = constructor().forClass(THREAD);

  /** Names of the calls that hand a task to a thread; a cheap filter before the matchers run. */
  public static final Set<String> SUBMISSION_NAMES =
      TASK_STARTS.stream()
          .filter(start -> !start.awaitsItself())
          .flatMap(start -> start.names().stream())
          .collect(Collectors.toUnmodifiableSet());

  /** The calls that schedule a delayed task: a cancel inside one bounds the cancelled task. */
  public static final Set<String> SCHEDULING_METHODS =
      union(SCHEDULE.names(), SCHEDULE_PERIODIC.names());

  /** Calls of one table entry: static ones on its class, instance ones on it and its subtypes. */
  private static Matcher<ExpressionTree> callsOf(TaskStart start) {
    return CallMatchers.named(start.owner(), start.isStatic(), start.names());
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    return Stream.of(sets).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
  }

  // --- Ending -----------------------------------------------------------------------------------

  /** How an ending call treats running tasks. */
  public enum Ending {
    /** Interrupts running tasks and drops queued ones: {@code shutdownNow()}. */
    INTERRUPTS,
    /** Accepts no new tasks but lets running ones finish: {@code shutdown()}, {@code Timer.cancel()}. */
    LETS_RUNNING_FINISH,
    /** {@code close()} (JDK 19+): shuts down, then waits for running tasks, forever if they never end. */
    WAITS_FOR_RUNNING
  }

  /** Instance methods that end an executor or timer, by name, with what they do to running tasks. */
  public static Ending endingOf(String methodName, boolean isTimer) {
    if (isTimer) {
      // Timer.cancel(): discards scheduled tasks; a running one finishes.
      return methodName.equals("cancel") ? Ending.LETS_RUNNING_FINISH : null;
    }
    return switch (methodName) {
      case "shutdownNow" -> Ending.INTERRUPTS;
      case "shutdown" -> Ending.LETS_RUNNING_FINISH;
      case "close" -> Ending.WAITS_FOR_RUNNING;
      default -> null;
    };
  }

  /**
   * Guava's {@code MoreExecutors.shutdownAndAwaitTermination(executor, timeout)}: shutdown, wait,
   * then shutdownNow. Ends its first argument and interrupts what is still running.
   */
  public static final Matcher<ExpressionTree> SHUTDOWN_AND_AWAIT =
      staticMethod().onClass(MORE_EXECUTORS).named("shutdownAndAwaitTermination");

  /** {@code ScheduledThreadPoolExecutor} policy: periodic tasks keep running after {@code shutdown()}. */
  public static final Matcher<ExpressionTree> CONTINUE_PERIODIC_AFTER_SHUTDOWN =
      instanceMethod()
          .onDescendantOf(SCHEDULED_THREAD_POOL_EXECUTOR)
          .named("setContinueExistingPeriodicTasksAfterShutdownPolicy");

  /** The instance methods {@link #endingOf} knows: they end an executor or timer. */
  public static final Set<String> EXECUTOR_ENDINGS = Set.of("shutdown", "shutdownNow", "close", "cancel");

  /** Calls in an owner's lifecycle method that end the executor or timer it owns, and its tasks. */
  public static final Set<String> EXECUTOR_ENDING_METHODS =
      union(EXECUTOR_ENDINGS, Set.of("awaitTermination"));

  // --- Handles (futures, threads) ---------------------------------------------------------------

  /** Calls on a future or thread that cancel its task. */
  public static final Set<String> TASK_CANCELS = Set.of("cancel", "interrupt");

  /** Calls on a future or thread that wait until its task is done (timed or not). */
  public static final Set<String> TASK_AWAITS = Set.of("get", "join");

  /** Calls on a future or thread handle that stop or await its task. */
  public static final Set<String> HANDLE_STOPS =
      union(TASK_CANCELS, TASK_AWAITS, Set.of("resultNow"), FutureApi.TIMEOUT_BOUNDS);

  /**
   * Calls on the future of {@code CompletableFuture.runAsync/supplyAsync} that stop or await its
   * task: not {@code cancel} ({@code CompletableFuture.cancel(true)} ignores mayInterruptIfRunning)
   * nor {@code orTimeout/completeOnTimeout}, which complete the future and leave the task running.
   */
  public static final Set<String> COMPLETABLE_FUTURE_STOPS = union(TASK_AWAITS, Set.of("resultNow"));

  /** Calls on a task's handle (future, thread, or executor made for it) that wait until it is done. */
  public static final Set<String> AWAIT_METHODS = union(TASK_AWAITS, Set.of("awaitTermination", "close"));

  /** Calls on a task's handle (future, thread, or executor made for it) that cancel it. */
  public static final Set<String> CANCEL_METHODS = union(TASK_CANCELS, Set.of("shutdownNow"));

  /** Calls on a handle that neither stop its task nor hand the handle on. */
  public static final Set<String> HANDLE_NEUTRAL =
      Set.of(
          "setDaemon", "start", "isDone", "isCancelled", "setName", "isAlive",
          "setUncaughtExceptionHandler", "setPriority", "getDelay", "getName");

  /** Collections: a handle added to one is kept there, not ended. */
  public static final Set<String> COLLECTION_TYPES = Set.of(TypeNames.COLLECTION, TypeNames.MAP);

  /** The calls that add a handle to a collection. */
  public static final Set<String> COLLECTION_ADDS =
      Set.of("add", "addFirst", "addLast", "offer", "offerFirst", "offerLast", "push", "put", "putIfAbsent", "set");

  /**
   * Loggers: calls on them are not "real work that can throw" between creating an executor and
   * shutting it down.
   */
  public static final Set<String> LOGGER_TYPES =
      Set.of(
          "org.slf4j.Logger",
          "java.util.logging.Logger",
          "java.lang.System.Logger",
          "org.apache.logging.log4j.Logger",
          "org.apache.commons.logging.Log");
}
