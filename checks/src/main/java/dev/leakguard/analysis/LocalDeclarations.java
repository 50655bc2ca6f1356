package dev.leakguard.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;

/** Finds the declaration of a local variable within its method. */
public final class LocalDeclarations {
  private LocalDeclarations() {}

  /** The declaration of local {@code sym} in the method enclosing {@code path}, or null. */
  public static VariableTree find(Symbol.VarSymbol sym, TreePath path) {
    MethodTree method = ASTHelpers.findEnclosingNode(path, MethodTree.class);
    if (method == null || method.getBody() == null) {
      return null;
    }
    VariableTree[] found = new VariableTree[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (found[0] == null && sym.equals(ASTHelpers.getSymbol(tree))) {
          found[0] = tree;
        }
        return super.visitVariable(tree, null);
      }
    }.scan(method.getBody(), null);
    return found[0];
  }
}
