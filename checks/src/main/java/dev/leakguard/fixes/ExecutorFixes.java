package dev.leakguard.fixes;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.leakguard.analysis.EndOnEveryPath;
import dev.leakguard.analysis.TreeFacts;
import dev.leakguard.model.TypeNames;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Suggested fixes that end an executor properly. Each is offered only where the result compiles and
 * keeps the code's meaning apart from the ending itself.
 */
public final class ExecutorFixes {
  private static final Supplier<Type> ERROR_TYPE =
      VisitorState.memoize(state -> state.getTypeFromString(TypeNames.ERROR));
  private static final Supplier<Type> EXECUTOR_SERVICE_TYPE =
      VisitorState.memoize(state -> state.getTypeFromString(TypeNames.EXECUTOR_SERVICE));
  private static final Supplier<Type> RUNTIME_EXCEPTION_TYPE =
      VisitorState.memoize(state -> state.getTypeFromString(TypeNames.RUNTIME_EXCEPTION));

  private ExecutorFixes() {}

  /**
   * Wraps the statements between creation and the ending statement in {@code try { ... } finally {
   * <ending> }}. Only when the ending is a plain statement and nothing declared in the wrapped
   * statements is used after them (it would go out of scope).
   */
  public static SuggestedFix moveEndIntoFinally(EndOnEveryPath.Result result, VisitorState state) {
    List<? extends StatementTree> statements = result.statements();
    int end = result.endIndex();
    if (end <= 0 || !(statements.get(end) instanceof com.sun.source.tree.ExpressionStatementTree)) {
      return null;
    }
    List<? extends StatementTree> wrapped = statements.subList(0, end);
    Set<Symbol> declared = new HashSet<>();
    for (StatementTree s : wrapped) {
      if (s instanceof VariableTree v && ASTHelpers.getSymbol(v) != null) {
        declared.add(ASTHelpers.getSymbol(v));
      }
    }
    List<? extends StatementTree> rest = statements.subList(end + 1, statements.size());
    if (!declared.isEmpty() && usesAny(rest, declared)) {
      return null;
    }
    int start = ASTHelpers.getStartPosition(wrapped.get(0));
    int wrappedEnd = state.getEndPosition(wrapped.get(wrapped.size() - 1));
    int endingStart = ASTHelpers.getStartPosition(statements.get(end));
    int endingEnd = state.getEndPosition(statements.get(end));
    if (start < 0 || wrappedEnd < 0 || endingStart < 0 || endingEnd < 0) {
      return null;
    }
    String source = state.getSourceCode().toString();
    String body = source.substring(start, wrappedEnd);
    String ending = source.substring(endingStart, endingEnd);
    return SuggestedFix.replace(
        start, endingEnd, "try {\n" + body + "\n} finally {\n" + ending + "\n}");
  }

  private static boolean usesAny(List<? extends StatementTree> statements, Set<Symbol> symbols) {
    boolean[] found = new boolean[1];
    TreeScanner<Void, Void> scanner =
        new TreeScanner<>() {
          @Override
          public Void visitIdentifier(IdentifierTree tree, Void unused) {
            found[0] |= symbols.contains(ASTHelpers.getSymbol(tree));
            return null;
          }
        };
    statements.forEach(s -> scanner.scan(s, null));
    return found[0];
  }

  /** {@code x.shutdown()} / {@code x.close()} becomes {@code x.shutdownNow()} where it is a statement. */
  public static SuggestedFix useShutdownNow(MethodInvocationTree call, VisitorState state, String current) {
    if (!(state.getPath().getParentPath().getLeaf() instanceof com.sun.source.tree.ExpressionStatementTree)
        || !(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return null;
    }
    ExpressionTree receiver = select.getExpression();
    Type type = ASTHelpers.getType(receiver);
    Type executorService = EXECUTOR_SERVICE_TYPE.get(state);
    if (type == null || executorService == null || !ASTHelpers.isSubtype(type, executorService, state)) {
      return null;
    }
    return SuggestedFix.replace(call, state.getSourceForNode(receiver) + ".shutdownNow()");
  }

  /**
   * Adds {@code super.name();} at the end of an override that drops it, when the super method throws
   * nothing the override does not declare and the override's last statement falls through.
   */
  public static SuggestedFix callSuper(MethodTree method, Symbol.MethodSymbol overridden, VisitorState state) {
    if (method.getBody() == null || !overridden.getParameters().isEmpty()) {
      return null;
    }
    List<? extends StatementTree> statements = method.getBody().getStatements();
    if (!statements.isEmpty() && TreeFacts.alwaysExits(statements.get(statements.size() - 1))) {
      return null;
    }
    Type runtime = RUNTIME_EXCEPTION_TYPE.get(state);
    Type error = ERROR_TYPE.get(state);
    for (Type thrown : overridden.getThrownTypes()) {
      boolean unchecked =
          (runtime != null && ASTHelpers.isSubtype(thrown, runtime, state))
              || (error != null && ASTHelpers.isSubtype(thrown, error, state));
      boolean declared = false;
      for (ExpressionTree t : method.getThrows()) {
        Type d = ASTHelpers.getType(t);
        declared |= d != null && ASTHelpers.isSubtype(thrown, d, state);
      }
      if (!unchecked && !declared) {
        return null;
      }
    }
    int closingBrace = state.getEndPosition(method.getBody()) - 1;
    if (closingBrace < 0) {
      return null;
    }
    return SuggestedFix.replace(
        closingBrace, closingBrace, "super." + overridden.getSimpleName() + "();\n");
  }
}
