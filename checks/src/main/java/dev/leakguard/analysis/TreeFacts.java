package dev.leakguard.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import java.util.List;

/** Small tree helpers every analysis here uses. */
public final class TreeFacts {
  private TreeFacts() {}

  /** The expression without enclosing parentheses. */
  public static ExpressionTree strip(ExpressionTree tree) {
    return tree == null ? null : ASTHelpers.stripParentheses(tree);
  }

  /**
   * The variable an expression names directly ({@code x}, {@code this.x}, {@code outer.x}), or null
   * when it is anything else.
   */
  public static Symbol.VarSymbol variable(ExpressionTree tree) {
    ExpressionTree e = strip(tree);
    if (e instanceof IdentifierTree || e instanceof MemberSelectTree) {
      Symbol sym = ASTHelpers.getSymbol(e);
      return sym instanceof Symbol.VarSymbol var ? var : null;
    }
    return null;
  }

  /**
   * The variable at the root of a call chain: {@code futures} for {@code
   * futures.stream().map(..).toArray(..)}; null when the chain starts elsewhere.
   */
  public static Symbol.VarSymbol chainRoot(ExpressionTree tree) {
    ExpressionTree e = strip(tree);
    while (e instanceof MethodInvocationTree call) {
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      if (receiver == null) {
        return null;
      }
      e = strip(receiver);
    }
    return variable(e);
  }

  /** Whether two expressions name the same variable. */
  public static boolean sameVariable(ExpressionTree tree, Symbol sym) {
    return sym != null && sym.equals(variable(tree));
  }

  /** Whether a statement can never complete normally: it always returns, throws, breaks or continues. */
  public static boolean alwaysExits(StatementTree statement) {
    if (statement instanceof ReturnTree
        || statement instanceof ThrowTree
        || statement instanceof BreakTree
        || statement instanceof ContinueTree) {
      return true;
    }
    if (statement instanceof BlockTree block) {
      List<? extends StatementTree> statements = block.getStatements();
      return !statements.isEmpty() && alwaysExits(statements.get(statements.size() - 1));
    }
    return false;
  }

  /** Whether {@code ancestor} is {@code tree} or contains it. */
  public static boolean contains(Tree ancestor, Tree tree) {
    if (ancestor == null || tree == null) {
      return false;
    }
    Boolean found =
        new com.sun.source.util.TreeScanner<Boolean, Void>() {
          @Override
          public Boolean scan(Tree node, Void unused) {
            if (node == tree) {
              return true;
            }
            return Boolean.TRUE.equals(super.scan(node, null));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(ancestor, null);
    return Boolean.TRUE.equals(found);
  }
}
