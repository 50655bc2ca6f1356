package dev.leakguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import dev.leakguard.model.ExecutorApi;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * Whether the handle of a started task (its {@code Future}, or its {@code Thread}) is kept where
 * someone can stop or await it: cancelled, awaited ({@code get/join}), bounded ({@code
 * orTimeout/completeOnTimeout}), interrupted, returned to the caller, or handed to other code
 * (unclear, so assumed handled). A handle kept in a local or field that nothing ever stops counts
 * as dropped.
 */
public final class TaskHandles {
  private TaskHandles() {}

  /** The verdict, with the words a message uses. */
  public record Handle(boolean dropped, String how) {
    static final Handle KEPT = new Handle(false, "kept");
  }

  /**
   * The fate of the value {@code path} leads to (a submission call, or a thread expression whose
   * {@code start()} is called), walking up through chained calls.
   */
  public static Handle of(TreePath path, VisitorState state) {
    return of(path, state, ExecutorApi.HANDLE_STOPS);
  }

  /**
   * As {@link #of(TreePath, VisitorState)}, counting only the calls in {@code stops} as stopping
   * the task; other {@link ExecutorApi#HANDLE_STOPS} calls neither stop it nor hand the handle on.
   */
  public static Handle of(TreePath path, VisitorState state, Set<String> stops) {
    TreePath current = path;
    while (true) {
      TreePath parentPath = current.getParentPath();
      if (parentPath == null) {
        return Handle.KEPT;
      }
      Tree parent = parentPath.getLeaf();
      if (parent instanceof ParenthesizedTree || parent instanceof TypeCastTree) {
        current = parentPath;
        continue;
      }
      if (parent instanceof MemberSelectTree select
          && parentPath.getParentPath().getLeaf() instanceof MethodInvocationTree call
          && call.getMethodSelect() == parent) {
        String name = select.getIdentifier().toString();
        if (stops.contains(name)) {
          return Handle.KEPT;
        }
        if (name.equals("start")) {
          // thread.start(): the handle is the thread expression itself, start() returns nothing.
          return fateOfValue(current, state, stops);
        }
        current = parentPath.getParentPath(); // a chained stage: follow what becomes of it
        continue;
      }
      return fateOfValue(current, state, stops);
    }
  }

  private static Handle fateOfValue(TreePath valuePath, VisitorState state, Set<String> stops) {
    Tree value = valuePath.getLeaf();
    TreePath parentPath = valuePath.getParentPath();
    while (parentPath.getLeaf() instanceof ParenthesizedTree) {
      value = parentPath.getLeaf();
      parentPath = parentPath.getParentPath();
    }
    Tree parent = parentPath.getLeaf();
    if (parent instanceof ExpressionStatementTree) {
      return new Handle(true, "is dropped");
    }
    if (parent instanceof MemberSelectTree select && select.getIdentifier().contentEquals("start")) {
      // new Thread(..).start(), or local.start(): the thread expression is the handle.
      ExpressionTree thread = (ExpressionTree) value;
      if (TreeFacts.strip(thread) instanceof NewClassTree) {
        return new Handle(true, "is kept nowhere");
      }
      Symbol.VarSymbol var = TreeFacts.variable(thread);
      return var == null ? Handle.KEPT : fateOfVariable(var, state, stops);
    }
    if (parent instanceof VariableTree variable && variable.getInitializer() == value) {
      Symbol.VarSymbol var = ASTHelpers.getSymbol(variable);
      return var == null ? Handle.KEPT : fateOfVariable(var, state, stops);
    }
    if (parent instanceof AssignmentTree assignment && assignment.getExpression() == value) {
      Symbol.VarSymbol var = TreeFacts.variable(assignment.getVariable());
      return var == null ? Handle.KEPT : fateOfVariable(var, state, stops);
    }
    // Returned, passed on, stored in a collection, compared: someone else can stop it.
    return Handle.KEPT;
  }

  private static Handle fateOfVariable(Symbol.VarSymbol var, VisitorState state, Set<String> stops) {
    Tree scope;
    if (var.getKind() == ElementKind.FIELD) {
      scope = ASTHelpers.findEnclosingNode(state.getPath(), ClassTree.class);
      ClassTree declaring = ExecutorLifecycle.declaringClass(var, state);
      if (declaring == null) {
        return Handle.KEPT;
      }
      scope = declaring;
    } else {
      scope = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    }
    if (scope == null) {
      return Handle.KEPT;
    }
    TreePath scopePath = TreePath.getPath(state.getPath().getCompilationUnit(), scope);
    if (scopePath == null) {
      return Handle.KEPT;
    }
    boolean[] stopped = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        classify(tree);
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
        if (var.equals(ASTHelpers.getSymbol(tree))) {
          classify(tree);
          return null;
        }
        return super.visitMemberSelect(tree, null);
      }

      private void classify(ExpressionTree use) {
        if (!var.equals(ASTHelpers.getSymbol(use))) {
          return;
        }
        TreePath parentPath = getCurrentPath().getParentPath();
        Tree parent = parentPath.getLeaf();
        if (parent instanceof MemberSelectTree select
            && parentPath.getParentPath().getLeaf() instanceof MethodInvocationTree) {
          String name = select.getIdentifier().toString();
          if (stops.contains(name)) {
            stopped[0] = true;
          } else if (ExecutorApi.HANDLE_NEUTRAL.contains(name) || ExecutorApi.HANDLE_STOPS.contains(name)) {
            // neither stops nor hands on
          } else {
            stopped[0] = true; // a chained stage or other call: unclear, assume handled
          }
          return;
        }
        if (parent instanceof AssignmentTree assignment && assignment.getVariable() == use) {
          return;
        }
        if (parent instanceof com.sun.source.tree.BinaryTree) {
          return; // null checks
        }
        stopped[0] = true; // returned, passed on, stored elsewhere: assume its new owner stops it
      }
    }.scan(scopePath, null);
    if (stopped[0]) {
      return Handle.KEPT;
    }
    String name = var.getSimpleName().toString();
    return var.getKind() == ElementKind.FIELD
        ? new Handle(true, "is kept in field '" + name + "' that nothing cancels")
        : new Handle(true, "is kept in '" + name + "' but never cancelled or awaited");
  }

  /** Whether the thread held by a local is made a daemon before it starts. */
  public static boolean isDaemonThread(ExpressionTree thread, VisitorState state) {
    if (TreeFacts.strip(thread) instanceof NewClassTree creation && daemonByConstruction(creation, state)) {
      return true;
    }
    Symbol.VarSymbol var = TreeFacts.variable(thread);
    MethodTree method = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    if (var == null || method == null) {
      return false;
    }
    VariableTree declaration = LocalDeclarations.find(var, state.getPath());
    if (declaration != null
        && TreeFacts.strip(declaration.getInitializer()) instanceof NewClassTree creation
        && daemonByConstruction(creation, state)) {
      return true;
    }
    boolean[] daemon = new boolean[1];
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (ExecutorApi.SET_DAEMON.matches(call, state)
            && TreeFacts.sameVariable(ASTHelpers.getReceiver(call), var)
            && !call.getArguments().isEmpty()
            && Boolean.TRUE.equals(ASTHelpers.constValue(call.getArguments().get(0)))) {
          daemon[0] = true;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(method, null);
    return daemon[0];
  }

  /**
   * Whether the thread class being instantiated makes itself a daemon: a {@code Thread} subclass
   * (named, with visible source, or anonymous) whose constructor or initializer calls {@code
   * setDaemon(true)} on itself.
   */
  private static boolean daemonByConstruction(NewClassTree creation, VisitorState state) {
    Tree classTree = creation.getClassBody();
    if (classTree == null) {
      Symbol constructor = ASTHelpers.getSymbol(creation);
      if (constructor == null || !(constructor.owner instanceof Symbol.ClassSymbol threadClass)) {
        return false;
      }
      classTree = TreeFacts.declaration(threadClass, state) instanceof ClassTree c ? c : null;
      if (classTree == null) {
        return false; // not from source
      }
    }
    if (!(classTree instanceof ClassTree body)) {
      return false;
    }
    boolean[] daemon = new boolean[1];
    for (Tree member : body.getMembers()) {
      boolean construction =
          (member instanceof MethodTree m && m.getName().contentEquals("<init>"))
              || (member instanceof com.sun.source.tree.BlockTree block && !block.isStatic());
      if (!construction) {
        continue;
      }
      new com.sun.source.util.TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          ExpressionTree receiver = ASTHelpers.getReceiver(call);
          if (ExecutorApi.SET_DAEMON.matches(call, state)
              && TreeFacts.isThisOrImplicit(receiver)
              && !call.getArguments().isEmpty()
              && Boolean.TRUE.equals(ASTHelpers.constValue(call.getArguments().get(0)))) {
            daemon[0] = true;
          }
          return super.visitMethodInvocation(call, null);
        }

        @Override
        public Void visitClass(ClassTree nested, Void unused) {
          return null; // another class's setDaemon
        }

        @Override
        public Void visitLambdaExpression(com.sun.source.tree.LambdaExpressionTree lambda, Void unused) {
          return null; // runs later, if at all
        }
      }.scan(member, null);
    }
    return daemon[0];
  }
}
