package dev.leakguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

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

  /** Whether {@code tree} is the bare {@code this} (not {@code Outer.this}). */
  public static boolean isThis(ExpressionTree tree) {
    return strip(tree) instanceof IdentifierTree id && id.getName().contentEquals("this");
  }

  /** Whether a receiver is this object: none ({@code run()}) or {@code this} ({@code this.run()}). */
  public static boolean isThisOrImplicit(ExpressionTree receiver) {
    return receiver == null || isThis(receiver);
  }

  /**
   * Whether {@code name} starts with the camel-case word {@code word}: {@code takeNext} and {@code
   * take} do, {@code taken} does not.
   */
  public static boolean startsWithWord(String name, String word) {
    return name.startsWith(word)
        && (name.length() == word.length() || Character.isUpperCase(name.charAt(word.length())));
  }

  /**
   * The variables {@code tree} names ({@code x}, {@code this.x}, {@code a.b}: both {@code a} and
   * {@code b}) that {@code accept} takes, lambdas and nested classes included.
   */
  public static Set<Symbol.VarSymbol> variablesIn(Tree tree, Predicate<ExpressionTree> accept) {
    Set<Symbol.VarSymbol> variables = new java.util.HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        add(node);
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        add(node);
        return super.visitMemberSelect(node, null);
      }

      private void add(ExpressionTree node) {
        if (ASTHelpers.getSymbol(node) instanceof Symbol.VarSymbol variable && accept.test(node)) {
          variables.add(variable);
        }
      }
    }.scan(tree, null);
    return variables;
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
    return tree != null && containsAny(ancestor, Set.of(tree));
  }

  /** Whether {@code ancestor} is, or contains, one of {@code nodes} (compared by identity). */
  public static boolean containsAny(Tree ancestor, Set<? extends Tree> nodes) {
    if (ancestor == null || nodes.isEmpty()) {
      return false;
    }
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean scan(Tree node, Void unused) {
            if (node != null && nodes.contains(node)) {
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

  /**
   * The source declaration of {@code sym} in this compilation (a method, class or variable tree),
   * or null when it comes from a class file.
   */
  public static Tree declaration(Symbol sym, VisitorState state) {
    if (sym == null) {
      return null;
    }
    try {
      return JavacTrees.instance(state.context).getTree(sym);
    } catch (RuntimeException e) {
      return null; // not from source
    }
  }

  /** Like {@link #declaration}, but only when it is in the file being checked. */
  public static Tree declarationInThisFile(Symbol sym, VisitorState state) {
    if (sym == null) {
      return null;
    }
    TreePath path;
    try {
      path = JavacTrees.instance(state.context).getPath(sym);
    } catch (RuntimeException e) {
      return null; // not from source
    }
    return path != null && path.getCompilationUnit() == state.getPath().getCompilationUnit()
        ? path.getLeaf()
        : null;
  }

  /** Whether a catch clause (one type or a union) catches {@code exception}. */
  public static boolean catches(CatchTree catchTree, Type exception, VisitorState state) {
    Tree type = catchTree.getParameter().getType();
    Iterable<? extends Tree> alternatives =
        type instanceof UnionTypeTree union ? union.getTypeAlternatives() : List.of(type);
    for (Tree alternative : alternatives) {
      Type caught = ASTHelpers.getType(alternative);
      if (caught != null && ASTHelpers.isSubtype(exception, caught, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The path to the method whose body holds {@code path} (through lambdas), or null when a class
   * lies in between: code in an anonymous or local class belongs to that class.
   */
  public static TreePath enclosingMethod(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree) {
        return p;
      }
      if (p.getLeaf() instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  /** Whether {@code tree} calls one of {@code names} on the variable {@code receiver}. */
  public static boolean callsOn(Tree tree, Symbol.VarSymbol receiver, Set<String> names) {
    if (receiver == null) {
      return false;
    }
    return anyCall(
        tree,
        call -> {
          Symbol.MethodSymbol method = ASTHelpers.getSymbol(call);
          return method != null
              && names.contains(method.getSimpleName().toString())
              && sameVariable(ASTHelpers.getReceiver(call), receiver);
        });
  }

  /** Whether {@code tree} holds a call, lambdas and nested classes included, that {@code test} accepts. */
  public static boolean anyCall(Tree tree, Predicate<MethodInvocationTree> test) {
    if (tree == null) {
      return false;
    }
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (!found[0] && test.test(call)) {
          found[0] = true;
        }
        return found[0] ? null : super.visitMethodInvocation(call, null);
      }
    }.scan(tree, null);
    return found[0];
  }

}
