package dev.leakguard.fixes;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.Reachability;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.leakguard.analysis.BlockingCalls;
import dev.leakguard.analysis.LoopExits;
import dev.leakguard.config.Timeout;
import dev.leakguard.model.TypeNames;
import dev.leakguard.model.BlockingMethod;
import java.util.Optional;

/**
 * Suggested fixes that give a drain loop an exit. Each is offered only where it compiles and does
 * what the message says without changing anything else.
 */
public final class DrainLoopFixes {

  private static final Supplier<Type> INTERRUPTED_EXCEPTION =
      VisitorState.memoize(state -> state.getTypeFromString(TypeNames.INTERRUPTED_EXCEPTION));

  private final Timeout timeout;
  private final BlockingCalls blockingCalls = new BlockingCalls(m -> true);

  public DrainLoopFixes(Timeout timeout) {
    this.timeout = timeout;
  }

  /**
   * In the catch that swallows the interrupt: restore it and break out of the loop. Offered when the
   * catch takes exactly {@code InterruptedException}, its block can complete normally, an
   * unlabeled break there targets the loop, and code after the loop may become reachable (the
   * enclosing method or lambda returns nothing, or the loop could already end).
   */
  public Optional<SuggestedFix> leaveOnInterrupt(LoopExits.Result result, VisitorState state) {
    CatchTree catchTree = result.swallowingCatch();
    Type caught = ASTHelpers.getType(catchTree.getParameter().getType());
    Type interrupted = INTERRUPTED_EXCEPTION.get(state);
    if (caught == null
        || interrupted == null
        || !ASTHelpers.isSameType(caught, interrupted, state)
        || !Reachability.canCompleteNormally(catchTree.getBlock())) {
      return Optional.empty();
    }
    TreePath catchPath = TreePath.getPath(result.loopPath(), catchTree);
    if (catchPath == null || !breakTargetsLoop(catchPath, result.loop())) {
      return Optional.empty();
    }
    if (!loopMayEnd(result) && !returnsNothing(result.loopPath(), state)) {
      return Optional.empty(); // a break would make a missing return reachable
    }
    String restore =
        LoopExits.restoresInterrupt(catchTree, state) ? "" : "Thread.currentThread().interrupt();\n";
    String code = restore + "break;";
    BlockTree block = catchTree.getBlock();
    SuggestedFix.Builder fix = SuggestedFix.builder();
    if (block.getStatements().isEmpty()) {
      fix.replace(block, "{\n" + code + "\n}");
    } else {
      fix.postfixWith(block.getStatements().get(block.getStatements().size() - 1), "\n" + code);
    }
    return Optional.of(fix.build());
  }

  /**
   * Under a stop flag, {@code T e = q.take();} becomes {@code T e = q.poll(timeout, unit); if (e ==
   * null) continue;}: the loop re-checks the flag at least once per timeout. Offered for a
   * declaration directly in a while or do-while loop's body (or a block/try inside it), where the
   * continue re-checks the loop condition and the element type is not primitive.
   */
  public Optional<SuggestedFix> timedPollUnderFlag(LoopExits.Result result, VisitorState state) {
    if (!(result.loop() instanceof WhileLoopTree || result.loop() instanceof DoWhileLoopTree)) {
      return Optional.empty();
    }
    LoopExits.Receive receive = result.mainReceive();
    if (receive.timed()
        || receive.method().isStatic()
        || !(receive.path().getLeaf() instanceof MethodInvocationTree call)
        || !(receive.path().getParentPath().getLeaf() instanceof VariableTree variable)
        || variable.getInitializer() != call
        || !(receive.path().getParentPath().getParentPath().getLeaf() instanceof BlockTree)) {
      return Optional.empty();
    }
    BlockingMethod blocking = blockingCalls.find(call, state);
    Symbol.VarSymbol symbol = ASTHelpers.getSymbol(variable);
    if (blocking == null
        || blocking.twinName() == null
        || symbol == null
        || symbol.type == null
        || symbol.type.isPrimitive()
        || !continueTargetsLoop(receive.path().getParentPath(), result.loop())) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String unit = SuggestedFixes.qualifyType(state, fix, TypeNames.TIME_UNIT);
    fix.replace(
        call,
        String.format(
            "%s.%s(%s, %s.%s)",
            state.getSourceForNode(ASTHelpers.getReceiver(call)),
            blocking.twinName(),
            timeout.amountLiteral(),
            unit,
            timeout.unit()));
    fix.postfixWith(variable, String.format("\nif (%s == null) {\ncontinue;\n}", variable.getName()));
    return Optional.of(fix.build());
  }

  private static boolean breakTargetsLoop(TreePath path, Tree loop) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf == loop) {
        return true;
      }
      if (leaf instanceof SwitchTree
          || leaf instanceof LambdaExpressionTree
          || leaf instanceof ClassTree
          || isLoop(leaf)) {
        return false;
      }
    }
    return false;
  }

  private static boolean continueTargetsLoop(TreePath path, Tree loop) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf == loop) {
        return true;
      }
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree || isLoop(leaf)) {
        return false;
      }
    }
    return false;
  }

  private static boolean isLoop(Tree tree) {
    return tree instanceof WhileLoopTree
        || tree instanceof DoWhileLoopTree
        || tree instanceof com.sun.source.tree.ForLoopTree
        || tree instanceof com.sun.source.tree.EnhancedForLoopTree;
  }

  /** Whether the loop can already complete normally, so a new break adds no reachable code. */
  private static boolean loopMayEnd(LoopExits.Result result) {
    return Reachability.canCompleteNormally((StatementTree) result.loop());
  }

  /** Whether the method or lambda around the loop returns nothing. */
  private static boolean returnsNothing(TreePath loopPath, VisitorState state) {
    for (TreePath p = loopPath.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree lambda) {
        Type type = ASTHelpers.getType(lambda);
        if (type == null) {
          return false;
        }
        Type descriptor = state.getTypes().findDescriptorType(type);
        return descriptor != null && descriptor.getReturnType() != null
            && descriptor.getReturnType().getKind() == javax.lang.model.type.TypeKind.VOID;
      }
      if (leaf instanceof MethodTree method) {
        Symbol.MethodSymbol symbol = ASTHelpers.getSymbol(method);
        return symbol != null
            && (symbol.isConstructor()
                || symbol.getReturnType().getKind() == javax.lang.model.type.TypeKind.VOID);
      }
      if (leaf instanceof ClassTree) {
        return false;
      }
    }
    return false;
  }
}
