/**
 * LeakGuard's run-time companion to its compile-time checks: {@link dev.leakguard.junit.DetectThreadLeaks}
 * fails JUnit 5 tests that leave threads behind, and {@link dev.leakguard.junit.ThreadLeakDetector} does the
 * same for any block of code. See {@code docs/junit.md}.
 */
package dev.leakguard.junit;
