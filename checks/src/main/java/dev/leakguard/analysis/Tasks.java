package dev.leakguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.leakguard.model.TypeNames;
import dev.leakguard.model.ExecutorApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a task handed to an executor or thread does, as far as its source is visible here: the body
 * of a lambda, an anonymous {@code Runnable}/{@code Callable}/{@code TimerTask}, a method reference
 * to a method of this compilation, or a {@code Thread} subclass's {@code run()}. Opaque tasks
 * (parameters, fields, other libraries) have no body and are never assumed to run forever.
 */
public final class Tasks {
  private static final Supplier<Type> INTERRUPTED_EXCEPTION_TYPE =
      VisitorState.memoize(state -> state.getTypeFromString(TypeNames.INTERRUPTED_EXCEPTION));
  private static final Supplier<Type> RUNNABLE_TYPE =
      VisitorState.memoize(state -> state.getTypeFromString(TypeNames.RUNNABLE));

  private Tasks() {}

  /** Why a task may never end on its own. */
  public record Unbounded(Tree where, String what, boolean endsOnlyOnInterrupt) {}

  /** The bodies of the task an expression denotes: empty when its source is not visible. */
  public static List<Tree> bodies(ExpressionTree task, VisitorState state) {
    List<Tree> bodies = new ArrayList<>();
    collect(TreeFacts.strip(task), state, bodies, 0);
    return bodies;
  }

  private static void collect(ExpressionTree task, VisitorState state, List<Tree> out, int depth) {
    if (task == null || depth > 2) {
      return;
    }
    if (task instanceof LambdaExpressionTree lambda) {
      out.add(lambda.getBody());
    } else if (task instanceof MemberReferenceTree reference) {
      Symbol sym = ASTHelpers.getSymbol(reference);
      MethodTree method = sym instanceof Symbol.MethodSymbol m ? methodTree(m, state) : null;
      if (method != null && method.getBody() != null) {
        out.add(method.getBody());
      }
    } else if (task instanceof NewClassTree newClass) {
      ClassTree body = newClass.getClassBody();
      if (body == null) {
        Symbol sym = ASTHelpers.getSymbol(newClass.getIdentifier());
        Tree tree = TreeFacts.declaration(sym, state);
        body = tree instanceof ClassTree c ? c : null;
        if (ExecutorApi.NEW_THREAD.matches(newClass, state)) {
          for (ExpressionTree argument : newClass.getArguments()) {
            if (isRunnable(argument, state)) {
              collect(TreeFacts.strip(argument), state, out, depth + 1);
            }
          }
          return;
        }
      }
      if (body != null) {
        addTaskMethods(body, out);
      }
    } else if (TreeFacts.isThis(task)) {
      // pool.execute(this): the enclosing class's run().
      ClassTree enclosing = ASTHelpers.findEnclosingNode(state.getPath(), ClassTree.class);
      if (enclosing != null) {
        addTaskMethods(enclosing, out);
      }
    } else {
      // A local or final field holding a lambda or task object: follow its initializer.
      Symbol.VarSymbol var = TreeFacts.variable(task);
      VariableTree decl = null;
      if (var != null && var.getKind() == javax.lang.model.element.ElementKind.LOCAL_VARIABLE) {
        decl = LocalDeclarations.find(var, state.getPath());
      } else if (var != null
          && var.getKind() == javax.lang.model.element.ElementKind.FIELD
          && var.getModifiers().contains(javax.lang.model.element.Modifier.FINAL)) {
        Tree tree = TreeFacts.declaration(var, state);
        decl = tree instanceof VariableTree v ? v : null;
      }
      if (decl != null && decl.getInitializer() != null) {
        collect(TreeFacts.strip(decl.getInitializer()), state, out, depth + 1);
      }
    }
  }

  private static void addTaskMethods(ClassTree body, List<Tree> out) {
    for (Tree member : body.getMembers()) {
      if (member instanceof MethodTree method
          && ExecutorApi.TASK_BODY_METHODS.contains(method.getName().toString())
          && method.getParameters().isEmpty()
          && method.getBody() != null) {
        out.add(method.getBody());
      }
    }
  }

  private static boolean isRunnable(ExpressionTree argument, VisitorState state) {
    Type type = ASTHelpers.getType(argument);
    Type runnable = RUNNABLE_TYPE.get(state);
    return type != null && runnable != null && ASTHelpers.isSubtype(type, runnable, state);
  }

  private static MethodTree methodTree(Symbol.MethodSymbol method, VisitorState state) {
    Tree tree = TreeFacts.declaration(method, state);
    return tree instanceof MethodTree m ? m : null;
  }

  /**
   * The first reason the task may never end on its own: an untimed blocking call, or a loop with no
   * way out; null when every visible body ends by itself.
   */
  public static Unbounded unbounded(List<Tree> bodies, BlockingCalls blockingCalls, VisitorState state) {
    for (Tree body : bodies) {
      Unbounded found = unbounded(body, blockingCalls, state);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static Unbounded unbounded(Tree body, BlockingCalls blockingCalls, VisitorState state) {
    return unbounded(body, blockingCalls, state, new java.util.HashSet<>(), 0);
  }

  /**
   * Scans a body, and the bodies of methods of this compilation it calls (two levels deep): {@code
   * () -> drain(queue)} is the usual shape of a task. With no {@code blockingCalls}, looks only for
   * loops that an interrupt ends.
   */
  private static Unbounded unbounded(
      Tree body, BlockingCalls blockingCalls, VisitorState state, Set<Tree> visited, int depth) {
    if (!visited.add(body)) {
      return null;
    }
    Unbounded[] found = new Unbounded[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (found[0] != null || tree instanceof ClassTree || tree instanceof LambdaExpressionTree) {
          return null; // nested tasks run elsewhere
        }
        if (isLoop(tree)) {
          LoopExits exits = exits(tree, state);
          if (exits.endless() && (blockingCalls != null || exits.interruptExit())) {
            found[0] =
                new Unbounded(
                    tree,
                    exits.interruptExit() ? "a loop that only an interrupt ends" : "a loop with no exit",
                    exits.interruptExit());
            return null;
          }
        }
        if (tree instanceof MethodInvocationTree call) {
          var method = blockingCalls == null ? null : blockingCalls.find(call, state);
          if (method != null) {
            found[0] =
                new Unbounded(
                    call, method.ownerSimpleName() + "." + method.name() + "()", false);
            return null;
          }
          Symbol.MethodSymbol callee = depth < 2 ? ASTHelpers.getSymbol(call) : null;
          if (callee != null) {
            MethodTree calleeTree = methodTree(callee, state);
            if (calleeTree != null && calleeTree.getBody() != null) {
              Unbounded inner = unbounded(calleeTree.getBody(), blockingCalls, state, visited, depth + 1);
              if (inner != null) {
                found[0] = inner;
                return null;
              }
            }
          }
        }
        return super.scan(tree, null);
      }
    }.scan(body, null);
    return found[0];
  }

  /**
   * A loop that only an interrupt ends (constant-true or interrupt-checking condition, no other
   * exit) in the bodies or the methods of this compilation they call.
   */
  public static Unbounded interruptOnlyLoop(List<Tree> bodies, VisitorState state) {
    for (Tree body : bodies) {
      Unbounded found = unbounded(body, null, state, new java.util.HashSet<>(), 0);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static boolean isLoop(Tree tree) {
    return tree instanceof WhileLoopTree || tree instanceof DoWhileLoopTree || tree instanceof ForLoopTree;
  }

  /**
   * @param endless the condition never turns false by itself and no statement other than an
   *     interrupt reaction leaves the loop
   * @param interruptExit an interrupt leaves the loop: the condition checks the interrupt flag, a
   *     catch of InterruptedException leaves it, or an interruptible call lets the exception out
   */
  private record LoopExits(boolean endless, boolean interruptExit) {}

  private static LoopExits exits(Tree loop, VisitorState state) {
    ExpressionTree condition;
    StatementTree body;
    if (loop instanceof WhileLoopTree w) {
      condition = w.getCondition();
      body = w.getStatement();
    } else if (loop instanceof DoWhileLoopTree d) {
      condition = d.getCondition();
      body = d.getStatement();
    } else {
      ForLoopTree f = (ForLoopTree) loop;
      condition = f.getCondition();
      body = f.getStatement();
    }
    condition = TreeFacts.strip(condition);
    boolean conditionChecksInterrupt = isInterruptCheck(condition, true);
    boolean constantTrue =
        condition == null
            || (condition instanceof LiteralTree literal && Boolean.TRUE.equals(literal.getValue()));
    if (!constantTrue && !conditionChecksInterrupt) {
      return new LoopExits(false, false);
    }
    boolean[] otherExit = new boolean[1];
    boolean[] interruptExit = {conditionChecksInterrupt};
    new TreeScanner<Void, Boolean>() {
      // inInterruptReaction: inside a catch of InterruptedException or an `if (interrupted)` branch.
      @Override
      public Void scan(Tree tree, Boolean inInterruptReaction) {
        if (tree instanceof ClassTree || tree instanceof LambdaExpressionTree) {
          return null;
        }
        return super.scan(tree, inInterruptReaction);
      }

      @Override
      public Void visitBreak(BreakTree tree, Boolean reaction) {
        // A break inside a nested loop or switch may stay inside; counting it as an exit is the
        // conservative reading (it makes the loop not endless).
        mark(reaction);
        return null;
      }

      @Override
      public Void visitReturn(ReturnTree tree, Boolean reaction) {
        mark(reaction);
        return super.visitReturn(tree, reaction);
      }

      @Override
      public Void visitThrow(ThrowTree tree, Boolean reaction) {
        mark(reaction);
        return super.visitThrow(tree, reaction);
      }

      private void mark(Boolean reaction) {
        if (Boolean.TRUE.equals(reaction)) {
          interruptExit[0] = true;
        } else {
          otherExit[0] = true;
        }
      }

      @Override
      public Void visitIf(IfTree tree, Boolean reaction) {
        scan(tree.getCondition(), reaction);
        boolean checks = isInterruptCheck(TreeFacts.strip(tree.getCondition()), false);
        scan(tree.getThenStatement(), checks || Boolean.TRUE.equals(reaction));
        scan(tree.getElseStatement(), reaction);
        return null;
      }

      @Override
      public Void visitTry(TryTree tree, Boolean reaction) {
        scan(tree.getResources(), reaction);
        boolean catchesInterrupt = false;
        for (CatchTree catchTree : tree.getCatches()) {
          boolean interruptCatch = catchesInterrupt(catchTree, state);
          catchesInterrupt |= interruptCatch;
          scan(catchTree.getBlock(), interruptCatch || Boolean.TRUE.equals(reaction));
        }
        if (!catchesInterrupt) {
          scan(tree.getBlock(), reaction);
        } else {
          // Interrupts inside are caught here; only explicit exits in the block count.
          scanExitsOnly(tree.getBlock(), reaction);
        }
        scan(tree.getFinallyBlock(), reaction);
        return null;
      }

      private void scanExitsOnly(Tree block, Boolean reaction) {
        new TreeScanner<Void, Void>() {
          @Override
          public Void scan(Tree tree, Void unused) {
            if (tree instanceof ClassTree || tree instanceof LambdaExpressionTree) {
              return null;
            }
            if (tree instanceof BreakTree || tree instanceof ReturnTree || tree instanceof ThrowTree) {
              mark(reaction);
            }
            return super.scan(tree, null);
          }
        }.scan(block, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Boolean reaction) {
        if (throwsInterrupted(tree, state)) {
          interruptExit[0] = true;
        }
        return super.visitMethodInvocation(tree, reaction);
      }
    }.scan(body, false);
    return new LoopExits(!otherExit[0], interruptExit[0]);
  }

  /** {@code Thread.currentThread().isInterrupted()} / {@code Thread.interrupted()}, negated if asked. */
  private static boolean isInterruptCheck(ExpressionTree condition, boolean negated) {
    ExpressionTree e = condition;
    if (negated) {
      if (!(e instanceof UnaryTree unary) || unary.getKind() != Tree.Kind.LOGICAL_COMPLEMENT) {
        return false;
      }
      e = TreeFacts.strip(unary.getExpression());
    }
    if (e instanceof MethodInvocationTree call) {
      Symbol sym = ASTHelpers.getSymbol(call);
      return sym != null
          && ExecutorApi.INTERRUPT_QUERIES.contains(sym.getSimpleName().toString())
          && sym.owner.getQualifiedName().contentEquals(TypeNames.THREAD);
    }
    return false;
  }

  private static boolean catchesInterrupt(CatchTree catchTree, VisitorState state) {
    Type interrupted = INTERRUPTED_EXCEPTION_TYPE.get(state);
    Tree type = catchTree.getParameter().getType();
    Iterable<? extends Tree> alternatives =
        type instanceof com.sun.source.tree.UnionTypeTree union ? union.getTypeAlternatives() : List.of(type);
    for (Tree alternative : alternatives) {
      Type caught = ASTHelpers.getType(alternative);
      if (caught != null && interrupted != null && ASTHelpers.isSubtype(interrupted, caught, state)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a call declares {@code InterruptedException}: it returns early on interrupt. */
  public static boolean throwsInterrupted(MethodInvocationTree call, VisitorState state) {
    Symbol sym = ASTHelpers.getSymbol(call);
    Type interrupted = INTERRUPTED_EXCEPTION_TYPE.get(state);
    if (!(sym instanceof Symbol.MethodSymbol method) || interrupted == null) {
      return false;
    }
    for (Type thrown : method.getThrownTypes()) {
      if (ASTHelpers.isSubtype(thrown, interrupted, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The tasks handed to {@code target} (a local or field) for one-shot execution within {@code
   * scope}: {@code target.submit/execute/schedule(task)} and {@code CompletableFuture.runAsync(task,
   * target)}.
   */
  public static List<ExpressionTree> submittedTo(Symbol target, Tree scope, VisitorState state) {
    return submittedTo(target, scope, state, false);
  }

  /**
   * As {@link #submittedTo(Symbol, Tree, VisitorState)}, leaving out tasks whose {@code Future}
   * (from {@code submit/schedule}) is cancelled: {@code cancel(true)} on it interrupts the task, so
   * an interrupt reaches it even when the executor is only shut down gracefully. The future of
   * {@code CompletableFuture.runAsync} is no such handle: its {@code cancel} does not interrupt.
   */
  public static List<ExpressionTree> submittedAndNotCancelled(Symbol target, Tree scope, VisitorState state) {
    return submittedTo(target, scope, state, true);
  }

  private static List<ExpressionTree> submittedTo(
      Symbol target, Tree scope, VisitorState state, boolean skipCancelled) {
    List<ExpressionTree> tasks = new ArrayList<>();
    TreePath scopePath = skipCancelled ? pathTo(scope, state) : null;
    if (scopePath != null) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          Submission submission = submission(call, target, state);
          if (submission != null
              && (!submission.hasFuture()
                  || TaskHandles.of(getCurrentPath(), state, ExecutorApi.TASK_CANCELS).dropped())) {
            tasks.add(submission.task());
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(scopePath, null);
      return tasks;
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Submission submission = submission(call, target, state);
        if (submission != null) {
          tasks.add(submission.task());
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(scope, null);
    return tasks;
  }

  /** A task handed to an executor for one run, and whether the call returns a cancellable {@code Future}. */
  private record Submission(ExpressionTree task, boolean hasFuture) {}

  /**
   * What {@code call} hands to {@code target} for one run: {@code target.submit/execute/schedule(task)}
   * (its future can interrupt the task) or {@code CompletableFuture.runAsync(task, target)} (its
   * future cannot); null for any other call.
   */
  private static Submission submission(MethodInvocationTree call, Symbol target, VisitorState state) {
    if (call.getArguments().isEmpty()) {
      return null;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver != null
        && TreeFacts.sameVariable(receiver, target)
        && ExecutorApi.SUBMIT_ONCE.matches(call, state)) {
      return new Submission(call.getArguments().get(0), true);
    }
    if (call.getArguments().size() == 2
        && TreeFacts.sameVariable(call.getArguments().get(1), target)
        && ExecutorApi.ASYNC_FACTORY.matches(call, state)) {
      return new Submission(call.getArguments().get(0), false);
    }
    return null;
  }

  private static TreePath pathTo(Tree scope, VisitorState state) {
    for (TreePath p = state.getPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() == scope) {
        return p;
      }
    }
    return TreePath.getPath(state.getPath().getCompilationUnit(), scope);
  }
}
