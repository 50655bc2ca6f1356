package dev.leakguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import dev.leakguard.model.BlockingApi;
import dev.leakguard.model.BlockingFamily;
import dev.leakguard.model.BlockingMethod;
import dev.leakguard.model.TypeNames;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * Waits that are the implementation of a blocking primitive written in the class itself, so that
 * the primitive's callers, not this line, are where a bound belongs, or that its own stop path
 * wakes. Each shape was found as noise in library code by the corpus run:
 *
 * <ul>
 *   <li>a <b>forwarding wait</b>: {@code E takeNext() { return buffer.take(); }} re-exports the
 *       wait it makes on its own state under the wait's own name and returns its result, as a
 *       forwarding queue's {@code take()} does;
 *   <li>a <b>custom future's internals</b>: inside a class that is a {@code Future}, a wait on its
 *       own state ({@code latch.await()} in {@code getOrThrow()}) is how the future's result is
 *       delivered;
 *   <li>a <b>guarded wait with a waking stop exit</b>: {@code while (items.isEmpty() && !closed)
 *       notEmpty.await();} where another method sets {@code closed} and signals {@code notEmpty}:
 *       closing the class ends the wait, the correct shape a stop flag must have;
 *   <li>a <b>hand-written lock's acquire</b>: {@code while (busy) idle.await(); busy = true;}
 *       where {@code release()} or {@code close()} sets {@code busy} back and signals {@code
 *       idle}: the wait for a holder to release, which LeakGuard does not flag for {@code
 *       Lock.lock()} or {@code synchronized} either.
 * </ul>
 *
 * <p>Not exempt: the same waits on a parameter or another object's state ({@code return
 * queue.take()} on a queue handed in), under another name ({@code awaitReply() { return
 * replies.take(); }}), in a lambda (a task, even inside a future class), a guarded wait whose only
 * exit is the awaited state itself ({@code while (!ready) wait();}), a consumer resetting a
 * producer's flag ({@code while (!ready) wait(); ready = false;}), and a stop flag or release whose
 * setter does not signal the condition waited on.
 */
public final class PrimitiveWaits {
  private PrimitiveWaits() {}

  /** Whether the call at {@code state.getPath()} is one of the shapes above. */
  public static boolean implementsPrimitive(
      MethodInvocationTree call, BlockingMethod method, VisitorState state) {
    if (waitsOnOwnState(call, method)
        && (isForwardingWait(call, method, state.getPath()) || inCustomFuture(state))) {
      return true;
    }
    return method.family() == BlockingFamily.CONDITION && isMonitorWaitOthersEnd(call, state);
  }

  /**
   * Whether the call waits on this object: an implicit or explicit {@code this} receiver, or a
   * field of this object named directly ({@code buf}, {@code this.buf}); for a static helper
   * ({@code getUninterruptibly(future)}) its first argument.
   */
  private static boolean waitsOnOwnState(MethodInvocationTree call, BlockingMethod method) {
    ExpressionTree waited;
    if (method.isStatic()) {
      if (call.getArguments().isEmpty()) {
        return false;
      }
      waited = TreeFacts.strip(call.getArguments().get(0));
    } else {
      waited = TreeFacts.strip(ASTHelpers.getReceiver(call));
      if (waited == null) {
        return true; // get() called on this future itself
      }
    }
    return isThis(waited) || isOwnField(waited);
  }

  private static boolean isThis(ExpressionTree tree) {
    return (tree instanceof IdentifierTree id && id.getName().contentEquals("this"))
        || (tree instanceof MemberSelectTree select && select.getIdentifier().contentEquals("this"));
  }

  /** A field named bare or through {@code this}/{@code Outer.this}, not {@code other.field}. */
  private static boolean isOwnField(ExpressionTree tree) {
    Symbol.VarSymbol variable = TreeFacts.variable(tree);
    if (variable == null || variable.getKind() != ElementKind.FIELD) {
      return false;
    }
    return tree instanceof IdentifierTree
        || (tree instanceof MemberSelectTree select && isThis(TreeFacts.strip(select.getExpression())));
  }

  /** An own field, or a field reached through own fields ({@code _blocker._state}). */
  private static boolean isOwnState(ExpressionTree tree) {
    if (isOwnField(tree)) {
      return true;
    }
    return tree instanceof MemberSelectTree select
        && TreeFacts.variable(select) != null
        && TreeFacts.variable(select).getKind() == ElementKind.FIELD
        && isOwnState(TreeFacts.strip(select.getExpression()));
  }

  /**
   * {@code return buf.take();} (through casts, parentheses and {@code ?:} branches) in a method,
   * not a lambda, whose name starts with the wait's name or its twin's: {@code takeNext()}, {@code
   * get()} delegating to this future's own {@code get()}.
   */
  private static boolean isForwardingWait(
      MethodInvocationTree call, BlockingMethod method, TreePath path) {
    Tree child = call;
    TreePath p = path.getParentPath();
    while (p != null
        && (p.getLeaf() instanceof ParenthesizedTree
            || p.getLeaf() instanceof TypeCastTree
            || (p.getLeaf() instanceof ConditionalExpressionTree conditional
                && conditional.getCondition() != child))) {
      child = p.getLeaf();
      p = p.getParentPath();
    }
    if (p == null || !(p.getLeaf() instanceof ReturnTree)) {
      return false;
    }
    for (TreePath q = p; q != null; q = q.getParentPath()) {
      if (q.getLeaf() instanceof MethodTree enclosing) {
        String name = enclosing.getName().toString();
        return startsWithWord(name, method.name())
            || (method.twinName() != null && startsWithWord(name, method.twinName()));
      }
      if (q.getLeaf() instanceof com.sun.source.tree.LambdaExpressionTree
          || q.getLeaf() instanceof ClassTree) {
        return false;
      }
    }
    return false;
  }

  /** {@code takeNext} starts with the word {@code take}; {@code taken} does not. */
  private static boolean startsWithWord(String name, String word) {
    return name.startsWith(word)
        && (name.length() == word.length() || Character.isUpperCase(name.charAt(word.length())));
  }

  /**
   * Whether the wait is in a method (not a lambda: that is a task, run by whoever runs it) of a
   * class that is a {@code Future}; the nearest class counts, anonymous and local ones included.
   */
  private static boolean inCustomFuture(VisitorState state) {
    for (TreePath p = state.getPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof com.sun.source.tree.LambdaExpressionTree) {
        return false;
      }
      if (p.getLeaf() instanceof ClassTree owner) {
        Symbol.ClassSymbol symbol = ASTHelpers.getSymbol(owner);
        return symbol != null && TypeFacts.isSubtype(symbol.type, TypeNames.FUTURE, state);
      }
    }
    return false;
  }

  /**
   * {@code cond.await()} (or {@code monitor.wait()}) directly in a {@code while} loop, where some
   * other method — anywhere in the class, anonymous callbacks included — sets a flag of this
   * object to a constant and signals the same condition, directly or through a no-argument method
   * it calls ({@code done = true; signalConsumer();}), and that flag is
   *
   * <ul>
   *   <li>a stop exit: read in a loop condition of more than one conjunct ({@code !done &&
   *       queue.isEmpty()}), or tested by an {@code if} in the body that throws, returns or breaks,
   *       directly or in a no-argument method the body calls ({@code ensureNotAborted()}); or
   *   <li>the lock state a hand-written acquire claims: read in the loop condition and assigned by
   *       the statement right after the loop ({@code while (holder != null) idle.await(); holder =
   *       me;}), and set back by a release method ({@link BlockingApi#RELEASE_METHODS}): a consumer
   *       that resets a flag a producer sets ({@code while (!ready) wait(); ready = false;}) is a
   *       hand-written {@code take()}, not a lock, and stays flagged.
   * </ul>
   */
  private static boolean isMonitorWaitOthersEnd(MethodInvocationTree call, VisitorState state) {
    TreePath loopPath = enclosingWaitLoop(state.getPath());
    if (loopPath == null) {
      return false;
    }
    WhileLoopTree loop = (WhileLoopTree) loopPath.getLeaf();
    ExpressionTree receiver = TreeFacts.strip(ASTHelpers.getReceiver(call));
    Symbol.VarSymbol condition = null;
    if (receiver != null && !isThis(receiver)) {
      if (!isOwnField(receiver)) {
        return false;
      }
      condition = TreeFacts.variable(receiver);
    }
    ExpressionTree loopCondition = TreeFacts.strip(loop.getCondition());
    Set<Symbol.VarSymbol> tested = ownStateReadIn(loopCondition);
    Set<Symbol.VarSymbol> stopFlags = new HashSet<>();
    if (loopCondition instanceof BinaryTree binary && binary.getKind() == Tree.Kind.CONDITIONAL_AND) {
      stopFlags.addAll(tested);
    }
    stopFlags.addAll(flagsTestedByExits(loop.getStatement(), state, /* followCalls= */ true));
    Symbol.VarSymbol claimed = claimedAfter(loopPath);
    Set<Symbol.VarSymbol> lockState =
        claimed != null && tested.contains(claimed) ? Set.of(claimed) : Set.of();
    return hasWaker(stopFlags, condition, name -> true, state)
        || hasWaker(lockState, condition, BlockingApi.RELEASE_METHODS::contains, state);
  }

  /**
   * Whether a method other than the waiting one, whose name {@code nameTest} accepts, sets one of
   * {@code flags} to a constant and signals {@code condition} (this object's monitor when null).
   * Searches the waiting class, nested and anonymous classes included, and the classes declaring
   * the flags.
   */
  private static boolean hasWaker(
      Set<Symbol.VarSymbol> flags,
      Symbol.VarSymbol condition,
      java.util.function.Predicate<String> nameTest,
      VisitorState state) {
    if (flags.isEmpty()) {
      return false;
    }
    TreePath methodPath = TreeFacts.enclosingMethod(state.getPath());
    Tree waiting = methodPath == null ? null : methodPath.getLeaf();
    Set<ClassTree> classes = new HashSet<>();
    ClassTree waitingClass = ASTHelpers.findEnclosingNode(state.getPath(), ClassTree.class);
    if (waitingClass != null) {
      classes.add(waitingClass);
    }
    for (Symbol.VarSymbol flag : flags) {
      if (TreeFacts.declaration(flag.owner, state) instanceof ClassTree declaring) {
        classes.add(declaring);
      }
    }
    for (ClassTree owner : classes) {
      boolean[] found = {false};
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethod(MethodTree candidate, Void unused) {
          if (!found[0]
              && candidate != waiting
              && candidate.getBody() != null
              && nameTest.test(candidate.getName().toString())
              && setsAnyToConstant(candidate.getBody(), flags)
              && signals(candidate.getBody(), condition, state, /* followCalls= */ true)) {
            found[0] = true;
          }
          return found[0] ? null : super.visitMethod(candidate, null);
        }
      }.scan(owner, null);
      if (found[0]) {
        return true;
      }
    }
    return false;
  }

  /** The own-state variable the statement right after the loop assigns ({@code holder = me;}). */
  private static Symbol.VarSymbol claimedAfter(TreePath loopPath) {
    if (!(loopPath.getParentPath().getLeaf() instanceof BlockTree block)) {
      return null;
    }
    int index = block.getStatements().indexOf(loopPath.getLeaf());
    if (index < 0 || index + 1 >= block.getStatements().size()) {
      return null;
    }
    if (block.getStatements().get(index + 1) instanceof ExpressionStatementTree statement
        && statement.getExpression() instanceof AssignmentTree assignment
        && isOwnState(TreeFacts.strip(assignment.getVariable()))) {
      return TreeFacts.variable(assignment.getVariable());
    }
    return null;
  }

  /** The while loop whose body holds the wait directly (through blocks and try bodies only). */
  private static TreePath enclosingWaitLoop(TreePath callPath) {
    TreePath p = callPath.getParentPath();
    if (p == null || !(p.getLeaf() instanceof ExpressionStatementTree)) {
      return null;
    }
    Tree child = p.getLeaf();
    for (p = p.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof WhileLoopTree loop) {
        return loop.getStatement() == child ? p : null;
      }
      boolean passThrough =
          leaf instanceof BlockTree || (leaf instanceof TryTree tryTree && tryTree.getBlock() == child);
      if (!passThrough) {
        return null;
      }
      child = leaf;
    }
    return null;
  }

  /** Fields of this object, or of objects its fields hold ({@code _blocker._state}), read in {@code tree}. */
  private static Set<Symbol.VarSymbol> ownStateReadIn(Tree tree) {
    Set<Symbol.VarSymbol> fields = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        addIfOwnField(node);
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        addIfOwnField(node);
        return super.visitMemberSelect(node, null);
      }

      private void addIfOwnField(ExpressionTree node) {
        if (isOwnState(node)) {
          fields.add(TreeFacts.variable(node));
        }
      }
    }.scan(tree, null);
    return fields;
  }

  /**
   * Own fields tested by an {@code if} whose then-branch always leaves ({@code if (aborted) throw
   * ...}) in {@code body}, and, one call deep, in the no-argument methods of this object it calls.
   */
  private static Set<Symbol.VarSymbol> flagsTestedByExits(
      Tree body, VisitorState state, boolean followCalls) {
    Set<Symbol.VarSymbol> flags = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIf(IfTree node, Void unused) {
        if (TreeFacts.alwaysExits(node.getThenStatement())) {
          flags.addAll(ownStateReadIn(node.getCondition()));
        }
        return super.visitIf(node, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        MethodTree callee = followCalls ? ownNoArgMethod(node, state) : null;
        if (callee != null && callee.getBody() != null) {
          flags.addAll(flagsTestedByExits(callee.getBody(), state, false));
        }
        return super.visitMethodInvocation(node, null);
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitLambdaExpression(
          com.sun.source.tree.LambdaExpressionTree node, Void unused) {
        return null;
      }
    }.scan(body, null);
    return flags;
  }

  /** The source of a no-argument method called on this object ({@code ensureOpen()}), or null. */
  private static MethodTree ownNoArgMethod(MethodInvocationTree call, VisitorState state) {
    ExpressionTree receiver = TreeFacts.strip(ASTHelpers.getReceiver(call));
    if (!call.getArguments().isEmpty() || (receiver != null && !isThis(receiver))) {
      return null;
    }
    return TreeFacts.declaration(ASTHelpers.getSymbol(call), state) instanceof MethodTree method
        ? method
        : null;
  }

  /**
   * Whether {@code body} assigns a constant to one of {@code flags}: a literal ({@code true},
   * {@code null}) or a static final field ({@code IDLE}).
   */
  private static boolean setsAnyToConstant(Tree body, Set<Symbol.VarSymbol> flags) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        Symbol.VarSymbol target = TreeFacts.variable(node.getVariable());
        if (target != null
            && flags.contains(target)
            && isConstant(TreeFacts.strip(node.getExpression()))) {
          found[0] = true;
        }
        return super.visitAssignment(node, null);
      }
    }.scan(body, null);
    return found[0];
  }

  private static boolean isConstant(ExpressionTree value) {
    if (value instanceof LiteralTree) {
      return true;
    }
    Symbol.VarSymbol variable = TreeFacts.variable(value);
    return variable != null
        && variable.getKind() == ElementKind.FIELD
        && variable.isStatic()
        && (variable.flags() & com.sun.tools.javac.code.Flags.FINAL) != 0;
  }

  /**
   * Whether {@code body} signals {@code condition} ({@code signal}/{@code signalAll}, or {@code
   * notify}/{@code notifyAll} on this when {@code condition} is null), directly or in a no-argument
   * method of this object it calls.
   */
  private static boolean signals(
      Tree body, Symbol.VarSymbol condition, VisitorState state, boolean followCalls) {
    return TreeFacts.anyCall(
        body,
        call -> {
          Symbol.MethodSymbol called = ASTHelpers.getSymbol(call);
          if (called == null) {
            return false;
          }
          ExpressionTree receiver = TreeFacts.strip(ASTHelpers.getReceiver(call));
          boolean sameTarget =
              condition == null
                  ? receiver == null || isThis(receiver)
                  : TreeFacts.sameVariable(receiver, condition);
          if (sameTarget && BlockingApi.WAKE_METHODS.contains(called.getSimpleName().toString())) {
            return true;
          }
          MethodTree callee = followCalls ? ownNoArgMethod(call, state) : null;
          return callee != null
              && callee.getBody() != null
              && signals(callee.getBody(), condition, state, false);
        });
  }
}
