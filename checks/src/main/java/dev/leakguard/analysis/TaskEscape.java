package dev.leakguard.analysis;

import static dev.leakguard.analysis.TreeFacts.callsOn;
import static dev.leakguard.analysis.TreeFacts.strip;
import static dev.leakguard.analysis.TreeFacts.variable;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.leakguard.model.ExecutorApi;
import dev.leakguard.model.ExecutorApi.Runner;
import dev.leakguard.model.ExecutorApi.TaskStart;
import dev.leakguard.model.FutureApi;
import dev.leakguard.model.HandlerApi;
import dev.leakguard.model.HandlerApi.AsyncCompletion;
import dev.leakguard.model.OwnershipApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * Whether a background task started in a body of code (a request handler, or a helper it calls) is
 * still running, with nothing that ends it, when that code returns.
 *
 * <p>A task is ended when, on every path from its start to a return, it is awaited ({@code get},
 * {@code join}, {@code awaitTermination}/{@code close} of an executor made for it), cancelled
 * ({@code cancel}, {@code interrupt}, {@code shutdownNow}, a cancel in {@code finally} or in a
 * scheduled task), bounded ({@code orTimeout}, {@code completeOnTimeout}), returned as an
 * asynchronous result, or handed on (to an {@code @Owning} parameter or field, or to code this
 * analysis cannot see). A task that finishes the request itself (resumes a JAX-RS {@code
 * AsyncResponse} or completes a Servlet {@code AsyncContext} that has a timeout, completes a gRPC
 * {@code StreamObserver}, or completes the returned result) is handed back too. A helper's
 * parameters stand for the caller's arguments.
 *
 * <p>Where the task runs matters: a thread of its own, an executor or timer created for the request,
 * and the JVM-wide common pool are checked; a one-shot task on an executor that outlives the request
 * (a field, a parameter, an injected pool) is left to that executor's owner unless {@code
 * checkSharedExecutors} is set. A periodic task is checked wherever it runs: it never ends by
 * itself.
 */
public final class TaskEscape {
  /** The outcome for one task. */
  public enum Verdict {
    /** Something ends it, or it is handed on. */
    CLEAN,
    /** It can outlive the code that started it with nothing that ends it. */
    LEAK,
    /** A helper returns it to its caller, whose job it is to end it. */
    RETURNED
  }

  /**
   * The code a task is started in.
   *
   * @param path the path to the method or lambda
   * @param isHandler whether it is the request handler itself (returns hand back) or a helper
   * @param caller for a helper, the scope that calls it; null for the handler
   * @param arguments for a helper, the caller's argument for each parameter
   */
  public record Scope(
      TreePath path, boolean isHandler, Scope caller, Map<Symbol, ExpressionTree> arguments) {
    /** The request handler itself. */
    public static Scope handler(TreePath path) {
      return new Scope(path, true, null, Map.of());
    }

    /**
     * A {@code forEach} callback inside the handler: it runs in the handler, once per element;
     * what it returns is dropped, and the variables it sees are the handler's.
     */
    public static Scope inlineCallback(TreePath lambda, Scope handler) {
      return new Scope(lambda, false, handler, null);
    }

    /** Whether this is a {@code forEach} callback of the caller. */
    public boolean isInline() {
      return arguments == null;
    }

    /** The caller's variable for {@code v}: itself in a callback, the argument in a helper. */
    Symbol.VarSymbol inCaller(Symbol.VarSymbol v) {
      return isInline() ? v : variable(arguments.get(v));
    }

    /** A helper, called from {@code caller} by {@code call}: its parameters are the call's arguments. */
    public static Scope helper(TreePath path, Scope caller, MethodInvocationTree call) {
      Map<Symbol, ExpressionTree> arguments = new HashMap<>();
      Symbol.MethodSymbol callee = ASTHelpers.getSymbol(call);
      if (callee != null && !callee.isVarArgs() && callee.getParameters().size() == call.getArguments().size()) {
        for (int i = 0; i < call.getArguments().size(); i++) {
          arguments.put(callee.getParameters().get(i), call.getArguments().get(i));
        }
      }
      return new Scope(path, false, caller, Map.copyOf(arguments));
    }

    Tree body() {
      Tree leaf = path.getLeaf();
      return leaf instanceof MethodTree m ? m.getBody() : ((LambdaExpressionTree) leaf).getBody();
    }
  }

  /** Where a started task runs, and what ends it. */
  private enum Lifetime {
    /** Made for this request (a new thread, executor or timer) or never shut down (common pool). */
    CHECKED,
    /** An executor that outlives the request, whose owner (declared, or the class) ends it. */
    OWNER_ENDS,
    /** An executor that outlives the request, owned elsewhere. */
    SHARED
  }

  /** Where a task's handle goes from one use. */
  private enum FlowKind {
    /** Awaited, cancelled or bounded right there. */
    ENDED,
    /** Returned from the scope. */
    RETURNED,
    /** Handed to code this analysis cannot see, or to an {@code @Owning} parameter. */
    ESCAPED,
    /** Stored in a local variable: follow that too. */
    LOCAL,
    /** Stored in a field. */
    FIELD,
    /** Added to a collection field: kept, not ended; handed to an owner only if it is @Owning. */
    KEPT,
    /** Used and let go: compared, queried, or a statement of its own. */
    DROPPED
  }

  private record Flow(FlowKind kind, Symbol.VarSymbol variable) {}

  private final Map<String, List<TaskStart>> startsByName;
  private final boolean checkSharedExecutors;

  public TaskEscape(boolean checkSharedExecutors) {
    Map<String, List<TaskStart>> index = new HashMap<>();
    for (TaskStart start : ExecutorApi.TASK_STARTS) {
      for (String name : start.names()) {
        index.computeIfAbsent(name, n -> new ArrayList<>()).add(start);
      }
    }
    index.replaceAll((name, starts) -> List.copyOf(starts));
    this.startsByName = Map.copyOf(index);
    this.checkSharedExecutors = checkSharedExecutors;
  }

  /** Whether a method name can start a task at all: a cheap test before anything else. */
  public boolean mayStartTask(String methodName) {
    return startsByName.containsKey(methodName);
  }

  /** The model entry for a call that starts a background task, or null. */
  public TaskStart findStart(MethodInvocationTree call, VisitorState state) {
    Symbol.MethodSymbol sym = ASTHelpers.getSymbol(call);
    if (sym == null) {
      return null;
    }
    List<TaskStart> candidates = startsByName.get(sym.getSimpleName().toString());
    if (candidates == null) {
      return null;
    }
    TaskStart best = null;
    int arguments = call.getArguments().size();
    for (TaskStart start : candidates) {
      if (start.isStatic() == sym.isStatic()
          && arguments >= start.minArguments()
          && (best == null || start.minArguments() > best.minArguments())
          && TypeFacts.isSubtype(sym.owner.type, start.owner(), state)) {
        best = start;
      }
    }
    return best;
  }

  /** The verdict for the task {@code startPath} starts in {@code scope}. */
  public Verdict analyze(TreePath startPath, TaskStart start, Scope scope, VisitorState state) {
    if (start.awaitsItself()) {
      return Verdict.CLEAN; // invokeAll/invokeAny return only once their tasks are done or cancelled
    }
    MethodInvocationTree call = (MethodInvocationTree) startPath.getLeaf();
    Set<Symbol.VarSymbol> handles = new LinkedHashSet<>();
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    Lifetime lifetime;
    if (start.runner() == Runner.THREAD || start.runner() == Runner.COMMON_POOL) {
      lifetime = Lifetime.CHECKED;
    } else {
      ExpressionTree runner =
          start.isStatic() ? call.getArguments().get(start.executorArgument()) : receiver;
      lifetime = lifetime(runner, startPath, handles, state);
    }
    boolean checked =
        switch (lifetime) {
          case CHECKED -> true;
          case OWNER_ENDS -> start.periodic();
          case SHARED -> start.periodic() || checkSharedExecutors;
        };
    if (!checked) {
      return Verdict.CLEAN;
    }
    List<Tree> taskTrees = new ArrayList<>(call.getArguments());
    if (start.runner() == Runner.THREAD && receiver != null) {
      taskTrees.add(receiver);
      Symbol.VarSymbol thread = variable(receiver);
      if (thread != null) {
        if (thread.getKind() == ElementKind.FIELD) {
          return fieldIsEnded(thread, startPath) ? Verdict.CLEAN : Verdict.LEAK;
        }
        handles.add(thread);
        VariableTree declaration = LocalDeclarations.find(thread, startPath);
        if (declaration != null && declaration.getInitializer() != null) {
          taskTrees.add(declaration.getInitializer());
        }
      }
    }
    if (start.runner() == Runner.TIMER && !call.getArguments().isEmpty()) {
      Symbol.VarSymbol timerTask = variable(call.getArguments().get(0));
      if (timerTask != null && timerTask.getKind() != ElementKind.FIELD) {
        handles.add(timerTask); // TimerTask.cancel() ends it
      }
    }
    // Callbacks chained on the task run as part of it: supplyAsync(..).thenAccept(result::setResult).
    Tree child = call;
    for (TreePath p = startPath.getParentPath();
        p.getLeaf() instanceof MemberSelectTree select
            && select.getExpression() == child
            && p.getParentPath().getLeaf() instanceof MethodInvocationTree chained
            && FutureApi.DERIVING_METHODS.contains(select.getIdentifier().toString());
        child = chained, p = p.getParentPath().getParentPath()) {
      taskTrees.addAll(chained.getArguments());
    }
    if (finishesRequest(taskTrees, scope, state)) {
      return Verdict.CLEAN;
    }
    return analyzeValue(startPath, handles, scope, state);
  }

  /**
   * The verdict for a task whose handle is the value at {@code valuePath} (a task start, or a call
   * to a helper that returns one), with {@code handles} the variables that can end it already.
   */
  public Verdict analyzeValue(
      TreePath valuePath, Set<Symbol.VarSymbol> initialHandles, Scope scope, VisitorState state) {
    Set<Symbol.VarSymbol> handles = new LinkedHashSet<>(initialHandles);
    Flow flow = flow(valuePath, scope, state);
    switch (flow.kind()) {
      case ENDED, ESCAPED -> {
        return Verdict.CLEAN;
      }
      case RETURNED -> {
        if (scope.isInline()) {
          return Verdict.LEAK; // forEach drops what its callback returns
        }
        if (!scope.isHandler()) {
          return Verdict.RETURNED;
        }
        return returnsAsyncResult(valuePath, scope, state) ? Verdict.CLEAN : Verdict.LEAK;
      }
      case FIELD -> {
        return ownsOrEnds(flow.variable(), valuePath) ? Verdict.CLEAN : Verdict.LEAK;
      }
      case KEPT -> {
        if (Ownership.hasAnnotation(flow.variable(), OwnershipApi.OWNING)) {
          return Verdict.CLEAN;
        }
      }
      case LOCAL -> handles.add(flow.variable());
      case DROPPED -> {}
    }
    if (handles.isEmpty()) {
      return Verdict.LEAK;
    }
    Set<Tree> endings = new HashSet<>();
    Set<Tree> handBacks = new HashSet<>();
    Verdict verdict = classifyUses(handles, scope, endings, handBacks, state);
    if (verdict != null) {
      return verdict;
    }
    return endsOnEveryPath(statementOf(valuePath), scope, handles, endings, handBacks)
        ? Verdict.CLEAN
        : Verdict.LEAK;
  }

  // --- Where the task runs ----------------------------------------------------------------------

  private Lifetime lifetime(
      ExpressionTree runner, TreePath path, Set<Symbol.VarSymbol> handles, VisitorState state) {
    ExpressionTree e = strip(runner);
    if (e == null) {
      return Lifetime.SHARED; // this class is the executor
    }
    if (isCreation(e, state) || isCommonPool(e, state)) {
      return Lifetime.CHECKED;
    }
    Symbol.VarSymbol sym = variable(e);
    if (sym == null) {
      return Lifetime.SHARED; // returned by a method: ctx.executor(), a provider
    }
    switch (sym.getKind()) {
      case LOCAL_VARIABLE, RESOURCE_VARIABLE -> {
        VariableTree declaration = LocalDeclarations.find(sym, path);
        ExpressionTree init = declaration == null ? null : strip(declaration.getInitializer());
        if (init != null && (isCreation(init, state) || isCommonPool(init, state))) {
          handles.add(sym); // shutdownNow() cancels, close()/awaitTermination() await
          return Lifetime.CHECKED;
        }
        return Lifetime.SHARED;
      }
      case FIELD -> {
        if (Ownership.hasAnnotation(sym, OwnershipApi.NOT_OWNING)) {
          return Lifetime.SHARED;
        }
        ClassTree owner = enclosingClass(path, sym);
        if (Ownership.hasAnnotation(sym, OwnershipApi.OWNING)
            || (owner != null
                && Ownership.ofField(sym, owner, v -> isCreation(v, state)) == Ownership.Owner.OWNED
                && endedInLifecycle(sym, owner))) {
          return Lifetime.OWNER_ENDS;
        }
        return Lifetime.SHARED;
      }
      case PARAMETER -> {
        return Ownership.ofParameter(sym) == Ownership.Owner.OWNED ? Lifetime.OWNER_ENDS : Lifetime.SHARED;
      }
      default -> {
        return Lifetime.SHARED;
      }
    }
  }

  /** A new executor or timer: {@code new ThreadPoolExecutor(..)}, {@code Executors.newFixedThreadPool(..)}. */
  private static boolean isCreation(ExpressionTree tree, VisitorState state) {
    ExpressionTree e = strip(tree);
    if (e instanceof NewClassTree newClass) {
      return ExecutorLifecycle.mayHoldExecutor(ASTHelpers.getType(newClass), state);
    }
    return e instanceof MethodInvocationTree call && ExecutorApi.EXECUTORS_FACTORY.matches(call, state);
  }

  private static boolean isCommonPool(ExpressionTree tree, VisitorState state) {
    return strip(tree) instanceof MethodInvocationTree call && ExecutorApi.SHARED_POOL.matches(call, state);
  }

  /** Whether a lifecycle method of the class ends the executor or timer field. */
  private static boolean endedInLifecycle(Symbol.VarSymbol field, ClassTree owner) {
    for (MethodTree method : Ownership.lifecycleMethods(owner, Set.of())) {
      if (callsOn(method.getBody(), field, ExecutorApi.EXECUTOR_ENDING_METHODS)) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> ENDING_HANDLE = endingHandleMethods();

  private static Set<String> endingHandleMethods() {
    Set<String> names = new HashSet<>(ExecutorApi.AWAIT_METHODS);
    names.addAll(ExecutorApi.CANCEL_METHODS);
    names.addAll(FutureApi.TIMEOUT_BOUNDS);
    return Set.copyOf(names);
  }

  // --- Handing back through the request's completion object -------------------------------------

  /**
   * Whether the task finishes the request itself: it resumes or completes a completion object of
   * the request ({@link HandlerApi#ASYNC_COMPLETIONS}, given a timeout where one is needed), or
   * completes a result the handler returns.
   */
  private static boolean finishesRequest(List<Tree> taskTrees, Scope scope, VisitorState state) {
    Set<Symbol.VarSymbol> mentioned = new LinkedHashSet<>();
    Map<Symbol.VarSymbol, Set<String>> calledOn = new HashMap<>();
    for (Tree task : taskTrees) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree tree, Void unused) {
          if (ASTHelpers.getSymbol(tree) instanceof Symbol.VarSymbol v) {
            mentioned.add(v);
          }
          return null;
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
          Symbol.VarSymbol receiver = variable(ASTHelpers.getReceiver(tree));
          Symbol.MethodSymbol method = ASTHelpers.getSymbol(tree);
          if (receiver != null && method != null) {
            calledOn.computeIfAbsent(receiver, r -> new HashSet<>()).add(method.getSimpleName().toString());
          }
          return super.visitMethodInvocation(tree, null);
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
          Symbol.VarSymbol receiver = variable(tree.getQualifierExpression());
          if (receiver != null) {
            mentioned.add(receiver);
            calledOn.computeIfAbsent(receiver, r -> new HashSet<>()).add(tree.getName().toString());
          }
          return super.visitMemberReference(tree, null);
        }
      }.scan(task, null);
    }
    for (Symbol.VarSymbol v : mentioned) {
      if (v.type == null) {
        continue;
      }
      for (AsyncCompletion completion : HandlerApi.ASYNC_COMPLETIONS) {
        if (TypeFacts.isSubtype(v.type, completion.type(), state)
            && (completion.finishMethods().isEmpty()
                || calledOn.getOrDefault(v, Set.of()).stream().anyMatch(completion.finishMethods()::contains))
            && (completion.timeoutMethods().isEmpty()
                || givenTimeout(v, scope, completion.timeoutMethods()))) {
          return true;
        }
      }
      if (isAsyncResult(v.type, state) && returnedByHandler(v, scope)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the request object {@code v} gets a timeout: in this scope, or — for a helper's
   * parameter — in the caller, for the argument it was given (two calls up at most).
   */
  private static boolean givenTimeout(Symbol.VarSymbol v, Scope scope, Set<String> timeoutMethods) {
    Symbol.VarSymbol current = v;
    for (Scope s = scope; s != null && current != null; s = s.caller()) {
      if (setsRealTimeout(s.body(), current, timeoutMethods)) {
        return true;
      }
      current = s.isHandler() ? null : s.inCaller(current);
    }
    return false;
  }

  /**
   * Whether {@code tree} calls one of {@code timeoutMethods} on {@code receiver} with a timeout that
   * is one: Servlet's {@code setTimeout(0)} and JAX-RS's {@code setTimeout(NO_TIMEOUT, unit)} (zero
   * or less) mean "never time out".
   */
  private static boolean setsRealTimeout(Tree tree, Symbol.VarSymbol receiver, Set<String> timeoutMethods) {
    return TreeFacts.anyCall(
        tree,
        call -> {
          Symbol.MethodSymbol method = ASTHelpers.getSymbol(call);
          return method != null
              && timeoutMethods.contains(method.getSimpleName().toString())
              && TreeFacts.sameVariable(ASTHelpers.getReceiver(call), receiver)
              && !(call.getArguments().size() > 0
                  && ASTHelpers.constValue(call.getArguments().get(0)) instanceof Number timeout
                  && timeout.longValue() <= 0);
        });
  }

  /** Whether the handler returns {@code v} — or, from a helper, the argument it was given. */
  private static boolean returnedByHandler(Symbol.VarSymbol v, Scope scope) {
    Symbol.VarSymbol current = v;
    Scope s = scope;
    while (!s.isHandler()) {
      current = s.inCaller(current);
      s = s.caller();
      if (current == null || s == null) {
        return false;
      }
    }
    return returnsVariable(s, current);
  }

  private static boolean isAsyncResult(Type type, VisitorState state) {
    return TypeFacts.isSubtypeOfAny(type, HandlerApi.ASYNC_RESULT_TYPES, state);
  }

  /** Whether some return of the scope (not of a nested lambda or class) mentions {@code v}. */
  private static boolean returnsVariable(Scope scope, Symbol.VarSymbol v) {
    boolean[] found = new boolean[1];
    Tree body = scope.body();
    if (!(body instanceof BlockTree)) {
      return mentions(body, Set.of(v));
    }
    new SameBodyScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        if (mentions(tree.getExpression(), Set.of(v))) {
          found[0] = true;
        }
        return null;
      }
    }.scan(body, null);
    return found[0];
  }

  // --- Where the handle goes --------------------------------------------------------------------

  /** Follows the value at {@code path} up the tree to where it is kept, ended or lost. */
  private Flow flow(TreePath path, Scope scope, VisitorState state) {
    Tree child = path.getLeaf();
    TreePath parentPath = path.getParentPath();
    while (parentPath != null) {
      Tree parent = parentPath.getLeaf();
      if (parent instanceof com.sun.source.tree.ParenthesizedTree
          || parent instanceof TypeCastTree
          || (parent instanceof ConditionalExpressionTree cond && cond.getCondition() != child)) {
        child = parent;
        parentPath = parentPath.getParentPath();
        continue;
      }
      if (parent instanceof MemberSelectTree select && select.getExpression() == child) {
        TreePath callPath = parentPath.getParentPath();
        if (!(callPath.getLeaf() instanceof MethodInvocationTree call) || call.getMethodSelect() != select) {
          return new Flow(FlowKind.DROPPED, null);
        }
        String name = select.getIdentifier().toString();
        if (ENDING_HANDLE.contains(name)) {
          return new Flow(FlowKind.ENDED, null);
        }
        if (FutureApi.DERIVING_METHODS.contains(name)) {
          child = call;
          parentPath = callPath.getParentPath();
          continue;
        }
        return new Flow(FlowKind.DROPPED, null); // isDone(), start(), setDaemon(..): not kept
      }
      if (parent instanceof MethodInvocationTree call) {
        int index = call.getArguments().indexOf(child);
        if (index < 0) {
          return new Flow(FlowKind.DROPPED, null);
        }
        Symbol.MethodSymbol callee = ASTHelpers.getSymbol(call);
        if (callee != null
            && callee.isStatic()
            && FutureApi.DERIVING_METHODS.contains(callee.getSimpleName().toString())) {
          child = call; // allOf(a, b): waiting for the combination waits for a
          parentPath = parentPath.getParentPath();
          continue;
        }
        if (FutureApi.WAIT.matches(call, state)) {
          return new Flow(FlowKind.ENDED, null);
        }
        if (findStart(call, state) != null) {
          return new Flow(FlowKind.DROPPED, null); // the executor or task of another start
        }
        Symbol.VarSymbol collection = variable(ASTHelpers.getReceiver(call));
        if (collection != null
            && collection.getKind() == ElementKind.FIELD
            && callee != null
            && ExecutorApi.COLLECTION_ADDS.contains(callee.getSimpleName().toString())
            && TypeFacts.isSubtypeOfAny(collection.type, ExecutorApi.COLLECTION_TYPES, state)) {
          // Kept in a field for later (a list of threads to stop at shutdown): every request
          // still leaves its task running until then, unless the field is declared the owner.
          return new Flow(FlowKind.KEPT, collection);
        }
        // An @Owning parameter takes it over; any other callee is code we cannot see: it may well
        // end the task, so the conservative verdict is that the task is handed on.
        return new Flow(FlowKind.ESCAPED, null);
      }
      if (parent instanceof NewClassTree) {
        return new Flow(FlowKind.ESCAPED, null);
      }
      if (parent instanceof VariableTree variable && variable.getInitializer() == child) {
        return target(ASTHelpers.getSymbol(variable));
      }
      if (parent instanceof AssignmentTree assignment && assignment.getExpression() == child) {
        Symbol target = ASTHelpers.getSymbol(assignment.getVariable());
        return target instanceof Symbol.VarSymbol v && variable(assignment.getVariable()) != null
            ? target(v)
            : new Flow(FlowKind.ESCAPED, null); // into an array element
      }
      if (parent instanceof ReturnTree) {
        return new Flow(FlowKind.RETURNED, null);
      }
      if (parent instanceof ExpressionStatementTree) {
        return new Flow(FlowKind.DROPPED, null);
      }
      if (parent instanceof LambdaExpressionTree) {
        return parent == scope.path().getLeaf()
            ? new Flow(FlowKind.RETURNED, null)
            : new Flow(FlowKind.ESCAPED, null);
      }
      if (parent instanceof YieldTree || (parent instanceof CaseTree && child instanceof ExpressionTree)) {
        TreePath switchPath = parentPath;
        while (switchPath != null && !(switchPath.getLeaf() instanceof SwitchExpressionTree)) {
          switchPath = switchPath.getParentPath();
        }
        if (switchPath == null) {
          return new Flow(FlowKind.ESCAPED, null);
        }
        child = switchPath.getLeaf();
        parentPath = switchPath.getParentPath();
        continue;
      }
      if (parent instanceof com.sun.source.tree.BinaryTree
          || parent instanceof com.sun.source.tree.InstanceOfTree
          || parent instanceof IfTree
          || parent instanceof com.sun.source.tree.WhileLoopTree) {
        return new Flow(FlowKind.DROPPED, null); // compared or tested, not kept
      }
      return new Flow(FlowKind.ESCAPED, null);
    }
    return new Flow(FlowKind.ESCAPED, null);
  }

  private static Flow target(Symbol sym) {
    if (!(sym instanceof Symbol.VarSymbol v)) {
      return new Flow(FlowKind.ESCAPED, null);
    }
    return switch (v.getKind()) {
      case LOCAL_VARIABLE, RESOURCE_VARIABLE, PARAMETER, EXCEPTION_PARAMETER -> new Flow(FlowKind.LOCAL, v);
      case FIELD -> new Flow(FlowKind.FIELD, v);
      default -> new Flow(FlowKind.ESCAPED, null);
    };
  }

  /** A field that keeps the task: an {@code @Owning} field, or one the class ends somewhere. */
  private static boolean ownsOrEnds(Symbol.VarSymbol field, TreePath path) {
    return Ownership.hasAnnotation(field, OwnershipApi.OWNING) || fieldIsEnded(field, path);
  }

  private static boolean fieldIsEnded(Symbol.VarSymbol field, TreePath path) {
    if (Ownership.hasAnnotation(field, OwnershipApi.OWNING)) {
      return true;
    }
    ClassTree owner = enclosingClass(path, field);
    return owner != null && callsOn(owner, field, ENDING_HANDLE);
  }

  /**
   * Sorts every use of the handles in the scope: ends ({@code endings}), returns that hand the task
   * back ({@code handBacks}), new aliases (added to {@code handles}). Returns a verdict when a use
   * settles it (handed on, or returned from a helper), else null.
   */
  private Verdict classifyUses(
      Set<Symbol.VarSymbol> handles,
      Scope scope,
      Set<Tree> endings,
      Set<Tree> handBacks,
      VisitorState state) {
    Tree body = scope.body();
    List<Symbol.VarSymbol> work = new ArrayList<>(handles);
    Verdict[] verdict = new Verdict[1];
    for (int i = 0; i < work.size() && verdict[0] == null; i++) {
      Symbol.VarSymbol handle = work.get(i);
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree tree, Void unused) {
          if (verdict[0] == null && handle.equals(ASTHelpers.getSymbol(tree))) {
            classify(getCurrentPath());
          }
          return null;
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
          if (verdict[0] == null && handle.equals(ASTHelpers.getSymbol(tree)) && variable(tree) != null) {
            classify(getCurrentPath());
            return null;
          }
          return super.visitMemberSelect(tree, null);
        }

        private void classify(TreePath use) {
          Tree parent = use.getParentPath().getLeaf();
          if (parent instanceof AssignmentTree a && a.getVariable() == use.getLeaf()) {
            return; // being assigned, not used
          }
          TreePath lambda = nestedFunction(use, scope);
          if (lambda != null) {
            if (flowInside(use, lambda) == FlowKind.ENDED && isScheduled(lambda)) {
              // A cancel inside a task scheduled for later bounds the task: a scheduled cancel.
              endings.add(use.getLeaf());
            } else if (isPassedOn(lambda)) {
              // Captured by a callback handed to other code (Javalin's ctx.future(() -> f), a
              // framework hook): that code may well end it.
              verdict[0] = Verdict.CLEAN;
            }
            return;
          }
          Flow flow = flow(use, scope, state);
          switch (flow.kind()) {
            case ENDED -> endings.add(use.getLeaf());
            case ESCAPED -> verdict[0] = Verdict.CLEAN;
            case FIELD -> {
              if (ownsOrEnds(flow.variable(), use)) {
                verdict[0] = Verdict.CLEAN;
              }
            }
            case KEPT -> {
              if (Ownership.hasAnnotation(flow.variable(), OwnershipApi.OWNING)) {
                verdict[0] = Verdict.CLEAN;
              }
            }
            case LOCAL -> {
              if (!work.contains(flow.variable())) {
                work.add(flow.variable());
              }
            }
            case RETURNED, DROPPED -> {}
          }
        }
      }.scan(new TreePath(scope.path(), body), null);
    }
    if (verdict[0] != null) {
      return verdict[0];
    }
    handles.addAll(work);
    // Returns that mention a handle, in a lambda or not: `return f`, `return () -> f.get(..)`.
    Verdict[] returned = new Verdict[1];
    new SameBodyPathScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        if (mentions(tree.getExpression(), handles) && !scope.isInline()) {
          if (!scope.isHandler()) {
            returned[0] = Verdict.RETURNED;
          } else if (returnsAsyncResult(new TreePath(getCurrentPath(), tree.getExpression()), scope, state)) {
            handBacks.add(tree);
          }
        }
        return null;
      }
    }.scan(new TreePath(scope.path(), body), null);
    if (!(body instanceof BlockTree) && mentions(body, handles) && !scope.isInline()) {
      return scope.isHandler() && returnsAsyncResult(new TreePath(scope.path(), body), scope, state)
          ? Verdict.CLEAN
          : (scope.isHandler() ? null : Verdict.RETURNED);
    }
    return returned[0];
  }

  /** Whether the value returned at {@code valuePath} is an asynchronous result the framework takes. */
  private static boolean returnsAsyncResult(TreePath valuePath, Scope scope, VisitorState state) {
    Tree leaf = scope.path().getLeaf();
    Type declared = null;
    if (leaf instanceof MethodTree method) {
      Symbol.MethodSymbol sym = ASTHelpers.getSymbol(method);
      declared = sym == null ? null : sym.getReturnType();
    } else if (leaf instanceof LambdaExpressionTree lambda) {
      Type type = ASTHelpers.getType(lambda);
      try {
        declared = type == null ? null : state.getTypes().findDescriptorType(type).getReturnType();
      } catch (RuntimeException e) {
        declared = null;
      }
    }
    if (declared == null || declared.getKind() == javax.lang.model.type.TypeKind.VOID) {
      return false;
    }
    if (isAsyncResult(declared, state)) {
      return true;
    }
    // Returned through a wider type (Object, ResponseEntity<?>): what is returned decides.
    Type returned = valuePath.getLeaf() instanceof ExpressionTree e ? ASTHelpers.getType(e) : null;
    return returned != null && isAsyncResult(returned, state);
  }

  /** The nearest lambda or class between {@code use} and the scope, or null. */
  private static TreePath nestedFunction(TreePath use, Scope scope) {
    TreePath found = null;
    for (TreePath p = use.getParentPath(); p != null && p.getLeaf() != scope.path().getLeaf(); p = p.getParentPath()) {
      if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
        found = found == null ? p : found;
      }
    }
    return found;
  }

  /** The flow of a use inside a nested lambda, only as far as ending calls go. */
  private static FlowKind flowInside(TreePath use, TreePath lambda) {
    Tree child = use.getLeaf();
    for (TreePath p = use.getParentPath(); p != null && p != lambda; p = p.getParentPath()) {
      Tree parent = p.getLeaf();
      if (parent instanceof com.sun.source.tree.ParenthesizedTree || parent instanceof TypeCastTree) {
        child = parent;
        continue;
      }
      if (parent instanceof MemberSelectTree select && select.getExpression() == child) {
        String name = select.getIdentifier().toString();
        if (ExecutorApi.CANCEL_METHODS.contains(name) || FutureApi.TIMEOUT_BOUNDS.contains(name)) {
          return FlowKind.ENDED;
        }
      }
      return FlowKind.DROPPED;
    }
    return FlowKind.DROPPED;
  }

  /** Whether a lambda (or anonymous class) is an argument of a call or constructor. */
  private static boolean isPassedOn(TreePath function) {
    TreePath parent = function.getParentPath();
    if (function.getLeaf() instanceof ClassTree && parent.getLeaf() instanceof NewClassTree) {
      parent = parent.getParentPath();
    }
    while (parent.getLeaf() instanceof com.sun.source.tree.ParenthesizedTree
        || parent.getLeaf() instanceof TypeCastTree) {
      parent = parent.getParentPath();
    }
    return (parent.getLeaf() instanceof MethodInvocationTree call && call.getArguments().contains(child(function, parent)))
        || parent.getLeaf() instanceof NewClassTree;
  }

  private static Tree child(TreePath path, TreePath ancestor) {
    TreePath p = path;
    while (p.getParentPath() != null && p.getParentPath() != ancestor) {
      p = p.getParentPath();
    }
    return p.getLeaf();
  }

  /** Whether a lambda (or anonymous class) is the task of a scheduling call: it runs later. */
  private static boolean isScheduled(TreePath function) {
    TreePath parent = function.getParentPath();
    Tree leaf = function.getLeaf();
    if (leaf instanceof ClassTree && parent.getLeaf() instanceof NewClassTree) {
      parent = parent.getParentPath();
    }
    if (!(parent.getLeaf() instanceof MethodInvocationTree call)) {
      return false;
    }
    Symbol.MethodSymbol sym = ASTHelpers.getSymbol(call);
    return sym != null && ExecutorApi.SCHEDULING_METHODS.contains(sym.getSimpleName().toString());
  }

  // --- Every path ------------------------------------------------------------------------------

  /** The statement (or lambda body expression) that contains {@code path} directly in its block. */
  private static TreePath statementOf(TreePath path) {
    TreePath p = path;
    while (p.getParentPath() != null
        && !(p.getLeaf() instanceof StatementTree && p.getParentPath().getLeaf() instanceof BlockTree)
        && !(p.getParentPath().getLeaf() instanceof LambdaExpressionTree)
        && !(p.getParentPath().getLeaf() instanceof CaseTree)) {
      p = p.getParentPath();
    }
    return p;
  }

  /**
   * Whether every path from the statement at {@code startStatement} to a return of the scope ends
   * the task first: walks up the enclosing blocks, looking at the statements after each.
   */
  private static boolean endsOnEveryPath(
      TreePath startStatement,
      Scope scope,
      Set<Symbol.VarSymbol> handles,
      Set<Tree> endings,
      Set<Tree> handBacks) {
    PathFacts facts = new PathFacts(endings, handBacks, handles);
    Tree child = startStatement.getLeaf();
    for (TreePath p = startStatement.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf == scope.path().getLeaf()) {
        return false; // fell off the end of the scope: an implicit return
      }
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return true; // not expected: starts inside nested functions are not analysed
      }
      if (leaf instanceof ReturnTree ret) {
        // The start is part of what is returned, as in `return switch (..) { .. yield f; }`.
        return handBacks.contains(ret) || TreeFacts.containsAny(ret, endings);
      }
      if (leaf instanceof BlockTree block) {
        int index = block.getStatements().indexOf(child);
        Result r = facts.sequence(block.getStatements().subList(index + 1, block.getStatements().size()));
        if (r.leakyExit()) {
          return false;
        }
        if (r.ended()) {
          return true;
        }
      } else if (leaf instanceof CaseTree caseTree && caseTree.getStatements() != null) {
        List<? extends StatementTree> statements = caseTree.getStatements();
        int index = statements.indexOf(child);
        if (index >= 0) {
          Result r = facts.sequence(statements.subList(index + 1, statements.size()));
          if (r.leakyExit()) {
            return false;
          }
          if (r.ended()) {
            return true;
          }
        }
      } else if (leaf instanceof TryTree tryTree && child == tryTree.getBlock()) {
        if (tryTree.getFinallyBlock() != null && facts.analyze(tryTree.getFinallyBlock()).ended()) {
          return true;
        }
        for (Tree resource : tryTree.getResources()) {
          Symbol sym =
              resource instanceof VariableTree v ? ASTHelpers.getSymbol(v) : ASTHelpers.getSymbol(resource);
          if (sym != null && handles.contains(sym)) {
            return true; // the executor made for the task is closed: close() awaits its tasks
          }
        }
      }
    }
    return false;
  }

  private record Result(boolean ended, boolean leakyExit) {}

  /** Per-statement facts: does it end the task on every normal path, can it return before that. */
  private record PathFacts(Set<Tree> endings, Set<Tree> handBacks, Set<Symbol.VarSymbol> handles) {
    Result sequence(List<? extends StatementTree> statements) {
      boolean leaky = false;
      for (StatementTree statement : statements) {
        Result r = analyze(statement);
        leaky |= r.leakyExit();
        if (r.ended()) {
          return new Result(true, leaky);
        }
      }
      return new Result(false, leaky);
    }

    Result analyze(StatementTree statement) {
      if (statement == null) {
        return new Result(false, false);
      }
      if (statement instanceof BlockTree block) {
        return sequence(block.getStatements());
      }
      if (statement instanceof ReturnTree ret) {
        boolean ok = handBacks.contains(ret) || TreeFacts.containsAny(ret, endings);
        return new Result(true, !ok);
      }
      if (statement instanceof ThrowTree) {
        return new Result(true, false);
      }
      if (statement instanceof IfTree ifTree) {
        if (TreeFacts.containsAny(ifTree.getCondition(), endings)) {
          return new Result(true, false);
        }
        Result then = analyze(ifTree.getThenStatement());
        Result otherwise = analyze(ifTree.getElseStatement());
        return new Result(then.ended() && otherwise.ended(), then.leakyExit() || otherwise.leakyExit());
      }
      if (statement instanceof TryTree tryTree) {
        for (Tree resource : tryTree.getResources()) {
          Symbol sym =
              resource instanceof VariableTree v ? ASTHelpers.getSymbol(v) : ASTHelpers.getSymbol(resource);
          if (sym != null && handles.contains(sym)) {
            return new Result(true, false);
          }
        }
        if (tryTree.getFinallyBlock() != null && analyze(tryTree.getFinallyBlock()).ended()) {
          return new Result(true, false);
        }
        Result body = analyze(tryTree.getBlock());
        if (body.ended()) {
          // The catches handle the wait's own failure (a timeout, an interrupt): an await that
          // was reached counts, as a timed get() counts (see the class comment).
          return new Result(true, body.leakyExit());
        }
        boolean leaky = body.leakyExit();
        for (CatchTree catchTree : tryTree.getCatches()) {
          leaky |= analyze(catchTree.getBlock()).leakyExit();
        }
        if (tryTree.getFinallyBlock() != null) {
          leaky |= analyze(tryTree.getFinallyBlock()).leakyExit();
        }
        return new Result(false, leaky);
      }
      if (statement instanceof WhileLoopTree loop) {
        return new Result(TreeFacts.containsAny(loop.getCondition(), endings), analyze(loop.getStatement()).leakyExit());
      }
      if (statement instanceof ForLoopTree loop) {
        boolean leaky = analyze(loop.getStatement()).leakyExit();
        for (StatementTree update : loop.getUpdate()) {
          leaky |= analyze(update).leakyExit();
        }
        return new Result(false, leaky);
      }
      if (statement instanceof EnhancedForLoopTree loop) {
        return new Result(TreeFacts.containsAny(loop.getExpression(), endings), analyze(loop.getStatement()).leakyExit());
      }
      if (statement instanceof DoWhileLoopTree loop) {
        return analyze(loop.getStatement());
      }
      if (statement instanceof SwitchTree switchTree) {
        if (TreeFacts.containsAny(switchTree.getExpression(), endings)) {
          return new Result(true, false);
        }
        boolean ended = true;
        boolean leaky = false;
        boolean hasDefault = false;
        for (CaseTree caseTree : switchTree.getCases()) {
          hasDefault |= caseTree.getExpressions().isEmpty();
          Result r =
              caseTree.getStatements() != null
                  ? sequence(caseTree.getStatements())
                  : caseTree.getBody() instanceof StatementTree s
                      ? analyze(s)
                      : new Result(TreeFacts.containsAny(caseTree.getBody(), endings), false);
          ended &= r.ended();
          leaky |= r.leakyExit();
        }
        return new Result(ended && hasDefault, leaky);
      }
      if (statement instanceof SynchronizedTree sync) {
        if (TreeFacts.containsAny(sync.getExpression(), endings)) {
          return new Result(true, false);
        }
        return analyze(sync.getBlock());
      }
      if (statement instanceof LabeledStatementTree labeled) {
        return analyze(labeled.getStatement());
      }
      if (statement instanceof ClassTree) {
        return new Result(false, false);
      }
      // Expression statements, declarations, yield, assert: no return inside (lambdas return
      // from themselves), so the only question is whether they end the task.
      return new Result(TreeFacts.containsAny(statement, endings), false);
    }
  }

  // --- Small helpers ----------------------------------------------------------------------------

  /** Whether {@code tree} names one of {@code variables}, lambdas included. */
  static boolean mentions(Tree tree, Set<? extends Symbol> variables) {
    if (tree == null) {
      return false;
    }
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (variables.contains(ASTHelpers.getSymbol(identifier))) {
          found[0] = true;
        }
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        if (variables.contains(ASTHelpers.getSymbol(select))) {
          found[0] = true;
        }
        return super.visitMemberSelect(select, null);
      }
    }.scan(tree, null);
    return found[0];
  }

  /** The class tree declaring {@code field}, found on the way up from {@code path}. */
  private static ClassTree enclosingClass(TreePath path, Symbol field) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree c && field.owner.equals(ASTHelpers.getSymbol(c))) {
        return c;
      }
      if (p.getLeaf() instanceof CompilationUnitTree) {
        return null;
      }
    }
    return null;
  }
}
