package dev.leakguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public final class ClosedByMismatchTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ClosedByMismatch.class, getClass());

  @Test
  public void namedMethodMustExistAndTakeNoArguments() {
    helper
        .addSourceLines(
            "Test.java",
            "import dev.leakguard.annotations.ClosedBy;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  // BUG: Diagnostic contains: @ClosedBy(\"stopp\") on 'q' names nothing: Test has no no-argument method stopp()",
            "  @ClosedBy(\"stopp\") final BlockingQueue<String> q = new LinkedBlockingQueue<>();",
            "  // BUG: Diagnostic contains: names a method that takes arguments",
            "  @ClosedBy(\"end\") final BlockingQueue<String> r = new LinkedBlockingQueue<>();",
            "  void stop() { q.add(\"\"); }",
            "  void end(String why) { r.add(why); }",
            "}")
        .doTest();
  }

  @Test
  public void namedMethodMustEndTheField() {
    helper
        .addSourceLines(
            "Test.java",
            "import dev.leakguard.annotations.ClosedBy;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  // BUG: Diagnostic contains: names close(), which does not end it",
            "  @ClosedBy(\"close\") final ExecutorService pool = Executors.newCachedThreadPool();",
            "  final ExecutorService other = Executors.newCachedThreadPool();",
            "  // BUG: Diagnostic contains: names stop(), which does not end it",
            "  @ClosedBy(\"stop\") final BlockingQueue<String> q = new LinkedBlockingQueue<>();",
            "  final BlockingQueue<String> elsewhere = new LinkedBlockingQueue<>();",
            "  void close() { other.shutdown(); }",
            "  void stop() { elsewhere.add(\"poison\"); q.clear(); }",
            "}")
        .doTest();
  }

  @Test
  public void acceptsEndingsThroughHelpersThatTakeTheField() {
    helper
        .addSourceLines(
            "Test.java",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import dev.leakguard.annotations.ClosedBy;",
            "import java.util.concurrent.*;",
            "class Test implements AutoCloseable {",
            "  @ClosedBy(\"close\") final ExecutorService guava = Executors.newCachedThreadPool();",
            "  @ClosedBy(\"stop\") final BlockingQueue<String> posted = new LinkedBlockingQueue<>();",
            "  // BUG: Diagnostic contains: names halt(), which does not end it",
            "  @ClosedBy(\"halt\") final BlockingQueue<String> other = new LinkedBlockingQueue<>();",
            "  @Override public void close() {",
            "    MoreExecutors.shutdownAndAwaitTermination(guava, 5, TimeUnit.SECONDS);",
            "  }",
            "  void stop() { post(posted, \"poison\"); }",
            "  void halt() { post(posted, \"poison\"); }",
            "  private static void post(BlockingQueue<String> q, String s) { q.offer(s); }",
            "}")
        .doTest();
  }

  @Test
  public void acceptsAThreadStoppedByAFlagAndJoined() {
    helper
        .addSourceLines(
            "Test.java",
            "import dev.leakguard.annotations.ClosedBy;",
            "import java.util.concurrent.*;",
            "class Test implements AutoCloseable {",
            "  private volatile boolean running = true;",
            "  private final BlockingQueue<String> q = new LinkedBlockingQueue<>();",
            "  @ClosedBy(\"close\") private final Thread worker = new Thread(this::loop);",
            "  // BUG: Diagnostic contains: nor joins it",
            "  @ClosedBy(\"pause\") private final Thread other = new Thread(this::loop);",
            "  private void loop() {",
            "    while (running) {",
            "      try { q.poll(100, TimeUnit.MILLISECONDS); } catch (InterruptedException e) { return; }",
            "    }",
            "  }",
            "  @Override public void close() throws InterruptedException {",
            "    running = false;",
            "    worker.join(1000);",
            "  }",
            "  void pause() { running = false; }",
            "}")
        .doTest();
  }

  @Test
  public void acceptsEveryWayOfEnding() {
    helper
        .addSourceLines(
            "Test.java",
            "import dev.leakguard.annotations.ClosedBy;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  @ClosedBy(\"a\") final BlockingQueue<String> posted = new LinkedBlockingQueue<>();",
            "  @ClosedBy(\"b\") final BlockingQueue<String> interrupted = new LinkedBlockingQueue<>();",
            "  @ClosedBy(\"c\") final ExecutorService shutDown = Executors.newCachedThreadPool();",
            "  @ClosedBy(\"d\") final SubmissionPublisher<String> closed = new SubmissionPublisher<>();",
            "  @ClosedBy(\"e\") final Future<?> cancelled = null;",
            "  @ClosedBy(\"f\") final ExecutorService viaHelper = Executors.newCachedThreadPool();",
            "  Thread consumer;",
            "  void a() { posted.offer(\"\"); }",
            "  void b() { consumer.interrupt(); }",
            "  void c() { shutDown.shutdown(); }",
            "  void d() { closed.closeExceptionally(new IllegalStateException()); }",
            "  void e() { cancelled.cancel(true); }",
            "  void f() { helper(); }",
            "  private void helper() { viaHelper.shutdownNow(); }",
            "}")
        .addSourceLines(
            "Base.java",
            "abstract class Base { void inherited() {} }")
        .addSourceLines(
            "Sub.java",
            "import dev.leakguard.annotations.ClosedBy;",
            "import java.util.concurrent.*;",
            "class Sub extends Base {",
            "  @ClosedBy(\"inherited\") final BlockingQueue<String> q = new LinkedBlockingQueue<>();",
            "}")
        .doTest();
  }

  @Test
  public void firstFixSuppresses() {
    BugCheckerRefactoringTestHelper.newInstance(ClosedByMismatch.class, getClass())
        .addInputLines(
            "Test.java",
            "import dev.leakguard.annotations.ClosedBy;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  @ClosedBy(\"nothing\") final BlockingQueue<String> q = new LinkedBlockingQueue<>();",
            "}")
        .addOutputLines(
            "Test.java",
            "import dev.leakguard.annotations.ClosedBy;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  @SuppressWarnings(\"ClosedByMismatch\")",
            "  @ClosedBy(\"nothing\") final BlockingQueue<String> q = new LinkedBlockingQueue<>();",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.AST_MATCH);
  }
}
