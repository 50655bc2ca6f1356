package dev.leakguard.checks;

import static org.junit.Assume.assumeTrue;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public final class SubmissionWithoutCancellationTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SubmissionWithoutCancellation.class, getClass());

  // --- Identification ------------------------------------------------------------------------

  @Test
  public void flagsTasksNothingCanStop() {
    TestData.add(helper, TestData.MAIN + "executor/SubmissionsFlagged.java").doTest();
  }

  @Test
  public void leavesStoppableTasksAlone() {
    TestData.add(helper, TestData.MAIN + "executor/SubmissionsClean.java").doTest();
  }

  @Test
  public void handlesVirtualThreadsAndClose() {
    assumeTrue("virtual threads need JDK 21", TestData.javaFeatureVersion() >= 21);
    TestData.add(helper, TestData.JDK21 + "jdk21/SubmissionsVirtualThreads.java").doTest();
  }

  @Test
  public void guavaShutdownAndAwaitTerminationInterrupts() {
    helper
        .addSourceLines(
            "Test.java",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  void ok(BlockingQueue<String> q) {",
            "    ExecutorService pool = Executors.newSingleThreadExecutor();",
            "    try {",
            "      pool.submit(() -> q.take());",
            "    } finally {",
            "      MoreExecutors.shutdownAndAwaitTermination(pool, 1, TimeUnit.SECONDS);",
            "    }",
            "  }",
            "  void bad(BlockingQueue<String> q) {",
            "    ExecutorService pool = MoreExecutors.listeningDecorator(Executors.newSingleThreadExecutor());",
            "    // BUG: Diagnostic contains: shutdown() lets running tasks finish",
            "    pool.execute(() -> { try { q.put(\"x\"); } catch (InterruptedException e) { } });",
            "    pool.shutdown();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void survivesCodeThatDoesNotCompile() {
    helper
        .setArgs("--should-stop=ifError=FLOW")
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  void f(ScheduledExecutorService s) {",
            "    // BUG: Diagnostic contains: cannot find symbol",
            "    s.scheduleAtFixedRate(new Missing(), 0, 1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: cannot find symbol",
            "    Executors.newSingleThreadExecutor().submit(() -> unknown.take());",
            "  }",
            "}")
        .matchAllDiagnostics()
        .expectResult(com.sun.tools.javac.main.Main.Result.ERROR)
        .doTest();
  }

  // --- Replacement: the only fix is the suppression -------------------------------------------

  @Test
  public void firstFixSuppresses() {
    BugCheckerRefactoringTestHelper.newInstance(SubmissionWithoutCancellation.class, getClass())
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  void f(Runnable r) {",
            "    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor();",
            "    s.scheduleAtFixedRate(r, 0, 1, TimeUnit.SECONDS);",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  @SuppressWarnings(\"SubmissionWithoutCancellation\")",
            "  void f(Runnable r) {",
            "    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor();",
            "    s.scheduleAtFixedRate(r, 0, 1, TimeUnit.SECONDS);",
            "  }",
            "}")
        .doTest();
  }
}
