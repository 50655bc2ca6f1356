package dev.leakguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.leakguard.analysis.BlockingCalls;
import dev.leakguard.analysis.ExecutorLifecycle.Fate;
import dev.leakguard.analysis.ExecutorLifecycle.Verdict;
import dev.leakguard.analysis.ExecutorLifecycle;
import dev.leakguard.analysis.HandlerTasks;
import dev.leakguard.analysis.MissingClasspath;
import dev.leakguard.analysis.TaskHandles;
import dev.leakguard.analysis.Tasks;
import dev.leakguard.analysis.TreeFacts;
import dev.leakguard.config.HandlerOptions;
import dev.leakguard.fixes.BoundedWaitFixes;
import dev.leakguard.model.ExecutorApi.Ending;
import dev.leakguard.model.ExecutorApi.Repetition;
import dev.leakguard.model.ExecutorApi;
import java.util.List;
import javax.inject.Inject;

/**
 * Flags a task that nothing can ever stop: its handle (future or thread) is dropped or never
 * cancelled/awaited, and the executor it runs on is not ended by any owner in a way that stops it.
 *
 * <ul>
 *   <li>periodic tasks ({@code scheduleAtFixedRate/WithFixedDelay}, {@code Timer.schedule} with a
 *       period) with a dropped handle on an executor nobody ends: always (they run forever); and on
 *       a {@code ScheduledThreadPoolExecutor} told to keep periodic tasks after {@code shutdown()};
 *   <li>one-shot tasks ({@code submit}, {@code execute}, {@code schedule}, {@code
 *       CompletableFuture.runAsync/supplyAsync}, {@code Timer.schedule}) that can run without bound
 *       (an untimed blocking call, a loop with no exit) on an executor nobody ends (the common pool
 *       included), or on one ended only by {@code shutdown()} (lets it finish: it never does) or
 *       {@code close()} (waits for it: forever);
 *   <li>{@code CompletableFuture.runAsync/supplyAsync} of a task that runs until interrupted, whose
 *       future is only cancelled or bounded: {@code CompletableFuture.cancel(true)} does not
 *       interrupt, so on the common pool (or an executor nobody interrupts) the task runs on;
 *   <li>{@code Thread.start()} of a thread kept nowhere (or never interrupted/joined) whose task
 *       can run without bound.
 * </ul>
 *
 * <p>Not flagged: handles cancelled, awaited, bounded with {@code orTimeout/completeOnTimeout},
 * returned or passed on; executors ended with {@code shutdownNow()} (it interrupts), or whose owner
 * is elsewhere (injected, escaped): that owner ends it; one-shot tasks that end by themselves
 * (ExecutorNeverShutDown reports an executor nobody ends); {@code invokeAll/invokeAny} (they return
 * only when the tasks are done); daemon threads; tasks that only an interrupt ends on an executor
 * ended by {@code shutdown()}/{@code close()} (ExecutorNeverShutDown reports the shutdown call).
 * Unlike Error Prone's FutureReturnValueIgnored, a dropped future is fine here when the task ends or
 * its executor is ended; a kept future that nothing cancels is not.
 *
 * <p>Left to HandlerLeaksBackgroundTask: a task started directly in a request handler that it
 * reports as a per-request leak (both ask {@link HandlerTasks}, built from the same handler
 * options). Other tasks in handlers are checked here as anywhere else.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "A task that nothing can stop: its future or thread is dropped and its executor never ended",
    explanation =
        "A task runs on a thread only its owner can stop, by cancelling its future, interrupting its"
            + " thread or ending its executor. When all of these are lost, a periodic task runs"
            + " forever and a task that blocks keeps its thread forever.",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.BASE + "SubmissionWithoutCancellation.md")
public final class SubmissionWithoutCancellation extends LeakGuardChecker
    implements MethodInvocationTreeMatcher {

  private final BlockingCalls blockingCalls = new BlockingCalls(m -> true);
  private final BoundedWaitFixes suppressions;
  /** The handler check's view of the same calls: a per-request leak is reported there, not here. */
  private final HandlerTasks handlerTasks;

  /** For the {@link java.util.ServiceLoader}, which requires it; Error Prone uses the other one. */
  public SubmissionWithoutCancellation() {
    this(ErrorProneFlags.empty());
  }

  /**
   * Reads the options once. The request-handler options ({@code HandlerLeaksBackgroundTask:*}) are
   * read here too, so that both checks recognise the same handlers; their errors are reported by
   * HandlerLeaksBackgroundTask.
   */
  @Inject
  public SubmissionWithoutCancellation(ErrorProneFlags flags) {
    super(flags, /* reportsSharedOptions= */ false);
    HandlerOptions handlerOptions = options().handlers();
    this.handlerTasks =
        new HandlerTasks(
            handlerOptions.extraAnnotations(),
            handlerOptions.extraSupertypes(),
            handlerOptions.checkSharedExecutors());
    this.suppressions = new BoundedWaitFixes(options().defaultTimeout());
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return MissingClasspath.orNoMatch(
        () -> {
          Symbol sym = ASTHelpers.getSymbol(tree);
          if (sym == null || !ExecutorApi.SUBMISSION_NAMES.contains(sym.getSimpleName().toString())) {
            return Description.NO_MATCH;
          }
          return match(tree, state);
        });
  }

  private Description match(MethodInvocationTree tree, VisitorState state) {
    if (ExecutorApi.THREAD_START.matches(tree, state)) {
      return matchThreadStart(tree, state);
    }
    Repetition repetition;
    ExpressionTree task;
    ExpressionTree executor;
    boolean hasHandle = true;
    List<? extends ExpressionTree> args = tree.getArguments();
    if (args.isEmpty()) {
      return Description.NO_MATCH;
    }
    if (ExecutorApi.SUBMIT_PERIODIC.matches(tree, state) || ExecutorApi.TIMER_PERIODIC.matches(tree, state)) {
      repetition = Repetition.PERIODIC;
      hasHandle = !ExecutorApi.TIMER_PERIODIC.matches(tree, state);
      executor = ASTHelpers.getReceiver(tree);
    } else if (ExecutorApi.TIMER_ONCE.matches(tree, state)) {
      repetition = args.size() == 3 ? Repetition.PERIODIC : Repetition.ONCE;
      hasHandle = false;
      executor = ASTHelpers.getReceiver(tree);
    } else if (ExecutorApi.SUBMIT_ONCE.matches(tree, state)) {
      repetition = Repetition.ONCE;
      Symbol sym = ASTHelpers.getSymbol(tree);
      hasHandle = sym instanceof Symbol.MethodSymbol m && !m.getReturnType().getKind().equals(javax.lang.model.type.TypeKind.VOID);
      executor = ASTHelpers.getReceiver(tree);
    } else if (ExecutorApi.ASYNC_FACTORY.matches(tree, state)) {
      repetition = Repetition.ONCE;
      executor = args.size() >= 2 ? args.get(1) : null;
    } else if (ExecutorApi.THREAD_START_WITH_TASK.matches(tree, state)) {
      return matchStartedThread(tree, args.get(args.size() - 1), state);
    } else {
      return Description.NO_MATCH;
    }
    task = args.get(0);

    TaskHandles.Handle handle =
        hasHandle ? TaskHandles.of(state.getPath(), state) : new TaskHandles.Handle(true, "does not exist");
    if (!handle.dropped()) {
      return hasHandle && ExecutorApi.ASYNC_FACTORY.matches(tree, state)
          ? matchCancelThatCannotInterrupt(tree, task, executor, state)
          : Description.NO_MATCH;
    }
    Fate fate;
    String executorName;
    if (executor == null && ExecutorApi.ASYNC_FACTORY.matches(tree, state)) {
      fate = new Fate(Verdict.NOT_ENDED, List.of(), false, null, "the common pool");
      executorName = "the common pool";
    } else {
      if (executor == null) {
        return Description.NO_MATCH; // submit() called on this executor from inside itself
      }
      fate = ExecutorLifecycle.ofExpression(executor, state);
      executorName = "'" + abbreviate(state.getSourceForNode(executor)) + "'";
    }
    if (fate.verdict() == Verdict.UNKNOWN) {
      return Description.NO_MATCH; // its owner is elsewhere and presumably ends it
    }
    String handleWords = hasHandle ? "its future " + handle.how() : "it has no handle to cancel";

    if (repetition == Repetition.PERIODIC) {
      if (fate.verdict() == Verdict.NOT_ENDED) {
        return describe(
            tree,
            String.format(
                "this periodic task runs forever: %s, and nobody ends %s; keep the handle and cancel"
                    + " it in its owner's stop()/close(), or shut the executor down there",
                handleWords, executorName),
            state);
      }
      if (fate.continuesPeriodicAfterShutdown() && !fate.interrupts()) {
        return describe(
            tree,
            String.format(
                "this periodic task keeps running after %s is shut down: its policy"
                    + " setContinueExistingPeriodicTasksAfterShutdownPolicy(true) keeps it, and %s;"
                    + " cancel the future in the owner's stop()/close(), or use shutdownNow()",
                executorName, handleWords),
            state);
      }
      return Description.NO_MATCH;
    }

    Tasks.Unbounded unbounded = Tasks.unbounded(Tasks.bodies(task, state), blockingCalls, state);
    if (unbounded == null) {
      return Description.NO_MATCH; // the task ends by itself
    }
    if (fate.verdict() == Verdict.NOT_ENDED) {
      return describe(
          tree,
          String.format(
              "this task runs %s (line %d) and can run forever, yet %s and nobody ends %s, so"
                  + " nothing can ever stop it; keep the future and cancel it from its owner's"
                  + " close(), or end the executor there with shutdownNow()",
              unbounded.what(), line(unbounded.where(), state), handleWords, executorName),
          state);
    }
    if (fate.interrupts() || unbounded.endsOnlyOnInterrupt()) {
      // shutdownNow() interrupts it; a loop only an interrupt ends is reported at the shutdown call.
      return Description.NO_MATCH;
    }
    boolean closes = fate.endingKinds().contains(Ending.WAITS_FOR_RUNNING)
        && !fate.endingKinds().contains(Ending.LETS_RUNNING_FINISH);
    String effect =
        closes
            ? "close() waits for running tasks, so it hangs on this one"
            : "shutdown() lets running tasks finish, so this one keeps its thread forever";
    return describe(
        tree,
        String.format(
            "this task runs %s (line %d) without bound and %s; %s ends %s only gracefully: %s;"
                + " cancel the future on the close path, or use shutdownNow()",
            unbounded.what(), line(unbounded.where(), state), handleWords, "its owner", executorName, effect),
        state);
  }

  /**
   * {@code CompletableFuture.runAsync/supplyAsync} whose future is only cancelled or bounded with
   * {@code orTimeout}: neither stops a running task ({@code CompletableFuture.cancel(true)} does not
   * interrupt), so a task that runs until interrupted keeps its thread.
   */
  private Description matchCancelThatCannotInterrupt(
      MethodInvocationTree tree, ExpressionTree task, ExpressionTree executor, VisitorState state) {
    if (!TaskHandles.of(state.getPath(), state, ExecutorApi.COMPLETABLE_FUTURE_STOPS).dropped()) {
      return Description.NO_MATCH; // awaited, returned or passed on
    }
    Tasks.Unbounded unbounded = Tasks.unbounded(Tasks.bodies(task, state), blockingCalls, state);
    if (unbounded == null
        || (!unbounded.endsOnlyOnInterrupt() && !(unbounded.where() instanceof MethodInvocationTree))) {
      return Description.NO_MATCH; // ends by itself, or a loop not even an interrupt ends
    }
    String executorName = "the common pool";
    if (executor != null) {
      Fate fate = ExecutorLifecycle.ofExpression(executor, state);
      if (fate.verdict() == Verdict.UNKNOWN
          || fate.interrupts()
          || (fate.verdict() == Verdict.ENDED && unbounded.endsOnlyOnInterrupt())) {
        // shutdownNow() interrupts it; its owner is elsewhere; or ExecutorNeverShutDown reports
        // the shutdown() that cannot end this loop.
        return Description.NO_MATCH;
      }
      executorName = "'" + abbreviate(state.getSourceForNode(executor)) + "'";
    }
    return describe(
        tree,
        String.format(
            "this task runs %s (line %d) and can run forever, and cancelling its CompletableFuture"
                + " cannot stop it: CompletableFuture.cancel(true) does not interrupt the running"
                + " task (nor do orTimeout/completeOnTimeout), so it keeps its thread in %s; run it"
                + " with executor.submit() and cancel that Future, or end the executor with"
                + " shutdownNow()",
            unbounded.what(), line(unbounded.where(), state), executorName),
        state);
  }

  private Description matchThreadStart(MethodInvocationTree tree, VisitorState state) {
    ExpressionTree thread = ASTHelpers.getReceiver(tree);
    if (thread == null) {
      return Description.NO_MATCH; // start() inside a Thread subclass: its creator holds it
    }
    TreePath threadPath = TreePath.getPath(state.getPath(), thread);
    if (threadPath == null) {
      return Description.NO_MATCH;
    }
    TaskHandles.Handle handle = TaskHandles.of(threadPath, state);
    if (!handle.dropped() || TaskHandles.isDaemonThread(thread, state)) {
      return Description.NO_MATCH;
    }
    Tasks.Unbounded unbounded = Tasks.unbounded(threadBodies(thread, state), blockingCalls, state);
    if (unbounded == null) {
      return Description.NO_MATCH;
    }
    return describe(
        tree,
        String.format(
            "this thread runs %s (line %d) and can run forever, but it %s, so nobody can interrupt"
                + " or join it; keep it and interrupt() it from its owner's close()",
            unbounded.what(), line(unbounded.where(), state), handle.how()),
        state);
  }

  private Description matchStartedThread(MethodInvocationTree tree, ExpressionTree task, VisitorState state) {
    TaskHandles.Handle handle = TaskHandles.of(state.getPath(), state);
    if (!handle.dropped()) {
      return Description.NO_MATCH;
    }
    Tasks.Unbounded unbounded = Tasks.unbounded(Tasks.bodies(task, state), blockingCalls, state);
    if (unbounded == null) {
      return Description.NO_MATCH;
    }
    return describe(
        tree,
        String.format(
            "this thread runs %s (line %d) and can run forever, but the started thread %s, so"
                + " nobody can interrupt or join it; keep it and interrupt() it from its owner's"
                + " close()",
            unbounded.what(), line(unbounded.where(), state), handle.how()),
        state);
  }

  private static List<Tree> threadBodies(ExpressionTree thread, VisitorState state) {
    ExpressionTree e = TreeFacts.strip(thread);
    if (e instanceof NewClassTree) {
      return Tasks.bodies(e, state);
    }
    Symbol.VarSymbol var = TreeFacts.variable(e);
    if (var != null && var.getKind() == javax.lang.model.element.ElementKind.LOCAL_VARIABLE) {
      var decl = dev.leakguard.analysis.LocalDeclarations.find(var, state.getPath());
      if (decl != null && decl.getInitializer() != null) {
        return Tasks.bodies(decl.getInitializer(), state);
      }
    }
    return List.of();
  }

  private Description describe(MethodInvocationTree tree, String message, VisitorState state) {
    if (handlerTasks.leaksFromHandler(tree, state)) {
      // One warning per problem: HandlerLeaksBackgroundTask reports this task as a per-request leak.
      return Description.NO_MATCH;
    }
    return buildDescription(tree)
        .setMessage(message)
        .addFix(suppressions.suppress(state, canonicalName()))
        .build();
  }

  private static long line(Tree tree, VisitorState state) {
    return ExecutorNeverShutDown.line(tree, state);
  }

  private static String abbreviate(String source) {
    return ExecutorNeverShutDown.abbreviate(source);
  }
}
