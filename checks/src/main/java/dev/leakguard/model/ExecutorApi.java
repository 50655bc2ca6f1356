package dev.leakguard.model;

import static com.google.errorprone.matchers.method.MethodMatchers.constructor;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.Matchers;
import com.google.errorprone.predicates.TypePredicates;
import com.sun.source.tree.ExpressionTree;
import java.util.Set;

/**
 * Executors, timers and threads as data: which expressions create one, which calls hand it a task
 * (and which of those repeat forever), and which calls end it. The one place LeakGuard names these
 * library methods; task-start data here is meant to be shared by every check that asks "where does
 * background work begin".
 */
public final class ExecutorApi {
  private ExecutorApi() {}

  public static final String EXECUTOR = "java.util.concurrent.Executor";
  public static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";
  public static final String SCHEDULED_EXECUTOR_SERVICE = "java.util.concurrent.ScheduledExecutorService";
  public static final String THREAD_POOL_EXECUTOR = "java.util.concurrent.ThreadPoolExecutor";
  public static final String SCHEDULED_THREAD_POOL_EXECUTOR =
      "java.util.concurrent.ScheduledThreadPoolExecutor";
  public static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
  public static final String EXECUTORS = "java.util.concurrent.Executors";
  public static final String TIMER = "java.util.Timer";
  public static final String THREAD = "java.lang.Thread";
  public static final String THREAD_BUILDER = "java.lang.Thread.Builder";
  public static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
  public static final String INTERRUPTED_EXCEPTION = "java.lang.InterruptedException";
  public static final String MORE_EXECUTORS = "com.google.common.util.concurrent.MoreExecutors";
  static final String THREAD_FACTORY_BUILDER =
      "com.google.common.util.concurrent.ThreadFactoryBuilder";

  public static final String RUNTIME_EXCEPTION = "java.lang.RuntimeException";
  public static final String ERROR = "java.lang.Error";

  /** Packages of the JDK: calls into them are not "other code" that may throw anything. */
  public static final java.util.List<String> JDK_PACKAGE_PREFIXES = java.util.List.of("java.", "javax.");

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
          .namedAnyOf(
              "newFixedThreadPool",
              "newCachedThreadPool",
              "newSingleThreadExecutor",
              "newScheduledThreadPool",
              "newSingleThreadScheduledExecutor",
              "newWorkStealingPool",
              "newVirtualThreadPerTaskExecutor",
              "newThreadPerTaskExecutor");

  /**
   * Constructors of executor classes and their subclasses (ScheduledThreadPoolExecutor included):
   * their threads come from a thread factory.
   */
  public static final Matcher<ExpressionTree> EXECUTOR_CONSTRUCTOR =
      constructor()
          .forClass(
              TypePredicates.isDescendantOfAny(
                  java.util.List.of(THREAD_POOL_EXECUTOR, FORK_JOIN_POOL, TIMER)));

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

  /** Parameter types of executor constructors and factories that supply the threads. */
  public static final String THREAD_FACTORY = "java.util.concurrent.ThreadFactory";

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

  /** One-shot submissions to an executor: the task is the first argument. */
  public static final Matcher<ExpressionTree> SUBMIT_ONCE =
      Matchers.anyOf(
          instanceMethod().onDescendantOf(EXECUTOR_SERVICE).named("submit"),
          instanceMethod().onDescendantOf(EXECUTOR).named("execute"),
          instanceMethod().onDescendantOf(SCHEDULED_EXECUTOR_SERVICE).named("schedule"));

  /**
   * {@code invokeAll}/{@code invokeAny}: submit and wait; they return only once the tasks are done,
   * so nothing is left running to cancel (an untimed wait is BlockingCallWithoutTimeout's concern).
   * Task-start data for other checks; SubmissionWithoutCancellation leaves these alone.
   */
  public static final Matcher<ExpressionTree> SUBMIT_AND_WAIT =
      instanceMethod().onDescendantOf(EXECUTOR_SERVICE).namedAnyOf("invokeAll", "invokeAny");

  /** Periodic submissions to a scheduled executor. */
  public static final Matcher<ExpressionTree> SUBMIT_PERIODIC =
      instanceMethod()
          .onDescendantOf(SCHEDULED_EXECUTOR_SERVICE)
          .namedAnyOf("scheduleAtFixedRate", "scheduleWithFixedDelay");

  /** {@code Timer.schedule(task, delay)} and {@code (task, date)}: one-shot. */
  public static final Matcher<ExpressionTree> TIMER_ONCE =
      instanceMethod().onExactClass(TIMER).named("schedule");

  /** {@code Timer.scheduleAtFixedRate}: always periodic; {@code schedule} with a third (period) argument too. */
  public static final Matcher<ExpressionTree> TIMER_PERIODIC =
      instanceMethod().onExactClass(TIMER).named("scheduleAtFixedRate");

  /**
   * {@code CompletableFuture.runAsync/supplyAsync}: the task is the first argument, the executor the
   * second (the common pool when absent).
   */
  public static final Matcher<ExpressionTree> ASYNC_FACTORY =
      staticMethod().onClass(COMPLETABLE_FUTURE).namedAnyOf("runAsync", "supplyAsync");

  /** {@code thread.start()}: the task is the thread's Runnable or its own {@code run()}. */
  public static final Matcher<ExpressionTree> THREAD_START =
      instanceMethod().onDescendantOf(THREAD).named("start").withNoParameters();

  /**
   * Starts that return the started thread: {@code Thread.startVirtualThread(task)}, {@code
   * Thread.Builder.start(task)}.
   */
  public static final Matcher<ExpressionTree> THREAD_START_WITH_TASK =
      Matchers.anyOf(
          staticMethod().onClass(THREAD).named("startVirtualThread"),
          instanceMethod().onDescendantOf(THREAD_BUILDER).named("start"));

  /** {@code new Thread(...)}: the Runnable is the argument whose type is Runnable. */
  public static final Matcher<ExpressionTree> NEW_THREAD = constructor().forClass(THREAD);

  public static final String RUNNABLE = "java.lang.Runnable";

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

  // --- Handles (futures, threads) ---------------------------------------------------------------

  /** Names of the calls that hand a task to a thread; a cheap filter before the matchers run. */
  public static final Set<String> SUBMISSION_NAMES =
      Set.of(
          "submit", "execute", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay",
          "runAsync", "supplyAsync", "start", "startVirtualThread");

  /** Calls on a handle that neither stop its task nor hand the handle on. */
  public static final Set<String> HANDLE_NEUTRAL =
      Set.of(
          "setDaemon", "start", "isDone", "isCancelled", "setName", "isAlive",
          "setUncaughtExceptionHandler", "setPriority", "getDelay", "getName");

  /** Calls on a future or thread handle that stop or await its task. */
  public static final Set<String> HANDLE_STOPS =
      Set.of("cancel", "interrupt", "get", "join", "resultNow", "orTimeout", "completeOnTimeout");

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
