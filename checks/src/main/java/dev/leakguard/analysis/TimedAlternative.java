package dev.leakguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import dev.leakguard.model.BlockingMethod;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Whether an untimed wait is the deliberate "no timeout configured" branch beside its timed twin:
 *
 * <pre>{@code
 * if (idleTimeoutNanos <= 0) return jobs.take();      // waiting forever is the configured choice
 * return jobs.poll(idleTimeoutNanos, NANOSECONDS);
 * }</pre>
 *
 * The author offers the bound wherever one is configured; the untimed call is not an oversight.
 * Only where the branch is chosen by the bound itself: the condition reads a variable that the
 * timed call takes as its timeout. A branch chosen by anything else ({@code if (resumed)
 * passes.acquire(); else passes.tryAcquire(50, MILLISECONDS);}) leaves the untimed wait unbounded.
 */
public final class TimedAlternative {
  private TimedAlternative() {}

  /** Whether the branch beside the one holding {@code call} makes the timed call on the same object. */
  public static boolean inOtherBranch(
      MethodInvocationTree call, BlockingMethod method, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver == null || method.isStatic()) {
      return false;
    }
    Tree child = call;
    for (TreePath p = state.getPath().getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree parent = p.getLeaf();
      if (parent instanceof MethodTree || parent instanceof ClassTree || parent instanceof LambdaExpressionTree) {
        return false;
      }
      if (parent instanceof IfTree ifTree) {
        Tree other = child == ifTree.getThenStatement() ? ifTree.getElseStatement() : ifTree.getThenStatement();
        if (child != ifTree.getCondition()
            && callsTimedTwin(other, ifTree.getCondition(), receiver, call, method, state)) {
          return true;
        }
      } else if (parent instanceof ConditionalExpressionTree conditional) {
        Tree other =
            child == conditional.getTrueExpression()
                ? conditional.getFalseExpression()
                : conditional.getTrueExpression();
        if (child != conditional.getCondition()
            && callsTimedTwin(other, conditional.getCondition(), receiver, call, method, state)) {
          return true;
        }
      } else if (parent instanceof BlockTree block && earlyExitBeside(block, child, receiver, call, method, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code if (c) { return q.take(); } return q.poll(t, u);} and the mirror image: an if with no else
   * whose branch always leaves, and the statements after it, are two branches.
   */
  private static boolean earlyExitBeside(
      BlockTree block,
      Tree child,
      ExpressionTree receiver,
      MethodInvocationTree call,
      BlockingMethod method,
      VisitorState state) {
    List<? extends StatementTree> statements = block.getStatements();
    int index = statements.indexOf(child);
    if (index < 0) {
      return false;
    }
    if (child instanceof IfTree ifTree
        && ifTree.getElseStatement() == null
        && TreeFacts.alwaysExits(ifTree.getThenStatement())) {
      for (StatementTree after : statements.subList(index + 1, statements.size())) {
        if (callsTimedTwin(after, ifTree.getCondition(), receiver, call, method, state)) {
          return true;
        }
      }
    }
    for (StatementTree before : statements.subList(0, index)) {
      if (before instanceof IfTree ifTree
          && ifTree.getElseStatement() == null
          && TreeFacts.alwaysExits(ifTree.getThenStatement())
          && callsTimedTwin(
              ifTree.getThenStatement(), ifTree.getCondition(), receiver, call, method, state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean callsTimedTwin(
      Tree branch,
      ExpressionTree condition,
      ExpressionTree receiver,
      MethodInvocationTree untimed,
      BlockingMethod method,
      VisitorState state) {
    if (branch == null) {
      return false;
    }
    Set<Symbol.VarSymbol> tested = TreeFacts.variablesIn(condition, variable -> true);
    Symbol.VarSymbol receiverVariable = TreeFacts.variable(receiver);
    String receiverSource = state.getSourceForNode(receiver);
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        Symbol.MethodSymbol sym = ASTHelpers.getSymbol(tree);
        ExpressionTree other = ASTHelpers.getReceiver(tree);
        if (sym != null
            && other != null
            && tree.getArguments().size() > untimed.getArguments().size()
            && (sym.getSimpleName().contentEquals(method.name())
                || (method.twinName() != null && sym.getSimpleName().contentEquals(method.twinName())))
            && sameObject(other, receiverVariable, receiverSource, state)
            && tree.getArguments().stream().anyMatch(a -> !Collections.disjoint(TreeFacts.variablesIn(a, variable -> true), tested))) {
          found[0] = true;
        }
        return super.visitMethodInvocation(tree, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null; // runs later, if at all
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(branch, null);
    return found[0];
  }


  private static boolean sameObject(
      ExpressionTree other, Symbol.VarSymbol variable, String source, VisitorState state) {
    if (variable != null) {
      return variable.equals(TreeFacts.variable(other));
    }
    return source != null && source.equals(state.getSourceForNode(other));
  }
}
