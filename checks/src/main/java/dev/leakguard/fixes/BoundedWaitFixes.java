package dev.leakguard.fixes;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.leakguard.analysis.TreeFacts;
import dev.leakguard.config.Timeout;
import dev.leakguard.model.TypeNames;
import dev.leakguard.model.BlockingMethod;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Suggested fixes that bound a wait. Each is offered only where the rewrite compiles and the code
 * cannot carry on after a timeout as if the awaited event had happened.
 */
public final class BoundedWaitFixes {
  private static final Supplier<Type> TIMEOUT_EXCEPTION =
      VisitorState.memoize(state -> state.getTypeFromString(TypeNames.TIMEOUT_EXCEPTION));
  private static final Supplier<Symbol> COMPLETABLE_FUTURE =
      VisitorState.memoize(state -> state.getSymbolFromString(TypeNames.COMPLETABLE_FUTURE));

  private final Timeout timeout;

  public BoundedWaitFixes(Timeout timeout) {
    this.timeout = timeout;
  }

  /** {@code @SuppressWarnings("name")} on the enclosing declaration; empty fix where none can take it. */
  public SuggestedFix suppress(VisitorState state, String checkName) {
    SuggestedFix fix = SuggestedFixes.addSuppressWarnings(state, checkName);
    return fix == null ? SuggestedFix.emptyFix() : fix;
  }

  /** The rewrite to the bounded twin, where one is safe at this call. */
  public Optional<SuggestedFix> boundedRewrite(
      MethodInvocationTree call, BlockingMethod method, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (method.isStatic() || receiver == null || method.twinName() == null) {
      return Optional.empty();
    }
    return switch (method.rewrite()) {
      case NONE -> Optional.empty();
      case TIMED_THROWS_TIMEOUT -> timedThrowsTimeout(call, receiver, method, state);
      case TIMED_RETURNS_FALSE -> timedReturnsFalse(call, receiver, method, state);
      case TIMED_RETURNS_NULL -> timedReturnsNull(call, receiver, method, state);
      case OR_TIMEOUT -> orTimeout(receiver, state);
    };
  }

  private Optional<SuggestedFix> timedThrowsTimeout(
      MethodInvocationTree call, ExpressionTree receiver, BlockingMethod method, VisitorState state) {
    if (!timeoutExceptionHandled(state)) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    fix.replace(call, timedCall(call, receiver, method, fix, state));
    return Optional.of(fix.build());
  }

  private Optional<SuggestedFix> timedReturnsFalse(
      MethodInvocationTree call, ExpressionTree receiver, BlockingMethod method, VisitorState state) {
    TreePath parent = state.getPath().getParentPath();
    if (!(parent.getLeaf() instanceof ExpressionStatementTree statement)
        || !(parent.getParentPath().getLeaf() instanceof BlockTree)) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    fix.replace(
        statement,
        String.format(
            "if (!%s) {\n throw new IllegalStateException(\"%s\");\n}",
            timedCall(call, receiver, method, fix, state),
            timeoutMessage(method)));
    return Optional.of(fix.build());
  }

  private Optional<SuggestedFix> timedReturnsNull(
      MethodInvocationTree call, ExpressionTree receiver, BlockingMethod method, VisitorState state) {
    TreePath parent = state.getPath().getParentPath();
    if (!(parent.getLeaf() instanceof VariableTree variable)
        || variable.getInitializer() != call
        || !(parent.getParentPath().getLeaf() instanceof BlockTree)) {
      return Optional.empty();
    }
    Symbol.VarSymbol symbol = ASTHelpers.getSymbol(variable);
    if (symbol == null || symbol.type == null || symbol.type.isPrimitive()) {
      return Optional.empty(); // unboxing a null would throw before the check
    }
    if (!endsItsStatement(variable, state)) {
      return Optional.empty(); // String a = q.take(), b = ..: no statement fits between declarators
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    fix.replace(call, timedCall(call, receiver, method, fix, state));
    fix.postfixWith(
        variable,
        String.format(
            "\nif (%s == null) {\n throw new IllegalStateException(\"%s\");\n}",
            variable.getName(), timeoutMessage(method)));
    return Optional.of(fix.build());
  }

  private Optional<SuggestedFix> orTimeout(ExpressionTree receiver, VisitorState state) {
    Type receiverType = ASTHelpers.getType(receiver);
    Symbol.ClassSymbol completableFuture =
        COMPLETABLE_FUTURE.get(state) instanceof Symbol.ClassSymbol c
            ? c
            : null;
    if (receiverType == null
        || completableFuture == null
        || !ASTHelpers.isSubtype(receiverType, completableFuture.type, state)
        || !hasMember(completableFuture, "orTimeout")
        || !hasMember(completableFuture, "copy")) {
      return Optional.empty(); // orTimeout and copy arrived in Java 9
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String unit = SuggestedFixes.qualifyType(state, fix, TypeNames.TIME_UNIT);
    fix.postfixWith(
        receiver,
        // On a copy: orTimeout on the shared future would fail it for every other waiter too.
        String.format(".copy().orTimeout(%s, %s.%s)", timeout.amountLiteral(), unit, timeout.unit()));
    return Optional.of(fix.build());
  }

  private String timedCall(
      MethodInvocationTree call,
      ExpressionTree receiver,
      BlockingMethod method,
      SuggestedFix.Builder fix,
      VisitorState state) {
    String unit = SuggestedFixes.qualifyType(state, fix, TypeNames.TIME_UNIT);
    String arguments =
        call.getArguments().stream().map(state::getSourceForNode).collect(Collectors.joining(", "));
    String bound = timeout.amountLiteral() + ", " + unit + "." + timeout.unit();
    return String.format(
        "%s.%s(%s)",
        state.getSourceForNode(receiver),
        method.twinName(),
        arguments.isEmpty() ? bound : arguments + ", " + bound);
  }

  private String timeoutMessage(BlockingMethod method) {
    return String.format(
        "Timed out after %d %s waiting until %s",
        timeout.amount(), timeout.unit().toString().toLowerCase(java.util.Locale.ROOT), method.awaits());
  }

  /** Whether the declaration ends with its own semicolon: not the first of {@code T a = .., b = ..;}. */
  private static boolean endsItsStatement(VariableTree variable, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int end = state.getEndPosition(variable);
    return source != null && end > 0 && end <= source.length() && source.charAt(end - 1) == ';';
  }

  private static boolean hasMember(Symbol.ClassSymbol owner, String name) {
    // The ASTHelpers wrapper: Symbol.getEnclosedElements changed its binary signature across JDKs.
    for (Symbol member : ASTHelpers.getEnclosedElements(owner)) {
      if (member.getSimpleName().contentEquals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a {@code TimeoutException} thrown here is caught by an enclosing try or declared by the
   * enclosing method. Inside a lambda we stop: its functional interface decides, and we do not guess.
   */
  private static boolean timeoutExceptionHandled(VisitorState state) {
    Type timeoutException = TIMEOUT_EXCEPTION.get(state);
    if (timeoutException == null) {
      return false;
    }
    Tree child = state.getPath().getLeaf();
    for (TreePath p = state.getPath().getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof TryTree tryTree && child == tryTree.getBlock()) {
        for (CatchTree catchTree : tryTree.getCatches()) {
          if (TreeFacts.catches(catchTree, timeoutException, state)) {
            return true;
          }
        }
      }
      if (leaf instanceof MethodTree method) {
        for (ExpressionTree thrown : method.getThrows()) {
          Type thrownType = ASTHelpers.getType(thrown);
          if (thrownType != null && ASTHelpers.isSubtype(timeoutException, thrownType, state)) {
            return true;
          }
        }
        return false;
      }
    }
    return false;
  }

}
