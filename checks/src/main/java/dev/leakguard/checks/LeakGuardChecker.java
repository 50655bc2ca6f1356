package dev.leakguard.checks;

import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import dev.leakguard.config.LeakGuardOptions;
import dev.leakguard.config.LeakGuardOptions.OptionError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What every LeakGuard check shares: options read once from {@link ErrorProneFlags}, and bad
 * option values reported as one compile error naming the option instead of a javac crash.
 *
 * <p>Each check reports the errors in its own options ({@code <CheckName>:...}); {@link
 * BlockingCallWithoutTimeout} also reports those in the shared {@code LeakGuard:...} options.
 */
public abstract class LeakGuardChecker extends BugChecker implements CompilationUnitTreeMatcher {
  private final LeakGuardOptions options;
  private final String optionErrors;
  // Per checker instance, which lives for one compilation: report the error once, not per file.
  private boolean optionErrorsReported;

  protected LeakGuardChecker(ErrorProneFlags flags, boolean reportsSharedOptions) {
    this.options = LeakGuardOptions.from(flags);
    List<OptionError> mine = options.errorsFor(canonicalName() + ":");
    if (reportsSharedOptions) {
      mine = new java.util.ArrayList<>(mine);
      mine.addAll(options.errorsFor(LeakGuardOptions.SHARED_PREFIX));
    }
    this.optionErrors =
        mine.isEmpty() ? null : mine.stream().map(OptionError::message).collect(Collectors.joining("\n"));
  }

  protected final LeakGuardOptions options() {
    return options;
  }

  /** Subclasses that match compilation units too must call this first and return a match it gives. */
  // A bad option must fail the build whatever severity the user gave the check, hence the override.
  @SuppressWarnings("RestrictedApi")
  @Override
  public Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    if (optionErrors == null || optionErrorsReported) {
      return Description.NO_MATCH;
    }
    optionErrorsReported = true;
    return buildDescription(tree)
        .setMessage(optionErrors)
        .overrideSeverity(SeverityLevel.ERROR)
        .build();
  }
}
