package dev.leakguard.analysis;

import static dev.leakguard.analysis.TreeFacts.chainRoot;
import static dev.leakguard.analysis.TreeFacts.sameVariable;
import static dev.leakguard.analysis.TreeFacts.strip;
import static dev.leakguard.analysis.TreeFacts.variable;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import dev.leakguard.model.FutureApi;
import java.util.List;

/**
 * Whether a future is known to be complete at a point of the code, so that an untimed wait on it
 * returns at once. Completion is monotonic — a done future stays done — so every fact found on the
 * way from the wait to its method holds, lambdas included.
 *
 * <p>Known complete: futures made complete ({@code completedFuture}, Guava's {@code
 * immediateFuture}); futures handed out complete ({@code invokeAll}, {@code CompletionService.take});
 * a wait guarded by {@code isDone()}; a wait after a guard that leaves when not done; a wait after
 * another wait on the same future or on an {@code allOf(..)} that includes it; a wait inside a
 * callback registered on the future ({@code thenApply}, {@code whenComplete}, ...).
 */
public final class KnownCompletion {
  private KnownCompletion() {}

  /**
   * Whether the future that {@code future} evaluates to is complete where {@code path} points.
   *
   * @param future the future expression (the receiver of {@code get()} or {@code join()})
   * @param path the path to the waiting call or method reference
   */
  public static boolean isComplete(ExpressionTree future, TreePath path, VisitorState state) {
    ExpressionTree e = strip(future);
    if (e == null) {
      return false;
    }
    if (FutureApi.COMPLETED_FACTORY.matches(e, state)
        || FutureApi.YIELDS_COMPLETED.matches(e, state)) {
      return true;
    }
    Symbol.VarSymbol sym = variable(e);
    if (sym == null) {
      return false;
    }
    return isCompleteVariable(sym, path, state);
  }

  /**
   * Whether a wait on {@code future} is bounded by the future itself: it was decorated with {@code
   * orTimeout}/{@code completeOnTimeout} (directly, or in the initializer of a local never reassigned).
   */
  public static boolean isTimeBounded(ExpressionTree future, TreePath path) {
    ExpressionTree e = strip(future);
    Symbol.VarSymbol sym = variable(e);
    if (sym != null
        && sym.getKind() == javax.lang.model.element.ElementKind.LOCAL_VARIABLE
        && (sym.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) != 0) {
      VariableTree declaration = LocalDeclarations.find(sym, path);
      e = declaration == null ? null : strip(declaration.getInitializer());
    }
    // f.orTimeout(..).thenApply(..): a stage of a bounded future is bounded by the same timeout.
    while (e instanceof MethodInvocationTree call) {
      Symbol.MethodSymbol method = ASTHelpers.getSymbol(call);
      if (method == null) {
        return false;
      }
      String name = method.getSimpleName().toString();
      if (FutureApi.TIMEOUT_DECORATORS.contains(name)) {
        return true;
      }
      if (!FutureApi.BOUND_PRESERVING.contains(name)) {
        return false;
      }
      e = strip(ASTHelpers.getReceiver(call));
    }
    return false;
  }

  /** Whether every element of the collection {@code futures} is complete where {@code path} points. */
  public static boolean areAllComplete(ExpressionTree futures, TreePath path, VisitorState state) {
    ExpressionTree e = strip(futures);
    if (FutureApi.YIELDS_COMPLETED.matches(e, state)) {
      return true;
    }
    Symbol.VarSymbol sym = variable(e);
    return sym != null && isCompleteVariable(sym, path, state);
  }

  private static boolean isCompleteVariable(Symbol.VarSymbol sym, TreePath path, VisitorState state) {
    if (initializedComplete(sym, path, state) || isCompletionListenerParameter(sym, state)) {
      return true;
    }
    // An element of a collection of complete futures, in an enhanced for or a forEach lambda.
    ExpressionTree source = elementSource(sym, path);
    if (source != null && areAllComplete(source, path, state)) {
      return true;
    }
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree parent = p.getLeaf();
      if (parent instanceof MethodTree || parent instanceof ClassTree) {
        return false;
      }
      if (parent instanceof IfTree ifTree) {
        if ((child == ifTree.getThenStatement() && impliesDone(ifTree.getCondition(), sym, state))
            || (child == ifTree.getElseStatement() && impliesNotDone(ifTree.getCondition(), sym, state))) {
          return true;
        }
      } else if (parent instanceof ConditionalExpressionTree cond) {
        if ((child == cond.getTrueExpression() && impliesDone(cond.getCondition(), sym, state))
            || (child == cond.getFalseExpression() && impliesNotDone(cond.getCondition(), sym, state))) {
          return true;
        }
      } else if (parent instanceof BinaryTree binary && child == binary.getRightOperand()) {
        if ((parent.getKind() == Tree.Kind.CONDITIONAL_AND && impliesDone(binary.getLeftOperand(), sym, state))
            || (parent.getKind() == Tree.Kind.CONDITIONAL_OR
                && impliesNotDone(binary.getLeftOperand(), sym, state))) {
          return true;
        }
      } else if (parent instanceof BlockTree block) {
        if (earlierStatementsProveDone(block.getStatements(), child, sym, path, state)) {
          return true;
        }
      } else if (parent instanceof LambdaExpressionTree) {
        if (isCallbackOf(p, sym, state)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A local, never reassigned, initialized with a complete future. */
  private static boolean initializedComplete(Symbol.VarSymbol sym, TreePath path, VisitorState state) {
    if (sym.getKind() != javax.lang.model.element.ElementKind.LOCAL_VARIABLE
        || (sym.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) == 0) {
      return false;
    }
    VariableTree declaration = LocalDeclarations.find(sym, path);
    if (declaration == null || declaration.getInitializer() == null) {
      return false;
    }
    ExpressionTree init = strip(declaration.getInitializer());
    return FutureApi.COMPLETED_FACTORY.matches(init, state)
        || FutureApi.YIELDS_COMPLETED.matches(init, state);
  }

  /**
   * The collection a variable iterates over: the expression of its enhanced for, or the receiver
   * chain root of a {@code forEach}/{@code stream()} whose lambda declares it.
   */
  private static ExpressionTree elementSource(Symbol.VarSymbol sym, TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof ClassTree) {
        return null;
      }
      if (leaf instanceof EnhancedForLoopTree loop
          && sym.equals(ASTHelpers.getSymbol(loop.getVariable()))) {
        return loop.getExpression();
      }
      if (leaf instanceof LambdaExpressionTree lambda
          && lambda.getParameters().stream().anyMatch(v -> sym.equals(ASTHelpers.getSymbol(v)))) {
        return iteratedCollection(p.getParentPath());
      }
    }
    return null;
  }

  /**
   * For a lambda or method reference passed to {@code c.forEach(..)} or a stage of {@code
   * c.stream()...}, the expression {@code c}; otherwise null.
   */
  public static ExpressionTree iteratedCollection(TreePath argumentParent) {
    if (argumentParent == null
        || !(argumentParent.getLeaf() instanceof MethodInvocationTree call)) {
      return null;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    while (receiver instanceof MethodInvocationTree inner) {
      String name = ASTHelpers.getSymbol(inner) == null ? "" : ASTHelpers.getSymbol(inner).getSimpleName().toString();
      if (name.equals("stream") || name.equals("parallelStream")) {
        return ASTHelpers.getReceiver(inner);
      }
      receiver = ASTHelpers.getReceiver(inner);
    }
    Symbol.MethodSymbol method = ASTHelpers.getSymbol(call);
    return method != null && method.getSimpleName().contentEquals("forEach") ? receiver : null;
  }

  /** Whether a lambda at {@code lambdaPath} is a completion callback of {@code sym}'s future. */
  private static boolean isCallbackOf(TreePath lambdaPath, Symbol.VarSymbol sym, VisitorState state) {
    if (!(lambdaPath.getParentPath().getLeaf() instanceof MethodInvocationTree call)
        || !FutureApi.CALLBACK.matches(call, state)) {
      return false;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (ASTHelpers.getSymbol(call) != null && ASTHelpers.getSymbol(call).isStatic()) {
      receiver = call.getArguments().isEmpty() ? null : call.getArguments().get(0);
    }
    if (receiver != null && provesComplete(receiver, sym, lambdaPath, state)) {
      return true;
    }
    // thenCombine(other, fn), runAfterBoth(other, fn): the other stage is complete too.
    String name = ASTHelpers.getSymbol(call).getSimpleName().toString();
    return (name.contains("Both") || name.startsWith("thenCombine"))
        && !call.getArguments().isEmpty()
        && sameVariable(call.getArguments().get(0), sym);
  }

  /**
   * Whether completion of the future {@code expr} implies completion of {@code sym}: it is {@code
   * sym}, or an {@code allOf(..)} over it, through pass-throughs such as {@code orTimeout}.
   */
  private static boolean provesComplete(
      ExpressionTree expr, Symbol.VarSymbol sym, TreePath path, VisitorState state) {
    ExpressionTree e = strip(expr);
    // CompletableFuture<Void> all = allOf(a, b); ... all.get(..): the local stands for its initializer.
    if (!sameVariable(e, sym)) {
      ExpressionTree initializer = initializerOfFinalLocal(e, path);
      if (initializer != null) {
        e = initializer;
      }
    }
    while (e instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) != null
        && FutureApi.SAME_FUTURE_DECORATORS.contains(ASTHelpers.getSymbol(call).getSimpleName().toString())) {
      e = strip(ASTHelpers.getReceiver(call));
    }
    if (sameVariable(e, sym)) {
      return true;
    }
    if (e instanceof MethodInvocationTree call && FutureApi.ALL_OF.matches(call, state)) {
      for (ExpressionTree arg : call.getArguments()) {
        if (sameVariable(arg, sym)
            || sym.equals(chainRoot(arg))
            || sym.equals(chainRoot(initializerOfFinalLocal(arg, path)))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The initializer of a local never reassigned that {@code e} names, or null. */
  private static ExpressionTree initializerOfFinalLocal(ExpressionTree e, TreePath path) {
    Symbol.VarSymbol local = variable(e);
    if (local == null
        || local.getKind() != javax.lang.model.element.ElementKind.LOCAL_VARIABLE
        || (local.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) == 0) {
      return null;
    }
    VariableTree declaration = LocalDeclarations.find(local, path);
    return declaration == null ? null : strip(declaration.getInitializer());
  }

  private static boolean earlierStatementsProveDone(
      List<? extends StatementTree> statements,
      Tree child,
      Symbol.VarSymbol sym,
      TreePath path,
      VisitorState state) {
    for (StatementTree statement : statements) {
      if (statement == child) {
        return false;
      }
      if (assertsDone(statement, sym, state) || provesDone(statement, sym, path, state)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code sym} is done once {@code statement} completes normally. */
  private static boolean provesDone(
      StatementTree statement, Symbol.VarSymbol sym, TreePath path, VisitorState state) {
    if (statement instanceof IfTree ifTree) {
      return ifTree.getElseStatement() == null
          && impliesNotDone(ifTree.getCondition(), sym, state)
          && TreeFacts.alwaysExits(ifTree.getThenStatement());
    }
    // try { f.get(5, SECONDS); } catch (TimeoutException e) { f.cancel(true); throw e; }
    if (statement instanceof TryTree tryTree) {
      return tryTree.getCatches().stream().allMatch(c -> TreeFacts.alwaysExits(c.getBlock()))
          && earlierStatementsProveDone(tryTree.getBlock().getStatements(), null, sym, path, state);
    }
    // while (!f.isDone()) { Thread.sleep(10); }: the loop only ends once f is done.
    if (statement instanceof WhileLoopTree loop) {
      return impliesNotDone(loop.getCondition(), sym, state) && !containsBreak(loop.getStatement());
    }
    ExpressionTree expression =
        statement instanceof ExpressionStatementTree es
            ? es.getExpression()
            : statement instanceof VariableTree v ? v.getInitializer() : null;
    return expression != null && waitsFor(expression, sym, path, state);
  }

  private static boolean containsBreak(Tree body) {
    boolean[] found = new boolean[1];
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitBreak(com.sun.source.tree.BreakTree tree, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null;
      }
    }.scan(body, null);
    return found[0];
  }

  /** Whether the expression's outermost call waits for {@code sym} (or an allOf including it). */
  private static boolean waitsFor(
      ExpressionTree expression, Symbol.VarSymbol sym, TreePath path, VisitorState state) {
    ExpressionTree e = strip(expression);
    if (e instanceof com.sun.source.tree.AssignmentTree assignment) {
      e = strip(assignment.getExpression());
    }
    // Look through calls on the waited value, e.g. all.get(5, SECONDS).toString().
    while (e instanceof MethodInvocationTree call) {
      if (FutureApi.WAIT.matches(call, state)) {
        ExpressionTree waited =
            ASTHelpers.getSymbol(call) != null && ASTHelpers.getSymbol(call).isStatic()
                ? (call.getArguments().isEmpty() ? null : call.getArguments().get(0))
                : ASTHelpers.getReceiver(call);
        return waited != null && provesComplete(waited, sym, path, state);
      }
      e = strip(ASTHelpers.getReceiver(call));
    }
    if (e instanceof MemberReferenceTree) {
      return false;
    }
    return false;
  }

  /** Whether {@code condition} being true implies {@code sym} is done. */
  private static boolean impliesDone(ExpressionTree condition, Symbol.VarSymbol sym, VisitorState state) {
    return impliesDone(condition, sym, state, /* helperDepth= */ 1);
  }

  private static boolean impliesDone(
      ExpressionTree condition, Symbol.VarSymbol sym, VisitorState state, int helperDepth) {
    ExpressionTree c = strip(condition);
    if (c.getKind() == Tree.Kind.CONDITIONAL_AND) {
      BinaryTree and = (BinaryTree) c;
      return impliesDone(and.getLeftOperand(), sym, state, helperDepth)
          || impliesDone(and.getRightOperand(), sym, state, helperDepth);
    }
    return isDoneQuery(c, sym) || (helperDepth > 0 && isDoneHelper(c, sym, state, helperDepth));
  }

  /** Whether {@code condition} being false implies {@code sym} is done. */
  private static boolean impliesNotDone(
      ExpressionTree condition, Symbol.VarSymbol sym, VisitorState state) {
    ExpressionTree c = strip(condition);
    if (c.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      return impliesDone(((UnaryTree) c).getExpression(), sym, state);
    }
    if (c.getKind() == Tree.Kind.CONDITIONAL_OR) {
      BinaryTree or = (BinaryTree) c;
      return impliesNotDone(or.getLeftOperand(), sym, state)
          || impliesNotDone(or.getRightOperand(), sym, state);
    }
    return false;
  }

  private static boolean isDoneQuery(ExpressionTree tree, Symbol.VarSymbol sym) {
    if (!(tree instanceof MethodInvocationTree call) || !call.getArguments().isEmpty()) {
      return false;
    }
    Symbol.MethodSymbol method = ASTHelpers.getSymbol(call);
    return method != null
        && FutureApi.DONE_QUERIES.contains(method.getSimpleName().toString())
        && sameVariable(ASTHelpers.getReceiver(call), sym);
  }

  /**
   * A call {@code isReady(f)} to a method of this compilation whose body is {@code return <expr>;}
   * with {@code expr} implying its parameter done, as in {@code return f != null && f.isDone();}.
   */
  private static boolean isDoneHelper(
      ExpressionTree tree, Symbol.VarSymbol sym, VisitorState state, int helperDepth) {
    if (!(tree instanceof MethodInvocationTree call) || call.getArguments().isEmpty()) {
      return false;
    }
    int index = -1;
    for (int i = 0; i < call.getArguments().size(); i++) {
      if (sameVariable(call.getArguments().get(i), sym)) {
        index = i;
      }
    }
    Symbol.MethodSymbol helper = ASTHelpers.getSymbol(call);
    if (index < 0 || helper == null || index >= helper.getParameters().size()) {
      return false;
    }
    // Only helpers whose source is in this compilation; Trees answers null for class files.
    if (!(TreeFacts.declaration(helper, state) instanceof MethodTree helperTree)
        || helperTree.getBody() == null
        || helperTree.getBody().getStatements().size() != 1
        || !(helperTree.getBody().getStatements().get(0) instanceof ReturnTree returned)
        || returned.getExpression() == null) {
      return false;
    }
    return impliesDone(
        returned.getExpression(), helper.getParameters().get(index), state, helperDepth - 1);
  }

  /** {@code assert f.isDone();}, {@code checkState(f.isDone(), ..)}: the method goes on only if done. */
  private static boolean assertsDone(StatementTree statement, Symbol.VarSymbol sym, VisitorState state) {
    if (statement instanceof AssertTree assertion) {
      return impliesDone(assertion.getCondition(), sym, state);
    }
    return statement instanceof ExpressionStatementTree es
        && strip(es.getExpression()) instanceof MethodInvocationTree call
        && !call.getArguments().isEmpty()
        && FutureApi.PRECONDITION.matches(call, state)
        && impliesDone(call.getArguments().get(0), sym, state);
  }

  /**
   * A parameter of a completion listener ({@code GenericFutureListener.operationComplete(future)}):
   * the library calls it with a complete future.
   */
  private static boolean isCompletionListenerParameter(Symbol.VarSymbol sym, VisitorState state) {
    if (sym.getKind() != javax.lang.model.element.ElementKind.PARAMETER
        || !(sym.owner instanceof Symbol.MethodSymbol method)) {
      return false;
    }
    for (Symbol.MethodSymbol overridden : ASTHelpers.findSuperMethods(method, state.getTypes())) {
      String key = overridden.owner.getQualifiedName() + "#" + overridden.getSimpleName();
      if (FutureApi.COMPLETION_LISTENERS.contains(key)) {
        return true;
      }
    }
    return false;
  }
}
