package dev.leakguard.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a test that leaves threads behind. Before each test (or, with {@link Scope#CLASS}, before the
 * class) LeakGuard records the live threads; afterwards it gives new threads {@link #graceMillis()} to end
 * and fails with every survivor: name, state, daemon flag, what it is blocked on and its full stack, with
 * identical threads grouped ({@code x 200}). On JDK 21+ virtual threads are checked too.
 *
 * <p>On a class it covers every test of the class, its subclasses and its {@code @Nested} classes; on a
 * method, that test. Attributes left at their defaults fall back to an enclosing annotation, then to the
 * {@code leakguard.threads.*} configuration parameters (see {@link ThreadLeakExtension}), then to the built-in
 * defaults. Ignore lists add up: method, class, configuration and the built-in list all apply.
 *
 * <p>To check every test without annotating it, turn on JUnit's extension auto-detection
 * ({@code junit.jupiter.extensions.autodetection.enabled=true}); {@code @DetectThreadLeaks(mode = OFF)} then
 * exempts a class or test.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ThreadLeakExtension.class)
public @interface DetectThreadLeaks {

  /** Fail the test (default), only warn, or don't check. */
  Mode mode() default Mode.DEFAULT;

  /** Check after every test (default) or once after the whole class. Read from class-level annotations only. */
  Scope scope() default Scope.DEFAULT;

  /** How long new threads get to end after the test; negative means "not set here" (default 500 ms). */
  long graceMillis() default -1;

  /** Threads whose whole name matches one of these regular expressions are not leaks. */
  String[] ignoreThreadNames() default {};

  /**
   * Threads whose innermost stack frame matches one of these {@code class.method} patterns ({@code *}
   * matches anything) are not leaks, e.g. {@code "com.acme.Metrics.reporterLoop"}.
   */
  String[] ignoreTopFrames() default {};

  /** Threads with any frame matching one of these {@code class.method} patterns are not leaks. */
  String[] ignoreAnyFrames() default {};

  /** What to do about leaked threads. */
  enum Mode {
    /** Not set here: use the enclosing annotation, {@code leakguard.threads.mode}, or {@link #FAIL}. */
    DEFAULT,
    /** Fail the test (or, with class scope, the class) with a {@link ThreadLeakError}. */
    FAIL,
    /** Print the report to standard error and publish it as a report entry; the test passes. */
    WARN,
    /** Do not check: exempts a class or test from a global or class-level setting. */
    OFF
  }

  /** When to look for leaked threads. */
  enum Scope {
    /** Not set here: use the enclosing annotation, {@code leakguard.threads.scope}, or {@link #TEST}. */
    DEFAULT,
    /** Snapshot before each test, check after it (after its {@code @AfterEach} methods). */
    TEST,
    /**
     * Snapshot before the class's {@code @BeforeAll}, check after its {@code @AfterAll}: for suites whose
     * tests share threads on purpose (a server started once per class) and must only not leak as a whole.
     */
    CLASS
  }
}
