package dev.leakguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.leakguard.model.TypeNames;
import dev.leakguard.model.ExecutorApi;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a local object is ended on every path out of the block that declares it, by a simple
 * structural reading that matches how the code is written: the first statement after the
 * declaration that always ends it, no {@code return}/{@code throw} before that, and, unless that
 * statement is a {@code try} whose {@code finally} ends it, no call before it that can really throw
 * (one that declares a checked exception, or a call into code outside the JDK) without a catch around it.
 * Straight-line {@code create → submit → shutdown} passes, as maintainers rightly write it.
 */
public final class EndOnEveryPath {
  private static final com.google.errorprone.suppliers.Supplier<Type> RUNTIME_EXCEPTION =
      VisitorState.memoize(state -> state.getTypeFromString(TypeNames.RUNTIME_EXCEPTION));

  private EndOnEveryPath() {}

  /** What is wrong, if anything. */
  public enum Gap {
    /** Never ended in the block. */
    NEVER,
    /** Ended only on some branches. */
    SOME_BRANCHES,
    /** A return or throw leaves before the end. */
    EARLY_EXIT,
    /** A call that can throw sits between creation and the end, with no finally. */
    MAY_THROW
  }

  /**
   * What the path analysis found for one object.
   *
   * @param gap the problem
   * @param at the statement or call that causes it (the early exit, the throwing call); null for
   *     NEVER/SOME_BRANCHES
   * @param statements the statements following the declaration in its block
   * @param endIndex index in {@code statements} of the statement that ends the object, or -1
   */
  public record Result(Gap gap, Tree at, List<? extends StatementTree> statements, int endIndex) {}

  /**
   * Checks the block that declares {@code declaration}; null when the object is ended on every
   * path, or when the declaration is not a statement of a block (then nothing is claimed).
   */
  public static Result check(VariableTree declaration, TreePath declarationPath, Symbol target, VisitorState state) {
    if (!(declarationPath.getParentPath().getLeaf() instanceof BlockTree block)) {
      return null;
    }
    List<? extends StatementTree> all = block.getStatements();
    int index = all.indexOf(declaration);
    if (index < 0) {
      return null;
    }
    List<? extends StatementTree> after = all.subList(index + 1, all.size());
    int end = -1;
    for (int i = 0; i < after.size(); i++) {
      if (endsOnAllPaths(after.get(i), target, state)) {
        end = i;
        break;
      }
    }
    if (end < 0) {
      boolean endedSomewhere = containsEnding(after, target, state);
      return new Result(endedSomewhere ? Gap.SOME_BRANCHES : Gap.NEVER, null, after, -1);
    }
    List<? extends StatementTree> before = after.subList(0, end);
    Tree exit = earlyExit(before);
    if (exit != null) {
      return new Result(Gap.EARLY_EXIT, exit, after, end);
    }
    if (!finallyEnds(after.get(end), target, state)) {
      Tree thrower = uncaughtThrowingCall(before, state);
      if (thrower != null) {
        return new Result(Gap.MAY_THROW, thrower, after, end);
      }
    }
    return null;
  }

  /** Whether a statement ends {@code target} whenever it completes normally or by exception. */
  static boolean endsOnAllPaths(StatementTree statement, Symbol target, VisitorState state) {
    if (ExecutorLifecycle.isEndingStatement(statement, target, state)) {
      return true;
    }
    if (statement instanceof BlockTree block) {
      for (StatementTree s : block.getStatements()) {
        if (endsOnAllPaths(s, target, state)) {
          return true;
        }
        if (TreeFacts.alwaysExits(s)) {
          return false;
        }
      }
      return false;
    }
    if (statement instanceof IfTree ifTree) {
      if (ifTree.getElseStatement() == null && ExecutorLifecycle.isNotNullCheck(ifTree.getCondition(), target)) {
        return endsOnAllPaths(ifTree.getThenStatement(), target, state); // if (pool != null) pool.shutdown();
      }
      return ifTree.getElseStatement() != null
          && endsOnAllPaths(ifTree.getThenStatement(), target, state)
          && endsOnAllPaths(ifTree.getElseStatement(), target, state);
    }
    if (statement instanceof TryTree tryTree) {
      if (finallyEnds(tryTree, target, state)) {
        return true;
      }
      if (!endsOnAllPaths(tryTree.getBlock(), target, state)) {
        return false;
      }
      for (CatchTree catchTree : tryTree.getCatches()) {
        if (!endsOnAllPaths(catchTree.getBlock(), target, state)) {
          return false;
        }
      }
      return true;
    }
    if (statement instanceof SynchronizedTree sync) {
      return endsOnAllPaths(sync.getBlock(), target, state);
    }
    if (statement instanceof LabeledStatementTree labeled) {
      return endsOnAllPaths(labeled.getStatement(), target, state);
    }
    return false;
  }

  private static boolean finallyEnds(StatementTree statement, Symbol target, VisitorState state) {
    return statement instanceof TryTree tryTree
        && tryTree.getFinallyBlock() != null
        && endsOnAllPaths(tryTree.getFinallyBlock(), target, state);
  }

  private static boolean containsEnding(List<? extends StatementTree> statements, Symbol target, VisitorState state) {
    boolean[] found = new boolean[1];
    TreeScanner<Void, Void> scanner =
        new TreeScanner<>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            found[0] |= ExecutorLifecycle.endingOn(call, target, state) != null;
            return super.visitMethodInvocation(call, null);
          }
        };
    statements.forEach(s -> scanner.scan(s, null));
    return found[0];
  }

  /** A return, or a throw not caught within the statements, outside deferred code. */
  private static Tree earlyExit(List<? extends StatementTree> statements) {
    Tree[] found = new Tree[1];
    TreeScanner<Void, Integer> scanner =
        new TreeScanner<>() {
          @Override
          public Void scan(Tree tree, Integer tryDepth) {
            if (found[0] != null || tree instanceof ClassTree || tree instanceof LambdaExpressionTree) {
              return null;
            }
            return super.scan(tree, tryDepth);
          }

          @Override
          public Void visitReturn(ReturnTree tree, Integer tryDepth) {
            found[0] = tree;
            return null;
          }

          @Override
          public Void visitThrow(ThrowTree tree, Integer tryDepth) {
            if (tryDepth == 0) {
              found[0] = tree;
            }
            return null;
          }

          @Override
          public Void visitTry(TryTree tree, Integer tryDepth) {
            scan(tree.getResources(), tryDepth);
            scan(tree.getBlock(), tree.getCatches().isEmpty() ? tryDepth : tryDepth + 1);
            scan(tree.getCatches(), tryDepth);
            scan(tree.getFinallyBlock(), tryDepth);
            return null;
          }
        };
    for (StatementTree s : statements) {
      scanner.scan(s, 0);
    }
    return found[0];
  }

  /**
   * The first call that can really throw and is not caught within the statements: one declaring
   * checked exceptions, or one into code outside the JDK. Logging and code in lambdas do not count.
   */
  private static Tree uncaughtThrowingCall(List<? extends StatementTree> statements, VisitorState state) {
    Tree[] found = new Tree[1];
    TreeScanner<Void, List<Type>> scanner =
        new TreeScanner<>() {
          @Override
          public Void scan(Tree tree, List<Type> caught) {
            if (found[0] != null || tree instanceof ClassTree || tree instanceof LambdaExpressionTree) {
              return null;
            }
            return super.scan(tree, caught);
          }

          @Override
          public Void visitTry(TryTree tree, List<Type> caught) {
            List<Type> inner = new ArrayList<>(caught);
            for (CatchTree catchTree : tree.getCatches()) {
              Tree type = catchTree.getParameter().getType();
              Iterable<? extends Tree> alternatives =
                  type instanceof UnionTypeTree union ? union.getTypeAlternatives() : List.of(type);
              for (Tree alternative : alternatives) {
                Type t = ASTHelpers.getType(alternative);
                if (t != null) {
                  inner.add(t);
                }
              }
            }
            scan(tree.getResources(), inner);
            scan(tree.getBlock(), inner);
            scan(tree.getCatches(), caught);
            scan(tree.getFinallyBlock(), caught);
            return null;
          }

          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, List<Type> caught) {
            check(call, ASTHelpers.getSymbol(call), caught);
            return super.visitMethodInvocation(call, caught);
          }

          @Override
          public Void visitNewClass(NewClassTree tree, List<Type> caught) {
            if (tree.getClassBody() == null) { // an anonymous class's constructor only calls super
              check(tree, ASTHelpers.getSymbol(tree), caught);
            }
            return super.visitNewClass(tree, caught);
          }

          private void check(ExpressionTree call, Symbol sym, List<Type> caught) {
            if (found[0] != null || !(sym instanceof Symbol.MethodSymbol method)) {
              return;
            }
            if (isLogging(call, state)) {
              return;
            }
            List<Type> escaping = new ArrayList<>(method.getThrownTypes());
            if (!isJdk(method)) {
              Type runtime = RUNTIME_EXCEPTION.get(state);
              if (runtime != null) {
                escaping.add(runtime);
              }
            }
            for (Type thrown : escaping) {
              if (!isCaught(thrown, caught, state)) {
                found[0] = call;
                return;
              }
            }
          }
        };
    for (StatementTree s : statements) {
      scanner.scan(s, List.of());
    }
    return found[0];
  }

  private static boolean isCaught(Type thrown, List<Type> caught, VisitorState state) {
    for (Type c : caught) {
      if (ASTHelpers.isSubtype(thrown, c, state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isJdk(Symbol.MethodSymbol method) {
    String owner = method.owner.getQualifiedName().toString();
    return ExecutorApi.JDK_PACKAGE_PREFIXES.stream().anyMatch(owner::startsWith);
  }

  private static boolean isLogging(ExpressionTree call, VisitorState state) {
    if (!(call instanceof MethodInvocationTree invocation)) {
      return false;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(invocation);
    Type type = receiver == null ? null : ASTHelpers.getType(receiver);
    if (type == null) {
      return false;
    }
    return TypeFacts.isSubtypeOfAny(type, ExecutorApi.LOGGER_TYPES, state);
  }
}
