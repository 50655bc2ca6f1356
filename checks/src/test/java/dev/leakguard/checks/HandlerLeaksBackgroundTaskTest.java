package dev.leakguard.checks;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.Assert.assertThrows;
import static org.junit.Assume.assumeTrue;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.InvalidCommandLineOptionException;
import com.sun.tools.javac.main.Main.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public final class HandlerLeaksBackgroundTaskTest {
  private static final String HANDLER = TestData.MAIN + "handler/";

  /** The framework stubs: testdata/src/main/java/{javax,jakarta,org,io}/... */
  private static final List<String> STUB_ROOTS = List.of("javax", "jakarta", "org", "io");

  private CompilationTestHelper helper() {
    CompilationTestHelper h =
        CompilationTestHelper.newInstance(HandlerLeaksBackgroundTask.class, getClass());
    for (String stub : stubs()) {
      h = h.addSourceLines(stub.substring("main/java/".length()), TestData.lines(stub));
    }
    return h.addSourceLines(
        TestData.fileName(HANDLER + "GreeterGrpc.java"), TestData.lines(HANDLER + "GreeterGrpc.java"));
  }

  private static List<String> stubs() {
    Path main = Paths.get(System.getProperty("leakguard.testdata"));
    try {
      List<String> all = new java.util.ArrayList<>();
      for (String root : STUB_ROOTS) {
        try (Stream<Path> files = Files.walk(main.resolve("main/java").resolve(root))) {
          all.addAll(
              files
                  .filter(p -> p.toString().endsWith(".java"))
                  .map(p -> main.relativize(p).toString().replace('\\', '/'))
                  .sorted()
                  .collect(Collectors.toList()));
        }
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CompilationTestHelper withTestData(CompilationTestHelper h, String relative) {
    return h.addSourceLines(TestData.fileName(relative), TestData.lines(relative));
  }

  // --- Identification ------------------------------------------------------------------------

  @Test
  public void flagsLeakingHandlersOfEveryFramework() {
    withTestData(helper(), HANDLER + "HandlersFlagged.java").doTest();
  }

  @Test
  public void leavesEndedBoundedAndHandedBackTasksAlone() {
    withTestData(helper(), HANDLER + "HandlersClean.java").expectNoDiagnostics().doTest();
  }
}
