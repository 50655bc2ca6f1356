package dev.leakguard.corpus;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.tools.javac.api.BasicJavacTask;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import com.sun.tools.javac.util.Context;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one library of the corpus in-process with javac + Error Prone (loaded as a javac plugin
 * from {@code -processorpath}, exactly as a build tool would) and records every diagnostic through a
 * {@link DiagnosticListener}, so no compiler output has to be parsed.
 *
 * <p>Usage: {@code CompileDriver --library NAME --source-root DIR --out DIR [--repeat N] -- <javac
 * options> @sources.txt}
 *
 * <p>Writes to {@code --out}: {@code findings.jsonl} (one Error Prone finding per line), {@code
 * crashes.jsonl} (Error Prone "unhandled exception" reports, naming the check), {@code
 * errors.jsonl} (ordinary javac errors: the library did not compile), {@code timings.json}
 * (per-check wall time from Error Prone's own {@code ErrorProneTimings}), {@code javac.log} (all
 * diagnostics in javac's format) and, with {@code --repeat}, {@code heap.tsv} (heap used after a
 * full GC following each compilation in this one JVM, as a build daemon would run them).
 */
public final class CompileDriver {

  private static final Pattern CHECK_PREFIX = Pattern.compile("^\\[([A-Za-z0-9_]+)\\] ");
  private static final Pattern CRASH_CHECK = Pattern.compile("BugPattern: (\\S+)");
  private static final Pattern LEAKGUARD_FRAME = Pattern.compile("dev\\.leakguard\\.(?!corpus\\.)(?:[a-z]+\\.)*([A-Z][A-Za-z0-9_]*)");
  private static final Pattern SEE_LINK = Pattern.compile("\\n\\s*\\(see [^\\n]*\\)");

  public static void main(String[] args) throws Exception {
    String library = "library";
    Path sourceRoot = Paths.get(".");
    Path out = Paths.get(".");
    int repeat = 1;
    String sharedLoaderPath = null;
    String checksJar = null;
    List<String> javacArgs = new ArrayList<>();
    int i = 0;
    for (; i < args.length; i++) {
      switch (args[i]) {
        case "--library" -> library = args[++i];
        case "--source-root" -> sourceRoot = Paths.get(args[++i]).toAbsolutePath().normalize();
        case "--out" -> out = Paths.get(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--shared-loader" -> sharedLoaderPath = args[++i];
        case "--checks-jar" -> checksJar = args[++i];
        case "--" -> {
          i++;
          for (; i < args.length; i++) {
            javacArgs.add(args[i]);
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<String> options = new ArrayList<>();
    List<String> sourceFiles = new ArrayList<>();
    for (String a : javacArgs) {
      if (a.startsWith("@")) {
        for (String line : Files.readAllLines(Paths.get(a.substring(1)), StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            sourceFiles.add(line.trim());
          }
        }
      } else {
        options.add(a);
      }
    }
    Files.createDirectories(out);
    // Shared-loader mode: Error Prone and the checks are loaded ONCE, into one class loader that every
    // compilation reuses, as a build daemon's cached compiler worker does. Static state in a check would
    // then survive from one compilation to the next and show up as heap growth.
    JavaCompiler compiler =
        sharedLoaderPath == null
            ? ToolProvider.getSystemJavaCompiler()
            : errorProneCompiler(sharedLoaderPath, checksJar);
    int exit = 0;
    try (PrintWriter heapLog =
        repeat > 1 ? new PrintWriter(Files.newBufferedWriter(out.resolve("heap.tsv"))) : null) {
      if (heapLog != null) {
        heapLog.println("iteration\tresult\tseconds\theap_used_after_gc_mb\tloaded_classes");
      }
      for (int iteration = 1; iteration <= repeat; iteration++) {
        long start = System.nanoTime();
        Result result =
            compileOnce(compiler, library, sourceRoot, out, options, sourceFiles, iteration == repeat);
        double seconds = (System.nanoTime() - start) / 1e9;
        exit = result.exitCode;
        if (heapLog != null) {
          MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
          for (int gc = 0; gc < 3; gc++) {
            System.gc();
            Thread.sleep(100);
          }
          long used = memory.getHeapMemoryUsage().getUsed();
          int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
          heapLog.printf(
              Locale.ROOT, "%d\t%s\t%.1f\t%.1f\t%d%n", iteration, result.status, seconds, used / 1048576.0, classes);
          heapLog.flush();
          System.err.printf(
              Locale.ROOT,
              "iteration %d: %s in %.1fs, heap after GC %.1f MB, %d classes loaded%n",
              iteration, result.status, seconds, used / 1048576.0, classes);
        }
      }
    }
    System.exit(exit);
  }

  private record Result(int exitCode, String status) {}

  private static Result compileOnce(
      JavaCompiler javac,
      String library,
      Path sourceRoot,
      Path out,
      List<String> options,
      List<String> sourceFiles,
      boolean writeResults)
      throws IOException {
    List<String> findings = new ArrayList<>();
    List<String> crashes = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    StringBuilder log = new StringBuilder();
    String lib = library;
    DiagnosticListener<JavaFileObject> listener =
        d -> {
          // Paths relative to the library's sources, so results do not depend on where the run was.
          String message = d.getMessage(Locale.ROOT).replace(sourceRoot + File.separator, "");
          String file = d.getSource() == null ? "" : relativize(sourceRoot, d.getSource());
          long line = d.getLineNumber();
          log.append(file).append(':').append(line).append(": ")
              .append(d.getKind().toString().toLowerCase(Locale.ROOT)).append(": ")
              .append(message).append('\n');
          String code = d.getCode() == null ? "" : d.getCode();
          if (code.endsWith("error.prone.crash")) {
            Matcher m = CRASH_CHECK.matcher(message);
            String check = m.find() ? m.group(1) : "unknown";
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("library", lib);
            c.put("check", check);
            c.put("file", file);
            c.put("line", line);
            c.put("trace", firstLines(message.substring(Math.max(0, message.indexOf("Stack Trace:"))), 25));
            crashes.add(json(c));
          } else if (code.endsWith("error.prone")) {
            Matcher m = CHECK_PREFIX.matcher(message);
            String check = "unknown";
            String text = message;
            if (m.find()) {
              check = m.group(1);
              text = message.substring(m.end());
            }
            text = SEE_LINK.matcher(text).replaceAll("");
            String suggestion = "";
            int didYouMean = text.indexOf("\n  Did you mean ");
            if (didYouMean >= 0) {
              suggestion = text.substring(didYouMean).strip();
              text = text.substring(0, didYouMean);
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("library", lib);
            f.put("check", check);
            f.put("file", file);
            f.put("line", line);
            f.put("column", d.getColumnNumber());
            f.put("severity", d.getKind().toString());
            f.put("message", text.strip());
            f.put("suggestion", suggestion);
            findings.add(json(f));
          } else if (d.getKind() == Diagnostic.Kind.ERROR) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("library", lib);
            e.put("file", file);
            e.put("line", line);
            e.put("code", code);
            e.put("message", firstLines(message, 5));
            errors.add(json(e));
          }
        };
    String status;
    int exitCode;
    Map<String, Long> timings = new TreeMap<>();
    long initMillis = -1;
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(listener, Locale.ROOT, StandardCharsets.UTF_8)) {
      Writer compilerOut = new StringWriter();
      JavacTask task = (JavacTask) javac.getTask(
          compilerOut, files, listener, options, null,
          files.getJavaFileObjectsFromStrings(sourceFiles));
      // javac drops its context when the task ends: read Error Prone's timers when compilation
      // finishes, while they are still reachable.
      Context context = ((BasicJavacTask) task).getContext();
      long[] init = {-1};
      task.addTaskListener(new TaskListener() {
        @Override
        public void finished(TaskEvent e) {
          if (e.getKind() == TaskEvent.Kind.COMPILATION) {
            init[0] = readTimings(context, javac.getClass().getClassLoader(), timings);
          }
        }
      });
      Boolean ok;
      try {
        ok = task.call();
      } catch (RuntimeException | Error e) {
        // An Error Prone crash propagates out of javac after being reported as a diagnostic.
        ok = Boolean.FALSE;
        log.append("compiler threw: ").append(e).append('\n');
      }
      log.append(compilerOut);
      // A crash outside Error Prone's per-check guard (loading a plugin, a check's constructor, a
      // javac internal error) is printed by javac as "An exception has occurred in the compiler".
      // It fails the user's build just the same; name the LeakGuard class in the trace if there is one.
      String printed = compilerOut.toString();
      int javacCrash = printed.indexOf("An exception has occurred in the compiler");
      if (javacCrash >= 0 && crashes.isEmpty()) {
        String trace = printed.substring(javacCrash);
        Matcher culprit = LEAKGUARD_FRAME.matcher(trace);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("library", lib);
        c.put("check", culprit.find() ? culprit.group(1) : "javac");
        c.put("file", "");
        c.put("line", 0);
        c.put("trace", firstLines(trace.substring(trace.indexOf('\n') + 1), 25));
        crashes.add(json(c));
      }
      status = Boolean.TRUE.equals(ok) ? "compiled" : crashes.isEmpty() ? "failed" : "crashed";
      exitCode = Boolean.TRUE.equals(ok) ? 0 : crashes.isEmpty() ? 1 : 3;
      initMillis = init[0];
    }
    if (writeResults) {
      Files.write(out.resolve("findings.jsonl"), findings, StandardCharsets.UTF_8);
      Files.write(out.resolve("crashes.jsonl"), crashes, StandardCharsets.UTF_8);
      Files.write(out.resolve("errors.jsonl"), errors, StandardCharsets.UTF_8);
      Files.writeString(out.resolve("javac.log"), log, StandardCharsets.UTF_8);
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("status", status);
      t.put("initialization_ms", initMillis);
      t.put("check_ms", timings);
      Files.writeString(out.resolve("timings.json"), json(t) + "\n", StandardCharsets.UTF_8);
    }
    return new Result(exitCode, status);
  }

  /**
   * Error Prone's own {@code javax.tools.JavaCompiler} with the default checks plus every check the
   * checks jar registers, all loaded through one class loader (reflectively: the driver itself is
   * compiled without Error Prone). Error Prone options are then passed as plain compiler options.
   */
  static JavaCompiler errorProneCompiler(String classpath, String checksJar) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        urls.add(Paths.get(entry).toUri().toURL());
      }
    }
    // Parent: the application loader, which defines jdk.compiler.
    URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), CompileDriver.class.getClassLoader());
    Class<?> scannerSupplier = loader.loadClass("com.google.errorprone.scanner.ScannerSupplier");
    Object checks = loader.loadClass("com.google.errorprone.scanner.BuiltInCheckerSuppliers")
        .getMethod("defaultChecks").invoke(null);
    List<Class<?>> extra = new ArrayList<>();
    if (checksJar != null) {
      for (String name : ListChecks.registeredClassNames(Paths.get(checksJar))) {
        extra.add(loader.loadClass(name));
      }
    }
    if (!extra.isEmpty()) {
      Object leakguard = scannerSupplier.getMethod("fromBugCheckerClasses", Iterable.class).invoke(null, extra);
      checks = scannerSupplier.getMethod("plus", scannerSupplier).invoke(checks, leakguard);
    }
    return (JavaCompiler) loader.loadClass("com.google.errorprone.BaseErrorProneJavaCompiler")
        .getConstructor(scannerSupplier).newInstance(checks);
  }

  /**
   * Reads Error Prone's per-check timers. Error Prone was loaded by javac from the processor path,
   * so its classes are reached reflectively through that class loader.
   */
  @SuppressWarnings("unchecked")
  private static long readTimings(Context context, ClassLoader timingsLoader, Map<String, Long> into) {
    try {
      ClassLoader loader = JavacProcessingEnvironment.instance(context).getProcessorClassLoader();
      Class<?> timingsClass;
      try {
        timingsClass = Class.forName("com.google.errorprone.ErrorProneTimings", false, loader);
      } catch (ClassNotFoundException | RuntimeException e) {
        timingsClass = Class.forName("com.google.errorprone.ErrorProneTimings", false, timingsLoader);
      }
      Object timings = timingsClass.getMethod("instance", Context.class).invoke(null, context);
      Map<String, Duration> byCheck = (Map<String, Duration>) timingsClass.getMethod("timings").invoke(timings);
      byCheck.forEach((k, v) -> into.put(k, v.toMillis()));
      Duration init = (Duration) timingsClass.getMethod("initializationTime").invoke(timings);
      return init.toMillis();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return -1;
    }
  }

  private static String relativize(Path root, JavaFileObject source) {
    try {
      Path p = Paths.get(source.toUri()).toAbsolutePath().normalize();
      return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
    } catch (RuntimeException e) {
      return source.getName();
    }
  }

  private static String firstLines(String s, int n) {
    String[] lines = s.split("\n", -1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(n, lines.length); i++) {
      if (i > 0) {
        b.append('\n');
      }
      b.append(lines[i]);
    }
    return b.toString();
  }

  static String json(Object value) {
    StringBuilder b = new StringBuilder();
    writeJson(b, value);
    return b.toString();
  }

  private static void writeJson(StringBuilder b, Object value) {
    if (value == null) {
      b.append("null");
    } else if (value instanceof Number || value instanceof Boolean) {
      b.append(value);
    } else if (value instanceof Map<?, ?> map) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          b.append(", ");
        }
        first = false;
        writeJson(b, String.valueOf(e.getKey()));
        b.append(": ");
        writeJson(b, e.getValue());
      }
      b.append('}');
    } else {
      String s = value.toString();
      b.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          case '\t' -> b.append("\\t");
          default -> {
            if (c < 0x20) {
              b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
              b.append(c);
            }
          }
        }
      }
      b.append('"');
    }
  }

  private CompileDriver() {}
}
