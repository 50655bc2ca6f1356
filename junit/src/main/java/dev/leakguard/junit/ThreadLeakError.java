package dev.leakguard.junit;

/** Thrown when code leaves threads behind; the message lists them. Test frameworks report it as a failure. */
public final class ThreadLeakError extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final transient LeakReport report;

  public ThreadLeakError(LeakReport report) {
    super(report.format());
    this.report = report;
  }

  /** The leaked threads; {@code null} after deserialization. */
  public LeakReport report() {
    return report;
  }
}
