package dev.leakguard.checks;

/** Where each check's page lives; the bug pattern's link points there. */
final class Docs {
  private Docs() {}

  static final String BASE = "https://github.com/leakguard/leakguard/blob/main/docs/checks/";
}
