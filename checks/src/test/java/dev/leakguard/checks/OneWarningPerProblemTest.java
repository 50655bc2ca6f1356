package dev.leakguard.checks;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.ScannerSupplier;
import com.sun.tools.javac.main.Main.Result;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * SubmissionWithoutCancellation and HandlerLeaksBackgroundTask both look at task starts. A task a
 * request handler leaks is reported once, by the handler check (its message names the per-request
 * leak); everything else SubmissionWithoutCancellation reports stays reported, handlers included.
 *
 * <p>A second warning on the same line would not fail a {@code // BUG: Diagnostic contains} marker,
 * so where SubmissionWithoutCancellation must stay silent it runs at ERROR and the compilation must
 * succeed.
 */
@RunWith(JUnit4.class)
public final class OneWarningPerProblemTest {
  private final CompilationTestHelper both =
      CompilationTestHelper.newInstance(
          ScannerSupplier.fromBugCheckerClasses(
              SubmissionWithoutCancellation.class, HandlerLeaksBackgroundTask.class),
          getClass());

  private static final String[] POLL_HANDLER = {
    "import com.sun.net.httpserver.HttpExchange;",
    "import com.sun.net.httpserver.HttpHandler;",
    "import java.util.concurrent.*;",
    "class PollHandler implements HttpHandler {",
    "  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();",
    "  @Override",
    "  public void handle(HttpExchange exchange) {",
    "    // BUG: Diagnostic contains: [HandlerLeaksBackgroundTask] JDK HttpServer handler PollHandler.handle"
        + " starts the periodic task scheduler.scheduleAtFixedRate(..)",
    "    scheduler.scheduleAtFixedRate(() -> {}, 0, 1, TimeUnit.SECONDS);",
    "  }",
    "}"
  };

  @Test
  public void periodicTaskLeakedByHandlerIsReportedOnlyByTheHandlerCheck() {
    both.addSourceLines("PollHandler.java", POLL_HANDLER)
        .setArgs("-Xep:SubmissionWithoutCancellation:ERROR")
        .expectResult(Result.OK)
        .doTest();
  }

  @Test
  public void withoutTheHandlerCheckTheSameTaskOutsideAHandlerIsReported() {
    // The control: the very submission, in a method that is no handler, is SubmissionWithoutCancellation's.
    both.addSourceLines(
            "Poller.java",
            "import java.util.concurrent.*;",
            "class Poller {",
            "  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();",
            "  public void handle(Object exchange) {",
            "    // BUG: Diagnostic contains: [SubmissionWithoutCancellation] this periodic task runs forever",
            "    scheduler.scheduleAtFixedRate(() -> {}, 0, 1, TimeUnit.SECONDS);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void handlerTasksTheHandlerCheckLeavesAloneAreStillReported() {
    // A one-shot task on an executor that outlives the request is left to the executor's owner by
    // HandlerLeaksBackgroundTask; nobody ends this one, so SubmissionWithoutCancellation reports it.
    both.addSourceLines(
            "QueueHandler.java",
            "import com.sun.net.httpserver.HttpExchange;",
            "import com.sun.net.httpserver.HttpHandler;",
            "import java.util.concurrent.*;",
            "class QueueHandler implements HttpHandler {",
            "  private final ExecutorService pool = Executors.newFixedThreadPool(2);",
            "  private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();",
            "  @Override",
            "  public void handle(HttpExchange exchange) {",
            "    // BUG: Diagnostic contains: [SubmissionWithoutCancellation] this task runs",
            "    pool.submit(() -> queue.take());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void userConfiguredHandlersCountForBothChecks() {
    both.addSourceLines(
            "Endpoint.java",
            "import java.lang.annotation.*;",
            "@Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD) @interface Endpoint {}")
        .addSourceLines(
            "Resource.java",
            "import java.util.concurrent.*;",
            "class Resource {",
            "  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();",
            "  @Endpoint",
            "  public String poll() {",
            "    // BUG: Diagnostic contains: [HandlerLeaksBackgroundTask] Request handler Resource.poll",
            "    scheduler.scheduleWithFixedDelay(() -> {}, 0, 1, TimeUnit.SECONDS);",
            "    return \"polling\";",
            "  }",
            "}")
        .setArgs(
            "-XepOpt:HandlerLeaksBackgroundTask:HandlerAnnotations=Endpoint",
            "-Xep:SubmissionWithoutCancellation:ERROR")
        .expectResult(Result.OK)
        .doTest();
  }
}
