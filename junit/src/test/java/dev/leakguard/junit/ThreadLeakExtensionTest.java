package dev.leakguard.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Runs the fixtures in {@link ExtensionFixtures} on the real Jupiter engine and checks the outcomes. */
@DetectThreadLeaks // the suite itself must leak nothing: every test ends what its fixtures leaked
class ThreadLeakExtensionTest {

  @AfterEach
  void endLeakedThreads() throws InterruptedException {
    Leaks.endAll();
  }

  @Test
  void failsTheTestThatLeaksWithTheThreadsDetails() {
    Events tests = run(ExtensionFixtures.LeakingAndCleanTests.class).testEvents();

    tests.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    Throwable failure = onlyFailure(tests);
    assertInstanceOf(ThreadLeakError.class, failure);
    String message = failure.getMessage();
    assertContains(message, "1 thread was started by test LeakingAndCleanTests.leaks()");
    assertContains(message, "\"fixture-leaker\"");
    assertContains(message, "platform thread, daemon=false, state=WAITING");
    assertContains(message, "blocked on: parked on java.util.concurrent.CountDownLatch$Sync@");
    assertContains(message, "java.util.concurrent.CountDownLatch.await(CountDownLatch.java:");
    assertContains(message, "dev.leakguard.junit.Leaks.waitForever(Leaks.java:");
    assertEquals("leaks()", failedTestName(tests));
  }

  @Test
  void methodAnnotationChecksOnlyThatTest() {
    Events tests = run(ExtensionFixtures.MethodAnnotation.class).testEvents();

    tests.assertStatistics(stats -> stats.succeeded(1).failed(1));
    assertEquals("annotatedLeak()", failedTestName(tests));
  }

  @Test
  void threadsStartedAndStoppedByLifecycleMethodsAreNotLeaks() {
    run(ExtensionFixtures.LifecycleThreads.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
  }

  @Test
  void warnModePassesAndPublishesTheReport() {
    EngineExecutionResults results = run(ExtensionFixtures.WarnOnly.class);

    results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
    String published = publishedReports(results);
    assertContains(published, "\"fixture-warned\"");
    assertContains(published, "state=WAITING");
  }

  @Test
  void modeOffExemptsATest() {
    run(ExtensionFixtures.Exempted.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
  }

  @Test
  void ignoresThreadsByNamePatternButNotOthers() {
    Events tests = run(ExtensionFixtures.IgnoredByName.class).testEvents();

    tests.assertStatistics(stats -> stats.failed(1));
    String message = onlyFailure(tests).getMessage();
    assertContains(message, "\"fixture-real\"");
    assertTrue(!message.contains("fixture-ignored-1"), message);
  }

  @Test
  void ignoresThreadsByAnyFrame() {
    run(ExtensionFixtures.IgnoredByFrame.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
  }

  @Test
  void topFrameRuleMatchesOnlyTheInnermostFrame() {
    run(ExtensionFixtures.TopFrameIgnored.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
    run(ExtensionFixtures.TopFrameIsJdkCode.class).testEvents().assertStatistics(stats -> stats.failed(1));
  }

  @Test
  void classScopeAllowsThreadsSharedAcrossTestsThatEndByTheEnd() {
    EngineExecutionResults results = run(ExtensionFixtures.ClassScopeClean.class);

    results.testEvents().assertStatistics(stats -> stats.succeeded(2));
    results.containerEvents().assertStatistics(stats -> stats.failed(0));
  }

  @Test
  void classScopeFailsTheClassThatLeaks() {
    EngineExecutionResults results = run(ExtensionFixtures.ClassScopeLeak.class);

    results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
    Events failedContainers = results.containerEvents().failed();
    assertEquals(1, failedContainers.count());
    Throwable failure = throwable(failedContainers.list().get(0));
    assertInstanceOf(ThreadLeakError.class, failure);
    assertContains(failure.getMessage(), "the tests of " + ExtensionFixtures.ClassScopeLeak.class.getName());
    assertContains(failure.getMessage(), "\"fixture-class-server\"");
  }

  @Test
  void threadsThatEndWithinTheGracePeriodPass() {
    run(ExtensionFixtures.SlowToEnd.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
  }

  @Test
  void withoutGracePeriodAThreadStillEndingIsReported() {
    Events tests = run(ExtensionFixtures.NoGrace.class).testEvents();

    tests.assertStatistics(stats -> stats.failed(1));
    assertContains(onlyFailure(tests).getMessage(), "\"fixture-no-grace\"");
  }

  @Test
  void aTestsOwnFailureStaysPrimaryAndTheLeakIsAttached() {
    Events tests = run(ExtensionFixtures.FailingAndLeaking.class).testEvents();

    Throwable failure = onlyFailure(tests);
    assertEquals("the test's own failure", failure.getMessage());
    assertEquals(1, failure.getSuppressed().length);
    assertInstanceOf(ThreadLeakError.class, failure.getSuppressed()[0]);
    assertContains(failure.getSuppressed()[0].getMessage(), "\"fixture-failing\"");
  }

  @Test
  void nestedClassesInheritTheEnclosingAnnotation() {
    Events tests = run(ExtensionFixtures.Outer.class).testEvents();

    tests.assertStatistics(stats -> stats.failed(1));
    assertContains(onlyFailure(tests).getMessage(), "\"fixture-nested\"");
  }

  @Test
  void identicalThreadsAreGroupedWithACount() {
    Events tests = run(ExtensionFixtures.ManyThreads.class).testEvents();

    String message = onlyFailure(tests).getMessage();
    assertContains(message, "200 threads were started by test ManyThreads.leaksPerRequest()");
    assertContains(message, "(1 distinct stack)");
    assertContains(message, "#1  x 200  \"fixture-request-1\", \"fixture-request-2\", \"fixture-request-3\"");
    assertContains(message, "and 195 more");
    assertEquals(1, count(message, "dev.leakguard.junit.Leaks.waitForever("), message);
  }

  @Test
  void autoDetectionChecksEveryTest() {
    Events tests =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
            .configurationParameter(ThreadLeakExtension.GRACE, "50ms")
            .selectors(selectClass(ExtensionFixtures.Unannotated.class))
            .execute()
            .testEvents();

    tests.assertStatistics(stats -> stats.failed(1));
    assertContains(onlyFailure(tests).getMessage(), "\"fixture-global\"");
    assertContains(onlyFailure(tests).getMessage(), "still alive 50 ms after it ended");
  }

  @Test
  void withoutAutoDetectionUnannotatedTestsAreNotChecked() {
    run(ExtensionFixtures.Unannotated.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
  }

  @Test
  void enabledFalseLimitsAutoDetectionToAnnotatedTests() {
    Events tests =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
            .configurationParameter(ThreadLeakExtension.ENABLED, "false")
            .selectors(
                selectClass(ExtensionFixtures.Unannotated.class),
                selectClass(ExtensionFixtures.AnnotatedUnderAutodetection.class))
            .execute()
            .testEvents();

    tests.assertStatistics(stats -> stats.succeeded(1).failed(1));
    assertContains(onlyFailure(tests).getMessage(), "\"fixture-once\"");
  }

  @Test
  void annotatedAndAutoDetectedReportsOnce() {
    Events tests =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
            .selectors(selectClass(ExtensionFixtures.AnnotatedUnderAutodetection.class))
            .execute()
            .testEvents();

    Throwable failure = onlyFailure(tests);
    assertInstanceOf(ThreadLeakError.class, failure);
    assertEquals(0, failure.getSuppressed().length);
  }

  @Test
  void configurationParametersSetModeAndIgnores() {
    EngineExecutionResults warned =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter(ThreadLeakExtension.MODE, "warn")
            .selectors(selectClass(ExtensionFixtures.LeakingAndCleanTests.class))
            .execute();
    warned.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
    assertContains(publishedReports(warned), "\"fixture-leaker\"");

    EngineTestKit.engine("junit-jupiter")
        .configurationParameter(ThreadLeakExtension.IGNORE_NAMES, "other-.*, fixture-leak.*")
        .selectors(selectClass(ExtensionFixtures.LeakingAndCleanTests.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(2).failed(0));
  }

  @Test
  void configurationScopeClassChecksOncePerClass() {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter(ThreadLeakExtension.SCOPE, "class")
            .selectors(selectClass(ExtensionFixtures.LeakingAndCleanTests.class))
            .execute();

    results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
    assertEquals(1, results.containerEvents().failed().count());
  }

  @Test
  void badConfigurationValuesNameTheKey() {
    Events failed =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
            .configurationParameter(ThreadLeakExtension.GRACE, "soon")
            .selectors(selectClass(ExtensionFixtures.Unannotated.class))
            .execute()
            .allEvents()
            .failed();

    // Read when the class starts, so the class fails before any test runs.
    assertEquals(1, failed.count());
    assertContains(
        throwable(failed.list().get(0)).getMessage(),
        "LeakGuard: leakguard.threads.grace=soon is not a duration such as 500ms, 2s or PT1S");
  }

  private static EngineExecutionResults run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
  }

  private static Throwable onlyFailure(Events tests) {
    List<Event> failed = tests.failed().list();
    assertEquals(1, failed.size(), "expected one failed test");
    return throwable(failed.get(0));
  }

  private static Throwable throwable(Event event) {
    return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
  }

  private static String failedTestName(Events tests) {
    return tests.failed().list().get(0).getTestDescriptor().getDisplayName();
  }

  private static String publishedReports(EngineExecutionResults results) {
    return results.allEvents().reportingEntryPublished().stream()
        .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
        .map(Map::entrySet)
        .flatMap(entries -> entries.stream())
        .filter(entry -> entry.getKey().equals(ThreadLeakExtension.REPORT_ENTRY_KEY))
        .map(Map.Entry::getValue)
        .collect(Collectors.joining("\n"));
  }

  static void assertContains(String text, String expected) {
    assertTrue(text.contains(expected), () -> "expected to find <" + expected + "> in:\n" + text);
  }

  static int count(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      count++;
    }
    return count;
  }
}
