package dev.leakguard.examples;

/**
 * A runnable example of a thread leak (or of its clean twin), one per LeakGuard check. {@link #run()} does
 * what the program does and returns; a leaking example leaves a thread behind exactly the way the check's
 * page describes, its clean twin leaves nothing. Each class also has a {@code main} method: a leaking
 * example's JVM never exits (a non-daemon thread is stuck), a clean twin's does.
 *
 * <p>{@link #close()} is the cleanup hook for tests: it ends whatever {@code run()} left behind (by the means
 * the leaking code lacks), so a test can assert on the leak and then leave nothing running.
 */
public interface LeakExample extends AutoCloseable {

  /** Does the example's work; returns while a leaking example's thread is still stuck. */
  void run() throws Exception;

  /** Ends every thread {@link #run()} started and waits for them; safe to call more than once. */
  @Override
  void close() throws InterruptedException;
}
