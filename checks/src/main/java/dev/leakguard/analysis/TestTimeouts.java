package dev.leakguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import dev.leakguard.model.TestFrameworkApi;
import java.util.Map;

/**
 * Whether code runs under a test-framework timeout that interrupts it: inside {@code
 * assertTimeoutPreemptively(..)}, or in a method with JUnit 5 {@code @Timeout} (on it or its
 * class) or JUnit 4 {@code @Test(timeout = ..)}. Code in other lambdas or local classes may run on
 * other threads, which the timeout does not interrupt.
 */
public final class TestTimeouts {
  private TestTimeouts() {}

  public static boolean interruptsOnTimeout(TreePath path, VisitorState state) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof MemberReferenceTree) {
        TreePath parent = p.getParentPath();
        return parent != null
            && parent.getLeaf() instanceof MethodInvocationTree call
            && call.getArguments().contains(p.getLeaf())
            && TestFrameworkApi.PREEMPTIVE_TIMEOUT.matches(call, state);
      }
      if (p.getLeaf() instanceof ClassTree) {
        return false;
      }
      if (p.getLeaf() instanceof MethodTree method) {
        Symbol.MethodSymbol symbol = ASTHelpers.getSymbol(method);
        return symbol != null
            && (Ownership.hasAnnotation(symbol, TestFrameworkApi.TIMEOUT_ANNOTATIONS)
                || Ownership.hasAnnotation(symbol.owner, TestFrameworkApi.TIMEOUT_ANNOTATIONS)
                || hasJUnit4Timeout(symbol));
      }
    }
    return false;
  }

  private static boolean hasJUnit4Timeout(Symbol.MethodSymbol method) {
    for (Attribute.Compound annotation : method.getRawAttributes()) {
      if (!annotation.type.tsym.getQualifiedName().contentEquals(TestFrameworkApi.JUNIT4_TEST)) {
        continue;
      }
      for (Map.Entry<Symbol.MethodSymbol, Attribute> element : annotation.getElementValues().entrySet()) {
        if (element.getKey().getSimpleName().contentEquals(TestFrameworkApi.JUNIT4_TIMEOUT_ELEMENT)
            && element.getValue().getValue() instanceof Number timeout
            && timeout.longValue() > 0) {
          return true;
        }
      }
    }
    return false;
  }
}
