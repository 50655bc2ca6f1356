package dev.leakguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.DoWhileLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.EnhancedForLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.ForLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.WhileLoopTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.leakguard.analysis.LoopExits;
import dev.leakguard.analysis.MissingClasspath;
import dev.leakguard.analysis.Publishers;
import dev.leakguard.analysis.TreeFacts;
import dev.leakguard.fixes.BoundedWaitFixes;
import dev.leakguard.fixes.DrainLoopFixes;
import dev.leakguard.model.BlockingApi;
import dev.leakguard.model.DrainApi;
import dev.leakguard.model.ReceiveMethod;
import dev.leakguard.model.TypeNames;
import javax.inject.Inject;

/**
 * Flags consumers that nobody can end: drain loops (loops whose body receives from a queue, {@link
 * BlockingApi#RECEIVES}) and drain streams ({@code Stream.generate(() -> q.take())}) that no exit
 * can ever leave while the thread is parked; iterations over a {@code BlockingQueue} used as a
 * consumer loop; and {@code SubmissionPublisher}s that are never closed. The loop analysis is
 * {@link LoopExits}.
 *
 * <p>Flagged: no break/return/throw leaves the loop and an interrupt does not either; the loop
 * catches the receive's {@code InterruptedException} and goes on (its own message); a stop flag
 * in the condition while the loop blocks in an untimed receive and nothing that sets the flag also
 * wakes the thread; a drain loop over a {@code @ClosedBy} queue without the exit its owner's ending
 * needs; {@code for (E e : queue)}, {@code queue.forEach(..)}, {@code queue.stream()} that consume
 * (they, or the statement after them, remove from or clear the queue); an owned {@code SubmissionPublisher} (created
 * here, {@code @Owning}, or returned by a {@code @MustBeClosed}/{@code @Owning} method) that no code
 * closes and that is not handed on.
 *
 * <p>Not flagged: loops with a poison-pill check that leaves them, loops whose {@code
 * InterruptedException} propagates out, interrupt-aware loops ({@code isInterrupted()} in the
 * condition and the interrupt restored), timed {@code poll} loops re-checking a flag, flags set
 * together with an interrupt/{@code shutdownNow()}/sentinel, loops with other conditions (counted
 * loops, {@code !queue.isEmpty()}), iterations that only inspect a queue, publishers that are
 * returned, stored or passed on.
 *
 * <p>The first fix offered adds {@code @SuppressWarnings}. Where one compiles and keeps meaning, a
 * second one restores the interrupt and leaves the loop in a swallowing catch, or turns an untimed
 * {@code take()} under a stop flag into a timed {@code poll} that re-checks the flag.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "A queue consumer that no exit can end parks its thread forever",
    explanation =
        "A consumer loop over a BlockingQueue ends only when its thread can leave the loop: on a"
            + " poison pill, on an interrupt, or on a flag that is re-checked. When none of these"
            + " can happen, the consumer thread (and everything it references) outlives its owner.",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.BASE + "QueueDrainWithoutExit.md")
public final class QueueDrainWithoutExit extends LeakGuardChecker
    implements WhileLoopTreeMatcher,
        DoWhileLoopTreeMatcher,
        ForLoopTreeMatcher,
        EnhancedForLoopTreeMatcher,
        MethodInvocationTreeMatcher,
        VariableTreeMatcher {

  private static final Supplier<Type> BASE_STREAM =
      VisitorState.memoize(state -> state.getTypeFromString(TypeNames.BASE_STREAM));
  private static final Supplier<Type> BLOCKING_QUEUE =
      VisitorState.memoize(state -> state.getTypeFromString(TypeNames.BLOCKING_QUEUE));

  private final BoundedWaitFixes suppressions;
  private final DrainLoopFixes fixes;

  /** For the {@link java.util.ServiceLoader}, which requires it; Error Prone uses the other one. */
  public QueueDrainWithoutExit() {
    this(ErrorProneFlags.empty());
  }

  /** Reads the options once; Error Prone calls this constructor with the compilation's flags. */
  @Inject
  public QueueDrainWithoutExit(ErrorProneFlags flags) {
    super(flags, /* reportsSharedOptions= */ false);
    this.suppressions = new BoundedWaitFixes(options().defaultTimeout());
    this.fixes = new DrainLoopFixes(options().defaultTimeout());
  }

  // --- Drain loops -----------------------------------------------------------------------------

  @Override
  public Description matchWhileLoop(WhileLoopTree tree, VisitorState state) {
    return matchLoop(state);
  }

  @Override
  public Description matchDoWhileLoop(DoWhileLoopTree tree, VisitorState state) {
    return matchLoop(state);
  }

  @Override
  public Description matchForLoop(ForLoopTree tree, VisitorState state) {
    return matchLoop(state);
  }

  @Override
  public Description matchEnhancedForLoop(EnhancedForLoopTree tree, VisitorState state) {
    return MissingClasspath.orNoMatch(
        () -> {
          if (isBlockingQueue(tree.getExpression(), state)
              && consumes(tree.getExpression(), tree.getStatement(), state)) {
            return describe(tree, Messages.iteration("for (E e : queue)"), state);
          }
          return matchLoop(state);
        });
  }

  private Description matchLoop(VisitorState state) {
    return MissingClasspath.orNoMatch(
        () -> {
          LoopExits.Result result = LoopExits.analyze(state.getPath(), state);
          if (result == null || result.verdict() == LoopExits.Verdict.INNER_LOOP_NEVER_ENDS) {
            return Description.NO_MATCH;
          }
          String receive = result.mainReceive().method().name();
          Description.Builder description;
          switch (result.verdict()) {
            case SWALLOWS_INTERRUPT -> {
              description = builder(result.loop(), Messages.swallowsInterrupt(receive), state);
              fixes.leaveOnInterrupt(result, state).ifPresent(description::addFix);
              return description.build();
            }
            case FLAG_CANNOT_WAKE -> {
              String flag = result.flags().get(0).getSimpleName().toString();
              description = builder(result.loop(), Messages.flagCannotWake(flag, receive), state);
              fixes.timedPollUnderFlag(result, state).ifPresent(description::addFix);
              return description.build();
            }
            case NO_EXIT -> {
              return describe(result.loop(), Messages.noExit(receive), state);
            }
            default -> {
              LoopExits.OwnerMismatch mismatch = LoopExits.ownerMismatch(result, state);
              if (mismatch == null) {
                return Description.NO_MATCH;
              }
              return describe(
                  result.loop(),
                  mismatch.sentinel() == null
                      ? Messages.closedByInterrupt(mismatch.queue().getSimpleName().toString(), mismatch.member())
                      : Messages.closedBySentinel(
                          mismatch.queue().getSimpleName().toString(),
                          mismatch.member(),
                          state.getSourceForNode(mismatch.sentinel()),
                          receive),
                  state);
            }
          }
        });
  }

  // --- Drain streams and queue views -----------------------------------------------------------

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return MissingClasspath.orNoMatch(
        () -> {
          Symbol.MethodSymbol method = ASTHelpers.getSymbol(tree);
          if (method == null) {
            return Description.NO_MATCH;
          }
          String name = method.getSimpleName().toString();
          if ((name.equals("generate") || name.equals("iterate"))
              && DrainApi.INFINITE_GENERATOR.matches(tree, state)) {
            return matchDrainStream(tree, state);
          }
          if ((name.equals("forEach") || name.endsWith("tream"))
              && DrainApi.NON_DRAINING_VIEW.matches(tree, state)) {
            ExpressionTree queue = ASTHelpers.getReceiver(tree);
            if (queue != null && consumes(queue, tree, state)) {
              return describe(tree, Messages.iteration("queue." + name + "(..)"), state);
            }
          }
          return Description.NO_MATCH;
        });
  }

  private Description matchDrainStream(MethodInvocationTree generate, VisitorState state) {
    ExpressionTree generator = generate.getArguments().get(generate.getArguments().size() - 1);
    ReceiveMethod receive = null;
    if (generator instanceof MemberReferenceTree reference) {
      receive = LoopExits.receiveOf(reference, state);
      if (receive == null) {
        return Description.NO_MATCH;
      }
    } else if (generator instanceof LambdaExpressionTree lambda) {
      GeneratorFacts facts = GeneratorFacts.of(lambda, state);
      if (facts.receive == null || facts.canFail) {
        return Description.NO_MATCH;
      }
      receive = facts.receive;
    } else {
      return Description.NO_MATCH;
    }
    // Follow the pipeline: generate(..).a(..).b(..); a short-circuiting stage ends it.
    TreePath p = state.getPath();
    boolean terminal = false;
    while (p.getParentPath() != null
        && p.getParentPath().getLeaf() instanceof MemberSelectTree select
        && p.getParentPath().getParentPath() != null
        && p.getParentPath().getParentPath().getLeaf() instanceof MethodInvocationTree stage) {
      String stageName = select.getIdentifier().toString();
      if (DrainApi.SHORT_CIRCUITING_STAGES.contains(stageName)) {
        return Description.NO_MATCH;
      }
      Type type = ASTHelpers.getType(stage);
      terminal = type == null || !isStream(type, state);
      p = p.getParentPath().getParentPath();
    }
    if (!terminal) {
      return Description.NO_MATCH; // the stream is handed on; its user may limit it
    }
    return describe(generate, Messages.drainStream(receive.name()), state);
  }

  private static boolean isStream(Type type, VisitorState state) {
    Type base = BASE_STREAM.get(state);
    return base != null && ASTHelpers.isSubtype(state.getTypes().erasure(type), state.getTypes().erasure(base), state);
  }

  /** What a generator lambda does: whether it receives, and whether it can throw to end the stream. */
  private static final class GeneratorFacts {
    ReceiveMethod receive;
    boolean canFail;

    static GeneratorFacts of(LambdaExpressionTree lambda, VisitorState state) {
      GeneratorFacts facts = new GeneratorFacts();
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
          ReceiveMethod r = LoopExits.receiveOf(tree, state);
          if (r != null && facts.receive == null) {
            facts.receive = r;
          }
          return super.visitMethodInvocation(tree, null);
        }

        @Override
        public Void visitThrow(com.sun.source.tree.ThrowTree tree, Void unused) {
          facts.canFail = true; // an exception ends the stream
          return super.visitThrow(tree, null);
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
          return tree == lambda ? super.visitLambdaExpression(tree, null) : null;
        }

        @Override
        public Void visitClass(ClassTree tree, Void unused) {
          return null;
        }
      }.scan(lambda, null);
      return facts;
    }
  }

  /**
   * Whether an iteration over {@code queue} consumes it: it removes from or clears the queue in its
   * body, or the next statement does. An iteration that only reads (logging, counting, a monitor
   * that re-reads the queue in a loop) is not a consumer.
   */
  private static boolean consumes(ExpressionTree queue, Tree body, VisitorState state) {
    Symbol.VarSymbol queueVariable = TreeFacts.variable(queue);
    if (queueVariable == null) {
      return false;
    }
    if (removesWhatItVisits(body, queueVariable)) {
      return true;
    }
    // The statement after the iteration clears what was "consumed".
    TreePath statementPath = state.getPath();
    while (statementPath != null && !(statementPath.getLeaf() instanceof StatementTree)) {
      statementPath = statementPath.getParentPath();
    }
    if (statementPath != null && statementPath.getParentPath().getLeaf() instanceof BlockTree block) {
      int index = block.getStatements().indexOf(statementPath.getLeaf());
      if (index >= 0
          && index + 1 < block.getStatements().size()
          && block.getStatements().get(index + 1) instanceof ExpressionStatementTree next
          && TreeFacts.callsOn(next, queueVariable, DrainApi.CONSUMING_QUEUE_METHODS)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the iteration's body consumes the queue: a consuming call on it, except a selective
   * removal made only under a condition ({@code if (t.isCancelled()) queue.remove(t);}), which
   * purges some elements and leaves the rest to the queue's consumer.
   */
  private static boolean removesWhatItVisits(Tree body, Symbol.VarSymbol queue) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Boolean>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Boolean conditional) {
        Symbol.MethodSymbol method = ASTHelpers.getSymbol(call);
        if (method != null
            && TreeFacts.sameVariable(ASTHelpers.getReceiver(call), queue)) {
          String name = method.getSimpleName().toString();
          boolean selective =
              DrainApi.SELECTIVE_REMOVALS.contains(name) && !call.getArguments().isEmpty();
          if (DrainApi.CONSUMING_QUEUE_METHODS.contains(name) && !(selective && conditional)) {
            found[0] = true;
          }
        }
        return super.visitMethodInvocation(call, conditional);
      }

      @Override
      public Void visitIf(com.sun.source.tree.IfTree tree, Boolean conditional) {
        scan(tree.getCondition(), conditional);
        scan(tree.getThenStatement(), true);
        scan(tree.getElseStatement(), true);
        return null;
      }

      @Override
      public Void visitConditionalExpression(
          com.sun.source.tree.ConditionalExpressionTree tree, Boolean conditional) {
        scan(tree.getCondition(), conditional);
        scan(tree.getTrueExpression(), true);
        scan(tree.getFalseExpression(), true);
        return null;
      }

      @Override
      public Void visitCase(com.sun.source.tree.CaseTree tree, Boolean conditional) {
        return super.visitCase(tree, true);
      }
    }.scan(body, false);
    return found[0];
  }

  private static boolean isBlockingQueue(ExpressionTree expression, VisitorState state) {
    Type type = ASTHelpers.getType(expression);
    Type queue = BLOCKING_QUEUE.get(state);
    return type != null
        && queue != null
        && ASTHelpers.isSubtype(state.getTypes().erasure(type), state.getTypes().erasure(queue), state);
  }

  // --- SubmissionPublisher ---------------------------------------------------------------------

  @Override
  public Description matchVariable(VariableTree tree, VisitorState state) {
    return MissingClasspath.orNoMatch(
        () -> {
          Symbol.VarSymbol symbol = ASTHelpers.getSymbol(tree);
          if (symbol == null || !Publishers.isPublisher(symbol.type, state)) {
            return Description.NO_MATCH;
          }
          return Publishers.neverClosed(tree, symbol, state)
              ? describe(tree, Messages.publisherNeverClosed(symbol.getSimpleName().toString()), state)
              : Description.NO_MATCH;
        });
  }

  // --- Reporting -------------------------------------------------------------------------------

  private Description.Builder builder(Tree tree, String message, VisitorState state) {
    return buildDescription(tree)
        .setMessage(message)
        .addFix(suppressions.suppress(state, canonicalName()));
  }

  private Description describe(Tree tree, String message, VisitorState state) {
    return builder(tree, message, state).build();
  }

  /** The messages: what can hang, and how to fix it. */
  static final class Messages {
    private Messages() {}

    static String noExit(String receive) {
      return String.format(
          "This drain loop can never end: no break, return or throw leaves it and an interrupt does"
              + " not either, so its thread stays parked in %s() once producers stop; leave the loop"
              + " on a poison pill (if (e == POISON) break;) or let InterruptedException end it",
          receive);
    }

    static String swallowsInterrupt(String receive) {
      return String.format(
          "This drain loop cannot be cancelled: it catches the InterruptedException of %s() and"
              + " goes on, so interrupting its thread (shutdownNow(), cancel(true)) never ends it and"
              + " nothing else leaves the loop; in the catch, restore the interrupt and leave the loop"
              + " (Thread.currentThread().interrupt(); break;), or let the exception propagate",
          receive);
    }

    static String flagCannotWake(String flag, String receive) {
      return String.format(
          "This drain loop cannot be stopped: setting '%s' cannot wake a thread parked in the"
              + " untimed %s(), and nothing that sets it interrupts the thread, shuts its executor"
              + " down with shutdownNow() or posts a sentinel; poll with a timeout and re-check the"
              + " flag, or interrupt the thread (or post a poison pill) where the flag is set",
          flag, receive);
    }

    static String closedBySentinel(String queue, String member, String sentinel, String receive) {
      return String.format(
          "This drain loop never leaves on the sentinel its owner posts: '%s' is"
              + " @ClosedBy(\"%s\"), which posts %s, but the loop does not stop on it, so the"
              + " thread processes the sentinel and parks again in %s(); break (or return) when the"
              + " received element is %s",
          queue, member, sentinel, receive, sentinel);
    }

    static String closedByInterrupt(String queue, String member) {
      return String.format(
          "This drain loop ignores how its owner ends it: '%s' is @ClosedBy(\"%s\"), which"
              + " interrupts the consumer, but an interrupt does not leave this loop; let"
              + " InterruptedException end the loop (restore the interrupt and break)",
          queue, member);
    }

    static String iteration(String form) {
      return String.format(
          "%s neither removes a BlockingQueue's elements nor waits for new ones: used as a"
              + " consumer it misses elements added meanwhile, sees others twice and stops whenever"
              + " the queue is momentarily empty; drain with drainTo(batch), or take()/poll(timeout,"
              + " unit) in a loop with an exit",
          form);
    }

    static String drainStream(String receive) {
      return String.format(
          "This stream generated from %s() never ends: no short-circuiting stage (takeWhile, limit,"
              + " findFirst, anyMatch) stops it and its generator cannot fail, so its thread stays"
              + " parked once producers stop; add takeWhile(e -> e != POISON), or drain in a loop"
              + " with an exit",
          receive);
    }

    static String publisherNeverClosed(String name) {
      return String.format(
          "SubmissionPublisher '%s' is never closed: every consume(..) future and subscriber waits"
              + " forever for onComplete; call close() (or closeExceptionally(e)) when publishing"
              + " ends, in a finally or try-with-resources, or in the owner's close()",
          name);
    }
  }
}
