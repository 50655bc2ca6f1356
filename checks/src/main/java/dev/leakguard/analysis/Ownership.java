package dev.leakguard.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import dev.leakguard.model.OwnershipApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * Who must end an object. Defaults make annotations rarely needed: a field the class creates is
 * owned by the class; a field or parameter received from outside is not; a local that the method
 * creates is owned by the method until it escapes. {@code @Owning}/{@code @NotOwning} (LeakGuard's
 * or Checker Framework's, by name) override the defaults.
 */
public final class Ownership {
  private Ownership() {}

  /** The verdict for one reference. */
  public enum Owner {
    /** This reference must end the object or hand it on. */
    OWNED,
    /** Someone else ends the object. */
    NOT_OWNED
  }

  /** Whether the symbol carries one of {@code annotationNames} (by fully qualified name). */
  public static boolean hasAnnotation(Symbol sym, Set<String> annotationNames) {
    if (sym == null) {
      return false;
    }
    for (Attribute.Compound annotation : sym.getRawAttributes()) {
      if (annotationNames.contains(annotation.type.tsym.getQualifiedName().toString())) {
        return true;
      }
    }
    for (Attribute.TypeCompound annotation : sym.getRawTypeAttributes()) {
      if (annotationNames.contains(annotation.type.tsym.getQualifiedName().toString())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Who owns the object a field holds.
   *
   * @param field the field
   * @param enclosingClass the class declaring it
   * @param isCreation whether an expression creates a fresh object of the kind in question (for
   *     instance {@code new LinkedBlockingQueue<>()} or {@code Executors.newFixedThreadPool(4)})
   */
  public static Owner ofField(
      Symbol.VarSymbol field, ClassTree enclosingClass, Predicate<ExpressionTree> isCreation) {
    if (hasAnnotation(field, OwnershipApi.NOT_OWNING)) {
      return Owner.NOT_OWNED;
    }
    if (hasAnnotation(field, OwnershipApi.OWNING)) {
      return Owner.OWNED;
    }
    for (ExpressionTree value : valuesAssignedTo(field, enclosingClass)) {
      if (!isCreation.test(ASTHelpers.stripParentheses(value))) {
        return Owner.NOT_OWNED; // received from outside on some path: borrowed
      }
    }
    return valuesAssignedTo(field, enclosingClass).isEmpty() ? Owner.NOT_OWNED : Owner.OWNED;
  }

  /** Who owns the object a parameter refers to: the method only when marked {@code @Owning}. */
  public static Owner ofParameter(Symbol.VarSymbol parameter) {
    return hasAnnotation(parameter, OwnershipApi.OWNING) ? Owner.OWNED : Owner.NOT_OWNED;
  }

  /** Whether a method hands ownership of its result to its caller by annotation. */
  public static boolean returnsOwned(Symbol.MethodSymbol method) {
    return hasAnnotation(method, OwnershipApi.RETURNS_OWNED);
  }

  /** Whether a parameter takes ownership of what is passed to it. */
  public static boolean takesOwnership(Symbol.MethodSymbol method, int argumentIndex) {
    if (method == null || method.getParameters().isEmpty()) {
      return false;
    }
    List<Symbol.VarSymbol> params = method.getParameters();
    Symbol.VarSymbol param =
        argumentIndex < params.size() ? params.get(argumentIndex) : params.get(params.size() - 1);
    return hasAnnotation(param, OwnershipApi.OWNING);
  }

  /** Every value assigned to a field in its class: its initializer and each assignment. */
  public static List<ExpressionTree> valuesAssignedTo(Symbol.VarSymbol field, ClassTree enclosingClass) {
    List<ExpressionTree> values = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (tree.getInitializer() != null && field.equals(ASTHelpers.getSymbol(tree))) {
          values.add(tree.getInitializer());
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        if (field.equals(ASTHelpers.getSymbol(tree.getVariable()))) {
          values.add(tree.getExpression());
        }
        return super.visitAssignment(tree, null);
      }
    }.scan(enclosingClass, null);
    return values;
  }

  /**
   * The lifecycle methods of a class: no-argument methods named like {@link
   * OwnershipApi#LIFECYCLE_METHOD_NAMES} or annotated {@code @PreDestroy}, plus the method a
   * {@code @ClosedBy} names. Inherited ones are not included.
   */
  public static List<MethodTree> lifecycleMethods(ClassTree classTree, Set<String> extraNames) {
    List<MethodTree> methods = new ArrayList<>();
    for (Tree member : classTree.getMembers()) {
      if (!(member instanceof MethodTree method) || method.getBody() == null) {
        continue;
      }
      Symbol.MethodSymbol sym = ASTHelpers.getSymbol(method);
      if (sym == null || sym.getModifiers().contains(Modifier.STATIC)) {
        continue;
      }
      String name = method.getName().toString();
      boolean byName =
          method.getParameters().isEmpty()
              && (OwnershipApi.LIFECYCLE_METHOD_NAMES.contains(name) || extraNames.contains(name));
      if (byName || hasAnnotation(sym, OwnershipApi.LIFECYCLE_ANNOTATIONS)) {
        methods.add(method);
      }
    }
    return methods;
  }

  /** The member a field's {@code @ClosedBy} names, or null when it has none. */
  public static String closedBy(Symbol.VarSymbol field) {
    if (field == null || field.getKind() != ElementKind.FIELD) {
      return null;
    }
    for (Attribute.Compound annotation : field.getRawAttributes()) {
      if (annotation.type.tsym.getQualifiedName().contentEquals(OwnershipApi.CLOSED_BY)) {
        for (var entry : annotation.getElementValues().entrySet()) {
          if (entry.getKey().getSimpleName().contentEquals("value")
              && entry.getValue().getValue() instanceof String name) {
            return name;
          }
        }
      }
    }
    return null;
  }
}
