package dev.leakguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.leakguard.analysis.MissingClasspath;
import dev.leakguard.analysis.Ownership;

/**
 * Verifies {@code @ClosedBy("member")}: the member must be a no-argument method of the field's
 * class, and it must really end the field — post a sentinel into it, interrupt its consumer
 * (directly, by {@code shutdownNow()} or {@code cancel(true)}), or call {@code
 * shutdown}/{@code shutdownNow}/{@code close}/{@code closeExceptionally} on it — itself or through
 * the methods of the class it calls.
 *
 * <p>Not flagged: a member inherited from a superclass whose body is not in this compilation (it
 * exists; what it does cannot be seen).
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "@ClosedBy names a member that does not exist or does not end the field",
    explanation =
        "LeakGuard trusts @ClosedBy to know who ends a queue, executor or publisher; a wrong name"
            + " hides exactly the leak the annotation promises is handled.",
    severity = ERROR,
    linkType = CUSTOM,
    link = Docs.BASE + "ClosedByMismatch.md")
public final class ClosedByMismatch extends BugChecker implements VariableTreeMatcher {

  @Override
  public Description matchVariable(VariableTree tree, VisitorState state) {
    return MissingClasspath.orNoMatch(
        () -> {
          Symbol.VarSymbol field = ASTHelpers.getSymbol(tree);
          String member = Ownership.closedBy(field);
          if (member == null
              || state.getPath().getParentPath() == null
              || !(state.getPath().getParentPath().getLeaf() instanceof ClassTree owner)) {
            return Description.NO_MATCH;
          }
          String fieldName = field.getSimpleName().toString();
          MethodTree method = Ownership.findNoArgMethod(owner, member);
          if (method == null) {
            if (inherited(field, member, state)) {
              return Description.NO_MATCH;
            }
            return describe(
                tree,
                takesArguments(owner, member)
                    ? String.format(
                        "@ClosedBy(\"%s\") on '%s' names a method that takes arguments; name a"
                            + " no-argument method of %s that ends '%s' (posts its sentinel, interrupts its"
                            + " consumer, shuts it down or closes it)",
                        member, fieldName, owner.getSimpleName(), fieldName)
                    : String.format(
                        "@ClosedBy(\"%s\") on '%s' names nothing: %s has no no-argument method %s();"
                            + " add it, or name the method that ends '%s'",
                        member, fieldName, owner.getSimpleName(), member, fieldName),
                state);
          }
          if (!Ownership.endingOf(field, method, owner, state).endsIt()) {
            return describe(
                tree,
                String.format(
                    "@ClosedBy(\"%s\") on '%s' names %s(), which does not end it: it neither posts a"
                        + " sentinel into it, interrupts its consumer, calls shutdown/shutdownNow/close"
                        + " on it, nor joins it, so whatever waits on '%s' is never woken;"
                        + " make %s() end it, or name the method that does",
                    member, fieldName, member, fieldName, member),
                state);
          }
          return Description.NO_MATCH;
        });
  }

  private Description describe(Tree tree, String message, VisitorState state) {
    SuggestedFix suppress = SuggestedFixes.addSuppressWarnings(state, canonicalName());
    return buildDescription(tree)
        .setMessage(message)
        .addFix(suppress == null ? SuggestedFix.emptyFix() : suppress)
        .build();
  }

  private static boolean takesArguments(ClassTree owner, String member) {
    for (Tree m : owner.getMembers()) {
      if (m instanceof MethodTree method && method.getName().contentEquals(member)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a superclass declares a no-argument method of that name (its body is not ours to see). */
  private static boolean inherited(Symbol.VarSymbol field, String member, VisitorState state) {
    Symbol.ClassSymbol owner = field.enclClass();
    if (owner == null) {
      return false;
    }
    for (Type supertype : state.getTypes().closure(owner.type)) {
      if (supertype.tsym == null || supertype.tsym.equals(owner)) {
        continue;
      }
      // The ASTHelpers wrapper: Symbol.getEnclosedElements changed its binary signature across JDKs.
      for (Symbol symbol : ASTHelpers.getEnclosedElements(supertype.tsym)) {
        if (symbol instanceof Symbol.MethodSymbol method
            && method.getSimpleName().contentEquals(member)
            && method.getParameters().isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }
}
