package dev.leakguard.model;

import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import java.util.Set;

/**
 * Test-framework timeouts that interrupt a test's thread when they expire, as data: an
 * interruptible wait under one of them is bounded.
 */
public final class TestFrameworkApi {
  private TestFrameworkApi() {}

  /** JUnit 5 {@code @Timeout}, on a test method or its class: interrupts the test's thread. */
  public static final Set<String> TIMEOUT_ANNOTATIONS = Set.of("org.junit.jupiter.api.Timeout");

  /** JUnit 4 {@code @Test}: its {@code timeout} element, when positive, interrupts the test. */
  public static final String JUNIT4_TEST = "org.junit.Test";

  public static final String JUNIT4_TIMEOUT_ELEMENT = "timeout";

  /** {@code assertTimeoutPreemptively(duration, () -> ..)}: cancels (interrupts) the executable. */
  public static final Matcher<ExpressionTree> PREEMPTIVE_TIMEOUT =
      staticMethod().onClass("org.junit.jupiter.api.Assertions").named("assertTimeoutPreemptively");
}
