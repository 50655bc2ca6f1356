package dev.leakguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import dev.leakguard.model.BlockingApi;
import dev.leakguard.model.BlockingFamily;
import dev.leakguard.model.BlockingMethod;
import dev.leakguard.model.TypeNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * Waits that are the implementation of a blocking primitive written in the class itself, so that
 * the primitive's callers, not this line, are where a bound belongs, or that the class's own stop
 * path wakes. Each shape was found as noise in library code by the corpus run:
 *
 * <ul>
 *   <li>a <b>forwarding wait</b>: {@code E takeNext() { return buffer.take(); }} re-exports a
 *       queue, latch, lock or thread wait on its own state under the wait's own name and returns
 *       its result, as a forwarding queue's {@code take()} does (not for futures: a {@code
 *       getUser() { return userFuture.get(); }} getter hides an unbounded wait from every caller);
 *   <li>a <b>custom future's internals</b>: in a method of a class that is a {@code Future}, a wait
 *       on its own state ({@code latch.await()} in {@code getOrThrow()}) is how the future's result
 *       is delivered — not in its tasks (a lambda, or the {@code run()}/{@code call()} of a future
 *       that is also a task);
 *   <li>a <b>guarded wait whose stop path wakes it</b>: {@code while (items.isEmpty() && !closed)
 *       notEmpty.await();} where another method sets {@code closed} to its exit value and calls
 *       {@code signalAll()} on the same condition: closing the object ends the wait, the correct
 *       shape a stop flag must have;
 *   <li>a <b>hand-written lock's acquire</b>: {@code while (busy) idle.await(); busy = true;}
 *       where a release method ({@code release()}, {@code close()}, {@code unlock...()}) sets
 *       {@code busy} back and signals {@code idle}: the wait for a holder to release, which
 *       LeakGuard does not flag for {@code Lock.lock()} or {@code synchronized} either.
 * </ul>
 *
 * <p>Not exempt: the same waits on a parameter, a static field or another object's state, under
 * another name ({@code awaitReply() { return replies.take(); }}), in a task; a guarded wait whose
 * only exit is the awaited state ({@code while (!ready) wait();}, {@code while (state != DONE &&
 * state != FAILED)}); a consumer resetting a producer's flag ({@code while (!ready) wait(); ready =
 * false;}); a stop flag whose setter sets the other value, signals another condition or monitor,
 * or wakes only one waiter ({@code signal()}); an exit that only skips an iteration ({@code
 * continue}) or returns from a helper.
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
   * Whether the call waits on this object: an implicit or explicit {@code this} receiver, or an
   * instance field of this object named directly ({@code buf}, {@code this.buf}); for a static
   * helper ({@code getUninterruptibly(future)}) its first argument.
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
    return isThisObject(waited) || isOwnField(waited);
  }

  /** {@code this}, {@code Outer.this} or {@code super}: this object, seen from any of its classes. */
  private static boolean isThisObject(ExpressionTree tree) {
    return (tree instanceof IdentifierTree id
            && (id.getName().contentEquals("this") || id.getName().contentEquals("super")))
        || (tree instanceof MemberSelectTree select && select.getIdentifier().contentEquals("this"));
  }

  /** An instance field named bare or through {@code this}/{@code Outer.this}, not {@code other.field}. */
  private static boolean isOwnField(ExpressionTree tree) {
    if (isThisObject(tree)) {
      return false;
    }
    Symbol.VarSymbol variable = TreeFacts.variable(tree);
    if (variable == null || variable.getKind() != ElementKind.FIELD || variable.isStatic()) {
      return false;
    }
    return tree instanceof IdentifierTree
        || (tree instanceof MemberSelectTree select && isThisObject(TreeFacts.strip(select.getExpression())));
  }

  /** An own field, or a field reached through own fields ({@code _blocker._state}). */
  private static boolean isOwnState(ExpressionTree tree) {
    if (isOwnField(tree)) {
      return true;
    }
    Symbol.VarSymbol variable = TreeFacts.variable(tree);
    return tree instanceof MemberSelectTree select
        && variable != null
        && variable.getKind() == ElementKind.FIELD
        && !variable.isStatic()
        && isOwnState(TreeFacts.strip(select.getExpression()));
  }

  /**
   * {@code return buf.take();} (through casts, parentheses and {@code ?:} branches) in a method,
   * not a lambda, whose name starts with the wait's name or its twin's ({@code takeNext()}); not
   * for futures.
   */
  private static boolean isForwardingWait(
      MethodInvocationTree call, BlockingMethod method, TreePath path) {
    if (method.family() == BlockingFamily.FUTURE) {
      return false;
    }
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
        return TreeFacts.startsWithWord(name, method.name())
            || (method.twinName() != null && TreeFacts.startsWithWord(name, method.twinName()));
      }
      if (q.getLeaf() instanceof LambdaExpressionTree || q.getLeaf() instanceof ClassTree) {
        return false;
      }
    }
    return false;
  }

  /**
   * Whether the wait is in a method of a class that is a {@code Future} (the nearest class counts,
   * anonymous and local ones included), and not in one of its tasks: a lambda, or a method that
   * implements {@code Runnable.run()} or {@code Callable.call()}, runs on whatever thread runs it.
   */
  private static boolean inCustomFuture(VisitorState state) {
    for (TreePath p = state.getPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree) {
        return false;
      }
      if (leaf instanceof MethodTree method && isTaskBody(method, state)) {
        return false;
      }
      if (leaf instanceof ClassTree owner) {
        Symbol.ClassSymbol symbol = ASTHelpers.getSymbol(owner);
        return symbol != null && TypeFacts.isSubtype(symbol.type, TypeNames.FUTURE, state);
      }
    }
    return false;
  }

  private static boolean isTaskBody(MethodTree method, VisitorState state) {
    Symbol.MethodSymbol symbol = ASTHelpers.getSymbol(method);
    if (symbol == null) {
      return false;
    }
    for (Symbol.MethodSymbol overridden : ASTHelpers.findSuperMethods(symbol, state.getTypes())) {
      String owner = overridden.owner.getQualifiedName().toString();
      if (BlockingApi.TASK_BODIES.contains(owner + "#" + overridden.getSimpleName())) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code cond.await()} (or {@code wait()} on this object) directly in a loop, where another
   * method sets a flag of this object to a constant and signals the same condition, directly or
   * through a no-argument method it calls ({@code done = true; signalConsumer();}), and that flag
   * is
   *
   * <ul>
   *   <li>a stop exit, woken with {@code signalAll()}/{@code notifyAll()} (one {@code signal()}
   *       leaves the other waiters parked): read in a conjunct of the loop condition but not in all
   *       of them ({@code !done && queue.isEmpty()}), and for a conjunct that is the flag itself or
   *       its negation, set to the value that ends the loop; or tested by an {@code if} in the body
   *       that returns, throws or breaks, or in a no-argument method the body calls that throws
   *       ({@code ensureNotAborted()}); or
   *   <li>the lock state a hand-written acquire claims: read in the loop condition and assigned by
   *       the statement right after the loop ({@code while (holder != null) idle.await(); holder =
   *       me;}), and set back by a release method ({@link BlockingApi#RELEASE_METHODS}): a consumer
   *       that resets a flag a producer sets ({@code while (!ready) wait(); ready = false;}) is a
   *       hand-written {@code take()}, not a lock, and stays flagged.
   * </ul>
   *
   * <p>Where a condition field is waited on, the setter is searched in the waiting class (nested
   * and anonymous callbacks included) and the classes declaring the flags; for a monitor, only in
   * the methods of the monitor's own class and its superclasses, whose {@code notifyAll()} wakes
   * this monitor.
   */
  private static boolean isMonitorWaitOthersEnd(MethodInvocationTree call, VisitorState state) {
    TreePath loopPath = enclosingWaitLoop(state.getPath());
    if (loopPath == null) {
      return false;
    }
    WaitTarget target = WaitTarget.of(call, state);
    if (target == null) {
      return false;
    }
    Tree loop = loopPath.getLeaf();
    ExpressionTree loopCondition = TreeFacts.strip(loopCondition(loop));
    Map<Symbol.VarSymbol, Boolean> stopFlags = stopFlagsOfCondition(loopCondition);
    for (Symbol.VarSymbol flag : flagsTestedBeforeEachWait(loopPath, state)) {
      stopFlags.putIfAbsent(flag, null);
    }
    Symbol.VarSymbol claimed = claimedAfter(loopPath);
    Map<Symbol.VarSymbol, Boolean> lockState = new HashMap<>();
    if (claimed != null && loopCondition != null && ownStateReadIn(loopCondition).contains(claimed)) {
      lockState.put(claimed, null);
    }
    return hasWaker(stopFlags, target, name -> true, /* wakesAll= */ true, state)
        || hasWaker(lockState, target, PrimitiveWaits::isReleaseName, /* wakesAll= */ false, state);
  }

  /**
   * What a wait parks on: a condition (or monitor object) held in an own field, or the monitor of
   * an instance of {@code monitor} ({@code wait()}, {@code this.wait()}, {@code Outer.this.wait()}).
   */
  private record WaitTarget(Symbol.VarSymbol field, Symbol.ClassSymbol monitor) {
    static WaitTarget of(MethodInvocationTree call, VisitorState state) {
      ExpressionTree receiver = TreeFacts.strip(ASTHelpers.getReceiver(call));
      if (receiver == null || (receiver instanceof IdentifierTree && isThisObject(receiver))) {
        ClassTree enclosing = ASTHelpers.findEnclosingNode(state.getPath(), ClassTree.class);
        Symbol.ClassSymbol monitor = enclosing == null ? null : ASTHelpers.getSymbol(enclosing);
        return monitor == null ? null : new WaitTarget(null, monitor);
      }
      if (receiver instanceof MemberSelectTree select && isThisObject(select)) {
        return ASTHelpers.getSymbol(select.getExpression()) instanceof Symbol.ClassSymbol outer
            ? new WaitTarget(null, outer)
            : null;
      }
      return isOwnField(receiver) ? new WaitTarget(TreeFacts.variable(receiver), null) : null;
    }

    /**
     * Whether a wake call's receiver is this target, for a call in a method of {@code caller}:
     * {@code notifyAll()} there wakes the monitor only when {@code caller} is the monitor's class
     * or one of its superclasses.
     */
    boolean isWokenBy(
        ExpressionTree wakeReceiver, Symbol.ClassSymbol caller, com.sun.tools.javac.code.Types types) {
      if (field != null) {
        return TreeFacts.sameVariable(wakeReceiver, field);
      }
      if (wakeReceiver == null || (wakeReceiver instanceof IdentifierTree && isThisObject(wakeReceiver))) {
        return caller != null && (caller.equals(monitor) || monitor.isSubClass(caller, types));
      }
      return wakeReceiver instanceof MemberSelectTree select
          && isThisObject(select)
          && monitor.equals(ASTHelpers.getSymbol(select.getExpression()));
    }
  }

  private static boolean isReleaseName(String methodName) {
    for (String release : BlockingApi.RELEASE_METHODS) {
      if (TreeFacts.startsWithWord(methodName, release)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The own-state flags of a loop condition with more than one conjunct that are read in some
   * conjuncts but not in all ({@code state != DONE && state != FAILED} waits for the awaited state
   * alone), each mapped to the value that ends the loop when its conjunct is the flag ({@code
   * false}) or its negation ({@code true}), or to null when any constant may.
   */
  private static Map<Symbol.VarSymbol, Boolean> stopFlagsOfCondition(ExpressionTree loopCondition) {
    Map<Symbol.VarSymbol, Boolean> flags = new HashMap<>();
    List<ExpressionTree> conjuncts = conjuncts(loopCondition);
    if (conjuncts.size() < 2) {
      return flags;
    }
    Set<Symbol.VarSymbol> inEvery = null;
    for (ExpressionTree conjunct : conjuncts) {
      Set<Symbol.VarSymbol> read = ownStateReadIn(conjunct);
      if (inEvery == null) {
        inEvery = new HashSet<>(read);
      } else {
        inEvery.retainAll(read);
      }
    }
    for (ExpressionTree conjunct : conjuncts) {
      boolean negated = conjunct instanceof UnaryTree unary && unary.getKind() == Tree.Kind.LOGICAL_COMPLEMENT;
      ExpressionTree operand = negated ? TreeFacts.strip(((UnaryTree) conjunct).getExpression()) : conjunct;
      Symbol.VarSymbol bare = isOwnState(operand) ? TreeFacts.variable(operand) : null;
      for (Symbol.VarSymbol flag : ownStateReadIn(conjunct)) {
        if (inEvery.contains(flag)) {
          continue;
        }
        Boolean exitValue = flag.equals(bare) ? Boolean.valueOf(negated) : null;
        if (flags.containsKey(flag) && !java.util.Objects.equals(flags.get(flag), exitValue)) {
          exitValue = null;
        }
        flags.put(flag, exitValue);
      }
    }
    return flags;
  }

  private static List<ExpressionTree> conjuncts(ExpressionTree tree) {
    ExpressionTree e = TreeFacts.strip(tree);
    if (e == null) {
      return List.of();
    }
    if (e instanceof BinaryTree binary && binary.getKind() == Tree.Kind.CONDITIONAL_AND) {
      List<ExpressionTree> all = new ArrayList<>(conjuncts(binary.getLeftOperand()));
      all.addAll(conjuncts(binary.getRightOperand()));
      return all;
    }
    return List.of(e);
  }

  /**
   * Whether a method other than the waiting one, whose name {@code nameTest} accepts, sets one of
   * {@code flags} to a constant (its exit value where one is known) and wakes {@code target}, with
   * {@code signalAll}/{@code notifyAll} when {@code wakesAll}.
   */
  private static boolean hasWaker(
      Map<Symbol.VarSymbol, Boolean> flags,
      WaitTarget target,
      java.util.function.Predicate<String> nameTest,
      boolean wakesAll,
      VisitorState state) {
    if (flags.isEmpty()) {
      return false;
    }
    TreePath methodPath = TreeFacts.enclosingMethod(state.getPath());
    Tree waiting = methodPath == null ? null : methodPath.getLeaf();
    for (ClassTree owner : wakerClasses(flags.keySet(), target, state)) {
      boolean[] found = {false};
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethod(MethodTree candidate, Void unused) {
          Symbol.MethodSymbol symbol = ASTHelpers.getSymbol(candidate);
          Symbol.ClassSymbol caller =
              symbol != null && symbol.owner instanceof Symbol.ClassSymbol c ? c : null;
          if (!found[0]
              && candidate != waiting
              && candidate.getBody() != null
              && nameTest.test(candidate.getName().toString())
              && setsToExitValue(candidate.getBody(), flags)
              && wakes(candidate.getBody(), target, caller, wakesAll, state, /* followCalls= */ true)) {
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

  /**
   * Where a waker may be: the waiting class (nested and anonymous callbacks included) and, for a
   * condition field, the classes declaring the flags; for a monitor, its class and superclasses.
   */
  private static Set<ClassTree> wakerClasses(
      Set<Symbol.VarSymbol> flags, WaitTarget target, VisitorState state) {
    Set<ClassTree> classes = new HashSet<>();
    ClassTree waitingClass = ASTHelpers.findEnclosingNode(state.getPath(), ClassTree.class);
    if (waitingClass != null) {
      classes.add(waitingClass);
    }
    if (target.monitor() != null) {
      Symbol.ClassSymbol type = target.monitor();
      for (int depth = 0; type != null && depth < 10; depth++) {
        if (TreeFacts.declaration(type, state) instanceof ClassTree tree) {
          classes.add(tree);
        }
        type = type.getSuperclass() != null && type.getSuperclass().tsym instanceof Symbol.ClassSymbol parent
            ? parent
            : null;
      }
    } else {
      for (Symbol.VarSymbol flag : flags) {
        if (TreeFacts.declaration(flag.owner, state) instanceof ClassTree declaring) {
          classes.add(declaring);
        }
      }
    }
    return classes;
  }

  /**
   * Own fields tested by an exit of the loop body ({@link #flagsTestedByExits}) such that the test
   * runs before every wait: in the body before the statement that waits, or after it when the flag
   * is also tested before the first wait — by the loop condition or by an exit before the loop
   * ({@code ensureOpen(); while (pending > 0) { drained.await(); ensureOpen(); }}). A flag tested
   * only after the wait parks a thread that arrives after the stop path ran, with nothing left to
   * signal it.
   */
  private static Set<Symbol.VarSymbol> flagsTestedBeforeEachWait(TreePath loopPath, VisitorState state) {
    Tree loop = loopPath.getLeaf();
    StatementTree body = loopBody(loop);
    List<? extends StatementTree> statements =
        body instanceof BlockTree block ? block.getStatements() : List.of(body);
    TreePath waitPath = state.getPath();
    int waitIndex = -1;
    for (int i = 0; i < statements.size() && waitIndex < 0; i++) {
      if (TreeFacts.contains(statements.get(i), waitPath.getLeaf())) {
        waitIndex = i;
      }
    }
    Set<Symbol.VarSymbol> beforeWait = new HashSet<>();
    Set<Symbol.VarSymbol> afterWait = new HashSet<>();
    for (int i = 0; i < statements.size(); i++) {
      (i < waitIndex ? beforeWait : afterWait)
          .addAll(flagsTestedByExits(statements.get(i), state, /* inLoopBody= */ true));
    }
    Set<Symbol.VarSymbol> testedFirst = ownStateReadIn(loopCondition(loop));
    if (loopPath.getParentPath().getLeaf() instanceof BlockTree enclosing) {
      for (StatementTree statement : enclosing.getStatements()) {
        if (statement == loop) {
          break;
        }
        testedFirst.addAll(flagsTestedByExits(statement, state, /* inLoopBody= */ true));
      }
    }
    afterWait.retainAll(testedFirst);
    beforeWait.addAll(afterWait);
    return beforeWait;
  }

  /**
   * The {@code while} or {@code for} loop whose body holds the wait directly (through blocks and
   * try bodies only); not a {@code do}-{@code while}, which waits before it tests anything.
   */
  private static TreePath enclosingWaitLoop(TreePath callPath) {
    TreePath p = callPath.getParentPath();
    if (p == null || !(p.getLeaf() instanceof ExpressionStatementTree)) {
      return null;
    }
    Tree child = p.getLeaf();
    for (p = p.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof WhileLoopTree || leaf instanceof ForLoopTree) {
        return loopBody(leaf) == child ? p : null;
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

  private static StatementTree loopBody(Tree loop) {
    if (loop instanceof WhileLoopTree whileLoop) {
      return whileLoop.getStatement();
    }
    return loop instanceof ForLoopTree forLoop ? forLoop.getStatement() : null;
  }

  private static ExpressionTree loopCondition(Tree loop) {
    if (loop instanceof WhileLoopTree whileLoop) {
      return whileLoop.getCondition();
    }
    return loop instanceof ForLoopTree forLoop ? forLoop.getCondition() : null;
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

  /** Fields of this object, or of objects its fields hold ({@code _blocker._state}), read in {@code tree}. */
  private static Set<Symbol.VarSymbol> ownStateReadIn(Tree tree) {
    return TreeFacts.variablesIn(tree, PrimitiveWaits::isOwnState);
  }

  /**
   * Own fields tested by an {@code if} that leaves the loop: in the loop body one that returns,
   * throws or breaks ({@code continue} only skips an iteration); in a no-argument method of this
   * object the body calls ({@code ensureNotAborted()}), one that throws (its {@code return} only
   * returns from the helper).
   */
  private static Set<Symbol.VarSymbol> flagsTestedByExits(
      Tree body, VisitorState state, boolean inLoopBody) {
    Set<Symbol.VarSymbol> flags = new HashSet<>();
    new SameBodyScanner<Void, Void>() {
      @Override
      public Void visitIf(IfTree node, Void unused) {
        if (leavesLoop(node.getThenStatement(), inLoopBody)) {
          flags.addAll(ownStateReadIn(node.getCondition()));
        }
        return super.visitIf(node, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        MethodTree callee = inLoopBody ? ownNoArgMethod(node, state) : null;
        if (callee != null && callee.getBody() != null) {
          flags.addAll(flagsTestedByExits(callee.getBody(), state, false));
        }
        return super.visitMethodInvocation(node, null);
      }
    }.scan(body, null);
    return flags;
  }

  private static boolean leavesLoop(StatementTree statement, boolean inLoopBody) {
    if (statement instanceof BlockTree block) {
      List<? extends StatementTree> statements = block.getStatements();
      return !statements.isEmpty() && leavesLoop(statements.get(statements.size() - 1), inLoopBody);
    }
    return statement instanceof ThrowTree
        || (inLoopBody && (statement instanceof ReturnTree || statement instanceof BreakTree));
  }

  /** The source of a no-argument method called on this object ({@code ensureOpen()}), or null. */
  private static MethodTree ownNoArgMethod(MethodInvocationTree call, VisitorState state) {
    ExpressionTree receiver = TreeFacts.strip(ASTHelpers.getReceiver(call));
    if (!call.getArguments().isEmpty() || (receiver != null && !isThisObject(receiver))) {
      return null;
    }
    return TreeFacts.declaration(ASTHelpers.getSymbol(call), state) instanceof MethodTree method
        ? method
        : null;
  }

  /**
   * Whether {@code body} assigns one of {@code flags} a constant — a literal ({@code true}, {@code
   * null}), a static final field ({@code IDLE}) or an enum constant — that is the flag's exit value
   * where one is known, or sets an atomic flag to a constant ({@code closed.set(true)}).
   */
  private static boolean setsToExitValue(Tree body, Map<Symbol.VarSymbol, Boolean> flags) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        Symbol.VarSymbol target = TreeFacts.variable(node.getVariable());
        ExpressionTree value = TreeFacts.strip(node.getExpression());
        if (target != null && flags.containsKey(target) && isConstant(value)) {
          Boolean exitValue = flags.get(target);
          if (exitValue == null
              || (value instanceof LiteralTree literal && exitValue.equals(literal.getValue()))) {
            found[0] = true;
          }
        }
        return super.visitAssignment(node, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        // closed.set(true) on an AtomicBoolean flag: any constant, its exit value is not known.
        Symbol.MethodSymbol called = ASTHelpers.getSymbol(node);
        Symbol.VarSymbol target = TreeFacts.variable(ASTHelpers.getReceiver(node));
        if (called != null
            && target != null
            && flags.containsKey(target)
            && BlockingApi.ATOMIC_SETTERS.contains(called.getSimpleName().toString())
            && !node.getArguments().isEmpty()
            && isConstant(TreeFacts.strip(node.getArguments().get(node.getArguments().size() - 1)))) {
          found[0] = true;
        }
        return super.visitMethodInvocation(node, null);
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
        && (variable.getKind() == ElementKind.ENUM_CONSTANT
            || (variable.getKind() == ElementKind.FIELD
                && variable.isStatic()
                && (variable.flags() & Flags.FINAL) != 0));
  }

  /**
   * Whether {@code body}, in a method of {@code caller}, wakes {@code target} ({@code signal}/{@code
   * signalAll} on a condition, {@code notify}/{@code notifyAll} on a monitor; only the {@code
   * ...All} forms when {@code wakesAll}), directly or in a no-argument method of this object it
   * calls; not in lambdas or classes declared in {@code body}, which run later or have a {@code
   * this} of their own.
   */
  private static boolean wakes(
      Tree body,
      WaitTarget target,
      Symbol.ClassSymbol caller,
      boolean wakesAll,
      VisitorState state,
      boolean followCalls) {
    boolean[] found = {false};
    new SameBodyScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Symbol.MethodSymbol called = ASTHelpers.getSymbol(call);
        if (found[0] || called == null) {
          return null;
        }
        String name = called.getSimpleName().toString();
        ExpressionTree receiver = TreeFacts.strip(ASTHelpers.getReceiver(call));
        if ((wakesAll ? BlockingApi.WAKE_ALL_METHODS : BlockingApi.WAKE_METHODS).contains(name)
            && target.isWokenBy(receiver, caller, state.getTypes())) {
          found[0] = true;
          return null;
        }
        MethodTree callee = followCalls ? ownNoArgMethod(call, state) : null;
        if (callee != null
            && callee.getBody() != null
            && wakes(callee.getBody(), target, caller, wakesAll, state, false)) {
          found[0] = true;
          return null;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(body, null);
    return found[0];
  }
}
