package dev.leakguard.analysis;

import static dev.leakguard.analysis.TreeFacts.sameVariable;
import static dev.leakguard.analysis.TreeFacts.strip;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.leakguard.model.TypeNames;
import dev.leakguard.model.BlockingApi;
import dev.leakguard.model.DrainApi;
import dev.leakguard.model.ReceiveMethod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * The exits of a drain loop: a loop whose body receives from a queue ({@link BlockingApi#RECEIVES}).
 * Shared by every check that must know whether a consumer parked in a receive can ever leave.
 *
 * <p>An exit is: a {@code break}, {@code return}, {@code throw} or labeled {@code continue} that
 * leaves the loop (a poison-pill check is one); an {@code InterruptedException} from a receive that
 * is not caught inside the loop (so interrupting the thread ends it); a catch inside the loop that
 * leaves it; a loop condition that can become false and is re-checked. A stop flag in the condition
 * counts only when the receives are timed, the loop itself sets the flag, or some code that sets
 * the flag also wakes the thread (interrupts it, {@code shutdownNow()}s its executor, posts to its
 * queue). {@code Thread.currentThread().isInterrupted()} in the condition counts when every catch
 * of the interrupt inside the loop restores it.
 *
 * <p>For nested loops, every loop that contains a receive is a drain loop; when an inner one can
 * never be left, the outer ones are not judged (the thread never gets back to them).
 */
public final class LoopExits {
  private LoopExits() {}

  /** What keeps a drain loop from ending, if anything. */
  public enum Verdict {
    /** Some exit can be taken. */
    HAS_EXIT,
    /** Nothing leaves the loop. */
    NO_EXIT,
    /** The loop catches the receive's {@code InterruptedException} and goes on. */
    SWALLOWS_INTERRUPT,
    /** The loop's stop flag cannot wake a thread parked in an untimed receive. */
    FLAG_CANNOT_WAKE,
    /** A loop nested in this one can never be left; it is the one to report. */
    INNER_LOOP_NEVER_ENDS
  }

  /** One receive inside a drain loop. */
  public record Receive(TreePath path, ReceiveMethod method, ExpressionTree queue) {
    public boolean timed() {
      return method.timed();
    }
  }

  /**
   * The analysis of one drain loop.
   *
   * @param loopPath the loop
   * @param verdict whether it can end
   * @param receives the receives in it (outside lambdas and nested classes)
   * @param jumpExits the break/return/throw/continue statements that leave it
   * @param interruptLeaves whether an interrupt of a thread parked in a receive leaves the loop
   *     (uncaught inside it, or through a catch that leaves)
   * @param interruptEnds whether an interrupt ends the loop at all: it leaves, or the catches
   *     restore it for an {@code isInterrupted()} condition, or set the condition's stop flag
   * @param swallowingCatch the first catch of the receive's interrupt that lets the loop go on
   * @param flags the stop flags of the loop condition
   * @param endsByItself whether the loop's condition ends it without a consumer's exit: a counted
   *     loop, an enhanced for, {@code !q.isEmpty()}; such a loop is not an open-ended consumer, and
   *     each untimed receive in it is judged on its own
   */
  public record Result(
      TreePath loopPath,
      Verdict verdict,
      List<Receive> receives,
      List<TreePath> jumpExits,
      boolean interruptLeaves,
      boolean interruptEnds,
      CatchTree swallowingCatch,
      List<Symbol.VarSymbol> flags,
      boolean endsByItself) {
    public StatementTree loop() {
      return (StatementTree) loopPath.getLeaf();
    }

    public boolean broken() {
      return verdict != Verdict.HAS_EXIT && verdict != Verdict.INNER_LOOP_NEVER_ENDS;
    }

    /** The first untimed receive, or the first receive. */
    public Receive mainReceive() {
      return receives.stream().filter(r -> !r.timed()).findFirst().orElse(receives.get(0));
    }
  }

  // --- Receives --------------------------------------------------------------------------------

  /** The receive a call or method reference invokes, or null. Cheap for calls that cannot match. */
  public static ReceiveMethod receiveOf(ExpressionTree callOrReference, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(callOrReference);
    if (!(symbol instanceof Symbol.MethodSymbol)) {
      return null;
    }
    String name = symbol.getSimpleName().toString();
    for (ReceiveMethod receive : BlockingApi.RECEIVES) {
      if (receive.name().equals(name) && receive.matcher().matches(callOrReference, state)) {
        return receive;
      }
    }
    return null;
  }

  /** The queue a receive takes from: its receiver, or the first argument of a static helper. */
  public static ExpressionTree queueOf(ExpressionTree callOrReference, ReceiveMethod method) {
    if (callOrReference instanceof MemberReferenceTree reference) {
      return reference.getQualifierExpression();
    }
    if (callOrReference instanceof MethodInvocationTree call) {
      if (method.isStatic()) {
        return call.getArguments().isEmpty() ? null : call.getArguments().get(0);
      }
      return ASTHelpers.getReceiver(call);
    }
    return null;
  }

  /**
   * Whether a receive sits in an open-ended consumer loop (or drain stream), whose exits
   * QueueDrainWithoutExit judges: the innermost loop around it runs until a consumer's exit
   * ({@code while (true)}, a stop flag, an interrupt query, a sentinel test on the received
   * element), not until a count or an iteration ends. A counted batch inside such a loop ({@code
   * while (true) { for (i < 10) ... q.take() ... }}) belongs to the consumer loop around it.
   */
  public static boolean isInConsumerLoop(TreePath receivePath, VisitorState state) {
    if (drainStreamOf(receivePath, state) != null) {
      return true;
    }
    for (TreePath loop : enclosingLoops(receivePath)) {
      Result result = analyze(loop, state);
      if (result != null && !result.endsByItself()) {
        return true;
      }
    }
    return false;
  }

  /** The loops around {@code path}, innermost first, up to the enclosing method, lambda or class. */
  public static List<TreePath> enclosingLoops(TreePath path) {
    List<TreePath> loops = new ArrayList<>();
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        break;
      }
      // The iterable of an enhanced for is evaluated once, outside the repetition.
      if (isLoop(leaf) && !(leaf instanceof EnhancedForLoopTree efl && efl.getExpression() == child)) {
        loops.add(p);
      }
    }
    return loops;
  }

  static boolean isLoop(Tree tree) {
    return tree instanceof WhileLoopTree
        || tree instanceof DoWhileLoopTree
        || tree instanceof ForLoopTree
        || tree instanceof EnhancedForLoopTree;
  }

  /**
   * For a receive inside the generator of an infinite stream ({@code Stream.generate(() ->
   * q.take())}, a method reference {@code q::take} passed to it), the generator call; else null.
   */
  public static TreePath drainStreamOf(TreePath receivePath, VisitorState state) {
    TreePath p = receivePath;
    if (!(p.getLeaf() instanceof MemberReferenceTree)) {
      p = p.getParentPath();
      while (p != null && !(p.getLeaf() instanceof LambdaExpressionTree)) {
        if (p.getLeaf() instanceof MethodTree || p.getLeaf() instanceof ClassTree) {
          return null;
        }
        p = p.getParentPath();
      }
    }
    if (p == null || p.getParentPath() == null) {
      return null;
    }
    TreePath parent = p.getParentPath();
    return parent.getLeaf() instanceof MethodInvocationTree call
            && call.getArguments().contains(p.getLeaf())
            && DrainApi.INFINITE_GENERATOR.matches(call, state)
        ? parent
        : null;
  }

  // --- Loops -----------------------------------------------------------------------------------

  /** The analysis of the loop at {@code loopPath}, or null when it is not a drain loop. */
  public static Result analyze(TreePath loopPath, VisitorState state) {
    if (!isLoop(loopPath.getLeaf())) {
      return null;
    }
    Facts facts = new Facts(loopPath, state);
    facts.scan(loopPath, null);
    if (facts.receives.isEmpty()) {
      return null;
    }
    boolean interruptLeaves = false;
    CatchTree swallowing = null;
    boolean allSwallowsRestore = true;
    List<CatchTree> swallowingCatches = new ArrayList<>();
    for (Receive receive : facts.receives) {
      if (receive.method().isStatic()) {
        continue; // Uninterruptibles: an interrupt does not end the wait
      }
      CatchTree catcher = catcherInside(receive.path(), loopPath, interruptedException(state), state);
      if (catcher == null) {
        interruptLeaves = true;
      } else if (leaves(catcher.getBlock(), loopPath, state)) {
        interruptLeaves = true;
      } else {
        if (swallowing == null) {
          swallowing = catcher;
        }
        swallowingCatches.add(catcher);
        if (!restoresInterrupt(catcher, state)) {
          allSwallowsRestore = false;
        }
      }
    }
    Condition condition = classify(conditionOf(loopPath.getLeaf()), facts, state);
    if (loopPath.getLeaf() instanceof EnhancedForLoopTree) {
      condition.other = true; // ends with its iteration
    }
    boolean conditionExits =
        condition.other
            || condition.sentinelTest
            || (condition.interruptQuery && allSwallowsRestore)
            || (!condition.flags.isEmpty() && flagsCanStop(condition.flags, facts, state));
    boolean interruptEnds =
        interruptLeaves
            || (condition.interruptQuery && allSwallowsRestore && !swallowingCatches.isEmpty())
            || (!condition.flags.isEmpty()
                && !swallowingCatches.isEmpty()
                && swallowingCatches.stream().allMatch(c -> assignsAny(c, condition.flags)));
    Verdict verdict;
    if (!facts.jumpExits.isEmpty() || interruptLeaves || conditionExits) {
      verdict = Verdict.HAS_EXIT;
    } else if (innerLoopNeverEnds(facts.innerLoops, state)) {
      verdict = Verdict.INNER_LOOP_NEVER_ENDS;
    } else if (!condition.flags.isEmpty()) {
      // The flag is how the author meant to stop the loop: its missing wake-up is the problem.
      verdict = Verdict.FLAG_CANNOT_WAKE;
    } else if (swallowing != null) {
      verdict = Verdict.SWALLOWS_INTERRUPT;
    } else {
      verdict = Verdict.NO_EXIT;
    }
    return new Result(
        loopPath,
        verdict,
        List.copyOf(facts.receives),
        List.copyOf(facts.jumpExits),
        interruptLeaves,
        interruptEnds,
        swallowing,
        List.copyOf(condition.flags),
        condition.other);
  }

  /** Whether a catch block assigns (or atomically sets) one of {@code flags}. */
  private static boolean assignsAny(CatchTree catchTree, List<Symbol.VarSymbol> flags) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        if (flags.contains(ASTHelpers.getSymbol(tree.getVariable()))) {
          found[0] = true;
        }
        return super.visitAssignment(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        Symbol.MethodSymbol method = ASTHelpers.getSymbol(tree);
        if (method != null
            && DrainApi.FLAG_WRITES.contains(method.getSimpleName().toString())
            && flags.contains(TreeFacts.variable(ASTHelpers.getReceiver(tree)))) {
          found[0] = true;
        }
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(catchTree.getBlock(), null);
    return found[0];
  }

  private static boolean innerLoopNeverEnds(List<TreePath> innerLoops, VisitorState state) {
    for (TreePath inner : innerLoops) {
      Result result = analyze(inner, state);
      if (result != null && result.verdict() != Verdict.HAS_EXIT) {
        return true;
      }
    }
    return false;
  }

  /** Statements, receives and inner loops of one loop, outside lambdas and nested classes. */
  private static final class Facts extends SameBodyPathScanner<Void, Void> {
    final TreePath loopPath;
    final VisitorState state;
    final List<Receive> receives = new ArrayList<>();
    final List<TreePath> jumpExits = new ArrayList<>();
    final List<TreePath> innerLoops = new ArrayList<>();
    final Set<Symbol> assigned = new LinkedHashSet<>();
    /** Variables the loop stores a received element in ({@code s = q.take()}). */
    final Set<Symbol> received = new LinkedHashSet<>();
    /** Of those, the ones some timed receive (which may return null) stores into. */
    final Set<Symbol> receivedTimed = new LinkedHashSet<>();
    /** Variables the loop also assigns something other than a received element. */
    final Set<Symbol> assignedOtherwise = new LinkedHashSet<>();

    Facts(TreePath loopPath, VisitorState state) {
      this.loopPath = loopPath;
      this.state = state;
    }

    @Override
    public Void scan(Tree tree, Void unused) {
      if (tree != null
          && tree != loopPath.getLeaf()
          && isLoop(tree)
          && getCurrentPath() != null) {
        innerLoops.add(new TreePath(getCurrentPath(), tree)); // judged only if this loop fails
      }
      return super.scan(tree, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      ReceiveMethod receive = receiveOf(tree, state);
      if (receive != null) {
        receives.add(new Receive(getCurrentPath(), receive, queueOf(tree, receive)));
      }
      Symbol.MethodSymbol method = ASTHelpers.getSymbol(tree);
      if (method != null && DrainApi.FLAG_WRITES.contains(method.getSimpleName().toString())) {
        Symbol.VarSymbol target = TreeFacts.variable(ASTHelpers.getReceiver(tree));
        if (target != null) {
          assigned.add(target);
        }
      }
      return super.visitMethodInvocation(tree, null);
    }

    @Override
    public Void visitAssignment(AssignmentTree tree, Void unused) {
      Symbol target = ASTHelpers.getSymbol(tree.getVariable());
      if (target != null) {
        assigned.add(target);
        noteValue(target, tree.getExpression());
      }
      return super.visitAssignment(tree, null);
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      Symbol target = ASTHelpers.getSymbol(tree);
      if (target != null && tree.getInitializer() != null) {
        noteValue(target, tree.getInitializer());
      }
      return super.visitVariable(tree, null);
    }

    private void noteValue(Symbol target, ExpressionTree value) {
      ReceiveMethod receive =
          strip(value) instanceof MethodInvocationTree call ? receiveOf(call, state) : null;
      if (receive == null) {
        assignedOtherwise.add(target);
        return;
      }
      received.add(target);
      if (receive.timed()) {
        receivedTimed.add(target);
      }
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
      Symbol target = ASTHelpers.getSymbol(tree.getVariable());
      if (target != null) {
        assigned.add(target);
      }
      return super.visitCompoundAssignment(tree, null);
    }

    @Override
    public Void visitReturn(ReturnTree tree, Void unused) {
      jumpExits.add(getCurrentPath());
      return super.visitReturn(tree, null);
    }

    @Override
    public Void visitBreak(BreakTree tree, Void unused) {
      if (jumpTargetOutside(getCurrentPath(), tree.getLabel() == null ? null : tree.getLabel().toString(), true)) {
        jumpExits.add(getCurrentPath());
      }
      return null;
    }

    @Override
    public Void visitContinue(ContinueTree tree, Void unused) {
      if (tree.getLabel() != null && jumpTargetOutside(getCurrentPath(), tree.getLabel().toString(), false)) {
        jumpExits.add(getCurrentPath());
      }
      return null;
    }

    @Override
    public Void visitThrow(ThrowTree tree, Void unused) {
      Type thrown = ASTHelpers.getType(tree.getExpression());
      if (thrown == null || catcherInside(getCurrentPath(), loopPath, thrown, state) == null) {
        jumpExits.add(getCurrentPath());
      }
      return super.visitThrow(tree, null);
    }

    /**
     * Whether a break/continue at {@code path} jumps to a statement outside the loop. An unlabeled
     * break targets the nearest loop or switch; a labeled one the statement with that label.
     */
    private boolean jumpTargetOutside(TreePath path, String label, boolean isBreak) {
      for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
        Tree leaf = p.getLeaf();
        if (leaf == loopPath.getLeaf()) {
          // An unlabeled break reaching the loop itself leaves it; an unlabeled continue stays,
          // and so does a continue of the loop's own label.
          return label == null ? isBreak : isBreak || !ownLabel(loopPath, label);
        }
        if (label == null) {
          if (isLoop(leaf) || (isBreak && leaf instanceof SwitchTree)) {
            return false;
          }
        } else if (leaf instanceof LabeledStatementTree labeled
            && labeled.getLabel().contentEquals(label)) {
          return false;
        }
      }
      return true;
    }
  }

  private static boolean containsReceive(TreePath loop, VisitorState state) {
    boolean[] found = new boolean[1];
    new SameBodyScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        if (found[0] || receiveOf(tree, state) != null) {
          found[0] = true;
          return null;
        }
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(loop.getLeaf(), null);
    return found[0];
  }

  /** Whether the loop at {@code loopPath} receives from a queue (outside lambdas and nested classes). */
  public static boolean isDrainLoop(TreePath loopPath, VisitorState state) {
    return isLoop(loopPath.getLeaf()) && containsReceive(loopPath, state);
  }

  // --- Exceptions ------------------------------------------------------------------------------

  private static final Supplier<Type> INTERRUPTED_EXCEPTION =
      VisitorState.memoize(state -> state.getTypeFromString(TypeNames.INTERRUPTED_EXCEPTION));

  private static Type interruptedException(VisitorState state) {
    return INTERRUPTED_EXCEPTION.get(state);
  }

  /**
   * The catch clause, inside the loop, that catches {@code exception} thrown at {@code path}; null
   * when it leaves the loop uncaught.
   */
  static CatchTree catcherInside(TreePath path, TreePath loopPath, Type exception, VisitorState state) {
    if (exception == null) {
      return null;
    }
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf == loopPath.getLeaf()) {
        return null;
      }
      if (leaf instanceof TryTree tryTree && child == tryTree.getBlock()) {
        for (CatchTree catchTree : tryTree.getCatches()) {
          if (TreeFacts.catches(catchTree, exception, state)) {
            return catchTree;
          }
        }
      }
    }
    return null;
  }

  /** Whether a catch body restores the interrupt status ({@code Thread.currentThread().interrupt()}). */
  public static boolean restoresInterrupt(CatchTree catchTree, VisitorState state) {
    return TreeFacts.anyCall(
        catchTree.getBlock(), call -> DrainApi.RESTORE_INTERRUPT.matches(call, state));
  }

  /**
   * Whether a block, once entered, always leaves the loop: it ends in a return or throw, in a break
   * or continue that targets a statement outside the loop, or in an if whose branches both do.
   */
  static boolean leaves(StatementTree statement, TreePath loopPath, VisitorState state) {
    if (statement instanceof BlockTree block) {
      List<? extends StatementTree> statements = block.getStatements();
      return !statements.isEmpty() && leaves(statements.get(statements.size() - 1), loopPath, state);
    }
    if (statement instanceof ReturnTree || statement instanceof ThrowTree) {
      return true; // a throw in a catch is not caught by its own try
    }
    if (statement instanceof IfTree ifTree) {
      return ifTree.getElseStatement() != null
          && leaves(ifTree.getThenStatement(), loopPath, state)
          && leaves(ifTree.getElseStatement(), loopPath, state);
    }
    if (statement instanceof com.sun.source.tree.ExpressionStatementTree expression
        && strip(expression.getExpression()) instanceof MethodInvocationTree call) {
      return alwaysThrows(call, state);
    }
    if (statement instanceof BreakTree || statement instanceof ContinueTree) {
      // Without a path, be exact only for the common forms: an unlabeled break directly in the
      // loop's try/catch leaves it; a labeled jump leaves it unless the label is inside the loop.
      String label =
          statement instanceof BreakTree b
              ? (b.getLabel() == null ? null : b.getLabel().toString())
              : (((ContinueTree) statement).getLabel() == null ? null : ((ContinueTree) statement).getLabel().toString());
      if (label == null) {
        return statement instanceof BreakTree && !breakTargetsInner(statement, loopPath);
      }
      return !labelInside(label, loopPath)
          && (statement instanceof BreakTree || !ownLabel(loopPath, label));
    }
    return false;
  }

  private static boolean ownLabel(TreePath loopPath, String label) {
    for (TreePath p = loopPath.getParentPath();
        p != null && p.getLeaf() instanceof LabeledStatementTree labeled;
        p = p.getParentPath()) {
      if (labeled.getLabel().contentEquals(label)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a call never returns normally: a rethrow helper ({@code Throwables.propagate(e)}, {@code
   * ExceptionUtils.rethrow(e)}), or a method of this file whose body ends in a throw.
   */
  private static boolean alwaysThrows(MethodInvocationTree call, VisitorState state) {
    Symbol.MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return false;
    }
    if (DrainApi.ALWAYS_THROWING_METHOD_NAMES.contains(method.getSimpleName().toString())) {
      return true;
    }
    boolean[] throwsAlways = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree tree, Void unused) {
        if (method.equals(ASTHelpers.getSymbol(tree))
            && tree.getBody() != null
            && !tree.getBody().getStatements().isEmpty()
            && tree.getBody().getStatements().get(tree.getBody().getStatements().size() - 1)
                instanceof ThrowTree) {
          throwsAlways[0] = true;
        }
        return throwsAlways[0] ? null : super.visitMethod(tree, null);
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return throwsAlways[0];
  }

  private static boolean breakTargetsInner(StatementTree breakTree, TreePath loopPath) {
    TreePath path = TreePath.getPath(loopPath, breakTree);
    if (path == null) {
      return true;
    }
    for (TreePath p = path.getParentPath(); p != null && p.getLeaf() != loopPath.getLeaf(); p = p.getParentPath()) {
      if (isLoop(p.getLeaf()) || p.getLeaf() instanceof SwitchTree) {
        return true;
      }
    }
    return false;
  }

  private static boolean labelInside(String label, TreePath loopPath) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitLabeledStatement(LabeledStatementTree tree, Void unused) {
        if (tree.getLabel().contentEquals(label)) {
          found[0] = true;
        }
        return super.visitLabeledStatement(tree, null);
      }
    }.scan(loopPath.getLeaf(), null);
    return found[0];
  }

  // --- Conditions ------------------------------------------------------------------------------

  private static ExpressionTree conditionOf(Tree loop) {
    if (loop instanceof WhileLoopTree w) {
      return w.getCondition();
    }
    if (loop instanceof DoWhileLoopTree d) {
      return d.getCondition();
    }
    if (loop instanceof ForLoopTree f) {
      return f.getCondition();
    }
    return null;
  }

  /** The parts of a loop condition, split at {@code &&} and {@code !}. */
  private static final class Condition {
    /** A part that ends the loop by itself: a count, an iteration, {@code !q.isEmpty()}. */
    boolean other;
    /**
     * A part that tests the received element ({@code (s = q.take()) != POISON}): the consumer's
     * sentinel exit, in the condition instead of an {@code if}.
     */
    boolean sentinelTest;
    boolean interruptQuery;
    final List<Symbol.VarSymbol> flags = new ArrayList<>();
  }

  private static Condition classify(ExpressionTree condition, Facts facts, VisitorState state) {
    Condition result = new Condition();
    if (condition == null) {
      return result;
    }
    if (Boolean.TRUE.equals(ASTHelpers.constValue(condition))) {
      return result;
    }
    classifyInto(strip(condition), result, facts, state);
    return result;
  }

  private static void classifyInto(
      ExpressionTree e, Condition result, Facts facts, VisitorState state) {
    e = strip(e);
    if (e == null) {
      return;
    }
    if (e.getKind() == Tree.Kind.CONDITIONAL_AND) {
      classifyInto(((BinaryTree) e).getLeftOperand(), result, facts, state);
      classifyInto(((BinaryTree) e).getRightOperand(), result, facts, state);
      return;
    }
    if (e.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      classifyInto(((UnaryTree) e).getExpression(), result, facts, state);
      return;
    }
    if (Boolean.TRUE.equals(ASTHelpers.constValue(e)) || isNonNullTestOfTake(e, facts, state)) {
      return; // always true: it never ends the loop
    }
    if (e instanceof MethodInvocationTree call && DrainApi.INTERRUPT_QUERY.matches(call, state)) {
      result.interruptQuery = true;
      return;
    }
    if (e instanceof MethodInvocationTree call && DrainApi.FLAG_READ.matches(call, state)) {
      Symbol.VarSymbol flag = TreeFacts.variable(ASTHelpers.getReceiver(call));
      if (flag != null) {
        result.flags.add(flag);
        return;
      }
    }
    Symbol.VarSymbol variable = TreeFacts.variable(e);
    if (variable != null
        && !facts.received.contains(variable)
        && (variable.getKind() == ElementKind.FIELD || variable.getKind() == ElementKind.LOCAL_VARIABLE)) {
      result.flags.add(variable);
      return;
    }
    if (testsReceived(e, facts, state)) {
      result.sentinelTest = true;
      return;
    }
    result.other = true;
  }

  /**
   * {@code (s = q.take()) != null}: an untimed receive never returns null (the {@code poll()} or
   * {@code readLine()} idiom copied onto {@code take()}), so the test is always true.
   */
  private static boolean isNonNullTestOfTake(ExpressionTree e, Facts facts, VisitorState state) {
    if (e.getKind() != Tree.Kind.NOT_EQUAL_TO) {
      return false;
    }
    BinaryTree test = (BinaryTree) e;
    ExpressionTree other;
    if (test.getRightOperand().getKind() == Tree.Kind.NULL_LITERAL) {
      other = strip(test.getLeftOperand());
    } else if (test.getLeftOperand().getKind() == Tree.Kind.NULL_LITERAL) {
      other = strip(test.getRightOperand());
    } else {
      return false;
    }
    if (other instanceof AssignmentTree assignment) {
      other = strip(assignment.getExpression());
    }
    if (other instanceof MethodInvocationTree call) {
      ReceiveMethod receive = receiveOf(call, state);
      return receive != null && !receive.timed();
    }
    Symbol.VarSymbol variable = TreeFacts.variable(other);
    return variable != null
        && facts.received.contains(variable)
        && !facts.receivedTimed.contains(variable)
        && !facts.assignedOtherwise.contains(variable);
  }

  /** Whether {@code e} receives, or reads a variable the loop stores a received element in. */
  private static boolean testsReceived(ExpressionTree e, Facts facts, VisitorState state) {
    boolean[] found = new boolean[1];
    new SameBodyScanner<Void, Void>() {
      @Override
      public Void scan(Tree node, Void unused) {
        if (found[0] || node == null) {
          return null;
        }
        if (node instanceof ExpressionTree expression
            && (facts.received.contains(TreeFacts.variable(expression))
                || (expression instanceof MethodInvocationTree call && receiveOf(call, state) != null))) {
          found[0] = true;
          return null;
        }
        return super.scan(node, null);
      }
    }.scan(e, null);
    return found[0];
  }

  /**
   * Whether a stop flag in the condition can end the loop: every receive is timed (the flag is
   * re-checked), the loop sets a flag itself, or code elsewhere that sets it also wakes the thread.
   */
  private static boolean flagsCanStop(
      List<Symbol.VarSymbol> flags, Facts facts, VisitorState state) {
    if (facts.receives.stream().allMatch(Receive::timed)) {
      return true;
    }
    for (Symbol.VarSymbol flag : flags) {
      if (facts.assigned.contains(flag)) {
        return true;
      }
    }
    List<TreePath> writes = flagWrites(flags, state);
    for (Symbol.VarSymbol flag : flags) {
      boolean visibleEverywhere =
          flag.getKind() == ElementKind.LOCAL_VARIABLE || flag.getModifiers().contains(Modifier.PRIVATE);
      boolean declaredHere = declaredInCompilationUnit(flag, state);
      if (!declaredHere || (!visibleEverywhere && writes.isEmpty())) {
        return true; // written where we cannot see: assume it wakes
      }
    }
    for (TreePath write : writes) {
      if (!writesConstant(write.getLeaf())
          || wakes(
              bodyAround(write),
              ASTHelpers.findEnclosingNode(write, ClassTree.class),
              facts.receives,
              state,
              new java.util.HashSet<>(),
              0)) {
        return true; // a setter's caller may wake the thread; we cannot see it
      }
    }
    return false;
  }

  /** Whether a flag write stores a constant ({@code running = false}, {@code stopped.set(true)}). */
  private static boolean writesConstant(Tree write) {
    ExpressionTree value = null;
    if (write instanceof AssignmentTree assignment) {
      value = assignment.getExpression();
    } else if (write instanceof MethodInvocationTree call && !call.getArguments().isEmpty()) {
      value = call.getArguments().get(call.getArguments().size() - 1);
    }
    return value != null && ASTHelpers.constValue(value) instanceof Boolean;
  }

  private static boolean declaredInCompilationUnit(Symbol.VarSymbol flag, VisitorState state) {
    if (flag.getKind() == ElementKind.LOCAL_VARIABLE) {
      return true;
    }
    Symbol.ClassSymbol owner = flag.enclClass();
    if (owner == null) {
      return false;
    }
    Symbol.ClassSymbol outermost = owner.outermostClass();
    for (Tree type : state.getPath().getCompilationUnit().getTypeDecls()) {
      if (outermost.equals(ASTHelpers.getSymbol(type))) {
        return true;
      }
    }
    return false;
  }

  /** Assignments to the flags (and atomic writes) in the compilation unit. */
  private static List<TreePath> flagWrites(List<Symbol.VarSymbol> flags, VisitorState state) {
    List<TreePath> writes = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        if (flags.contains(ASTHelpers.getSymbol(tree.getVariable()))) {
          writes.add(getCurrentPath());
        }
        return super.visitAssignment(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        Symbol.MethodSymbol method = ASTHelpers.getSymbol(tree);
        if (method != null
            && DrainApi.FLAG_WRITES.contains(method.getSimpleName().toString())
            && flags.contains(TreeFacts.variable(ASTHelpers.getReceiver(tree)))) {
          writes.add(getCurrentPath());
        }
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return writes;
  }

  /** The body of the method or lambda enclosing {@code path}. */
  private static Tree bodyAround(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof LambdaExpressionTree lambda) {
        return lambda.getBody();
      }
      if (p.getLeaf() instanceof MethodTree method) {
        return method.getBody();
      }
      if (p.getLeaf() instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  /**
   * Whether {@code body} wakes a thread parked in one of {@code receives}, itself or through the
   * methods of {@code owner} it calls on {@code this} ({@code stop() { running = false;
   * wakeConsumer(); }}), a few levels deep.
   */
  private static boolean wakes(
      Tree body,
      ClassTree owner,
      List<Receive> receives,
      VisitorState state,
      Set<Tree> visited,
      int depth) {
    if (body == null || depth > 3 || !visited.add(body)) {
      return false;
    }
    boolean[] found = new boolean[1];
    List<Tree> callees = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        ExpressionTree receiver = ASTHelpers.getReceiver(tree);
        if (DrainApi.INTERRUPT.matches(tree, state) && !Ownership.isCancelFalse(tree)) {
          found[0] = true;
        } else if (DrainApi.POST.matches(tree, state)) {
          Symbol.VarSymbol target = TreeFacts.variable(receiver);
          for (Receive receive : receives) {
            if (target != null && sameVariable(receive.queue(), target)) {
              found[0] = true;
            }
          }
        } else if (owner != null
            && TreeFacts.isThisOrImplicit(receiver)) {
          Symbol.MethodSymbol callee = ASTHelpers.getSymbol(tree);
          for (Tree member : owner.getMembers()) {
            if (callee != null
                && member instanceof MethodTree method
                && method.getBody() != null
                && callee.equals(ASTHelpers.getSymbol(method))) {
              callees.add(method.getBody());
            }
          }
        }
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(body, null);
    if (found[0]) {
      return true;
    }
    for (Tree callee : callees) {
      if (wakes(callee, owner, receives, state, visited, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  // --- Owners' endings -------------------------------------------------------------------------

  /**
   * A drain loop over a {@code @ClosedBy} queue that lacks the exit its owner's ending needs.
   *
   * @param queue the field
   * @param member the method {@code @ClosedBy} names
   * @param sentinel the sentinel it posts, when it ends the queue that way; else null (it interrupts)
   */
  public record OwnerMismatch(Symbol.VarSymbol queue, String member, ExpressionTree sentinel) {}

  /**
   * For a drain loop over a {@code @ClosedBy} queue: when the member posts a sentinel, the loop
   * must leave on that sentinel; when it only interrupts, an interrupt must leave the loop. Null
   * when the loop matches (or the queue has no {@code @ClosedBy}).
   */
  public static OwnerMismatch ownerMismatch(Result result, VisitorState state) {
    for (Receive receive : result.receives()) {
      Symbol.VarSymbol queue = TreeFacts.variable(receive.queue());
      String member = Ownership.closedBy(queue);
      if (member == null) {
        continue;
      }
      ClassTree owner = Ownership.declaringClass(queue, result.loopPath());
      MethodTree method = owner == null ? null : Ownership.findNoArgMethod(owner, member);
      if (method == null) {
        continue; // ClosedByMismatch reports the annotation itself
      }
      Ownership.Ending ending = Ownership.endingOf(queue, method, owner, state);
      if (ending.actions().contains(Ownership.EndAction.POSTS_SENTINEL)) {
        for (ExpressionTree sentinel : ending.sentinels()) {
          if (!leavesOn(sentinel, result, state)) {
            return new OwnerMismatch(queue, member, sentinel);
          }
        }
      } else if (ending.actions().contains(Ownership.EndAction.INTERRUPTS) && !result.interruptEnds()) {
        return new OwnerMismatch(queue, member, null);
      }
    }
    return null;
  }

  /**
   * Whether the loop leaves when it receives {@code sentinel}: the loop condition, or the condition
   * of an {@code if} around a jump exit, mentions it (same constant, same source, or its class in an
   * {@code instanceof}).
   */
  private static boolean leavesOn(ExpressionTree sentinel, Result result, VisitorState state) {
    if (mentions(conditionOf(result.loop()), sentinel, state)) {
      return true;
    }
    for (TreePath exit : result.jumpExits()) {
      for (TreePath p = exit.getParentPath(); p != null && p.getLeaf() != result.loop(); p = p.getParentPath()) {
        if (p.getLeaf() instanceof IfTree ifTree && mentions(ifTree.getCondition(), sentinel, state)) {
          return true;
        }
        if (p.getLeaf() instanceof com.sun.source.tree.CaseTree caseTree
            && caseTree.getExpressions().stream().anyMatch(e -> mentions(e, sentinel, state))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean mentions(Tree tree, ExpressionTree sentinel, VisitorState state) {
    if (tree == null) {
      return false;
    }
    Symbol.VarSymbol sentinelVariable = TreeFacts.variable(sentinel);
    String sentinelSource = state.getSourceForNode(sentinel);
    Type sentinelType = ASTHelpers.getType(sentinel);
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree node, Void unused) {
        if (node instanceof ExpressionTree e && !found[0]) {
          if (sentinelVariable != null && sameVariable(e, sentinelVariable)) {
            found[0] = true;
          } else if (sentinelVariable == null
              && sentinelSource != null
              && !(e instanceof com.sun.source.tree.IdentifierTree)
              && sentinelSource.equals(state.getSourceForNode(e))) {
            found[0] = true;
          } else if (e instanceof InstanceOfTree instanceOf
              && sentinelType != null
              && ASTHelpers.getType(instanceOf.getType()) != null
              && ASTHelpers.isSameType(ASTHelpers.getType(instanceOf.getType()), sentinelType, state)) {
            found[0] = true;
          }
        }
        return super.scan(node, null);
      }
    }.scan(tree, null);
    return found[0];
  }
}
