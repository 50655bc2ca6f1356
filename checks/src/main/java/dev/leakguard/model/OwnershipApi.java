package dev.leakguard.model;

import java.util.Set;

/**
 * Who ends an object, as data: the ownership annotations LeakGuard honours and the lifecycle
 * methods in which an owner ends what it owns.
 */
public final class OwnershipApi {
  private OwnershipApi() {}

  /** This reference must end its object, or hand it on. */
  public static final Set<String> OWNING =
      Set.of("dev.leakguard.annotations.Owning", "org.checkerframework.checker.mustcall.qual.Owning");

  /** This reference borrows its object; someone else ends it. */
  public static final Set<String> NOT_OWNING =
      Set.of(
          "dev.leakguard.annotations.NotOwning",
          "org.checkerframework.checker.mustcall.qual.NotOwning");

  /** On a method: its caller owns the returned object. */
  public static final Set<String> RETURNS_OWNED =
      Set.of(
          "dev.leakguard.annotations.Owning", "com.google.errorprone.annotations.MustBeClosed");

  /** Names the method that ends the annotated field. */
  public static final String CLOSED_BY = "dev.leakguard.annotations.ClosedBy";

  /** No-argument methods in which an owner conventionally ends what it owns. */
  public static final Set<String> LIFECYCLE_METHOD_NAMES =
      Set.of(
          "close",
          "shutdown",
          "shutdownNow",
          "shutDown",
          "stop",
          "stopAsync",
          "destroy",
          "dispose",
          "terminate",
          "doStop",
          "triggerShutdown",
          "preDestroy");

  /**
   * Annotations that make any method a lifecycle method: container shutdown, and the per-test
   * teardown of JUnit 4/5 and TestNG (where a test class ends what its setup created).
   */
  public static final Set<String> LIFECYCLE_ANNOTATIONS =
      Set.of(
          "javax.annotation.PreDestroy",
          "jakarta.annotation.PreDestroy",
          "org.junit.After",
          "org.junit.jupiter.api.AfterEach",
          "org.testng.annotations.AfterMethod");
}
