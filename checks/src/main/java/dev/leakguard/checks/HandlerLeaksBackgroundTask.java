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
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.leakguard.analysis.HandlerTasks;
import dev.leakguard.analysis.Handlers;
import dev.leakguard.analysis.MissingClasspath;
import dev.leakguard.analysis.SameBodyPathScanner;
import dev.leakguard.analysis.TaskEscape;
import dev.leakguard.analysis.TaskEscape.Scope;
import dev.leakguard.analysis.TaskEscape.Verdict;
import dev.leakguard.config.HandlerOptions;
import dev.leakguard.fixes.BoundedWaitFixes;
import dev.leakguard.model.ExecutorApi.TaskStart;
import java.util.HashSet;
import java.util.Set;
import javax.inject.Inject;

/**
 * Flags a request handler that starts a background task and can return while the task still runs
 * with nothing that ends it: every request then leaves one more task (often one more thread) behind.
 *
 * <p>Handlers are recognised by name (see {@link dev.leakguard.model.HandlerApi}): Servlet and
 * filter methods, JAX-RS and Micronaut resource methods, Spring controller mappings, the JDK's
 * {@code HttpHandler}, gRPC service methods, Netty {@code channelRead}, Vert.x {@code
 * Handler<RoutingContext>}, Javalin {@code Handler}, user-configured ones, and lambdas and method
 * references of those handler types. Tasks are the starts in {@link
 * dev.leakguard.model.ExecutorApi#TASK_STARTS}, in the handler itself or in a helper method of the
 * same class it calls (two levels deep).
 *
 * <p>Not flagged (see {@link TaskEscape}): a task awaited, cancelled or bounded on every path
 * before the handler returns; handed back as the asynchronous result (a returned future, a
 * completed {@code DeferredResult} or {@code SseEmitter}, a resumed {@code AsyncResponse} or completed {@code
 * AsyncContext} that has a timeout, a completed gRPC {@code StreamObserver}); handed to an owner or
 * to code LeakGuard cannot see; a one-shot task on an executor that outlives the request (unless
 * {@code CheckSharedExecutors} is set); {@code invokeAll}/{@code invokeAny}, which wait themselves;
 * tasks started inside lambdas the handler creates (except {@code forEach} callbacks, which run in
 * the handler and are checked).
 *
 * <p>The only fix offered is the suppression: where a task should be awaited, cancelled or handed
 * back is a design decision no rewrite can make.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "A request handler starts a background task and can return while it still runs",
    explanation =
        "When the request is over nobody cancels the task, so every request can leave one more task"
            + " or thread behind: a leak found only under load, in thread dumps. Await the task,"
            + " cancel it, or hand it back to the framework as the request's asynchronous result.",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.BASE + "HandlerLeaksBackgroundTask.md")
public final class HandlerLeaksBackgroundTask extends LeakGuardChecker
    implements MethodInvocationTreeMatcher {

  /** How deep helper calls are followed from a handler. */
  private static final int HELPER_DEPTH = 2;

  private final HandlerTasks handlerTasks;
  private final Handlers handlers;
  private final TaskEscape escape;
  private final BoundedWaitFixes fixes;

  /** For the {@link java.util.ServiceLoader}, which requires it; Error Prone uses the other one. */
  public HandlerLeaksBackgroundTask() {
    this(ErrorProneFlags.empty());
  }

  /** Reads the options once; Error Prone calls this constructor with the compilation's flags. */
  @Inject
  public HandlerLeaksBackgroundTask(ErrorProneFlags flags) {
    super(flags, /* reportsSharedOptions= */ false);
    HandlerOptions options = options().handlers();
    this.handlerTasks =
        new HandlerTasks(options.extraAnnotations(), options.extraSupertypes(), options.checkSharedExecutors());
    this.handlers = handlerTasks.handlers();
    this.escape = handlerTasks.escape();
    this.fixes = new BoundedWaitFixes(options().defaultTimeout());
  }

  /** A task a helper starts and leaks or returns. */
  private record HelperTask(String task, boolean periodic, boolean returned) {}

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return MissingClasspath.orNoMatch(() -> match(tree, state));
  }

  private Description match(MethodInvocationTree call, VisitorState state) {
    Symbol.MethodSymbol callee = ASTHelpers.getSymbol(call);
    if (callee == null) {
      return Description.NO_MATCH;
    }
    // Cheap tests first: is this a task start (or a call to a helper of this class) at all?
    TaskStart start = handlerTasks.findStart(call, state);
    if (start != null) {
      HandlerTasks.Leak leak = handlerTasks.leak(start, state);
      return leak == null
          ? Description.NO_MATCH
          : report(call, leak.handler(), describe(call, state), start.periodic(), state);
    }
    // Then: is it a call to a method of an enclosing class, made in a handler? Both before the
    // helper's declaration is looked up, which walks the class's members.
    if (callee.isConstructor() || enclosingClassOf(callee, state.getPath()) == null) {
      return Description.NO_MATCH;
    }
    Handlers.Handler handler = handlers.enclosingHandler(state.getPath(), state);
    if (handler == null) {
      return Description.NO_MATCH;
    }
    TreePath helper = sameClassMethod(callee, state.getPath());
    if (helper == null) {
      return Description.NO_MATCH;
    }
    Scope scope = HandlerTasks.scopeOf(handler);
    if (helper.getLeaf() == handler.tree() || handlers.methodHandler((MethodTree) helper.getLeaf(), state) != null) {
      return Description.NO_MATCH; // recursion, or another handler: checked on its own
    }
    Set<Symbol> visiting = new HashSet<>();
    if (handler.tree() instanceof MethodTree handlerMethod && ASTHelpers.getSymbol(handlerMethod) != null) {
      visiting.add(ASTHelpers.getSymbol(handlerMethod));
    }
    HelperTask task = helperTask(helper, Scope.helper(helper, scope, call), HELPER_DEPTH, visiting, state);
    if (task == null) {
      return Description.NO_MATCH;
    }
    if (task.returned()
        && escape.analyzeValue(state.getPath(), Set.of(), scope, state) != Verdict.LEAK) {
      return Description.NO_MATCH;
    }
    return report(call, handler, task.task(), task.periodic(), state);
  }

  /** The first task a helper leaks or returns, following its own helpers {@code depth - 1} deeper. */
  private HelperTask helperTask(
      TreePath helperPath, Scope scope, int depth, Set<Symbol> visiting, VisitorState state) {
    MethodTree helper = (MethodTree) helperPath.getLeaf();
    Symbol.MethodSymbol helperSym = ASTHelpers.getSymbol(helper);
    if (helper.getBody() == null || helperSym == null || !visiting.add(helperSym)) {
      return null;
    }
    String where = " in " + helper.getName() + "()";
    HelperTask[] found = new HelperTask[1];
    new SameBodyPathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (found[0] != null) {
          return null;
        }
        super.visitMethodInvocation(call, null);
        if (found[0] != null) {
          return null;
        }
        Symbol.MethodSymbol callee = ASTHelpers.getSymbol(call);
        if (callee == null) {
          return null;
        }
        TreePath path = getCurrentPath();
        if (escape.mayStartTask(callee.getSimpleName().toString())) {
          TaskStart start = escape.findStart(call, state);
          if (start != null) {
            Verdict verdict = escape.analyze(path, start, scope, state);
            if (verdict != Verdict.CLEAN) {
              found[0] = new HelperTask(describe(call, state) + where, start.periodic(), verdict == Verdict.RETURNED);
            }
          }
          return null;
        }
        TreePath nested = depth > 1 ? sameClassMethod(callee, path) : null;
        if (nested != null) {
          HelperTask inner = helperTask(nested, Scope.helper(nested, scope, call), depth - 1, visiting, state);
          if (inner != null) {
            Verdict verdict =
                inner.returned() ? escape.analyzeValue(path, Set.of(), scope, state) : Verdict.LEAK;
            if (verdict != Verdict.CLEAN) {
              found[0] = new HelperTask(inner.task() + where, inner.periodic(), verdict == Verdict.RETURNED);
            }
          }
        }
        return null;
      }
    }.scan(new TreePath(helperPath, helper.getBody()), null);
    visiting.remove(helperSym);
    return found[0];
  }

  /**
   * The declaration of {@code callee} when it is a method with a body in a class enclosing {@code
   * path}, called on this object (or statically): a helper whose tasks are the handler's.
   */
  private static TreePath sameClassMethod(Symbol.MethodSymbol callee, TreePath path) {
    TreePath classPath = callee.isConstructor() ? null : enclosingClassOf(callee, path);
    if (classPath == null) {
      return null;
    }
    for (Tree member : ((ClassTree) classPath.getLeaf()).getMembers()) {
      if (member instanceof MethodTree method && callee.equals(ASTHelpers.getSymbol(method))) {
        return method.getBody() == null ? null : new TreePath(classPath, method);
      }
    }
    return null;
  }

  /** The path to the class enclosing {@code path} that declares {@code member}, or null. */
  private static TreePath enclosingClassOf(Symbol member, TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree classTree
          && member.owner.equals(ASTHelpers.getSymbol(classTree))) {
        return p;
      }
    }
    return null;
  }

  private Description report(
      MethodInvocationTree call, Handlers.Handler handler, String task, boolean periodic, VisitorState state) {
    return buildDescription(call)
        .setMessage(message(handler.description(), task, periodic))
        .addFix(fixes.suppress(state, canonicalName()))
        .build();
  }

  static String message(String handler, String task, boolean periodic) {
    return String.format(
        "%s starts %s%s and can return while it still runs with nothing that ends it, so every"
            + " request can leave it behind. Await it (get/join, with a timeout), cancel it"
            + " (cancel/interrupt, e.g. in finally, or bound it with orTimeout), or hand it back as"
            + " the request's async result (return the future, or complete a DeferredResult,"
            + " AsyncResponse or AsyncContext that has a timeout)",
        handler,
        periodic ? "the periodic task " : "the background task ",
        task);
  }

  /** How messages name a task start: {@code pool.submit(..)}, {@code new Thread(..).start()}. */
  private static String describe(MethodInvocationTree call, VisitorState state) {
    String text = abbreviate(call, state, 0);
    if (text == null || text.length() > 80) {
      Symbol.MethodSymbol sym = ASTHelpers.getSymbol(call);
      Type owner = sym == null ? null : sym.owner.type;
      text = (owner == null || owner.tsym == null ? "" : owner.tsym.getSimpleName() + ".")
          + (sym == null ? "start" : sym.getSimpleName()) + "(..)";
    }
    return text;
  }

  /** The call chain with argument lists shortened to {@code (..)}; null where it gets complex. */
  private static String abbreviate(ExpressionTree tree, VisitorState state, int depth) {
    if (depth > 6 || tree == null) {
      return null;
    }
    if (tree instanceof IdentifierTree identifier) {
      return identifier.getName().toString();
    }
    if (tree instanceof MemberSelectTree select) {
      String qualifier = abbreviate(select.getExpression(), state, depth + 1);
      return qualifier == null ? null : qualifier + "." + select.getIdentifier();
    }
    if (tree instanceof NewClassTree newClass) {
      return "new " + state.getSourceForNode(newClass.getIdentifier())
          + (newClass.getArguments().isEmpty() ? "()" : "(..)");
    }
    if (tree instanceof MethodInvocationTree invocation) {
      String select = abbreviate(invocation.getMethodSelect(), state, depth + 1);
      return select == null ? null : select + (invocation.getArguments().isEmpty() ? "()" : "(..)");
    }
    return null;
  }
}
