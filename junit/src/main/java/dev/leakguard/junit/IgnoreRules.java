package dev.leakguard.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which threads never count as leaks: by name (regular expressions, whole-name match), by the frame at the
 * top of the stack, by any frame of the stack (globs over {@code class.method}, {@code *} matches any run
 * of characters), and by the thread's class (for JDK and test-engine threads whose names are generic).
 */
final class IgnoreRules {
  static final IgnoreRules NONE = new IgnoreRules(List.of(), List.of(), List.of(), List.of());

  private final List<Pattern> names;
  private final List<Pattern> topFrames;
  private final List<Pattern> anyFrames;
  private final List<String> threadClasses;

  private IgnoreRules(
      List<Pattern> names, List<Pattern> topFrames, List<Pattern> anyFrames, List<String> threadClasses) {
    this.names = List.copyOf(names);
    this.topFrames = List.copyOf(topFrames);
    this.anyFrames = List.copyOf(anyFrames);
    this.threadClasses = List.copyOf(threadClasses);
  }

  IgnoreRules withNames(List<String> regexes) {
    List<Pattern> more = new ArrayList<>(names);
    for (String regex : regexes) {
      more.add(Pattern.compile(regex));
    }
    return new IgnoreRules(more, topFrames, anyFrames, threadClasses);
  }

  IgnoreRules withTopFrames(List<String> globs) {
    return new IgnoreRules(names, plus(topFrames, globs), anyFrames, threadClasses);
  }

  IgnoreRules withAnyFrames(List<String> globs) {
    return new IgnoreRules(names, topFrames, plus(anyFrames, globs), threadClasses);
  }

  IgnoreRules withThreadClasses(List<String> classNames) {
    List<String> more = new ArrayList<>(threadClasses);
    more.addAll(classNames);
    return new IgnoreRules(names, topFrames, anyFrames, more);
  }

  boolean ignores(String threadName, String threadClass, List<StackTraceElement> stack) {
    for (Pattern name : names) {
      if (name.matcher(threadName).matches()) {
        return true;
      }
    }
    if (threadClass != null && threadClasses.contains(threadClass)) {
      return true;
    }
    if (!stack.isEmpty() && matchesAny(topFrames, stack.get(0))) {
      return true;
    }
    if (!anyFrames.isEmpty()) {
      for (StackTraceElement frame : stack) {
        if (matchesAny(anyFrames, frame)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matchesAny(List<Pattern> globs, StackTraceElement frame) {
    if (globs.isEmpty()) {
      return false;
    }
    String method = frame.getClassName() + "." + frame.getMethodName();
    for (Pattern glob : globs) {
      if (glob.matcher(method).matches()) {
        return true;
      }
    }
    return false;
  }

  private static List<Pattern> plus(List<Pattern> patterns, List<String> globs) {
    List<Pattern> more = new ArrayList<>(patterns);
    for (String glob : globs) {
      more.add(globToRegex(glob.trim()));
    }
    return more;
  }

  static Pattern globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    String[] parts = glob.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      regex.append(i == 0 ? "" : ".*").append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString());
  }
}
