package dev.leakguard.checks;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.fixes.Fix;
import com.google.errorprone.fixes.SuggestedFix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Reads the sources in {@code testdata/src}: the cases the checks' tests compile. Surefire passes
 * the folder in {@code leakguard.testdata}.
 */
final class TestData {
  private TestData() {}

  static final String MAIN = "main/java/dev/leakguard/testdata/";
  static final String BROKEN = "broken/java/dev/leakguard/testdata/";
  static final String JDK21 = "jdk21/java/dev/leakguard/testdata/";

  /** Adds the test-data file {@code testdata/src/<relative>} to a compilation. */
  static CompilationTestHelper add(CompilationTestHelper helper, String relative) {
    return helper.addSourceLines(fileName(relative), lines(relative));
  }

  /**
   * Adds framework or library stubs, named by their path below {@code testdata/src/main/java}
   * (same fully-qualified names as the real types), to a compilation.
   */
  static CompilationTestHelper addStubs(CompilationTestHelper helper, String... paths) {
    for (String path : paths) {
      helper = helper.addSourceLines(path, lines("main/java/" + path));
    }
    return helper;
  }

  /**
   * Chooses the fix after the suppression, which every LeakGuard check offers first; no change when
   * the check offers only the suppression.
   */
  static Fix boundedFix(List<Fix> fixes) {
    return fixes.size() > 1 ? fixes.get(1) : SuggestedFix.emptyFix();
  }

  /** The lines of {@code testdata/src/<relative>}. */
  static String[] lines(String relative) {
    Path path = root().resolve(relative);
    try {
      return Files.readAllLines(path).toArray(new String[0]);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read test data " + path, e);
    }
  }

  /** A file name for the compilation: the path below the package root. */
  static String fileName(String relative) {
    return relative.substring(relative.indexOf("dev/leakguard/"));
  }

  private static Path root() {
    String configured = System.getProperty("leakguard.testdata");
    if (configured == null) {
      throw new IllegalStateException("run the tests through Maven: leakguard.testdata is not set");
    }
    return Paths.get(configured);
  }

  static int javaFeatureVersion() {
    return Runtime.version().feature();
  }
}
