package dev.leakguard.corpus;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Prints the Error Prone name of every BugChecker that a checks jar registers in {@code
 * META-INF/services/com.google.errorprone.bugpatterns.BugChecker}, one per line, so the corpus run
 * enables every check without a hard-coded list.
 *
 * <p>Usage: {@code ListChecks <checks.jar> <error prone classpath>}. The name is the one Error
 * Prone uses for {@code -Xep:Name}: {@code @BugPattern(name=...)} if set, else the simple class
 * name (as {@code BugCheckerInfo} does).
 */
public final class ListChecks {
  private static final String SERVICE = "META-INF/services/com.google.errorprone.bugpatterns.BugChecker";

  public static void main(String[] args) throws Exception {
    Path jar = Paths.get(args[0]);
    List<String> classNames = registeredClassNames(jar);
    List<URL> urls = new ArrayList<>();
    urls.add(jar.toUri().toURL());
    if (args.length > 1) {
      for (String entry : args[1].split(java.io.File.pathSeparator)) {
        if (!entry.isEmpty()) {
          urls.add(Paths.get(entry).toUri().toURL());
        }
      }
    }
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ListChecks.class.getClassLoader())) {
      @SuppressWarnings("unchecked")
      Class<? extends Annotation> bugPattern =
          (Class<? extends Annotation>) Class.forName("com.google.errorprone.BugPattern", false, loader);
      Method nameMethod = bugPattern.getMethod("name");
      for (String className : classNames) {
        Class<?> checker = Class.forName(className, false, loader);
        Annotation pattern = checker.getAnnotation(bugPattern);
        String name = pattern == null ? "" : (String) nameMethod.invoke(pattern);
        System.out.println(name.isEmpty() ? checker.getSimpleName() : name);
      }
    }
  }

  /** The BugChecker classes the jar registers as services; none if it registers none (yet). */
  static List<String> registeredClassNames(Path jar) throws java.io.IOException {
    List<String> classNames = new ArrayList<>();
    try (JarFile jarFile = new JarFile(jar.toFile())) {
      ZipEntry entry = jarFile.getEntry(SERVICE);
      if (entry == null) {
        return classNames;
      }
      String text = new String(jarFile.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        String name = line.replaceAll("#.*", "").trim();
        if (!name.isEmpty()) {
          classNames.add(name);
        }
      }
    }
    return classNames;
  }

  private ListChecks() {}
}
