package dev.leakguard.checks;

import static org.junit.Assume.assumeTrue;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import com.sun.tools.javac.main.Main.Result;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public final class BlockingCallWithoutTimeoutTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingCallWithoutTimeout.class, getClass());

  // --- Identification ------------------------------------------------------------------------

  @Test
  public void flagsEveryUntimedBlockingFamily() {
    TestData.add(helper, TestData.MAIN + "blocking/BlockingCallsFlagged.java").doTest();
  }

  @Test
  public void leavesBoundedAndCompletedWaitsAlone() {
    TestData.add(helper, TestData.MAIN + "blocking/BlockingCallsClean.java").doTest();
  }

  private static CompilationTestHelper withContractStubs(CompilationTestHelper h) {
    return TestData.addStubs(
        h,
        "io/netty/util/concurrent/Future.java",
        "io/netty/util/concurrent/GenericFutureListener.java",
        "com/google/common/base/Preconditions.java");
  }

  /** Shapes from the corpus run: blocking by contract, done by helper, the untimed branch of a timed pair. */
  @Test
  public void leavesBlockingByContractAlone() {
    TestData.add(
            withContractStubs(helper), TestData.MAIN + "blocking/BlockingByContractClean.java")
        .doTest();
  }

  @Test
  public void flagsNearMissesOfBlockingByContract() {
    TestData.add(
            withContractStubs(helper), TestData.MAIN + "blocking/BlockingByContractFlagged.java")
        .doTest();
  }

  /** Hand-written primitives from the corpus run: forwarding waits, custom futures, stop paths that wake. */
  @Test
  public void leavesHandWrittenPrimitivesAlone() {
    TestData.add(helper, TestData.MAIN + "blocking/PrimitiveWaitsClean.java").doTest();
  }

  @Test
  public void flagsNearMissesOfHandWrittenPrimitives() {
    TestData.add(helper, TestData.MAIN + "blocking/PrimitiveWaitsFlagged.java").doTest();
  }

  /** An independent review's look-alikes: hangs the exemptions must not hide, correct variants, crash probes. */
  @Test
  public void handWrittenPrimitiveLookAlikes() {
    TestData.add(helper, TestData.MAIN + "blocking/PrimitiveWaitsLookAlikes.java").doTest();
  }

  @Test
  public void handlesModernJava() {
    TestData.add(helper, TestData.MAIN + "blocking/BlockingCallsModernJava.java").doTest();
  }

  @Test
  public void handlesVirtualThreadApis() {
    assumeTrue("virtual threads need JDK 21", TestData.javaFeatureVersion() >= 21);
    TestData.add(helper, TestData.JDK21 + "jdk21/BlockingCallsVirtualThreads.java").doTest();
  }

  private static final String[] JUPITER_TIMEOUT_STUB = {
    "package org.junit.jupiter.api;",
    "public @interface Timeout { long value(); }"
  };

  private static final String[] JUPITER_ASSERTIONS_STUB = {
    "package org.junit.jupiter.api;",
    "public class Assertions {",
    "  public interface Executable { void execute() throws Throwable; }",
    "  public static void assertTimeoutPreemptively(java.time.Duration d, Executable e) {}",
    "  public static void assertTimeout(java.time.Duration d, Executable e) {}",
    "}"
  };

  @Test
  public void waitsUnderATestTimeoutThatInterruptsAreBounded() {
    helper
        .addSourceLines("org/junit/jupiter/api/Timeout.java", JUPITER_TIMEOUT_STUB)
        .addSourceLines("org/junit/jupiter/api/Assertions.java", JUPITER_ASSERTIONS_STUB)
        .addSourceLines(
            "WorkerTest.java",
            "import static org.junit.jupiter.api.Assertions.assertTimeout;",
            "import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;",
            "import java.time.Duration;",
            "import java.util.concurrent.*;",
            "import org.junit.jupiter.api.Timeout;",
            "class WorkerTest {",
            "  @Timeout(5)",
            "  void jupiterTimeout(CountDownLatch done, Thread worker) throws Exception {",
            "    worker.start();",
            "    worker.join();",
            "    done.await();",
            "  }",
            "  @org.junit.Test(timeout = 5000)",
            "  public void junit4Timeout() throws Exception {",
            "    Thread worker = new Thread(() -> {});",
            "    worker.start();",
            "    worker.join();",
            "  }",
            "  void preemptive(BlockingQueue<String> replies) {",
            "    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> replies.take());",
            "  }",
            "  @org.junit.Test",
            "  public void junit4WithoutTimeout(CountDownLatch done) throws Exception {",
            "    // BUG: Diagnostic contains: CountDownLatch.await()",
            "    done.await();",
            "  }",
            "  void notPreemptive(BlockingQueue<String> replies) {",
            "    // assertTimeout runs the code on this thread and waits for it to finish.",
            "    // BUG: Diagnostic contains: BlockingQueue.take()",
            "    assertTimeout(Duration.ofSeconds(5), () -> replies.take());",
            "  }",
            "  @Timeout(5)",
            "  void joinIgnoresTheInterrupt(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: CompletableFuture.join()",
            "    f.join();",
            "  }",
            "  @Timeout(5)",
            "  void otherThreadIsNotInterrupted(CountDownLatch done) {",
            "    new Thread(() -> {",
            "      try {",
            "        // BUG: Diagnostic contains: CountDownLatch.await()",
            "        done.await();",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }).start();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void testClassTimeoutCoversItsMethods() {
    helper
        .addSourceLines("org/junit/jupiter/api/Timeout.java", JUPITER_TIMEOUT_STUB)
        .addSourceLines(
            "PoolTest.java",
            "import java.util.concurrent.*;",
            "@org.junit.jupiter.api.Timeout(10)",
            "class PoolTest {",
            "  void results(Future<String> f, Process p) throws Exception {",
            "    f.get();",
            "    p.waitFor();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void survivesCodeThatDoesNotCompile() {
    // Users' builds run the checks on code with errors when they pass should-stop=ifError=FLOW.
    TestData.add(helper.setArgs("--should-stop=ifError=FLOW"), TestData.BROKEN + "broken/BlockingCallsInBrokenCode.java")
        .matchAllDiagnostics()
        .expectResult(Result.ERROR)
        .doTest();
  }

  @Test
  public void familiesCanBeExcluded() {
    helper
        .setArgs("-XepOpt:BlockingCallWithoutTimeout:ExcludeFamilies=queue,thread")
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  Object f(BlockingQueue<String> q, Thread t, Future<?> f) throws Exception {",
            "    q.take();",
            "    t.join();",
            "    // BUG: Diagnostic contains: Future.get()",
            "    return f.get();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void familiesCanBeNarrowed() {
    helper
        .setArgs("-XepOpt:BlockingCallWithoutTimeout:Families=SEMAPHORE")
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  void f(BlockingQueue<String> q, Semaphore s) throws Exception {",
            "    q.take();",
            "    // BUG: Diagnostic contains: Semaphore.acquire()",
            "    s.acquire();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void badOptionValuesAreOneCompileErrorNamingTheOption() {
    helper
        .setArgs(
            "-XepOpt:BlockingCallWithoutTimeout:Families=QUEUE,TELEPORT",
            "-XepOpt:LeakGuard:DefaultTimeout=soon")
        .addSourceLines(
            "Test.java",
            "// BUG: Diagnostic contains: invalid value 'TELEPORT' for -XepOpt:BlockingCallWithoutTimeout:Families",
            "package test;",
            "class Test {}")
        .addSourceLines(
            "Other.java",
            "package test;",
            "class Other {}")
        .expectResult(Result.ERROR)
        .doTest();
  }

  @Test
  public void badTimeoutNamesTheOptionAndTheSyntax() {
    helper
        .setArgs("-XepOpt:LeakGuard:DefaultTimeout=0s")
        .addSourceLines(
            "Test.java",
            "// BUG: Diagnostic contains: -XepOpt:LeakGuard:DefaultTimeout=...; expected a positive whole number",
            "package test;",
            "class Test {}")
        .expectResult(Result.ERROR)
        .doTest();
  }

  // --- Replacement ---------------------------------------------------------------------------

  private BugCheckerRefactoringTestHelper refactoring() {
    // The first fix is the suppression; the second is the bounded rewrite.
    return BugCheckerRefactoringTestHelper.newInstance(BlockingCallWithoutTimeout.class, getClass())
        .setFixChooser(TestData::boundedFix);
  }

  @Test
  public void firstFixSuppresses() {
    BugCheckerRefactoringTestHelper.newInstance(BlockingCallWithoutTimeout.class, getClass())
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  Object f(BlockingQueue<String> q) throws InterruptedException {",
            "    return q.take();",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  @SuppressWarnings(\"BlockingCallWithoutTimeout\")",
            "  Object f(BlockingQueue<String> q) throws InterruptedException {",
            "    return q.take();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void futureGetGetsTimeoutWhereTimeoutExceptionIsHandled() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  Object f(Future<String> f) throws Exception {",
            "    return f.get();",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  Object f(Future<String> f) throws Exception {",
            "    return f.get(30, TimeUnit.SECONDS);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void futureGetInsideTryCatchingTimeout() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.ExecutionException;",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.TimeUnit;",
            "import java.util.concurrent.TimeoutException;",
            "class Test {",
            "  Object f(Future<String> f, Future<String> g) throws InterruptedException, ExecutionException {",
            "    try {",
            "      g.get(1, TimeUnit.SECONDS);",
            "      return f.get();",
            "    } catch (IllegalStateException | TimeoutException | ArithmeticException e) {",
            "      return null;",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.ExecutionException;",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.TimeUnit;",
            "import java.util.concurrent.TimeoutException;",
            "class Test {",
            "  Object f(Future<String> f, Future<String> g) throws InterruptedException, ExecutionException {",
            "    try {",
            "      g.get(1, TimeUnit.SECONDS);",
            "      return f.get(30, TimeUnit.SECONDS);",
            "    } catch (IllegalStateException | TimeoutException | ArithmeticException e) {",
            "      return null;",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void noRewriteWhereTimeoutExceptionWouldNotCompile() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  Object f(Future<String> f) throws InterruptedException, ExecutionException {",
            "    return f.get();",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void latchAwaitStatementThrowsOnTimeout() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.CountDownLatch;",
            "class Test {",
            "  void f(CountDownLatch latch) throws InterruptedException {",
            "    latch.await();",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.TimeUnit;",
            "class Test {",
            "  void f(CountDownLatch latch) throws InterruptedException {",
            "    if (!latch.await(30, TimeUnit.SECONDS)) {",
            "      throw new IllegalStateException(",
            "          \"Timed out after 30 seconds waiting until the count reaches zero\");",
            "    }",
            "  }",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.AST_MATCH);
  }

  @Test
  public void putStatementBecomesTimedOffer() {
    refactoring()
        .setArgs("-XepOpt:LeakGuard:DefaultTimeout=500ms")
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  void f(BlockingQueue<String> q) throws InterruptedException {",
            "    q.put(\"x\");",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "import java.util.concurrent.TimeUnit;",
            "class Test {",
            "  void f(BlockingQueue<String> q) throws InterruptedException {",
            "    if (!q.offer(\"x\", 500, TimeUnit.MILLISECONDS)) {",
            "      throw new IllegalStateException(",
            "          \"Timed out after 500 milliseconds waiting until the queue has room\");",
            "    }",
            "  }",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.AST_MATCH);
  }

  @Test
  public void takeIntoLocalBecomesTimedPollWithNullCheck() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  String f(BlockingQueue<String> q) throws InterruptedException {",
            "    String next = q.take();",
            "    return next.trim();",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "import java.util.concurrent.TimeUnit;",
            "class Test {",
            "  String f(BlockingQueue<String> q) throws InterruptedException {",
            "    String next = q.poll(30, TimeUnit.SECONDS);",
            "    if (next == null) {",
            "      throw new IllegalStateException(",
            "          \"Timed out after 30 seconds waiting until an element arrives\");",
            "    }",
            "    return next.trim();",
            "  }",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.AST_MATCH);
  }

  @Test
  public void noRewriteWhereUnboxingWouldThrowFirst() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  int f(BlockingQueue<Integer> q) throws InterruptedException {",
            "    int next = q.take();",
            "    return next;",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void noRewriteWhereTheResultIsUsedInAnExpression() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  int f(BlockingQueue<String> q) throws InterruptedException {",
            "    return q.take().length();",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void joinGetsOrTimeout() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Test {",
            "  String f(CompletableFuture<String> f) {",
            "    return f.join();",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.TimeUnit;",
            "class Test {",
            "  String f(CompletableFuture<String> f) {",
            "    return f.copy().orTimeout(30, TimeUnit.SECONDS).join();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void noRewriteForWaitsWithoutATellingTwin() {
    refactoring()
        .addInputLines(
            "Test.java",
            "class Test {",
            "  void f(Object monitor, Thread t) throws InterruptedException {",
            "    synchronized (monitor) {",
            "      monitor.wait();",
            "    }",
            "    t.join();",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void noRewriteForTheFirstOfSeveralDeclarators() {
    // A null check cannot go between declarators; the rewrite used to produce code that did not parse.
    refactoring()
        .addInputLines("Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  String f(BlockingQueue<String> q) throws InterruptedException {",
            "    String a = q.take(), b = \"x\";",
            "    return a + b;",
            "  }",
            "}")
        .addOutputLines("Test.java",
            "import java.util.concurrent.BlockingQueue;",
            "class Test {",
            "  String f(BlockingQueue<String> q) throws InterruptedException {",
            "    String a = q.take(), b = \"x\";",
            "    return a + b;",
            "  }",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  public void timedPollRewriteInLambdaWithVarFinalAndWildcardElement() {
    refactoring()
        .addInputLines("Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  <E> void f(BlockingQueue<? extends E> q, java.util.function.Consumer<E> sink) {",
            "    Runnable r = () -> {",
            "      try {",
            "        var a = q.take();",
            "        final E b = q.take();",
            "        sink.accept(a);",
            "        Runnable s = () -> sink.accept(b);",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    };",
            "  }",
            "}")
        .addOutputLines("Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  <E> void f(BlockingQueue<? extends E> q, java.util.function.Consumer<E> sink) {",
            "    Runnable r = () -> {",
            "      try {",
            "        var a = q.poll(30, TimeUnit.SECONDS);",
            "        if (a == null) { throw new IllegalStateException(\"Timed out after 30 seconds waiting until an element arrives\"); }",
            "        final E b = q.poll(30, TimeUnit.SECONDS);",
            "        if (b == null) { throw new IllegalStateException(\"Timed out after 30 seconds waiting until an element arrives\"); }",
            "        sink.accept(a);",
            "        Runnable s = () -> sink.accept(b);",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    };",
            "  }",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.AST_MATCH);
  }

  @Test
  public void statementRewriteOnlyWhereABlockHoldsIt() {
    // An if without braces and an old-style case hold no block: left alone. An arrow case block does.
    refactoring()
        .addInputLines("Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  void f(CountDownLatch l, BlockingQueue<String> q, boolean c, int k) throws InterruptedException {",
            "    if (c) l.await();",
            "    switch (k) {",
            "      case 1: q.put(\"x\"); break;",
            "      default: break;",
            "    }",
            "    switch (k) {",
            "      case 2 -> l.await();",
            "      default -> { q.put(\"y\"); }",
            "    }",
            "  }",
            "}")
        .addOutputLines("Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  void f(CountDownLatch l, BlockingQueue<String> q, boolean c, int k) throws InterruptedException {",
            "    if (c) l.await();",
            "    switch (k) {",
            "      case 1: q.put(\"x\"); break;",
            "      default: break;",
            "    }",
            "    switch (k) {",
            "      case 2 -> l.await();",
            "      default -> { if (!q.offer(\"y\", 30, TimeUnit.SECONDS)) { throw new IllegalStateException(\"Timed out after 30 seconds waiting until the queue has room\"); } }",
            "    }",
            "  }",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.AST_MATCH);
  }

  @Test
  public void orTimeoutKeepsAParenthesizedReceiverWhole() {
    refactoring()
        .addInputLines("Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  String f(CompletableFuture<String> a, CompletableFuture<String> b, boolean c) {",
            "    return (c ? a : b).join();",
            "  }",
            "}")
        .addOutputLines("Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  String f(CompletableFuture<String> a, CompletableFuture<String> b, boolean c) {",
            "    return (c ? a : b).copy().orTimeout(30, TimeUnit.SECONDS).join();",
            "  }",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.AST_MATCH);
  }
}
