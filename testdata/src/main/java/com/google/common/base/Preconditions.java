package com.google.common.base;

/** Test stub of Guava's Preconditions: the overloads LeakGuard's tests use. */
public final class Preconditions {
  private Preconditions() {}

  public static void checkState(boolean expression) {
    if (!expression) {
      throw new IllegalStateException();
    }
  }

  public static void checkState(boolean expression, Object errorMessage) {
    if (!expression) {
      throw new IllegalStateException(String.valueOf(errorMessage));
    }
  }

  public static void checkState(boolean expression, String template, Object... args) {
    if (!expression) {
      throw new IllegalStateException(template);
    }
  }
}
