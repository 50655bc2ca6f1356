package dev.leakguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.NewClassTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import dev.leakguard.analysis.EndOnEveryPath;
import dev.leakguard.analysis.ExecutorLifecycle.Creation;
import dev.leakguard.analysis.ExecutorLifecycle.Fate;
import dev.leakguard.analysis.ExecutorLifecycle.Threads;
import dev.leakguard.analysis.ExecutorLifecycle.Verdict;
import dev.leakguard.analysis.ExecutorLifecycle;
import dev.leakguard.analysis.MissingClasspath;
import dev.leakguard.analysis.Ownership;
import dev.leakguard.analysis.Tasks;
import dev.leakguard.analysis.TreeFacts;
import dev.leakguard.fixes.BoundedWaitFixes;
import dev.leakguard.fixes.ExecutorFixes;
import dev.leakguard.model.ExecutorApi.Ending;
import dev.leakguard.model.ExecutorApi;
import dev.leakguard.model.OwnershipApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * Flags an executor or timer that its owner never ends: {@code Executors.new*} (virtual-thread
 * ones included), {@code new ThreadPoolExecutor/ScheduledThreadPoolExecutor/ForkJoinPool/Timer},
 * and wrappers that take one over ({@code MoreExecutors.listeningDecorator}).
 *
 * <ul>
 *   <li>a local not shut down on every path out of its block: never, only on some branches, not
 *       before an early {@code return}/{@code throw}, or not when a call that can really throw sits
 *       between creation and shutdown without {@code finally};
 *   <li>a field the class creates (or marks {@code @Owning}) that no code of the class ends (the
 *       message names the lifecycle method that should, or says the class has none);
 *   <li>an {@code @Owning} parameter its method neither ends nor hands on;
 *   <li>a {@code static} executor (or one an {@code enum} constant holds) with non-daemon threads
 *       that nothing ends: it keeps the JVM alive;
 *   <li>an executor created and used in one expression ({@code Executors.new*().execute(..)},
 *       {@code CompletableFuture.runAsync(task, Executors.new*())}): nobody holds it, so nobody
 *       can end it;
 *   <li>{@code shutdown()}/{@code close()} on an executor running a task that only an interrupt
 *       ends (an endless loop, a drain loop whose exit is the interrupt): it never terminates;
 *   <li>a lifecycle method overridden without calling {@code super}, dropping the parent's shutdown.
 * </ul>
 *
 * <p>Not flagged: executors that escape (returned, stored, passed to other code, put in a map or
 * list, captured by a callback): their owner is elsewhere; fields received from outside unless
 * {@code @Owning}; non-private fields another class of the file ends, protected fields of abstract
 * classes (their subclasses end them); static (or enum) executors with daemon threads (virtual, ForkJoinPool, a daemon thread
 * factory) or a shutdown hook; straight-line {@code create → submit → shutdown}.
 *
 * <p>The first fix offered adds {@code @SuppressWarnings}; where it compiles and keeps meaning, the
 * second moves the shutdown into {@code finally}, replaces {@code shutdown()} with {@code
 * shutdownNow()}, or calls {@code super}.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "An executor or timer that its owner never shuts down",
    explanation =
        "Executor and timer threads live until someone ends them. An executor nobody shuts down"
            + " keeps its threads (and everything its tasks reference) forever, and non-daemon"
            + " threads keep the JVM from exiting. Shut it down where its owner's life ends.",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.BASE + "ExecutorNeverShutDown.md")
public final class ExecutorNeverShutDown extends BugChecker
    implements VariableTreeMatcher, MethodTreeMatcher, MethodInvocationTreeMatcher, NewClassTreeMatcher {

  private final BoundedWaitFixes suppressions = new BoundedWaitFixes(dev.leakguard.config.Timeout.DEFAULT);

  // --- Locals -----------------------------------------------------------------------------------

  @Override
  public Description matchVariable(VariableTree tree, VisitorState state) {
    return MissingClasspath.orNoMatch(() -> matchLocal(tree, state));
  }

  private Description matchLocal(VariableTree tree, VisitorState state) {
    Symbol.VarSymbol sym = ASTHelpers.getSymbol(tree);
    if (sym != null && sym.getKind() == ElementKind.FIELD) {
      TreePath parent = state.getPath().getParentPath();
      return parent != null && parent.getLeaf() instanceof ClassTree classTree
          ? matchField(tree, classTree, state)
          : Description.NO_MATCH;
    }
    if (sym != null && sym.getKind() == ElementKind.PARAMETER) {
      return matchOwningParameter(tree, sym, state);
    }
    if (tree.getInitializer() == null
        || sym == null
        || (sym.getKind() != ElementKind.LOCAL_VARIABLE && sym.getKind() != ElementKind.RESOURCE_VARIABLE)) {
      return Description.NO_MATCH;
    }
    Creation creation = ExecutorLifecycle.creation(tree.getInitializer(), state);
    if (creation == null) {
      return Description.NO_MATCH;
    }
    TreePath method = TreeFacts.enclosingMethod(state.getPath());
    if (method == null) {
      return Description.NO_MATCH;
    }
    if (sym.getKind() == ElementKind.RESOURCE_VARIABLE) {
      // try-with-resources: close() waits for running tasks, forever for one only an interrupt ends.
      Tasks.Unbounded loop =
          Tasks.interruptOnlyLoop(bodiesSubmittedTo(sym, method.getLeaf(), state), state);
      if (loop == null) {
        return Description.NO_MATCH;
      }
      return describe(
          tree,
          String.format(
              "try-with-resources closes executor '%s', and close() waits for its running tasks: one"
                  + " runs %s (line %d), so close() never returns; call %s.shutdownNow() in a finally"
                  + " block inside the try",
              tree.getName(), loop.what(), line(loop.where(), state), tree.getName()),
          state,
          null);
    }
    Fate fate = ExecutorLifecycle.ofLocal(tree, method, state);
    if (fate.verdict() == Verdict.UNKNOWN) {
      return Description.NO_MATCH;
    }
    EndOnEveryPath.Result result = EndOnEveryPath.check(tree, state.getPath(), sym, state);
    if (result == null) {
      return Description.NO_MATCH;
    }
    String name = tree.getName().toString();
    String end = name + (creation.isTimer() ? ".cancel()" : ".shutdown()");
    String what = (creation.isTimer() ? "timer '" : "executor '") + name + "' (" + creation.description() + ")";
    String alternative = creation.isTimer() ? "" : ", or use try-with-resources on JDK 19+";
    String message =
        switch (result.gap()) {
          case NEVER ->
              String.format(
                  "%s is never shut down, so its threads outlive this method; call %s in a finally"
                      + " block%s",
                  what, end, alternative);
          case SOME_BRANCHES ->
              String.format(
                  "%s is shut down on some paths only; call %s in a finally block so every path ends"
                      + " it%s",
                  what, end, alternative);
          case EARLY_EXIT ->
              String.format(
                  "%s is not shut down when this method leaves at line %d; call %s in a finally"
                      + " block%s",
                  what, line(result.at(), state), end, alternative);
          case MAY_THROW ->
              String.format(
                  "%s is not shut down if %s (line %d) throws; move %s into a finally block%s",
                  what,
                  abbreviate(state.getSourceForNode(result.at())),
                  line(result.at(), state),
                  endingSource(result, state, end),
                  alternative);
        };
    SuggestedFix fix =
        result.gap() == EndOnEveryPath.Gap.MAY_THROW ? ExecutorFixes.moveEndIntoFinally(result, state) : null;
    return describe(tree, message, state, fix);
  }

  /** The ending the code already has (to be moved into finally), or {@code fallback}. */
  private static String endingSource(EndOnEveryPath.Result result, VisitorState state, String fallback) {
    if (result.endIndex() < 0
        || result.endIndex() >= result.statements().size()
        || !(result.statements().get(result.endIndex()) instanceof ExpressionStatementTree statement)) {
      return fallback;
    }
    String source = state.getSourceForNode(statement.getExpression());
    return source == null ? fallback : abbreviate(source);
  }

  private Description matchOwningParameter(VariableTree tree, Symbol.VarSymbol sym, VisitorState state) {
    if (!Ownership.hasAnnotation(sym, OwnershipApi.OWNING)
        || !ExecutorLifecycle.isExecutorType(sym.type, state)
        || !(state.getPath().getParentPath().getLeaf() instanceof MethodTree method)
        || method.getBody() == null) {
      return Description.NO_MATCH;
    }
    Fate fate = ExecutorLifecycle.ofParameter(tree, state.getPath().getParentPath(), state);
    if (fate.verdict() != Verdict.NOT_ENDED) {
      return Description.NO_MATCH;
    }
    return describe(
        tree,
        String.format(
            "@Owning parameter '%s' makes %s() the owner of the executor, but it never shuts it down"
                + " or hands it on; call %s.shutdown() in a finally block, or drop @Owning",
            tree.getName(), method.getName(), tree.getName()),
        state,
        null);
  }

  /** The bodies of the tasks submitted to {@code target} that only ending the executor can interrupt. */
  private static List<com.sun.source.tree.Tree> bodiesSubmittedTo(Symbol target, Tree scope, VisitorState state) {
    List<Tree> bodies = new ArrayList<>();
    for (ExpressionTree task : Tasks.submittedAndNotCancelled(target, scope, state)) {
      bodies.addAll(Tasks.bodies(task, state));
    }
    return bodies;
  }

  // --- Fields and overrides ---------------------------------------------------------------------

  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    return MissingClasspath.orNoMatch(
        () -> {
          TreePath parent = state.getPath().getParentPath();
          return parent != null && parent.getLeaf() instanceof ClassTree classTree
              ? matchOverride(tree, classTree, state)
              : Description.NO_MATCH;
        });
  }

  private Description matchField(VariableTree field, ClassTree classTree, VisitorState state) {
    Symbol.VarSymbol sym = ASTHelpers.getSymbol(field);
    if (sym == null || sym.getKind() != ElementKind.FIELD) {
      return Description.NO_MATCH;
    }
    // Cheap test first: only fields that can hold an executor or timer are worth a scan of the class.
    if (!ExecutorLifecycle.mayHoldExecutor(sym.type, state)) {
      return Description.NO_MATCH;
    }
    boolean assignedExecutor = false;
    for (ExpressionTree value : Ownership.valuesAssignedTo(sym, classTree)) {
      assignedExecutor |= ExecutorLifecycle.creation(value, state) != null;
    }
    if (!assignedExecutor && !Ownership.hasAnnotation(sym, OwnershipApi.OWNING)) {
      return Description.NO_MATCH;
    }
    if (!assignedExecutor && !ExecutorLifecycle.isExecutorType(sym.type, state)) {
      return Description.NO_MATCH;
    }
    Fate fate = ExecutorLifecycle.ofField(sym, classTree, state);
    if (fate.verdict() != Verdict.NOT_ENDED) {
      return Description.NO_MATCH;
    }
    String className = classTree.getSimpleName().toString();
    String ownedBy = fate.creation() != null ? "is created by " : "is owned by ";
    boolean timer = fate.creation() != null && fate.creation().isTimer();
    String kind = timer ? "timer" : "executor";
    String end = sym.getSimpleName() + (timer ? ".cancel()" : ".shutdownNow()");
    // A static field, or a field of an enum (one instance per constant, for the life of the
    // process): it is meant to live as long as the process, so only threads that hold the JVM matter.
    boolean enumField = sym.owner != null && sym.owner.getKind() == ElementKind.ENUM;
    if (sym.getModifiers().contains(Modifier.STATIC) || enumField) {
      if (fate.creation() == null || fate.creation().threads() != Threads.NON_DAEMON) {
        return Description.NO_MATCH; // daemon threads (or unknown ones) do not hold the JVM
      }
      return describe(
          field,
          String.format(
              "%s %s '%s' (%s) runs non-daemon threads that nothing ends: they live until the"
                  + " process ends and keep the JVM from exiting; give it a daemon thread factory"
                  + " (setDaemon(true)) or call %s in a shutdown hook",
              enumField ? "enum " + className + "'s" : "static",
              kind, sym.getSimpleName(), fate.creation().description(), end),
          state,
          null);
    }
    List<MethodTree> lifecycle = ExecutorLifecycle.lifecycleMethods(classTree, sym);
    String message;
    if (lifecycle.isEmpty()) {
      message =
          String.format(
              "%s '%s' %s%s but never shut down, and %s has no lifecycle method to do it:"
                  + " each instance leaks its threads; implement AutoCloseable and call %s in close()",
              kind, sym.getSimpleName(), ownedBy, className, className, end);
    } else {
      message =
          String.format(
              "%s '%s' %s%s but never shut down: %s.%s() should call %s",
              kind, sym.getSimpleName(), ownedBy, className, className, lifecycle.get(0).getName(), end);
    }
    return describe(field, message, state, null);
  }

  private Description matchOverride(MethodTree method, ClassTree classTree, VisitorState state) {
    Symbol.MethodSymbol sym = ASTHelpers.getSymbol(method);
    if (sym == null || method.getBody() == null || sym.isStatic() || !Ownership.isLifecycleMethod(method, sym, Set.of())) {
      return Description.NO_MATCH;
    }
    for (Symbol.MethodSymbol overridden : ASTHelpers.findSuperMethods(sym, state.getTypes())) {
      if (!(overridden.owner instanceof Symbol.ClassSymbol parent)) {
        continue;
      }
      ClassTree parentTree = declaringClassTree(parent, state);
      MethodTree parentMethod = parentTree == null ? null : methodIn(parentTree, overridden);
      if (parentMethod == null || parentMethod.getBody() == null) {
        continue;
      }
      if (callsSuper(method, overridden.getSimpleName().toString())) {
        return Description.NO_MATCH;
      }
      List<Symbol.VarSymbol> dropped = new ArrayList<>();
      for (Tree member : parentTree.getMembers()) {
        Symbol.VarSymbol field =
            member instanceof VariableTree v ? ASTHelpers.getSymbol(v) : null;
        if (field == null || field.isStatic()) {
          continue;
        }
        Fate fate = ExecutorLifecycle.ofField(field, parentTree, state);
        if (fate.verdict() == Verdict.ENDED
            && fate.endings().stream().anyMatch(e -> TreeFacts.contains(parentMethod.getBody(), e.call()))
            && !endsIn(method.getBody(), field, state)) {
          dropped.add(field);
        }
      }
      if (dropped.isEmpty()) {
        return Description.NO_MATCH;
      }
      String name = overridden.getSimpleName().toString();
      return describe(
          method,
          String.format(
              "%s.%s() overrides %s.%s() without calling super.%s(), so %s's executor '%s' is never"
                  + " shut down; call super.%s()",
              classTree.getSimpleName(), name, parent.getSimpleName(), name, name,
              parent.getSimpleName(), dropped.get(0).getSimpleName(), name),
          state,
          ExecutorFixes.callSuper(method, overridden, state));
    }
    return Description.NO_MATCH;
  }

  private static ClassTree declaringClassTree(Symbol.ClassSymbol parent, VisitorState state) {
    return TreeFacts.declarationInThisFile(parent, state) instanceof ClassTree c ? c : null;
  }

  private static MethodTree methodIn(ClassTree classTree, Symbol.MethodSymbol method) {
    for (Tree member : classTree.getMembers()) {
      if (member instanceof MethodTree m && method.equals(ASTHelpers.getSymbol(m))) {
        return m;
      }
    }
    return null;
  }

  private static boolean callsSuper(MethodTree method, String name) {
    return TreeFacts.anyCall(
        method.getBody(),
        call ->
            call.getMethodSelect() instanceof MemberSelectTree select
                && select.getIdentifier().contentEquals(name)
                && select.getExpression() instanceof com.sun.source.tree.IdentifierTree receiver
                && receiver.getName().contentEquals("super"));
  }

  private static boolean endsIn(Tree body, Symbol field, VisitorState state) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        found[0] |= ExecutorLifecycle.endingOn(call, field, state) != null;
        return super.visitMethodInvocation(call, null);
      }
    }.scan(body, null);
    return found[0];
  }

  // --- shutdown() that cannot end the tasks; creations nobody holds -----------------------------

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return MissingClasspath.orNoMatch(
        () -> {
          Description dropped = matchDroppedCreation(tree, state);
          return dropped != Description.NO_MATCH ? dropped : matchGracefulEnd(tree, state);
        });
  }

  @Override
  public Description matchNewClass(NewClassTree tree, VisitorState state) {
    return MissingClasspath.orNoMatch(() -> matchDroppedCreation(tree, state));
  }

  private Description matchGracefulEnd(MethodInvocationTree tree, VisitorState state) {
    Symbol sym = ASTHelpers.getSymbol(tree);
    if (sym == null || ExecutorApi.endingOf(sym.getSimpleName().toString(), false) == null) {
      return Description.NO_MATCH;
    }
    Symbol.VarSymbol target = TreeFacts.variable(ASTHelpers.getReceiver(tree));
    if (target == null) {
      return Description.NO_MATCH;
    }
    Ending ending = ExecutorLifecycle.endingOn(tree, target, state);
    if (ending == null || ending == Ending.INTERRUPTS) {
      return Description.NO_MATCH;
    }
    Tree scope;
    Fate fate;
    if (target.getKind() == ElementKind.FIELD) {
      ClassTree owner = ExecutorLifecycle.declaringClass(target, state);
      if (owner == null) {
        return Description.NO_MATCH;
      }
      scope = owner;
      fate = ExecutorLifecycle.ofField(target, owner, state);
    } else {
      TreePath method = TreeFacts.enclosingMethod(state.getPath());
      if (method == null) {
        return Description.NO_MATCH;
      }
      scope = method.getLeaf();
      fate = ExecutorLifecycle.ofExpression(ASTHelpers.getReceiver(tree), state);
    }
    if (fate.creation() == null || fate.creation().isTimer() || fate.interrupts()) {
      return Description.NO_MATCH; // someone else interrupts the tasks, or we do not know the executor
    }
    Tasks.Unbounded loop = Tasks.interruptOnlyLoop(bodiesSubmittedTo(target, scope, state), state);
    if (loop == null) {
      return Description.NO_MATCH;
    }
    String name = target.getSimpleName().toString();
    String method = sym.getSimpleName().toString();
    String effect =
        ending == Ending.WAITS_FOR_RUNNING
            ? "close() waits for running tasks and so never returns"
            : "shutdown() lets running tasks finish, so the executor never terminates and keeps its thread";
    return describe(
        tree,
        String.format(
            "executor '%s' runs %s (line %d): %s; use %s.shutdownNow(), which interrupts it",
            name, loop.what(), line(loop.where(), state), effect, name),
        state,
        ExecutorFixes.useShutdownNow(tree, state, method));
  }

  private Description matchDroppedCreation(ExpressionTree tree, VisitorState state) {
    if (tree instanceof MethodInvocationTree call && !ExecutorLifecycle.mayCreate(call)) {
      return Description.NO_MATCH; // cheap name test before any matcher runs
    }
    TreePath parent = state.getPath().getParentPath();
    while (parent != null && parent.getLeaf() instanceof com.sun.source.tree.ParenthesizedTree) {
      parent = parent.getParentPath();
    }
    if (parent == null) {
      return Description.NO_MATCH;
    }
    Tree parentLeaf = parent.getLeaf();
    boolean usedOnce =
        parentLeaf instanceof ExpressionStatementTree
            || (parentLeaf instanceof MemberSelectTree
                && parent.getParentPath().getLeaf() instanceof MethodInvocationTree call
                && call.getMethodSelect() == parentLeaf
                && !endsCreation(call))
            || runsOneTaskOn(parentLeaf, tree, state);
    if (!usedOnce) {
      return Description.NO_MATCH;
    }
    Creation creation = ExecutorLifecycle.creation(tree, state);
    if (creation == null) {
      return Description.NO_MATCH;
    }
    String kind = creation.isTimer() ? "timer" : "executor";
    return describe(
        tree,
        String.format(
            "this %s (%s) is used once and kept nowhere, so nobody can ever shut it down and its"
                + " threads outlive the call; keep it in a variable or field its owner %s",
            kind, creation.description(), creation.isTimer() ? "cancels" : "shuts down"),
        state,
        null);
  }

  /**
   * Whether {@code parent} is {@code CompletableFuture.runAsync/supplyAsync(task, <creation>)}: the
   * future does not own its executor, so a pool created in the argument is held by nobody.
   */
  private static boolean runsOneTaskOn(Tree parent, ExpressionTree creation, VisitorState state) {
    int executorArgument = ExecutorApi.ASYNC_ON_EXECUTOR.executorArgument();
    return parent instanceof MethodInvocationTree call
        && call.getArguments().size() > executorArgument
        && TreeFacts.strip(call.getArguments().get(executorArgument)) == creation
        && ExecutorApi.ASYNC_FACTORY.matches(call, state);
  }

  private static boolean endsCreation(MethodInvocationTree call) {
    Symbol sym = ASTHelpers.getSymbol(call);
    return sym != null
        && (ExecutorApi.endingOf(sym.getSimpleName().toString(), false) != null
            || ExecutorApi.endingOf(sym.getSimpleName().toString(), true) != null);
  }

  // --- Helpers ----------------------------------------------------------------------------------

  private Description describe(Tree tree, String message, VisitorState state, SuggestedFix fix) {
    Description.Builder description = buildDescription(tree).setMessage(message);
    description.addFix(suppressions.suppress(state, canonicalName()));
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  static long line(Tree tree, VisitorState state) {
    return state.getPath().getCompilationUnit().getLineMap().getLineNumber(ASTHelpers.getStartPosition(tree));
  }

  static String abbreviate(String source) {
    String oneLine = source.replaceAll("\\s+", " ");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }
}
