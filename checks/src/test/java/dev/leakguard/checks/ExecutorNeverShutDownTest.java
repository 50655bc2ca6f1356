package dev.leakguard.checks;

import static org.junit.Assume.assumeTrue;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public final class ExecutorNeverShutDownTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ExecutorNeverShutDown.class, getClass());

  private static CompilationTestHelper withStubs(CompilationTestHelper h) {
    return TestData.addStubs(
        h,
        "javax/annotation/PreDestroy.java",
        "org/springframework/beans/factory/DisposableBean.java",
        "org/springframework/context/annotation/Bean.java");
  }

  // --- Identification ------------------------------------------------------------------------

  @Test
  public void flagsExecutorsTheirOwnerNeverEnds() {
    TestData.add(helper, TestData.MAIN + "executor/ExecutorsNeverShutDownFlagged.java").doTest();
  }

  @Test
  public void leavesCorrectLifecyclesAlone() {
    TestData.add(withStubs(helper), TestData.MAIN + "executor/ExecutorsNeverShutDownClean.java").doTest();
  }

  @Test
  public void handlesModernJava() {
    TestData.add(helper, TestData.MAIN + "executor/ExecutorsModernJava.java").doTest();
  }

  @Test
  public void handlesVirtualThreadExecutors() {
    assumeTrue("virtual threads need JDK 21", TestData.javaFeatureVersion() >= 21);
    TestData.add(helper, TestData.JDK21 + "jdk21/ExecutorsVirtualThreads.java").doTest();
  }

  @Test
  public void guavaWrappersAndDaemonFactories() {
    helper
        .addSourceLines(
            "Test.java",
            "import com.google.common.util.concurrent.ListeningExecutorService;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import com.google.common.util.concurrent.ThreadFactoryBuilder;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  static final ExecutorService DAEMON = Executors.newCachedThreadPool(",
            "      new ThreadFactoryBuilder().setNameFormat(\"w-%d\").setDaemon(true).build());",
            "  // BUG: Diagnostic contains: static executor 'NAMED'",
            "  static final ExecutorService NAMED = Executors.newCachedThreadPool(",
            "      new ThreadFactoryBuilder().setNameFormat(\"w-%d\").build());",
            "  void leaks(Runnable r) {",
            "    // BUG: Diagnostic contains: executor 'pool' (Executors.newFixedThreadPool()) is never shut down",
            "    ListeningExecutorService pool = MoreExecutors.listeningDecorator(Executors.newFixedThreadPool(2));",
            "    pool.submit(r);",
            "  }",
            "  void ended(Runnable r) {",
            "    ListeningExecutorService pool = MoreExecutors.listeningDecorator(Executors.newFixedThreadPool(2));",
            "    try {",
            "      pool.submit(r);",
            "    } finally {",
            "      MoreExecutors.shutdownAndAwaitTermination(pool, 5, TimeUnit.SECONDS);",
            "    }",
            "  }",
            "  void exiting(Runnable r) {",
            "    ExecutorService pool = MoreExecutors.getExitingExecutorService(",
            "        (ThreadPoolExecutor) Executors.newFixedThreadPool(2));",
            "    pool.execute(r);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void guavaServiceShutDownEndsItsExecutor() {
    helper
        .addSourceLines(
            "Test.java",
            "import com.google.common.util.concurrent.AbstractIdleService;",
            "import java.util.concurrent.*;",
            "class Good extends AbstractIdleService {",
            "  private final ExecutorService pool = Executors.newFixedThreadPool(2);",
            "  @Override protected void startUp() {}",
            "  @Override protected void shutDown() { pool.shutdownNow(); }",
            "}",
            "class Bad extends AbstractIdleService {",
            "  // BUG: Diagnostic contains: Bad.shutDown() should call pool.shutdownNow()",
            "  private final ExecutorService pool = Executors.newFixedThreadPool(2);",
            "  @Override protected void startUp() {}",
            "  @Override protected void shutDown() {}",
            "}")
        .doTest();
  }

  @Test
  public void testClassesEndWhatSetupCreatesInTeardown() {
    helper
        .addSourceLines(
            "org/junit/jupiter/api/AfterEach.java",
            "package org.junit.jupiter.api;",
            "public @interface AfterEach {}")
        .addSourceLines(
            "PoolTest.java",
            "import java.util.concurrent.*;",
            "class PoolTest {",
            "  // BUG: Diagnostic contains: PoolTest.tearDown() should call pool.shutdownNow()",
            "  private ExecutorService pool;",
            "  private ExecutorService ended;",
            "  @org.junit.Before public void setUp() {",
            "    pool = Executors.newFixedThreadPool(2);",
            "    ended = Executors.newFixedThreadPool(2);",
            "  }",
            "  @org.junit.After public void tearDown() { ended.shutdownNow(); }",
            "}")
        .addSourceLines(
            "JupiterTest.java",
            "import java.util.concurrent.*;",
            "class JupiterTest {",
            "  // BUG: Diagnostic contains: JupiterTest.cleanUp() should call scheduler.shutdownNow()",
            "  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();",
            "  @org.junit.jupiter.api.AfterEach void cleanUp() {}",
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
            "  void f(Runnable r) {",
            "    // BUG: Diagnostic contains: cannot find symbol",
            "    ExecutorService pool = Executors.newFixedThreadPool(unknownSize);",
            "    // BUG: Diagnostic contains: cannot find symbol",
            "    pool.submit(new Missing());",
            "    // BUG: Diagnostic contains: cannot find symbol",
            "    pool.shutdown(unknownArg);",
            "  }",
            "  // BUG: Diagnostic contains: cannot find symbol",
            "  Missing field = Executors.newFixedThreadPool(2);",
            "}")
        .matchAllDiagnostics()
        .expectResult(com.sun.tools.javac.main.Main.Result.ERROR)
        .doTest();
  }

  // --- Replacement ---------------------------------------------------------------------------

  private BugCheckerRefactoringTestHelper refactoring() {
    // The first fix is the suppression; the second is the rewrite.
    return BugCheckerRefactoringTestHelper.newInstance(ExecutorNeverShutDown.class, getClass())
        .setFixChooser(TestData::boundedFix);
  }

  @Test
  public void firstFixSuppresses() {
    BugCheckerRefactoringTestHelper.newInstance(ExecutorNeverShutDown.class, getClass())
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  void f(Runnable r) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.submit(r);",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  void f(Runnable r) {",
            "    @SuppressWarnings(\"ExecutorNeverShutDown\")",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.submit(r);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void shutdownMovesIntoFinally() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  String f(Callable<String> work) throws Exception {",
            "    ExecutorService pool = Executors.newSingleThreadExecutor();",
            "    Future<String> future = pool.submit(work);",
            "    System.out.println(future.get());",
            "    pool.shutdown();",
            "    return \"done\";",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  String f(Callable<String> work) throws Exception {",
            "    ExecutorService pool = Executors.newSingleThreadExecutor();",
            "    try {",
            "      Future<String> future = pool.submit(work);",
            "      System.out.println(future.get());",
            "    } finally {",
            "      pool.shutdown();",
            "    }",
            "    return \"done\";",
            "  }",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.AST_MATCH);
  }

  @Test
  public void noFinallyFixWhenAWrappedLocalIsUsedLater() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  String f(Callable<String> work) throws Exception {",
            "    ExecutorService pool = Executors.newSingleThreadExecutor();",
            "    String result = pool.submit(work).get();",
            "    pool.shutdown();",
            "    return result;",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void shutdownBecomesShutdownNowForInterruptOnlyTask() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test implements AutoCloseable {",
            "  private final ExecutorService pool = Executors.newSingleThreadExecutor();",
            "  void start(BlockingQueue<String> q) {",
            "    pool.execute(() -> {",
            "      try {",
            "        for (;;) {",
            "          System.out.println(q.take());",
            "        }",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    });",
            "  }",
            "  @Override public void close() {",
            "    pool.shutdown();",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test implements AutoCloseable {",
            "  private final ExecutorService pool = Executors.newSingleThreadExecutor();",
            "  void start(BlockingQueue<String> q) {",
            "    pool.execute(() -> {",
            "      try {",
            "        for (;;) {",
            "          System.out.println(q.take());",
            "        }",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    });",
            "  }",
            "  @Override public void close() {",
            "    pool.shutdownNow();",
            "  }",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.AST_MATCH);
  }

  @Test
  public void overrideGetsSuperCall() {
    refactoring()
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "static class Base implements AutoCloseable {",
            "  protected final ExecutorService pool = Executors.newFixedThreadPool(2);",
            "  @Override public void close() {",
            "    pool.shutdownNow();",
            "  }",
            "}",
            "static class Child extends Base {",
            "  private boolean closed;",
            "  @Override public void close() {",
            "    closed = true;",
            "  }",
            "}",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "static class Base implements AutoCloseable {",
            "  protected final ExecutorService pool = Executors.newFixedThreadPool(2);",
            "  @Override public void close() {",
            "    pool.shutdownNow();",
            "  }",
            "}",
            "static class Child extends Base {",
            "  private boolean closed;",
            "  @Override public void close() {",
            "    closed = true;",
            "    super.close();",
            "  }",
            "}",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.AST_MATCH);
  }
}
