package dev.leakguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.leakguard.model.TypeNames;
import dev.leakguard.model.ExecutorApi;
import dev.leakguard.model.ExecutorApi.Ending;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * Whether an executor (or timer) is ended by its owner: which expressions create one, what a local
 * or field holding one becomes (ended, escaped to another owner, or left running), and which
 * threads it runs on. Built on {@link Ownership}: a field the class creates is owned by it, one
 * received from outside is not.
 */
public final class ExecutorLifecycle {
  private static final Supplier<Type> EXECUTOR_TYPE =
      VisitorState.memoize(state -> state.getTypeFromString(TypeNames.EXECUTOR));
  private static final Supplier<Type> THREAD_FACTORY_TYPE =
      VisitorState.memoize(state -> state.getTypeFromString(TypeNames.THREAD_FACTORY));
  private static final Supplier<Type> TIMER_TYPE =
      VisitorState.memoize(state -> state.getTypeFromString(TypeNames.TIMER));

  private ExecutorLifecycle() {}

  /** Whether the threads of an executor keep the JVM alive. */
  public enum Threads {
    NON_DAEMON,
    DAEMON,
    /** A thread factory whose source is not visible here. */
    UNKNOWN
  }

  /** An expression that creates an executor, with what we know about it. */
  public record Creation(ExpressionTree tree, String description, Threads threads, boolean isTimer) {}

  /** An ending call found on the executor, with what it does to running tasks. */
  public record EndingCall(Tree call, Ending ending, boolean inDeferredCode) {}

  /** The owner's verdict on one executor. */
  public enum Verdict {
    /** Some code of the owner ends it. */
    ENDED,
    /** Created here, held only here, and nothing ends it. */
    NOT_ENDED,
    /** Borrowed, escaped to other code, or otherwise unclear: someone else may end it. */
    UNKNOWN
  }

  /** Everything the checks need about one executor reference. */
  public record Fate(
      Verdict verdict,
      List<EndingCall> endings,
      boolean continuesPeriodicAfterShutdown,
      Creation creation,
      String name) {
    public boolean interrupts() {
      return endings.stream().anyMatch(e -> e.ending() == Ending.INTERRUPTS);
    }

    public Set<Ending> endingKinds() {
      Set<Ending> kinds = EnumSet.noneOf(Ending.class);
      endings.forEach(e -> kinds.add(e.ending()));
      return kinds;
    }

    static Fate unknown(String name) {
      return new Fate(Verdict.UNKNOWN, List.of(), false, null, name);
    }
  }

  // --- Creation ---------------------------------------------------------------------------------

  /** The creation an expression performs, or null when it does not create an executor. */
  public static Creation creation(ExpressionTree expression, VisitorState state) {
    ExpressionTree e = TreeFacts.strip(expression);
    if (e instanceof TypeCastTree cast) {
      return creation(cast.getExpression(), state);
    }
    if (e instanceof ConditionalExpressionTree conditional) {
      Creation a = creation(conditional.getTrueExpression(), state);
      Creation b = creation(conditional.getFalseExpression(), state);
      return a != null && b != null ? merge(e, a, b) : null;
    }
    if (e instanceof SwitchExpressionTree switchExpression) {
      Creation merged = null;
      for (CaseTree c : switchExpression.getCases()) {
        if (!(c.getBody() instanceof ExpressionTree body)) {
          return null; // a block body: too much to follow
        }
        Creation one = creation(body, state);
        if (one == null) {
          return null;
        }
        merged = merged == null ? one : merge(e, merged, one);
      }
      return merged;
    }
    if (e instanceof MethodInvocationTree call) {
      if (ExecutorApi.EXECUTORS_FACTORY.matches(call, state)) {
        return new Creation(call, "Executors." + methodName(call) + "()", factoryThreads(call, state), false);
      }
      if (ExecutorApi.OWNING_WRAPPER.matches(call, state) && !call.getArguments().isEmpty()) {
        Creation inner = creation(call.getArguments().get(0), state);
        return inner == null ? null : new Creation(call, inner.description(), inner.threads(), false);
      }
      return null;
    }
    if (e instanceof NewClassTree newClass && ExecutorApi.EXECUTOR_CONSTRUCTOR.matches(newClass, state)) {
      Symbol sym = ASTHelpers.getSymbol(newClass.getIdentifier());
      String simple = sym == null ? "executor" : sym.getSimpleName().toString();
      Type type = ASTHelpers.getType(newClass);
      boolean timer = TypeFacts.isSubtype(type, TypeNames.TIMER, state);
      boolean forkJoin = TypeFacts.isSubtype(type, TypeNames.FORK_JOIN_POOL, state);
      return new Creation(
          newClass, "new " + simple + "(..)", constructorThreads(newClass, timer, forkJoin, state), timer);
    }
    return null;
  }

  private static Creation merge(ExpressionTree tree, Creation a, Creation b) {
    Threads threads = a.threads() == b.threads() ? a.threads() : Threads.UNKNOWN;
    return new Creation(tree, a.description(), threads, a.isTimer() && b.isTimer());
  }

  private static String methodName(MethodInvocationTree call) {
    Symbol sym = ASTHelpers.getSymbol(call);
    return sym == null ? "?" : sym.getSimpleName().toString();
  }

  private static Threads factoryThreads(MethodInvocationTree call, VisitorState state) {
    String name = methodName(call);
    if (ExecutorApi.DAEMON_FACTORIES.contains(name)) {
      return Threads.DAEMON;
    }
    ExpressionTree factory = threadFactoryArgument(call.getArguments(), state);
    if (factory != null) {
      return threadsOf(factory, state);
    }
    return ExecutorApi.NON_DAEMON_FACTORIES.contains(name) ? Threads.NON_DAEMON : Threads.UNKNOWN;
  }

  private static Threads constructorThreads(
      NewClassTree newClass, boolean timer, boolean forkJoin, VisitorState state) {
    List<? extends ExpressionTree> args = newClass.getArguments();
    if (forkJoin) {
      // Its default worker factory makes daemon threads; a custom one decides for itself.
      return args.size() <= 1 ? Threads.DAEMON : Threads.UNKNOWN;
    }
    if (timer) {
      for (ExpressionTree arg : args) {
        Type type = ASTHelpers.getType(arg);
        if (type != null && type.getKind() == javax.lang.model.type.TypeKind.BOOLEAN) {
          Object value = ASTHelpers.constValue(arg);
          return Boolean.TRUE.equals(value)
              ? Threads.DAEMON
              : (value == null ? Threads.UNKNOWN : Threads.NON_DAEMON);
        }
      }
      return Threads.NON_DAEMON;
    }
    ExpressionTree factory = threadFactoryArgument(args, state);
    return factory == null ? Threads.NON_DAEMON : threadsOf(factory, state);
  }

  private static ExpressionTree threadFactoryArgument(List<? extends ExpressionTree> args, VisitorState state) {
    Type factoryType = THREAD_FACTORY_TYPE.get(state);
    for (ExpressionTree arg : args) {
      Type type = ASTHelpers.getType(arg);
      if (factoryType != null && type != null && ASTHelpers.isSubtype(type, factoryType, state)) {
        return arg;
      }
    }
    return null;
  }

  /**
   * Whether a thread factory makes daemon threads: {@code setDaemon(true)} in its visible source (a
   * lambda, anonymous or local class, a method of this compilation, Guava's ThreadFactoryBuilder),
   * or virtual threads. A factory whose source is not visible is UNKNOWN.
   */
  public static Threads threadsOf(ExpressionTree factory, VisitorState state) {
    List<Tree> sources = new ArrayList<>();
    boolean visible = collectSources(TreeFacts.strip(factory), state, sources, 0);
    for (Tree source : sources) {
      if (makesDaemon(source, state)) {
        return Threads.DAEMON;
      }
    }
    return visible ? Threads.NON_DAEMON : Threads.UNKNOWN;
  }

  private static boolean collectSources(ExpressionTree e, VisitorState state, List<Tree> out, int depth) {
    if (e == null || depth > 3) {
      return false;
    }
    out.add(e);
    if (e instanceof LambdaExpressionTree) {
      return true;
    }
    if (e instanceof NewClassTree newClass) {
      if (newClass.getClassBody() != null) {
        return true;
      }
      Tree tree = TreeFacts.declaration(ASTHelpers.getSymbol(newClass.getIdentifier()), state);
      if (tree != null) {
        out.add(tree);
        return true;
      }
      return false;
    }
    if (e instanceof MethodInvocationTree call) {
      Symbol sym = ASTHelpers.getSymbol(call);
      if (ExecutorApi.DEFAULT_THREAD_FACTORY.matches(call, state)) {
        return true;
      }
      if (sym != null && ExecutorApi.THREAD_FACTORY_BUILDER_END.contains(sym.getSimpleName().toString())) {
        // Builder chains (Guava's ThreadFactoryBuilder, Thread.ofPlatform()): the chain is the source.
        return isKnownBuilderChain(call, state);
      }
      Tree method = TreeFacts.declaration(sym, state);
      if (method != null) {
        out.add(method);
        return true;
      }
      return false;
    }
    Symbol.VarSymbol var = TreeFacts.variable(e);
    if (var != null && var.getKind() == ElementKind.LOCAL_VARIABLE) {
      VariableTree decl = LocalDeclarations.find(var, state.getPath());
      return decl != null && collectSources(TreeFacts.strip(decl.getInitializer()), state, out, depth + 1);
    }
    if (var != null && var.getKind() == ElementKind.FIELD) {
      Tree tree = TreeFacts.declaration(var, state);
      if (tree instanceof VariableTree decl && decl.getInitializer() != null
          && var.getModifiers().contains(Modifier.FINAL)) {
        return collectSources(TreeFacts.strip(decl.getInitializer()), state, out, depth + 1);
      }
    }
    return false;
  }

  private static boolean isKnownBuilderChain(MethodInvocationTree call, VisitorState state) {
    ExpressionTree e = call;
    while (e instanceof MethodInvocationTree c) {
      if (ExecutorApi.THREAD_FACTORY_BUILDER_START.matches(c, state)) {
        return true;
      }
      e = TreeFacts.strip(ASTHelpers.getReceiver(c));
    }
    return e instanceof NewClassTree newClass && ExecutorApi.THREAD_FACTORY_BUILDER_START.matches(newClass, state);
  }

  private static boolean makesDaemon(Tree source, VisitorState state) {
    return TreeFacts.anyCall(
        source,
        call ->
            ExecutorApi.VIRTUAL_BUILDER.matches(call, state)
                || ((ExecutorApi.SET_DAEMON.matches(call, state)
                        || ExecutorApi.BUILDER_DAEMON.matches(call, state))
                    && (call.getArguments().isEmpty()
                        || Boolean.TRUE.equals(ASTHelpers.constValue(call.getArguments().get(0))))));
  }


  // --- Ending calls -----------------------------------------------------------------------------

  /**
   * The ending a call performs on {@code target}: {@code target.shutdown()}, {@code
   * target.shutdownNow()}, {@code target.close()}, {@code timer.cancel()}, {@code
   * MoreExecutors.shutdownAndAwaitTermination(target, ..)}; null for any other call.
   */
  public static Ending endingOn(MethodInvocationTree call, Symbol target, VisitorState state) {
    if (ExecutorApi.SHUTDOWN_AND_AWAIT.matches(call, state)) {
      return !call.getArguments().isEmpty() && TreeFacts.sameVariable(call.getArguments().get(0), target)
          ? Ending.INTERRUPTS
          : null;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver == null || !TreeFacts.sameVariable(receiver, target) || !call.getArguments().isEmpty()) {
      return null;
    }
    Symbol sym = ASTHelpers.getSymbol(call);
    if (sym == null) {
      return null;
    }
    Type receiverType = ASTHelpers.getType(receiver);
    if (!mayHoldExecutor(receiverType, state)) {
      return null; // reader.close(), future.cancel(): not an executor's end
    }
    Type timer = TIMER_TYPE.get(state);
    boolean isTimer = receiverType != null && timer != null && ASTHelpers.isSubtype(receiverType, timer, state);
    return ExecutorApi.endingOf(sym.getSimpleName().toString(), isTimer);
  }

  /** Cheap test: whether a call's method is named like an executor factory or owning wrapper. */
  public static boolean mayCreate(MethodInvocationTree call) {
    Symbol sym = ASTHelpers.getSymbol(call);
    if (sym == null) {
      return false;
    }
    String owner = sym.owner.getQualifiedName().toString();
    return owner.equals(TypeNames.EXECUTORS) || owner.equals(TypeNames.MORE_EXECUTORS);
  }

  /**
   * Whether a variable of this declared type can hold an executor or timer: {@code Executor} and
   * its subtypes, or {@code Timer}. Variables declared {@code Object} or {@code AutoCloseable} are
   * not followed.
   */
  public static boolean mayHoldExecutor(Type type, VisitorState state) {
    if (type == null) {
      return false;
    }
    Type executor = EXECUTOR_TYPE.get(state);
    Type timer = TIMER_TYPE.get(state);
    Type erased = state.getTypes().erasure(type);
    return (executor != null && ASTHelpers.isSubtype(erased, executor, state))
        || (timer != null && ASTHelpers.isSubtype(erased, timer, state));
  }

  /** Whether a type is an executor or timer the checks track. */
  public static boolean isExecutorType(Type type, VisitorState state) {
    return TypeFacts.isSubtypeOfAny(type, ExecutorApi.EXECUTOR_TYPES, state);
  }

  // --- Locals -----------------------------------------------------------------------------------

  /**
   * What becomes of the executor a local holds, within its method: ended (where), escaped (returned,
   * stored, passed on, captured) or left running.
   */
  public static Fate ofLocal(VariableTree declaration, TreePath methodBody, VisitorState state) {
    Symbol.VarSymbol local = ASTHelpers.getSymbol(declaration);
    String name = declaration.getName().toString();
    Creation creation =
        declaration.getInitializer() == null ? null : creation(declaration.getInitializer(), state);
    if (local == null || creation == null) {
      return Fate.unknown(name);
    }
    Uses uses = uses(local, methodBody.getLeaf(), state);
    if (local.getKind() == ElementKind.RESOURCE_VARIABLE) {
      // try-with-resources calls close() (JDK 19+): shutdown, then wait for running tasks.
      uses.endings.add(new EndingCall(declaration, Ending.WAITS_FOR_RUNNING, false));
    }
    Fate fate = fateOf(uses, creation, name);
    if (fate.verdict() == Verdict.ENDED && uses.endings.stream().allMatch(EndingCall::inDeferredCode)) {
      // Ended only in a callback or hook: when, we cannot tell.
      return new Fate(Verdict.UNKNOWN, uses.endings, uses.continuesPeriodic, creation, name);
    }
    return fate;
  }

  /** UNKNOWN when the executor escapes; otherwise ENDED or NOT_ENDED by the endings found. */
  private static Fate fateOf(Uses uses, Creation creation, String name) {
    Verdict verdict =
        uses.escapes ? Verdict.UNKNOWN : uses.endings.isEmpty() ? Verdict.NOT_ENDED : Verdict.ENDED;
    return new Fate(verdict, uses.endings, uses.continuesPeriodic, creation, name);
  }

  /**
   * What becomes of the executor an {@code @Owning} parameter receives, within its method: the method
   * owns it and must end it or hand it on. Not owned parameters are UNKNOWN.
   */
  public static Fate ofParameter(VariableTree parameter, TreePath method, VisitorState state) {
    Symbol.VarSymbol sym = ASTHelpers.getSymbol(parameter);
    String name = parameter.getName().toString();
    if (sym == null || Ownership.ofParameter(sym) != Ownership.Owner.OWNED) {
      return Fate.unknown(name);
    }
    return fateOf(uses(sym, method.getLeaf(), state), null, name);
  }

  // --- Fields -----------------------------------------------------------------------------------

  /**
   * What becomes of the executor a field holds, within its class: owned or not (see {@link
   * Ownership#ofField}), and which code of the class ends it (lifecycle methods, other methods,
   * shutdown hooks).
   */
  public static Fate ofField(Symbol.VarSymbol field, ClassTree enclosingClass, VisitorState state) {
    String name = field.getSimpleName().toString();
    if (Ownership.ofField(field, enclosingClass, e -> creation(e, state) != null) != Ownership.Owner.OWNED) {
      return Fate.unknown(name);
    }
    Creation creation = null;
    for (ExpressionTree value : Ownership.valuesAssignedTo(field, enclosingClass)) {
      creation = creation(value, state);
    }
    Uses uses = uses(field, enclosingClass, state);
    if (!uses.escapes && uses.endings.isEmpty() && !field.getModifiers().contains(Modifier.PRIVATE)) {
      if (field.getModifiers().contains(Modifier.PROTECTED)
          && enclosingClass.getModifiers().getFlags().contains(Modifier.ABSTRACT)) {
        return Fate.unknown(name); // a protected field of an abstract class: its subclasses end it
      }
      // Other classes of the file can reach a non-private field: a subclass's close(), an outer
      // class ending a nested holder's pool.
      Uses elsewhere = uses(field, state.getPath().getCompilationUnit(), state);
      uses.escapes = elsewhere.escapes;
      uses.endings.addAll(elsewhere.endings);
    }
    return fateOf(uses, creation, name);
  }

  /**
   * What becomes of the executor an expression denotes at a use: a local or a field of the
   * enclosing class (followed as above), a fresh creation (never ended: nobody holds it), the common
   * pool (never ended by design), or anything else (unknown).
   */
  public static Fate ofExpression(ExpressionTree executor, VisitorState state) {
    ExpressionTree e = TreeFacts.strip(executor);
    if (e == null) {
      return Fate.unknown("?");
    }
    if (ExecutorApi.SHARED_POOL.matches(e, state)) {
      return new Fate(Verdict.NOT_ENDED, List.of(), false, null, "ForkJoinPool.commonPool()");
    }
    Creation creation = creation(e, state);
    if (creation != null) {
      return new Fate(Verdict.NOT_ENDED, List.of(), false, creation, creation.description());
    }
    Symbol.VarSymbol var = TreeFacts.variable(e);
    if (var == null) {
      return Fate.unknown(state.getSourceForNode(e));
    }
    if (var.getKind() == ElementKind.LOCAL_VARIABLE || var.getKind() == ElementKind.RESOURCE_VARIABLE) {
      VariableTree decl = LocalDeclarations.find(var, state.getPath());
      TreePath method = TreeFacts.enclosingMethod(state.getPath());
      return decl == null || method == null ? Fate.unknown(var.getSimpleName().toString()) : ofLocal(decl, method, state);
    }
    if (var.getKind() == ElementKind.FIELD) {
      ClassTree owner = declaringClass(var, state);
      return owner == null ? Fate.unknown(var.getSimpleName().toString()) : ofField(var, owner, state);
    }
    return Fate.unknown(var.getSimpleName().toString());
  }

  /** The class declaring a field, when it is in this compilation unit. */
  public static ClassTree declaringClass(Symbol.VarSymbol field, VisitorState state) {
    if (!(field.owner instanceof Symbol.ClassSymbol owner)) {
      return null;
    }
    Symbol.ClassSymbol outermost = owner.outermostClass();
    boolean inThisUnit = false;
    for (Tree decl : state.getPath().getCompilationUnit().getTypeDecls()) {
      inThisUnit |= decl instanceof ClassTree c && outermost.equals(ASTHelpers.getSymbol(c));
    }
    Tree tree = inThisUnit ? TreeFacts.declaration(owner, state) : null;
    return tree instanceof ClassTree c ? c : null;
  }

  private static final class Uses {
    final List<EndingCall> endings = new ArrayList<>();
    boolean escapes;
    boolean continuesPeriodic;
  }

  /**
   * Every use of {@code target} in {@code scope}: ending calls, and whether it escapes. Receiver
   * uses (submissions, queries, waits) neither end nor leak it. Anything that hands the reference to
   * other code (argument, assignment, return, capture in deferred code other than as receiver)
   * makes ownership unclear.
   */
  private static Uses uses(Symbol.VarSymbol target, Tree scope, VisitorState state) {
    Uses uses = new Uses();
    TreePath scopePath = pathTo(scope, state);
    if (scopePath == null) {
      uses.escapes = true;
      return uses;
    }
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        classify(tree);
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
        if (TreeFacts.sameVariable(tree, target)) {
          classify(tree);
          return null;
        }
        return super.visitMemberSelect(tree, null);
      }

      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        // The declaration of the target itself is not a use; its initializer is scanned.
        return super.visitVariable(tree, null);
      }

      private void classify(ExpressionTree use) {
        if (!target.equals(ASTHelpers.getSymbol(use))) {
          return;
        }
        TreePath path = getCurrentPath();
        TreePath parentPath = path.getParentPath();
        while (parentPath.getLeaf() instanceof ParenthesizedTree) {
          parentPath = parentPath.getParentPath();
        }
        Tree parent = parentPath.getLeaf();
        boolean deferred = inDeferredCode(path, scope);
        if (parent instanceof MemberSelectTree select
            && parentPath.getParentPath().getLeaf() instanceof MethodInvocationTree call
            && call.getMethodSelect() == select) {
          Ending ending = endingOn(call, target, state);
          if (ending != null) {
            uses.endings.add(new EndingCall(call, ending, deferred));
          } else if (ExecutorApi.CONTINUE_PERIODIC_AFTER_SHUTDOWN.matches(call, state)
              && !call.getArguments().isEmpty()
              && !Boolean.FALSE.equals(ASTHelpers.constValue(call.getArguments().get(0)))) {
            uses.continuesPeriodic = true;
          }
          return; // a call on the executor: it stays where it is
        }
        if (parent instanceof com.sun.source.tree.MemberReferenceTree reference
            && reference.getQualifierExpression() == use) {
          // pool::execute stays a call on the executor; pool::shutdown ends it later, when called.
          Ending ending = ExecutorApi.endingOf(reference.getName().toString(), false);
          if (ending != null) {
            uses.endings.add(new EndingCall(reference, ending, true));
          }
          return;
        }
        if (parent instanceof MethodInvocationTree call && call.getArguments().contains(use)) {
          Ending ending = endingOn(call, target, state);
          if (ending != null) {
            uses.endings.add(new EndingCall(call, ending, deferred));
            return;
          }
          if (ExecutorApi.ASYNC_FACTORY.matches(call, state)) {
            return; // runs a task on it; ownership stays
          }
          uses.escapes = true; // an @Owning parameter takes it; any other method: unclear
          return;
        }
        if (parent instanceof AssignmentTree assignment && assignment.getVariable() == use) {
          return; // written, not read: the value assigned decides ownership
        }
        if (parent instanceof VariableTree variable && variable.getInitializer() != use) {
          return;
        }
        if (parent instanceof com.sun.source.tree.BinaryTree
            || parent instanceof com.sun.source.tree.InstanceOfTree) {
          return; // compared or tested
        }
        if (parent instanceof com.sun.source.tree.SynchronizedTree) {
          return;
        }
        // Returned, stored, passed to a constructor, captured as a value: owned elsewhere now.
        uses.escapes = true;
      }
    }.scan(scopePath, null);
    return uses;
  }

  private static TreePath pathTo(Tree scope, VisitorState state) {
    for (TreePath p = state.getPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() == scope) {
        return p;
      }
    }
    return TreePath.getPath(state.getPath().getCompilationUnit(), scope);
  }

  /** Whether the use sits in code that runs later: a lambda or a class nested in the scope. */
  private static boolean inDeferredCode(TreePath path, Tree scope) {
    for (TreePath p = path; p != null && p.getLeaf() != scope; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return true;
      }
      if (leaf instanceof MethodTree && scope instanceof ClassTree) {
        return false; // a method of the class itself
      }
    }
    return false;
  }

  // --- Lifecycle methods ------------------------------------------------------------------------

  /** The lifecycle methods of a class, including the one a field's {@code @ClosedBy} names. */
  public static List<MethodTree> lifecycleMethods(ClassTree classTree, Symbol.VarSymbol field) {
    String closedBy = field == null ? null : Ownership.closedBy(field);
    return Ownership.lifecycleMethods(classTree, closedBy == null ? Set.of() : Set.of(closedBy));
  }

  /** Whether a statement is an expression statement that ends {@code target}. */
  public static boolean isEndingStatement(Tree statement, Symbol target, VisitorState state) {
    ExpressionTree expression;
    if (statement instanceof ExpressionStatementTree es) {
      expression = es.getExpression();
    } else if (statement instanceof VariableTree variable) {
      expression = variable.getInitializer(); // List<Runnable> dropped = pool.shutdownNow();
    } else if (statement instanceof com.sun.source.tree.ReturnTree ret) {
      expression = ret.getExpression(); // return pool.shutdownNow();
    } else {
      return false;
    }
    if (expression == null) {
      return false;
    }
    // The ending must run whenever the statement does: not in a lambda, ?: or short-circuit operand.
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (found[0]
            || tree instanceof LambdaExpressionTree
            || tree instanceof ClassTree
            || tree instanceof ConditionalExpressionTree
            || (tree != null
                && (tree.getKind() == Tree.Kind.CONDITIONAL_AND || tree.getKind() == Tree.Kind.CONDITIONAL_OR))) {
          return null;
        }
        if (tree instanceof MethodInvocationTree call && endingOn(call, target, state) != null) {
          found[0] = true;
          return null;
        }
        return super.scan(tree, null);
      }
    }.scan(expression, null);
    return found[0];
  }

  /** Whether a condition is {@code target != null}: its then-branch runs whenever there is something to end. */
  public static boolean isNotNullCheck(ExpressionTree condition, Symbol target) {
    ExpressionTree c = TreeFacts.strip(condition);
    if (c instanceof com.sun.source.tree.BinaryTree binary && binary.getKind() == Tree.Kind.NOT_EQUAL_TO) {
      ExpressionTree left = TreeFacts.strip(binary.getLeftOperand());
      ExpressionTree right = TreeFacts.strip(binary.getRightOperand());
      return (TreeFacts.sameVariable(left, target) && right.getKind() == Tree.Kind.NULL_LITERAL)
          || (TreeFacts.sameVariable(right, target) && left.getKind() == Tree.Kind.NULL_LITERAL);
    }
    return false;
  }
}
