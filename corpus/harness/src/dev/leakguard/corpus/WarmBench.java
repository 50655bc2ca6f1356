package dev.leakguard.corpus;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;

/**
 * The compile-time cost of checks in a warm compiler, as in a build daemon: one JVM, Error Prone and
 * the checks loaded once, and every configuration compiling every library once per round, in a
 * shuffled order; the first {@code --warmup} rounds are not recorded. Each compilation's cost is the
 * process CPU time it took (all threads: javac, the JIT still at work, the collector), so a check
 * that allocates pays for its garbage too.
 *
 * <p>Usage: {@code WarmBench --shared-loader CLASSPATH --checks-jar JAR --out FILE --rounds N
 * --warmup W [--seed S] --config NAME LIBRARY OPTIONS_FILE SOURCES_FILE ...} where {@code
 * OPTIONS_FILE} holds one javac option per line and {@code SOURCES_FILE} one source path per line.
 * Writes {@code round, config, library, cpu_seconds, wall_seconds} as tab-separated lines.
 */
public final class WarmBench {
  private WarmBench() {}

  private record Config(String name, String library, List<String> options, List<String> sources) {}

  public static void main(String[] args) throws Exception {
    String sharedLoader = null;
    String checksJar = null;
    Path out = null;
    int rounds = 6;
    int warmup = 2;
    long seed = 1;
    List<Config> configs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--shared-loader" -> sharedLoader = args[++i];
        case "--checks-jar" -> checksJar = args[++i];
        case "--out" -> out = Paths.get(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--config" -> {
          configs.add(new Config(args[i + 1], args[i + 2], lines(args[i + 3]), lines(args[i + 4])));
          i += 4;
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (sharedLoader == null || out == null || configs.isEmpty()) {
      throw new IllegalArgumentException("--shared-loader, --out and at least one --config are required");
    }
    JavaCompiler compiler = CompileDriver.errorProneCompiler(sharedLoader, checksJar);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Random random = new Random(seed);
    try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
      log.println("round\tconfig\tlibrary\tcpu_seconds\twall_seconds");
      for (int round = 1 - warmup; round <= rounds; round++) {
        List<Config> order = new ArrayList<>(configs);
        Collections.shuffle(order, random);
        for (Config config : order) {
          System.gc(); // the previous compilation's garbage is not this one's cost
          long cpu = os.getProcessCpuTime();
          long wall = System.nanoTime();
          boolean ok = compile(compiler, config);
          double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
          double wallSeconds = (System.nanoTime() - wall) / 1e9;
          if (!ok) {
            throw new IllegalStateException(config.library() + " did not compile in " + config.name());
          }
          if (round >= 1) {
            log.printf(Locale.ROOT, "%d\t%s\t%s\t%.3f\t%.3f%n", round, config.name(), config.library(), cpuSeconds, wallSeconds);
            log.flush();
          }
          System.err.printf(Locale.ROOT, "round %d%s %s %s: cpu %.2fs wall %.2fs%n",
              round, round < 1 ? " (warm-up)" : "", config.name(), config.library(), cpuSeconds, wallSeconds);
        }
      }
    }
  }

  private static boolean compile(JavaCompiler compiler, Config config) throws IOException {
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      Writer discard = Writer.nullWriter();
      return compiler
          .getTask(discard, files, diagnostic -> {}, config.options(), null,
              files.getJavaFileObjectsFromStrings(config.sources()))
          .call();
    }
  }

  private static List<String> lines(String file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(Paths.get(file), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        lines.add(line.strip());
      }
    }
    return lines;
  }
}
