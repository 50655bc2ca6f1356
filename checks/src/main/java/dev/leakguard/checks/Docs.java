package dev.leakguard.checks;

/** Where each check's page lives; {@code @BugPattern(link = ...)} points there. */
final class Docs {
  private Docs() {}

  static final String BASE = "https://github.com/leakguard/leakguard/blob/main/docs/checks/";
}
