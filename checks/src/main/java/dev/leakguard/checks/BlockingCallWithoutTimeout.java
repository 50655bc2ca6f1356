package dev.leakguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.leakguard.analysis.BlockingCalls;
import dev.leakguard.analysis.InterruptedTasks;
import dev.leakguard.analysis.KnownCompletion;
import dev.leakguard.analysis.LoopExits;
import dev.leakguard.analysis.MissingClasspath;
import dev.leakguard.analysis.PrimitiveWaits;
import dev.leakguard.analysis.TimedAlternative;
import dev.leakguard.analysis.Ownership;
import dev.leakguard.analysis.TestTimeouts;
import dev.leakguard.analysis.TreeFacts;
import dev.leakguard.fixes.BoundedWaitFixes;
import dev.leakguard.model.BlockingApi;
import dev.leakguard.model.BlockingFamily;
import dev.leakguard.model.BlockingMethod;
import dev.leakguard.model.ReceiveMethod;
import java.util.Set;
import javax.inject.Inject;

/**
 * Flags a call that can park its thread forever where a bounded form exists: {@code
 * BlockingQueue.take()}, {@code Future.get()}, {@code CountDownLatch.await()} and the rest of {@link
 * dev.leakguard.model.BlockingApi#METHODS}, on the declared type or any subtype, and method
 * references to them.
 *
 * <p>Not flagged: a wait on a future known to be complete there (see {@link KnownCompletion});
 * a receive inside a drain loop or drain stream (QueueDrainWithoutExit judges its exits, see
 * {@link LoopExits}); a receive on a queue field whose owner ends it (a lifecycle or {@code
 * @ClosedBy} method posts a sentinel or terminal marker into it);
 * an interruptible wait in a task submitted to an executor its owner ends with {@code
 * shutdownNow()} (see {@link InterruptedTasks}) or under a test timeout that interrupts it (see
 * {@link TestTimeouts});
 * a call inside a method that itself implements a blocking API method (a forwarding queue's {@code
 * take()}), whose callers are the sites to check; a wait that implements a primitive written in
 * its own class, or that the class's stop path wakes (see {@link PrimitiveWaits}); API families
 * switched off by option.
 *
 * <p>The first fix offered adds {@code @SuppressWarnings}; the second, where one compiles and keeps a
 * timeout visible, rewrites the call to its timed twin.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "A blocking call with no timeout can park its thread forever",
    explanation =
        "If the event it waits for never happens (a producer died, a task hung, a permit leaked),"
            + " the thread stays blocked forever along with everything it references. Use the"
            + " timed twin and decide what a timeout means.",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.BASE + "BlockingCallWithoutTimeout.md")
public final class BlockingCallWithoutTimeout extends LeakGuardChecker
    implements MethodInvocationTreeMatcher, MemberReferenceTreeMatcher {

  private final BlockingCalls blockingCalls;
  private final BoundedWaitFixes fixes;

  /** For the {@link java.util.ServiceLoader}, which requires it; Error Prone uses the other one. */
  public BlockingCallWithoutTimeout() {
    this(ErrorProneFlags.empty());
  }

  /** Reads the options once; Error Prone calls this constructor with the compilation's flags. */
  @Inject
  public BlockingCallWithoutTimeout(ErrorProneFlags flags) {
    super(flags, /* reportsSharedOptions= */ true);
    this.blockingCalls = new BlockingCalls(m -> options().blockingFamilies().contains(m.family()));
    this.fixes = new BoundedWaitFixes(options().defaultTimeout());
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return MissingClasspath.orNoMatch(() -> matchCall(tree, state));
  }

  @Override
  public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
    return MissingClasspath.orNoMatch(() -> matchReference(tree, state));
  }

  private Description matchCall(MethodInvocationTree tree, VisitorState state) {
    BlockingMethod method = blockingCalls.find(tree, state);
    if (method == null || isExempt(tree, method, state)) {
      return Description.NO_MATCH;
    }
    Description.Builder description = buildDescription(tree).setMessage(message(method));
    description.addFix(fixes.suppress(state, canonicalName()));
    fixes.boundedRewrite(tree, method, state).ifPresent(description::addFix);
    return description.build();
  }

  private Description matchReference(MemberReferenceTree tree, VisitorState state) {
    BlockingMethod method = blockingCalls.find(tree, state);
    if (method == null || method.isStatic()) {
      return Description.NO_MATCH;
    }
    if (tree.getMode() == MemberReferenceTree.ReferenceMode.INVOKE
        && method.family() == BlockingFamily.FUTURE) {
      ExpressionTree qualifier = tree.getQualifierExpression();
      boolean unbound = ASTHelpers.getSymbol(qualifier) instanceof com.sun.tools.javac.code.Symbol.TypeSymbol;
      if (unbound) {
        // CompletableFuture::join applied to each element of a collection.
        ExpressionTree collection =
            KnownCompletion.iteratedCollection(state.getPath().getParentPath());
        if (collection != null && KnownCompletion.areAllComplete(collection, state.getPath(), state)) {
          return Description.NO_MATCH;
        }
      } else if (KnownCompletion.isComplete(qualifier, state.getPath(), state)) {
        return Description.NO_MATCH;
      }
    }
    if (blocksByContract(state)
        || (method.family() == BlockingFamily.QUEUE && isReceiveWithWakePath(state))
        || interruptedByTaskOwner(method, state)) {
      return Description.NO_MATCH;
    }
    return buildDescription(tree)
        .setMessage(message(method))
        .addFix(fixes.suppress(state, canonicalName()))
        .build();
  }

  private static boolean isExempt(
      MethodInvocationTree tree, BlockingMethod method, VisitorState state) {
    ExpressionTree future = method.family() == BlockingFamily.FUTURE ? waitedOn(tree, method) : null;
    if (method.family() == BlockingFamily.QUEUE && isReceiveWithWakePath(state)) {
      return true;
    }
    if (future != null
        && (KnownCompletion.isComplete(future, state.getPath(), state)
            || KnownCompletion.isTimeBounded(future, state.getPath()))) {
      return true;
    }
    return blocksByContract(state)
        || PrimitiveWaits.implementsPrimitive(tree, method, state)
        || TimedAlternative.inOtherBranch(tree, method, state)
        || interruptedByTaskOwner(method, state);
  }

  /**
   * A wait an interrupt ends, in a task submitted to an executor its owner shuts down with {@code
   * shutdownNow()} ({@code exec.submit(() -> replies.take())} with {@code exec.shutdownNow()} in
   * {@code close()}), or under a test timeout that interrupts the test ({@code @Timeout}, {@code
   * assertTimeoutPreemptively}): something bounded wakes the thread.
   */
  private static boolean interruptedByTaskOwner(BlockingMethod method, VisitorState state) {
    return BlockingApi.endsOnInterrupt(method)
        && (InterruptedTasks.runsInTaskItsOwnerInterrupts(state.getPath(), state)
            || TestTimeouts.interruptsOnTimeout(state.getPath(), state));
  }

  /**
   * One warning per problem: a receive inside a drain loop (or drain stream) is judged by {@link
   * LoopExits} — correct when the loop has an exit, reported by QueueDrainWithoutExit when not. A
   * receive on a queue field whose owner ends it (a lifecycle or {@code @ClosedBy} method posts a
   * sentinel or terminal marker into it) has a wake path.
   */
  private static boolean isReceiveWithWakePath(VisitorState state) {
    ExpressionTree receive = (ExpressionTree) state.getPath().getLeaf();
    ReceiveMethod method = LoopExits.receiveOf(receive, state);
    if (method == null) {
      return false;
    }
    if (LoopExits.isInConsumerLoop(state.getPath(), state)) {
      return true;
    }
    Symbol.VarSymbol queue = TreeFacts.variable(LoopExits.queueOf(receive, method));
    ClassTree owner = Ownership.declaringClass(queue, state.getPath());
    if (owner == null) {
      return false;
    }
    Set<Ownership.EndAction> actions = Ownership.endingByOwner(queue, owner, state).actions();
    return actions.contains(Ownership.EndAction.POSTS_SENTINEL);
  }

  private static boolean blocksByContract(VisitorState state) {
    TreePath methodPath = TreeFacts.enclosingMethod(state.getPath());
    return methodPath != null
        && BlockingCalls.blocksByContract((MethodTree) methodPath.getLeaf(), state);
  }

  /** What the call waits on: its receiver, or the first argument of a static helper. */
  private static ExpressionTree waitedOn(MethodInvocationTree tree, BlockingMethod method) {
    return method.isStatic()
        ? (tree.getArguments().isEmpty() ? null : tree.getArguments().get(0))
        : ASTHelpers.getReceiver(tree);
  }


  static String message(BlockingMethod method) {
    return String.format(
        "%s.%s() parks this thread until %s, forever if that never happens; use %s and handle the"
            + " timeout",
        method.ownerSimpleName(), method.name(), method.awaits(), method.boundedForm());
  }
}
