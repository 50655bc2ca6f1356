package dev.leakguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;
import dev.leakguard.analysis.TaskEscape.Scope;
import dev.leakguard.analysis.TaskEscape.Verdict;
import dev.leakguard.model.ExecutorApi.TaskStart;
import dev.leakguard.model.HandlerApi.HandlerSupertype;
import java.util.List;
import java.util.Set;

/**
 * Background tasks started directly in request handlers: the one query behind both
 * HandlerLeaksBackgroundTask, which reports such a task as a per-request leak, and
 * SubmissionWithoutCancellation, which leaves exactly those tasks to it (one warning per problem,
 * and the per-request one is the more specific). Immutable; each check builds one in its
 * constructor from the same options, so user-configured handlers count for both.
 */
public final class HandlerTasks {
  /** A task start in a request handler that can outlive the request with nothing that ends it. */
  public record Leak(Handlers.Handler handler, TaskStart start) {}

  private final Handlers handlers;
  private final TaskEscape escape;

  /**
   * @param extraAnnotations user-configured annotations that make a method a request handler
   * @param extraSupertypes user-configured handler supertypes
   * @param checkSharedExecutors whether one-shot tasks on executors that outlive the request count
   */
  public HandlerTasks(
      Set<String> extraAnnotations, List<HandlerSupertype> extraSupertypes, boolean checkSharedExecutors) {
    this.handlers = new Handlers(extraAnnotations, extraSupertypes);
    this.escape = new TaskEscape(checkSharedExecutors);
  }

  public Handlers handlers() {
    return handlers;
  }

  public TaskEscape escape() {
    return escape;
  }

  /** The scope a handler's code runs in: the handler, or a {@code forEach} callback inside it. */
  public static Scope scopeOf(Handlers.Handler handler) {
    Scope scope = Scope.handler(handler.path());
    return handler.inlineCallback() == null ? scope : Scope.inlineCallback(handler.inlineCallback(), scope);
  }

  /** The task-start model entry for {@code call}, or null: cheap name test first. */
  public TaskStart findStart(MethodInvocationTree call, VisitorState state) {
    Symbol.MethodSymbol callee = ASTHelpers.getSymbol(call);
    return callee == null || !escape.mayStartTask(callee.getSimpleName().toString())
        ? null
        : escape.findStart(call, state);
  }

  /**
   * The leak made by the task start {@code start} at {@code state.getPath()} when it stands directly
   * in a request handler (or a {@code forEach} callback in one); null when it is in no handler, or
   * something ends it before the handler returns.
   */
  public Leak leak(TaskStart start, VisitorState state) {
    Handlers.Handler handler = handlers.enclosingHandler(state.getPath(), state);
    if (handler == null) {
      return null;
    }
    return escape.analyze(state.getPath(), start, scopeOf(handler), state) == Verdict.LEAK
        ? new Leak(handler, start)
        : null;
  }

  /** Whether the call at {@code state.getPath()} starts a task its request handler leaks. */
  public boolean leaksFromHandler(MethodInvocationTree call, VisitorState state) {
    TaskStart start = findStart(call, state);
    return start != null && leak(start, state) != null;
  }
}
