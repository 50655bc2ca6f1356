package dev.leakguard.analysis;

import com.google.errorprone.matchers.Description;
import com.sun.tools.javac.code.Symbol.CompletionFailure;
import java.util.function.Supplier;

/**
 * A class missing from the user's classpath surfaces as a {@link CompletionFailure} when an
 * analysis completes a symbol javac itself never needed. Error Prone turns that into a compile
 * error; a LeakGuard check instead stays silent about the site.
 */
public final class MissingClasspath {
  private MissingClasspath() {}

  public static Description orNoMatch(Supplier<Description> match) {
    try {
      return match.get();
    } catch (CompletionFailure e) {
      return Description.NO_MATCH;
    }
  }
}
