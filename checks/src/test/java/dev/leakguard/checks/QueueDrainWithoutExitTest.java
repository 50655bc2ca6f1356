package dev.leakguard.checks;

import static org.junit.Assume.assumeTrue;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.ScannerSupplier;
import com.sun.tools.javac.main.Main.Result;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public final class QueueDrainWithoutExitTest {
  private static final String DRAIN = TestData.MAIN + "drain/";

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(QueueDrainWithoutExit.class, getClass());

  /** Every LeakGuard check of this area together: what a user's build runs. */
  private CompilationTestHelper allChecks() {
    return CompilationTestHelper.newInstance(
        ScannerSupplier.fromBugCheckerClasses(
            QueueDrainWithoutExit.class, BlockingCallWithoutTimeout.class, ClosedByMismatch.class),
        getClass());
  }

  // --- Identification ------------------------------------------------------------------------

  @Test
  public void flagsDrainLoopsWithoutExit() {
    TestData.add(helper, DRAIN + "DrainLoopsFlagged.java").doTest();
  }

  @Test
  public void leavesCorrectConsumersAlone() {
    // Every drain check: neither the loop nor the untimed receive in it is reported.
    TestData.add(allChecks(), DRAIN + "DrainLoopsClean.java").doTest();
  }

  @Test
  public void handlesModernJava() {
    TestData.add(helper, DRAIN + "DrainLoopsModernJava.java").doTest();
  }

  @Test
  public void handlesVirtualThreadsAndPatternSwitches() {
    assumeTrue("virtual threads need JDK 21", TestData.javaFeatureVersion() >= 21);
    TestData.add(helper, TestData.JDK21 + "jdk21/DrainLoopsVirtualThreads.java").doTest();
  }

  @Test
  public void flagsQueueIterationsUsedAsConsumers() {
    TestData.add(helper, DRAIN + "QueueViewsFlagged.java").doTest();
  }

  @Test
  public void leavesInspectingIterationsAlone() {
    TestData.add(helper, DRAIN + "QueueViewsClean.java").doTest();
  }

  @Test
  public void flagsPublishersNeverClosed() {
    TestData.add(helper, DRAIN + "PublishersFlagged.java").doTest();
  }

  @Test
  public void leavesClosedOrHandedOnPublishersAlone() {
    TestData.add(helper, DRAIN + "PublishersClean.java").doTest();
  }

  @Test
  public void drainLoopsOverClosedByQueuesNeedTheMatchingExit() {
    TestData.add(allChecks(), DRAIN + "ClosedByCases.java").doTest();
  }

  @Test
  public void oneWarningPerProblemAcrossChecks() {
    TestData.add(allChecks(), DRAIN + "OneWarningPerProblem.java").doTest();
  }

  @Test
  public void loopsFixedAsTheMessagesSuggestAreNotReported() {
    TestData.add(allChecks(), DRAIN + "FixedAsSuggested.java").expectNoDiagnostics().doTest();
  }

  @Test
  public void survivesCodeThatDoesNotCompile() {
    TestData.add(
            helper.setArgs("--should-stop=ifError=FLOW"),
            TestData.BROKEN + "broken/BlockingCallsInBrokenCode.java")
        .matchAllDiagnostics()
        .expectResult(Result.ERROR)
        .doTest();
  }

  @Test
  public void survivesBrokenDrainLoops() {
    TestData.add(
            allChecks().setArgs("--should-stop=ifError=FLOW"),
            TestData.BROKEN + "broken/DrainLoopsInBrokenCode.java")
        .matchAllDiagnostics()
        .expectResult(Result.ERROR)
        .doTest();
  }

  @Test
  public void honoursCheckerFrameworkAndMustBeClosed() {
    helper
        .addSourceLines(
            "org/checkerframework/checker/mustcall/qual/Owning.java",
            "package org.checkerframework.checker.mustcall.qual;",
            "public @interface Owning {}")
        .addSourceLines(
            "org/checkerframework/checker/mustcall/qual/NotOwning.java",
            "package org.checkerframework.checker.mustcall.qual;",
            "public @interface NotOwning {}")
        .addSourceLines(
            "Test.java",
            "import com.google.errorprone.annotations.MustBeClosed;",
            "import java.util.concurrent.SubmissionPublisher;",
            "import org.checkerframework.checker.mustcall.qual.NotOwning;",
            "import org.checkerframework.checker.mustcall.qual.Owning;",
            "class Test {",
            "  @MustBeClosed",
            "  SubmissionPublisher<String> open() {",
            "    return new SubmissionPublisher<>();",
            "  }",
            "  void usesMustBeClosedResult() {",
            "    // BUG: Diagnostic contains: 'p' is never closed",
            "    SubmissionPublisher<String> p = open();",
            "    p.submit(\"x\");",
            "  }",
            "  void closesMustBeClosedResult() {",
            "    SubmissionPublisher<String> p = open();",
            "    p.submit(\"x\");",
            "    p.close();",
            "  }",
            "  // BUG: Diagnostic contains: 'p' is never closed",
            "  void takesOwnership(@Owning SubmissionPublisher<String> p) {",
            "    p.submit(\"x\");",
            "  }",
            "  static final class Holder {",
            "    // BUG: Diagnostic contains: 'events' is never closed",
            "    @Owning private final SubmissionPublisher<String> events;",
            "    Holder(SubmissionPublisher<String> events) { this.events = events; }",
            "  }",
            "  static final class Borrower {",
            "    @NotOwning private final SubmissionPublisher<String> events = new SubmissionPublisher<>();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void owningFieldAssignedFromParameterMustBeClosed() {
    helper
        .addSourceLines(
            "Test.java",
            "import dev.leakguard.annotations.Owning;",
            "import java.util.concurrent.SubmissionPublisher;",
            "class Test {",
            "  // BUG: Diagnostic contains: 'events' is never closed",
            "  @Owning private final SubmissionPublisher<String> events;",
            "  Test(SubmissionPublisher<String> events) { this.events = events; }",
            "}")
        .doTest();
  }

  @Test
  public void uninterruptibleReceiveWithoutExit() {
    helper
        .addSourceLines(
            "com/google/common/util/concurrent/Uninterruptibles.java",
            "package com.google.common.util.concurrent;",
            "import java.util.concurrent.BlockingQueue;",
            "public final class Uninterruptibles {",
            "  public static <E> E takeUninterruptibly(BlockingQueue<E> queue) { return null; }",
            "}")
        .addSourceLines(
            "Test.java",
            "import com.google.common.util.concurrent.Uninterruptibles;",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  void f(BlockingQueue<String> q) {",
            "    // BUG: Diagnostic contains: This drain loop can never end",
            "    while (true) {",
            "      System.out.println(Uninterruptibles.takeUninterruptibly(q));",
            "    }",
            "  }",
            "  void g(BlockingQueue<String> q) {",
            "    while (true) {",
            "      if (Uninterruptibles.takeUninterruptibly(q).isEmpty()) {",
            "        return;",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  // --- Replacement ---------------------------------------------------------------------------

  private BugCheckerRefactoringTestHelper refactoring() {
    // The first fix is the suppression; the second gives the loop an exit.
    return BugCheckerRefactoringTestHelper.newInstance(QueueDrainWithoutExit.class, getClass())
        .setFixChooser(TestData::boundedFix);
  }

  @Test
  public void firstFixSuppresses() {
    BugCheckerRefactoringTestHelper.newInstance(QueueDrainWithoutExit.class, getClass())
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  void f(BlockingQueue<String> q) {",
            "    while (true) {",
            "      try {",
            "        q.take();",
            "      } catch (InterruptedException e) {",
            "      }",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  @SuppressWarnings(\"QueueDrainWithoutExit\")",
            "  void f(BlockingQueue<String> q) {",
            "    while (true) {",
            "      try {",
            "        q.take();",
            "      } catch (InterruptedException e) {",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void swallowingCatchRestoresTheInterruptAndLeaves() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  void f(BlockingQueue<Runnable> q) {",
            "    while (true) {",
            "      try {",
            "        q.take().run();",
            "      } catch (InterruptedException e) {",
            "        System.out.println(\"interrupted\");",
            "      }",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  void f(BlockingQueue<Runnable> q) {",
            "    while (true) {",
            "      try {",
            "        q.take().run();",
            "      } catch (InterruptedException e) {",
            "        System.out.println(\"interrupted\");",
            "        Thread.currentThread().interrupt();",
            "        break;",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest(TestMode.AST_MATCH);
  }

  @Test
  public void emptyCatchInALambdaThatAlreadyRestores() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  Runnable f(BlockingQueue<Runnable> q) {",
            "    return () -> {",
            "      for (;;) {",
            "        try {",
            "          q.take().run();",
            "        } catch (InterruptedException e) {",
            "          Thread.currentThread().interrupt();",
            "        }",
            "      }",
            "    };",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  Runnable f(BlockingQueue<Runnable> q) {",
            "    return () -> {",
            "      for (;;) {",
            "        try {",
            "          q.take().run();",
            "        } catch (InterruptedException e) {",
            "          Thread.currentThread().interrupt();",
            "          break;",
            "        }",
            "      }",
            "    };",
            "  }",
            "}")
        .doTest(TestMode.AST_MATCH);
  }

  @Test
  public void noBreakWhereItWouldLeaveAMissingReturn() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  String f(BlockingQueue<String> q) {",
            "    while (true) {",
            "      try {",
            "        System.out.println(q.take());",
            "      } catch (InterruptedException e) {",
            "      }",
            "    }",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void noBreakForCatchAllOrInsideASwitch() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  void f(BlockingQueue<String> q) {",
            "    while (true) {",
            "      try {",
            "        System.out.println(q.take());",
            "      } catch (Exception e) {",
            "      }",
            "    }",
            "  }",
            "  void g(BlockingQueue<String> q, int mode) {",
            "    while (true) {",
            "      switch (mode) {",
            "        case 1:",
            "          try {",
            "            System.out.println(q.take());",
            "          } catch (InterruptedException e) {",
            "          }",
            "          break;",
            "        default:",
            "      }",
            "    }",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void untimedTakeUnderAFlagBecomesATimedPoll() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  private volatile boolean running = true;",
            "  void run(BlockingQueue<Runnable> q) {",
            "    while (running) {",
            "      try {",
            "        Runnable job = q.take();",
            "        job.run();",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }",
            "  }",
            "  void stop() { running = false; }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "import java.util.concurrent.TimeUnit;",
            "class Test {",
            "  private volatile boolean running = true;",
            "  void run(BlockingQueue<Runnable> q) {",
            "    while (running) {",
            "      try {",
            "        Runnable job = q.poll(30, TimeUnit.SECONDS);",
            "        if (job == null) {",
            "          continue;",
            "        }",
            "        job.run();",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }",
            "  }",
            "  void stop() { running = false; }",
            "}")
        .doTest(TestMode.AST_MATCH);
  }

  @Test
  public void noTimedPollInAForLoopWhereContinueRunsTheUpdate() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  private volatile boolean running = true;",
            "  void run(BlockingQueue<Runnable> q) {",
            "    for (int i = 0; running; i++) {",
            "      try {",
            "        Runnable job = q.take();",
            "        job.run();",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }",
            "  }",
            "  void stop() { running = false; }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void fixedOutputIsNoLongerReported() {
    // The output of swallowingCatchRestoresTheInterruptAndLeaves and
    // untimedTakeUnderAFlagBecomesATimedPoll, compiled with every check.
    allChecks()
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "import java.util.concurrent.TimeUnit;",
            "class Test {",
            "  private volatile boolean running = true;",
            "  void f(BlockingQueue<Runnable> q) {",
            "    while (true) {",
            "      try {",
            "        q.take().run();",
            "      } catch (InterruptedException e) {",
            "        System.out.println(\"interrupted\");",
            "        Thread.currentThread().interrupt();",
            "        break;",
            "      }",
            "    }",
            "  }",
            "  void run(BlockingQueue<Runnable> q) {",
            "    while (running) {",
            "      try {",
            "        Runnable job = q.poll(30, TimeUnit.SECONDS);",
            "        if (job == null) {",
            "          continue;",
            "        }",
            "        job.run();",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }",
            "  }",
            "  void stop() { running = false; }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }
}
