package dev.leakguard.checks;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.Assume.assumeTrue;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.ErrorProneFlags;
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

  /** The framework stubs this check's tests compile with (testdata/src/main/java/<package>/...). */
  private static final List<String> STUB_ROOTS =
      List.of(
          "javax/servlet", "jakarta/servlet", "javax/ws/rs", "jakarta/ws/rs", "org/springframework",
          "io/grpc", "io/micronaut", "io/netty", "io/vertx", "io/javalin");

  private CompilationTestHelper helper() {
    CompilationTestHelper h =
        CompilationTestHelper.newInstance(HandlerLeaksBackgroundTask.class, getClass());
    for (String stub : stubs()) {
      h = TestData.addStubs(h, stub.substring("main/java/".length()));
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

  // --- Identification ------------------------------------------------------------------------

  @Test
  public void flagsLeakingHandlersOfEveryFramework() {
    TestData.add(helper(), HANDLER + "HandlersFlagged.java").doTest();
  }

  /**
   * Users have the frameworks as class files, not sources: annotations, meta-annotations and
   * supertypes must be recognised from the class path too.
   */
  @Test
  public void recognisesFrameworksFromClassFiles() throws IOException {
    Path classes = Files.createTempDirectory("leakguard-stubs");
    Path root = Paths.get(System.getProperty("leakguard.testdata"));
    List<String> sources = new java.util.ArrayList<>();
    for (String stub : stubs()) {
      sources.add(root.resolve(stub).toString());
    }
    javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
    List<String> arguments = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-nowarn"));
    arguments.addAll(sources);
    assertThat(javac.run(null, null, null, arguments.toArray(new String[0]))).isEqualTo(0);
    CompilationTestHelper h =
        CompilationTestHelper.newInstance(HandlerLeaksBackgroundTask.class, getClass())
            .setArgs(
                "-classpath",
                System.getProperty("java.class.path") + java.io.File.pathSeparator + classes);
    h = TestData.add(h, HANDLER + "GreeterGrpc.java");
    try {
      TestData.add(h, HANDLER + "HandlersFlagged.java").doTest();
    } finally {
      try (Stream<Path> files = Files.walk(classes)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  public void leavesEndedBoundedAndHandedBackTasksAlone() {
    TestData.add(helper(), HANDLER + "HandlersClean.java").expectNoDiagnostics().doTest();
  }

  @Test
  public void handlesModernJava() {
    TestData.add(helper(), HANDLER + "HandlersModernJava.java").doTest();
  }

  @Test
  public void everyPathMustEndTheTask() {
    TestData.add(
            helper()
                .setArgs(
                    "-XepOpt:HandlerLeaksBackgroundTask:HandlerSupertypes="
                        + "dev.leakguard.testdata.handler.HandlersControlFlow.AsyncHandler#handle"),
            HANDLER + "HandlersControlFlow.java")
        .doTest();
  }

  @Test
  public void handlesVirtualThreadApis() {
    assumeTrue("virtual threads need JDK 21", TestData.javaFeatureVersion() >= 21);
    TestData.add(helper(), TestData.JDK21 + "jdk21/HandlersVirtualThreads.java").doTest();
  }

  @Test
  public void survivesCodeThatDoesNotCompile() {
    // No stubs on purpose: the framework types are missing too.
    TestData.add(
            CompilationTestHelper.newInstance(HandlerLeaksBackgroundTask.class, getClass())
                .setArgs("--should-stop=ifError=FLOW"),
            TestData.BROKEN + "broken/HandlersInBrokenCode.java")
        .matchAllDiagnostics()
        .expectResult(Result.ERROR)
        .doTest();
  }

  @Test
  public void listenableFutureIsAnAsyncResult() {
    // Guava is on the test compilation's classpath (not in the testdata module): inline source.
    helper()
        .addSourceLines(
            "GuavaController.java",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.ListenableFutureTask;",
            "import com.google.common.util.concurrent.SettableFuture;",
            "import org.springframework.web.bind.annotation.GetMapping;",
            "import org.springframework.web.bind.annotation.RestController;",
            "@RestController",
            "class GuavaController {",
            "  @GetMapping(\"/task\")",
            "  ListenableFuture<String> task() {",
            "    ListenableFutureTask<String> task = ListenableFutureTask.create(() -> \"x\");",
            "    new Thread(task).start();",
            "    return task;",
            "  }",
            "  @GetMapping(\"/unrelated\")",
            "  ListenableFuture<String> unrelated() {",
            "    ListenableFutureTask<String> task = ListenableFutureTask.create(() -> \"x\");",
            "    // BUG: Diagnostic contains: GuavaController.unrelated",
            "    new Thread(task).start();",
            "    return SettableFuture.create();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * The runnable examples (testdata/.../examples/handler, shared with leakguard-junit): the leaking
   * handler is flagged where its comment says, its clean twin is not.
   */
  @Test
  public void flagsTheLeakyExampleAndNotItsCleanTwin() {
    String root = "main/java/dev/leakguard/examples/";
    String[] leaky = TestData.lines(root + "handler/LeakyAuditHandler.java");
    java.util.List<String> marked = new java.util.ArrayList<>();
    for (String line : leaky) {
      if (line.contains("auditor.start(); // flagged")) {
        marked.add("    // BUG: Diagnostic contains: JDK HttpServer handler LeakyAuditHandler.handle");
      }
      marked.add(line);
    }
    assertThat(marked).hasSize(leaky.length + 1);
    CompilationTestHelper h = helper().addSourceLines(
        TestData.fileName(root + "handler/LeakyAuditHandler.java"), marked.toArray(new String[0]));
    for (String file :
        List.of("LeakExample.java", "Cleanup.java", "handler/AwaitingAuditHandler.java",
            "handler/FakeExchange.java", "handler/Upstream.java")) {
      h = h.addSourceLines(TestData.fileName(root + file), TestData.lines(root + file));
    }
    h.doTest();
  }

  // --- Options -------------------------------------------------------------------------------

  private static final String CUSTOM = "dev.leakguard.testdata.handler.CustomHandlers.";

  @Test
  public void userDefinedHandlersByOption() {
    TestData.add(
            helper()
                .setArgs(
                    "-XepOpt:HandlerLeaksBackgroundTask:HandlerAnnotations=" + CUSTOM + "Endpoint",
                    "-XepOpt:HandlerLeaksBackgroundTask:HandlerSupertypes="
                        + CUSTOM + "CommandHandler#handle,"
                        + CUSTOM + "Rpc#get|post"),
            HANDLER + "CustomHandlers.java")
        .doTest();
  }

  @Test
  public void userDefinedHandlersAreNotHandlersWithoutTheOption() {
    TestData.add(helper(), HANDLER + "CustomHandlers.java").expectNoDiagnostics().doTest();
  }

  private static final String[] SHARED_EXECUTORS = {
    "import dev.leakguard.annotations.Owning;",
    "import java.util.concurrent.*;",
    "class SharedExecutors {",
    "  static class Handler implements com.sun.net.httpserver.HttpHandler {",
    "    private final Executor injected;",
    "    @Owning private final ExecutorService owned;",
    "    Handler(Executor injected, ExecutorService owned) {",
    "      this.injected = injected;",
    "      this.owned = owned;",
    "    }",
    "    @Override",
    "    public void handle(com.sun.net.httpserver.HttpExchange exchange) {",
    "      // BUG: Diagnostic contains: injected.execute(..)",
    "      injected.execute(() -> {});",
    "      // BUG: Diagnostic contains: CompletableFuture.runAsync(..)",
    "      CompletableFuture.runAsync(() -> {}, injected);",
    "      owned.submit(() -> {});",
    "      Future<?> awaited = CompletableFuture.runAsync(() -> {}, injected);",
    "      try {",
    "        awaited.get(1, TimeUnit.SECONDS);",
    "      } catch (Exception e) {",
    "        awaited.cancel(true);",
    "      }",
    "    }",
    "    void close() {",
    "      owned.shutdownNow();",
    "    }",
    "  }",
    "}"
  };

  @Test
  public void sharedExecutorsAreCheckedOnRequest() {
    helper()
        .setArgs("-XepOpt:HandlerLeaksBackgroundTask:CheckSharedExecutors=true")
        .addSourceLines("SharedExecutors.java", SHARED_EXECUTORS)
        .doTest();
  }

  @Test
  public void sharedExecutorsAreLeftToTheirOwnersByDefault() {
    helper()
        .addSourceLines(
            "SharedExecutors.java",
            java.util.Arrays.stream(SHARED_EXECUTORS)
                .filter(line -> !line.contains("BUG:"))
                .toArray(String[]::new))
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void badOptionValuesAreOneCompileErrorNamingTheOption() {
    CompilationTestHelper.newInstance(HandlerLeaksBackgroundTask.class, getClass())
        .setArgs(
            "-XepOpt:HandlerLeaksBackgroundTask:HandlerAnnotations=com.acme.Endpoint,not a name",
            "-XepOpt:HandlerLeaksBackgroundTask:HandlerSupertypes=com.acme.Handler",
            "-XepOpt:HandlerLeaksBackgroundTask:CheckSharedExecutors=sometimes")
        .addSourceLines(
            "Test.java",
            "// BUG: Diagnostic matches: ALL_THREE",
            "package test;",
            "class Test {}")
        .addSourceLines("Other.java", "package test;", "class Other {}")
        .expectErrorMessage(
            "ALL_THREE",
            message ->
                message.contains(
                        "invalid value 'not a name' for -XepOpt:HandlerLeaksBackgroundTask:HandlerAnnotations")
                    && message.contains(
                        "invalid value 'com.acme.Handler' for -XepOpt:HandlerLeaksBackgroundTask:HandlerSupertypes")
                    && message.contains("Type#method")
                    && message.contains(
                        "invalid value 'sometimes' for -XepOpt:HandlerLeaksBackgroundTask:CheckSharedExecutors"))
        .expectResult(Result.ERROR)
        .doTest();
  }

  // --- Replacement ---------------------------------------------------------------------------

  @Test
  public void onlyFixSuppresses() {
    BugCheckerRefactoringTestHelper.newInstance(HandlerLeaksBackgroundTask.class, getClass())
        .addInputLines(
            "Test.java",
            "import com.sun.net.httpserver.HttpExchange;",
            "import com.sun.net.httpserver.HttpHandler;",
            "class Test implements HttpHandler {",
            "  @Override",
            "  public void handle(HttpExchange exchange) {",
            "    new Thread(() -> {}).start();",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import com.sun.net.httpserver.HttpExchange;",
            "import com.sun.net.httpserver.HttpHandler;",
            "class Test implements HttpHandler {",
            "  @SuppressWarnings(\"HandlerLeaksBackgroundTask\")",
            "  @Override",
            "  public void handle(HttpExchange exchange) {",
            "    new Thread(() -> {}).start();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void suppressionSilencesTheHandler() {
    helper()
        .addSourceLines(
            "Test.java",
            "import com.sun.net.httpserver.HttpExchange;",
            "import com.sun.net.httpserver.HttpHandler;",
            "class Test implements HttpHandler {",
            "  @SuppressWarnings(\"HandlerLeaksBackgroundTask\")",
            "  @Override",
            "  public void handle(HttpExchange exchange) {",
            "    new Thread(() -> {}).start();",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }
}
