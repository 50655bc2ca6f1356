package dev.leakguard.model;

/**
 * How a call can be rewritten to its bounded twin so that a timeout stays visible: after a timed
 * wait the code must never carry on as if the awaited event had happened.
 */
public enum BoundedRewrite {
  /** No rewrite keeps the meaning (for instance {@code Object.wait()}, which cannot tell a timeout). */
  NONE,
  /**
   * {@code x.m(args)} becomes {@code x.twin(args, timeout, unit)}, which throws {@code
   * TimeoutException}: offered only where that checked exception is already handled.
   */
  TIMED_THROWS_TIMEOUT,
  /**
   * A statement {@code x.m(args);} becomes {@code if (!x.twin(args, timeout, unit)) throw new
   * IllegalStateException(..);}: the twin reports a timeout by returning false.
   */
  TIMED_RETURNS_FALSE,
  /**
   * A declaration {@code T v = x.m();} becomes {@code T v = x.twin(timeout, unit); if (v == null)
   * throw ..;}: the twin reports a timeout by returning null.
   */
  TIMED_RETURNS_NULL,
  /** {@code cf.join()} becomes {@code cf.orTimeout(timeout, unit).join()}. */
  OR_TIMEOUT
}
