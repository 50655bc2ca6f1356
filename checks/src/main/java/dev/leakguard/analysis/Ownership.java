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
import java.util.Map;
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
      if (isLifecycleMethod(method, sym, extraNames)) {
        methods.add(method);
      }
    }
    return methods;
  }

  /**
   * Whether a method is a lifecycle method by its declaration: no parameters and named like {@link
   * OwnershipApi#LIFECYCLE_METHOD_NAMES} (or one of {@code extraNames}), or annotated
   * {@code @PreDestroy}.
   */
  public static boolean isLifecycleMethod(MethodTree method, Symbol.MethodSymbol sym, Set<String> extraNames) {
    String name = method.getName().toString();
    boolean byName =
        method.getParameters().isEmpty()
            && (OwnershipApi.LIFECYCLE_METHOD_NAMES.contains(name) || extraNames.contains(name));
    return byName || hasAnnotation(sym, OwnershipApi.LIFECYCLE_ANNOTATIONS);
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

  // --- What a method does to end a field (used by @ClosedBy verification, drain loops and waits) ---

  /** One way a method ends a queue, executor, publisher or thread. */
  public enum EndAction {
    /** Puts or offers an element into the queue: a sentinel (poison pill) or terminal marker. */
    POSTS_SENTINEL,
    /** Interrupts a thread (its consumer), {@code shutdownNow()}s an executor or {@code cancel(true)}s a task. */
    INTERRUPTS,
    /** Calls {@code shutdown()}, {@code stop()} or the like on the field itself. */
    SHUTS_DOWN,
    /** Calls {@code close()} or {@code closeExceptionally(..)} on the field itself. */
    CLOSES,
    /** Joins the thread the field holds: a cooperative stop (a flag), then a wait for the end. */
    JOINS
  }

  /**
   * What a method does to end {@code field}.
   *
   * @param actions every way it ends the field (empty when it does nothing of the sort)
   * @param sentinels the values it posts into the field (for {@link EndAction#POSTS_SENTINEL})
   */
  public record Ending(java.util.Set<EndAction> actions, List<ExpressionTree> sentinels) {
    public Ending {
      actions = java.util.Set.copyOf(actions);
      sentinels = List.copyOf(sentinels);
    }

    public boolean endsIt() {
      return !actions.isEmpty();
    }
  }

  /** The no-argument, non-static method named {@code name} declared in {@code classTree}, or null. */
  public static MethodTree findNoArgMethod(ClassTree classTree, String name) {
    for (Tree member : classTree.getMembers()) {
      if (member instanceof MethodTree method
          && method.getName().contentEquals(name)
          && method.getParameters().isEmpty()
          && method.getBody() != null) {
        return method;
      }
    }
    return null;
  }

  /**
   * What {@code method} does to end {@code field}: its own body (lambdas included), and the bodies
   * of the methods of {@code classTree} it calls on {@code this}, a few levels deep. A method the
   * field is passed to ({@code post(queue, POISON)}, {@code shutdownQuietly(pool)}) is followed with
   * its parameter standing for the field; sentinels it posts through its parameters are reported as
   * the caller's arguments.
   */
  public static Ending endingOf(
      Symbol.VarSymbol field,
      MethodTree method,
      ClassTree classTree,
      com.google.errorprone.VisitorState state) {
    java.util.EnumSet<EndAction> actions = java.util.EnumSet.noneOf(EndAction.class);
    List<ExpressionTree> sentinels = new ArrayList<>();
    collectEnding(
        field, method, Map.of(), classTree, state, actions, sentinels, new java.util.HashSet<>(), 0);
    return new Ending(actions, sentinels);
  }

  /**
   * @param target the field, or the parameter of {@code method} that holds it
   * @param arguments for the parameters of {@code method}, the caller's argument expressions
   */
  private static void collectEnding(
      Symbol.VarSymbol target,
      MethodTree method,
      Map<Symbol, ExpressionTree> arguments,
      ClassTree classTree,
      com.google.errorprone.VisitorState state,
      java.util.EnumSet<EndAction> actions,
      List<ExpressionTree> sentinels,
      java.util.Set<MethodTree> visited,
      int depth) {
    if (method == null || method.getBody() == null || depth > 3 || !visited.add(method)) {
      return;
    }
    record Callee(MethodTree method, Symbol.VarSymbol target, Map<Symbol, ExpressionTree> arguments) {}
    List<Callee> callees = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(com.sun.source.tree.MethodInvocationTree call, Void unused) {
        Symbol.MethodSymbol callee = ASTHelpers.getSymbol(call);
        if (callee != null) {
          ExpressionTree receiver = ASTHelpers.getReceiver(call);
          boolean onField = receiver != null && TreeFacts.sameVariable(receiver, target);
          String name = callee.getSimpleName().toString();
          if (onField && dev.leakguard.model.DrainApi.POST.matches(call, state)) {
            actions.add(EndAction.POSTS_SENTINEL);
            if (!call.getArguments().isEmpty()) {
              sentinels.add(asCallerSees(call.getArguments().get(0), arguments));
            }
          } else if (dev.leakguard.model.DrainApi.INTERRUPT.matches(call, state)
              && !isCancelFalse(call)) {
            actions.add(EndAction.INTERRUPTS);
            if (onField && !name.equals("interrupt")) {
              actions.add(EndAction.SHUTS_DOWN);
            }
          } else if (dev.leakguard.model.ExecutorApi.SHUTDOWN_AND_AWAIT.matches(call, state)
              && !call.getArguments().isEmpty()
              && TreeFacts.sameVariable(call.getArguments().get(0), target)) {
            // Guava: shutdown, wait, then shutdownNow.
            actions.add(EndAction.SHUTS_DOWN);
            actions.add(EndAction.INTERRUPTS);
          } else if (onField && dev.leakguard.model.DrainApi.THREAD_JOIN.matches(call, state)) {
            actions.add(EndAction.JOINS);
          } else if (onField && dev.leakguard.model.DrainApi.PUBLISHER_CLOSES.contains(name)) {
            actions.add(EndAction.CLOSES);
          } else if (onField && dev.leakguard.model.DrainApi.ENDING_METHODS.contains(name)) {
            actions.add(EndAction.SHUTS_DOWN);
          } else if (receiver == null || TreeFacts.isThis(receiver)) {
            for (Tree member : classTree.getMembers()) {
              if (member instanceof MethodTree m && callee.equals(ASTHelpers.getSymbol(m))) {
                callees.add(calleeFor(m, call));
              }
            }
          }
        }
        return super.visitMethodInvocation(call, null);
      }

      /** The callee, with the parameter the target is passed in (if any) standing for it. */
      private Callee calleeFor(MethodTree callee, com.sun.source.tree.MethodInvocationTree call) {
        List<? extends VariableTree> parameters = callee.getParameters();
        if (parameters.size() != call.getArguments().size()) {
          return new Callee(callee, target, Map.of()); // varargs: only the field itself is followed
        }
        Symbol.VarSymbol passedAs = target;
        Map<Symbol, ExpressionTree> passed = new java.util.HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
          Symbol.VarSymbol parameter = ASTHelpers.getSymbol(parameters.get(i));
          ExpressionTree argument = call.getArguments().get(i);
          if (parameter == null) {
            continue;
          }
          passed.put(parameter, asCallerSees(argument, arguments));
          if (TreeFacts.sameVariable(argument, target)) {
            passedAs = parameter;
          }
        }
        return new Callee(callee, passedAs, passed);
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null; // a nested class's code does not run as part of this method
      }
    }.scan(method.getBody(), null);
    for (Callee callee : callees) {
      collectEnding(
          callee.target(), callee.method(), callee.arguments(), classTree, state, actions, sentinels,
          visited, depth + 1);
    }
  }

  /** A parameter of the method being followed, as its caller's argument; anything else as is. */
  private static ExpressionTree asCallerSees(
      ExpressionTree expression, Map<Symbol, ExpressionTree> arguments) {
    Symbol.VarSymbol variable = TreeFacts.variable(expression);
    ExpressionTree argument = variable == null ? null : arguments.get(variable);
    return argument != null ? argument : expression;
  }

  static boolean isCancelFalse(com.sun.source.tree.MethodInvocationTree call) {
    return call.getArguments().size() == 1
        && Boolean.FALSE.equals(ASTHelpers.constValue(call.getArguments().get(0)));
  }


  /**
   * How the owner of {@code field} ends it: the union over its lifecycle methods (including the one
   * its {@code @ClosedBy} names). Empty when the class has none that ends it.
   */
  public static Ending endingByOwner(
      Symbol.VarSymbol field, ClassTree classTree, com.google.errorprone.VisitorState state) {
    String named = closedBy(field);
    java.util.EnumSet<EndAction> actions = java.util.EnumSet.noneOf(EndAction.class);
    List<ExpressionTree> sentinels = new ArrayList<>();
    for (MethodTree method : lifecycleMethods(classTree, named == null ? Set.of() : Set.of(named))) {
      Ending ending = endingOf(field, method, classTree, state);
      actions.addAll(ending.actions());
      sentinels.addAll(ending.sentinels());
    }
    return new Ending(actions, sentinels);
  }

  /** The class tree declaring {@code field}, found among the enclosing classes of {@code path}; or null. */
  public static ClassTree declaringClass(Symbol.VarSymbol field, com.sun.source.util.TreePath path) {
    if (field == null || field.getKind() != ElementKind.FIELD) {
      return null;
    }
    for (com.sun.source.util.TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree c && field.owner.equals(ASTHelpers.getSymbol(c))) {
        return c;
      }
    }
    return null;
  }
}
