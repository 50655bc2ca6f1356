package dev.leakguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import dev.leakguard.model.ExecutorApi;

/**
 * Whether code runs as a task whose thread its owner interrupts: a lambda or method reference
 * submitted to an executor ({@code submit}, {@code execute}, {@code schedule}) that the code holding
 * it ends with {@code shutdownNow()} (or Guava's {@code shutdownAndAwaitTermination}). An
 * interruptible wait in such a task has a wake path: the owner's ending interrupts it.
 */
public final class InterruptedTasks {
  private InterruptedTasks() {}

  /** Whether the code at {@code path} runs in a one-shot task its executor's owner interrupts. */
  public static boolean runsInTaskItsOwnerInterrupts(TreePath path, VisitorState state) {
    TreePath task = path.getLeaf() instanceof MemberReferenceTree ? path : enclosingLambda(path);
    if (task == null || task.getParentPath() == null) {
      return false;
    }
    if (!(task.getParentPath().getLeaf() instanceof MethodInvocationTree call)
        || !call.getArguments().contains(task.getLeaf())
        || !ExecutorApi.SUBMIT_ONCE.matches(call, state)) {
      return false;
    }
    ExpressionTree executor = ASTHelpers.getReceiver(call);
    if (executor == null) {
      return false;
    }
    ExecutorLifecycle.Fate fate = ExecutorLifecycle.ofExpression(executor, state);
    return fate.verdict() == ExecutorLifecycle.Verdict.ENDED && fate.interrupts();
  }

  private static TreePath enclosingLambda(TreePath path) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof LambdaExpressionTree) {
        return p;
      }
      if (p.getLeaf() instanceof MethodTree || p.getLeaf() instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }
}
