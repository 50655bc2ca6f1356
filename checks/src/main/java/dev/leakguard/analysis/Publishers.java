package dev.leakguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.leakguard.model.TypeNames;
import dev.leakguard.model.DrainApi;
import dev.leakguard.model.OwnershipApi;
import javax.lang.model.element.ElementKind;

/**
 * Whether a {@code SubmissionPublisher} is ever closed by its owner. An unclosed publisher never
 * calls {@code onComplete}: every {@code consume(..)} future and subscriber waits forever.
 *
 * <p>Owned (so it must be closed): a local or field initialized with {@code new
 * SubmissionPublisher<>(..)}, the result of a {@code @MustBeClosed}/{@code @Owning} method or of a
 * factory in the same file that returns only new publishers (a returned object passes ownership to
 * the caller), a
 * field the class assigns only such values, an {@code @Owning} field, parameter or local. Closed:
 * a {@code close()}/{@code closeExceptionally(..)} call or {@code ::close} reference on it anywhere
 * in its method (locals, parameters) or class (fields), lambdas included, or a try-with-resources.
 * Handed on (the new holder decides): returned, assigned elsewhere, or passed as an argument.
 */
public final class Publishers {
  private Publishers() {}

  private static final Supplier<Type> SUBMISSION_PUBLISHER =
      VisitorState.memoize(state -> state.getTypeFromString(TypeNames.SUBMISSION_PUBLISHER));

  public static boolean isPublisher(Type type, VisitorState state) {
    Type publisher = SUBMISSION_PUBLISHER.get(state);
    return type != null
        && publisher != null
        && ASTHelpers.isSubtype(state.getTypes().erasure(type), state.getTypes().erasure(publisher), state);
  }

  /** Whether {@code expression} creates a publisher its holder owns. */
  public static boolean isCreation(ExpressionTree expression, VisitorState state) {
    ExpressionTree e = TreeFacts.strip(expression);
    if (e instanceof NewClassTree) {
      return isPublisher(ASTHelpers.getType(e), state);
    }
    if (e instanceof MethodInvocationTree call) {
      Symbol.MethodSymbol method = ASTHelpers.getSymbol(call);
      return method != null
          && isPublisher(ASTHelpers.getType(e), state)
          && (Ownership.returnsOwned(method) || returnsFreshPublisher(method, state));
    }
    return false;
  }

  /**
   * A factory in this compilation unit whose every return creates a new publisher: a returned
   * object passes ownership to the caller.
   */
  private static boolean returnsFreshPublisher(Symbol.MethodSymbol method, VisitorState state) {
    if (!(TreeFacts.declarationInThisFile(method, state) instanceof MethodTree declaration)
        || declaration.getBody() == null) {
      return false;
    }
    boolean[] sawReturn = new boolean[1];
    boolean[] allFresh = {true};
    new SameBodyScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        sawReturn[0] = true;
        if (!(TreeFacts.strip(tree.getExpression()) instanceof NewClassTree)) {
          allFresh[0] = false;
        }
        return null;
      }
    }.scan(declaration.getBody(), null);
    return sawReturn[0] && allFresh[0];
  }

  /**
   * Whether the publisher declared by {@code declaration} is owned there and never closed nor
   * handed on.
   */
  public static boolean neverClosed(VariableTree declaration, Symbol.VarSymbol symbol, VisitorState state) {
    TreePath parent = state.getPath().getParentPath();
    if (parent == null || Ownership.hasAnnotation(symbol, OwnershipApi.NOT_OWNING)) {
      return false;
    }
    Tree scope;
    if (symbol.getKind() == ElementKind.FIELD) {
      if (!(parent.getLeaf() instanceof ClassTree classTree)
          || Ownership.ofField(symbol, classTree, e -> isCreation(e, state)) != Ownership.Owner.OWNED) {
        return false;
      }
      scope = classTree;
    } else if (symbol.getKind() == ElementKind.PARAMETER) {
      if (Ownership.ofParameter(symbol) != Ownership.Owner.OWNED || !(parent.getLeaf() instanceof MethodTree m)) {
        return false;
      }
      scope = m.getBody();
    } else if (symbol.getKind() == ElementKind.LOCAL_VARIABLE) {
      if (parent.getLeaf() instanceof TryTree) {
        return false; // a try-with-resources resource is closed
      }
      boolean owned =
          Ownership.hasAnnotation(symbol, OwnershipApi.OWNING)
              || (declaration.getInitializer() != null && isCreation(declaration.getInitializer(), state));
      MethodTree method = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
      if (!owned || method == null) {
        return false;
      }
      scope = method.getBody();
    } else {
      return false;
    }
    return scope != null && !closedOrHandedOn(symbol, scope);
  }

  private static boolean closedOrHandedOn(Symbol.VarSymbol publisher, Tree scope) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Symbol.MethodSymbol method = ASTHelpers.getSymbol(call);
        if (method != null
            && DrainApi.PUBLISHER_CLOSES.contains(method.getSimpleName().toString())
            && TreeFacts.sameVariable(ASTHelpers.getReceiver(call), publisher)) {
          found[0] = true;
        }
        for (ExpressionTree argument : call.getArguments()) {
          if (TreeFacts.sameVariable(argument, publisher)) {
            found[0] = true; // handed on
          }
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree tree, Void unused) {
        for (ExpressionTree argument : tree.getArguments()) {
          if (TreeFacts.sameVariable(argument, publisher)) {
            found[0] = true;
          }
        }
        return super.visitNewClass(tree, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
        if (DrainApi.PUBLISHER_CLOSES.contains(tree.getName().toString())
            && TreeFacts.sameVariable(tree.getQualifierExpression(), publisher)) {
          found[0] = true;
        }
        return super.visitMemberReference(tree, null);
      }

      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        if (TreeFacts.sameVariable(tree.getExpression(), publisher)) {
          found[0] = true;
        }
        return super.visitReturn(tree, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        if (TreeFacts.sameVariable(tree.getExpression(), publisher)) {
          found[0] = true;
        }
        return super.visitAssignment(tree, null);
      }

      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (TreeFacts.sameVariable(tree.getInitializer(), publisher)) {
          found[0] = true;
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitTry(TryTree tree, Void unused) {
        for (Tree resource : tree.getResources()) {
          if (resource instanceof ExpressionTree e && TreeFacts.sameVariable(e, publisher)) {
            found[0] = true; // try (publisher) { .. }
          }
        }
        return super.visitTry(tree, null);
      }
    }.scan(scope, null);
    return found[0];
  }
}
