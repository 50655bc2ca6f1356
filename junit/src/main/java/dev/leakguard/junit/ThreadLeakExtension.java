package dev.leakguard.junit;

import dev.leakguard.junit.DetectThreadLeaks.Mode;
import dev.leakguard.junit.DetectThreadLeaks.Scope;
import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link DetectThreadLeaks}. Registered by the annotation, by
 * {@code @ExtendWith}/{@code @RegisterExtension}, or for every test through JUnit's extension auto-detection
 * ({@code junit.jupiter.extensions.autodetection.enabled=true}; this jar declares it as a service).
 *
 * <p>Configuration parameters ({@code junit-platform.properties}, {@code -D} system properties or the
 * launcher), all optional:
 *
 * <table>
 *   <caption>Configuration parameters</caption>
 *   <tr><td>{@value #ENABLED}</td><td>{@code true}: check tests that carry no {@code @DetectThreadLeaks}
 *       (when registered globally); {@code false} limits checking to annotated tests</td></tr>
 *   <tr><td>{@value #MODE}</td><td>{@code fail} (default) or {@code warn}</td></tr>
 *   <tr><td>{@value #SCOPE}</td><td>{@code test} (default) or {@code class}</td></tr>
 *   <tr><td>{@value #GRACE}</td><td>grace period: {@code 500ms} (default), {@code 2s}, plain milliseconds or ISO-8601</td></tr>
 *   <tr><td>{@value #IGNORE_NAMES}</td><td>comma-separated thread-name regular expressions</td></tr>
 *   <tr><td>{@value #IGNORE_TOP_FRAMES}</td><td>comma-separated {@code class.method} globs for the innermost frame</td></tr>
 *   <tr><td>{@value #IGNORE_ANY_FRAMES}</td><td>comma-separated {@code class.method} globs for any frame</td></tr>
 *   <tr><td>{@value #IGNORE_DEFAULTS}</td><td>{@code true} (default): apply the built-in ignore list</td></tr>
 *   <tr><td>{@value #VIRTUAL}</td><td>{@code true} (default): look for virtual threads on JDK 21+</td></tr>
 * </table>
 */
public class ThreadLeakExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  public static final String ENABLED = "leakguard.threads.enabled";
  public static final String MODE = "leakguard.threads.mode";
  public static final String SCOPE = "leakguard.threads.scope";
  public static final String GRACE = "leakguard.threads.grace";
  public static final String IGNORE_NAMES = "leakguard.threads.ignore.names";
  public static final String IGNORE_TOP_FRAMES = "leakguard.threads.ignore.topFrames";
  public static final String IGNORE_ANY_FRAMES = "leakguard.threads.ignore.anyFrames";
  public static final String IGNORE_DEFAULTS = "leakguard.threads.ignore.defaults";
  public static final String VIRTUAL = "leakguard.threads.virtual";

  /** The key of the report entry published for every leak (in warn mode and in fail mode alike). */
  public static final String REPORT_ENTRY_KEY = "leakguard.threads";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ThreadLeakExtension.class);
  private static final String CLASS_WATCH = "class-watch";
  private static final String TEST_WATCH = "test-watch";

  @Override
  public void beforeAll(ExtensionContext context) {
    Settings settings = Settings.resolve(context, null);
    if (settings.active && settings.scope == Scope.CLASS) {
      // Compute-if-absent: registered twice (annotation and auto-detection), it still watches once.
      context.getStore(NAMESPACE).getOrComputeIfAbsent(CLASS_WATCH, k -> new Watch(settings), Watch.class);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Watch watch = context.getStore(NAMESPACE).remove(CLASS_WATCH, Watch.class);
    if (watch != null) {
      report(context, watch, "the tests of " + context.getRequiredTestClass().getName());
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Settings settings = Settings.resolve(context, context.getRequiredTestMethod());
    if (settings.active && settings.scope == Scope.TEST) {
      context.getStore(NAMESPACE).getOrComputeIfAbsent(TEST_WATCH, k -> new Watch(settings), Watch.class);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Watch watch = context.getStore(NAMESPACE).remove(TEST_WATCH, Watch.class);
    if (watch != null) {
      report(
          context,
          watch,
          "test " + context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName() + "()");
    }
  }

  private static void report(ExtensionContext context, Watch watch, String subject) {
    LeakReport report = watch.settings.detector.leaksSince(watch.before, subject);
    if (report.isEmpty()) {
      return;
    }
    String text = report.format();
    context.publishReportEntry(REPORT_ENTRY_KEY, text);
    if (watch.settings.mode == Mode.WARN) {
      System.err.println("[WARNING] " + text);
      return;
    }
    throw new ThreadLeakError(report);
  }

  /** The snapshot taken before a test or class, with the settings it runs under. */
  private static final class Watch {
    final Settings settings;
    final ThreadLeakDetector.Snapshot before;

    Watch(Settings settings) {
      this.settings = settings;
      this.before = settings.detector.snapshot();
    }
  }

  /** Annotations (nearest first), then configuration parameters, then defaults. */
  private static final class Settings {
    final boolean active;
    final Mode mode;
    final Scope scope;
    final ThreadLeakDetector detector;

    private Settings(boolean active, Mode mode, Scope scope, ThreadLeakDetector detector) {
      this.active = active;
      this.mode = mode;
      this.scope = scope;
      this.detector = detector;
    }

    static Settings resolve(ExtensionContext context, AnnotatedElement method) {
      List<DetectThreadLeaks> annotations = new ArrayList<>();
      if (method != null) {
        AnnotationSupport.findAnnotation(method, DetectThreadLeaks.class).ifPresent(annotations::add);
      }
      int classAnnotationsFrom = annotations.size();
      for (Class<?> type = context.getRequiredTestClass(); type != null; type = enclosingOfInner(type)) {
        AnnotationSupport.findAnnotation(type, DetectThreadLeaks.class).ifPresent(annotations::add);
      }

      Mode mode = Mode.DEFAULT;
      long graceMillis = -1;
      for (DetectThreadLeaks annotation : annotations) {
        mode = mode == Mode.DEFAULT ? annotation.mode() : mode;
        graceMillis = graceMillis < 0 ? annotation.graceMillis() : graceMillis;
      }
      Scope scope = Scope.DEFAULT;
      for (DetectThreadLeaks annotation : annotations.subList(classAnnotationsFrom, annotations.size())) {
        scope = scope == Scope.DEFAULT ? annotation.scope() : scope;
      }
      if (mode == Mode.DEFAULT) {
        mode = enumParameter(context, MODE, Mode.class, Mode.FAIL);
      }
      if (scope == Scope.DEFAULT) {
        scope = enumParameter(context, SCOPE, Scope.class, Scope.TEST);
      }
      boolean enabled = annotations.isEmpty() ? booleanParameter(context, ENABLED, true) : true;

      ThreadLeakDetector detector =
          ThreadLeakDetector.create()
              .withGracePeriod(graceMillis >= 0 ? Duration.ofMillis(graceMillis) : graceParameter(context))
              .withVirtualThreads(booleanParameter(context, VIRTUAL, true))
              .ignoringThreadNames(listParameter(context, IGNORE_NAMES))
              .ignoringTopFrames(listParameter(context, IGNORE_TOP_FRAMES))
              .ignoringAnyFrames(listParameter(context, IGNORE_ANY_FRAMES));
      if (!booleanParameter(context, IGNORE_DEFAULTS, true)) {
        detector = detector.withoutDefaultIgnores();
      }
      for (DetectThreadLeaks annotation : annotations) {
        detector =
            detector
                .ignoringThreadNames(annotation.ignoreThreadNames())
                .ignoringTopFrames(annotation.ignoreTopFrames())
                .ignoringAnyFrames(annotation.ignoreAnyFrames());
      }
      return new Settings(enabled && mode != Mode.OFF, mode, scope, detector);
    }

    /** For a {@code @Nested} (inner) class, the class it is nested in: its annotation applies too. */
    private static Class<?> enclosingOfInner(Class<?> type) {
      return type.isMemberClass() && !java.lang.reflect.Modifier.isStatic(type.getModifiers())
          ? type.getEnclosingClass()
          : null;
    }

    private static <E extends Enum<E>> E enumParameter(
        ExtensionContext context, String key, Class<E> type, E fallback) {
      Optional<String> value = context.getConfigurationParameter(key);
      if (value.isEmpty()) {
        return fallback;
      }
      String name = value.get().trim().toUpperCase(Locale.ROOT);
      if (!name.equals("DEFAULT")) {
        for (E constant : type.getEnumConstants()) {
          if (constant.name().equals(name)) {
            return constant;
          }
        }
      }
      List<String> allowed = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        if (!constant.name().equals("DEFAULT")) {
          allowed.add(constant.name().toLowerCase(Locale.ROOT));
        }
      }
      throw new ExtensionConfigurationException(
          "LeakGuard: " + key + "=" + value.get() + " is not one of " + allowed);
    }

    private static boolean booleanParameter(ExtensionContext context, String key, boolean fallback) {
      Optional<String> value = context.getConfigurationParameter(key);
      if (value.isEmpty()) {
        return fallback;
      }
      String text = value.get().trim();
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(text);
      }
      throw new ExtensionConfigurationException("LeakGuard: " + key + "=" + text + " is not true or false");
    }

    private static String[] listParameter(ExtensionContext context, String key) {
      return context
          .getConfigurationParameter(key)
          .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new))
          .orElse(new String[0]);
    }

    private static Duration graceParameter(ExtensionContext context) {
      Optional<String> value = context.getConfigurationParameter(GRACE);
      if (value.isEmpty()) {
        return ThreadLeakDetector.DEFAULT_GRACE_PERIOD;
      }
      String text = value.get().trim().toLowerCase(Locale.ROOT);
      try {
        Duration grace;
        if (text.endsWith("ms")) {
          grace = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).trim()));
        } else if (text.endsWith("s") && !text.startsWith("p")) {
          grace = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1).trim()));
        } else if (text.startsWith("p")) {
          grace = Duration.parse(text.toUpperCase(Locale.ROOT));
        } else {
          grace = Duration.ofMillis(Long.parseLong(text));
        }
        if (!grace.isNegative()) {
          return grace;
        }
      } catch (NumberFormatException | DateTimeParseException e) {
        // fall through to the error below
      }
      throw new ExtensionConfigurationException(
          "LeakGuard: " + GRACE + "=" + value.get() + " is not a duration such as 500ms, 2s or PT1S");
    }
  }
}
