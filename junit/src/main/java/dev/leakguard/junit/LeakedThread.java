package dev.leakguard.junit;

import java.util.List;
import java.util.Optional;

/**
 * A thread that was started while a piece of code ran and was still alive after the grace period: what a
 * thread dump would show for it.
 *
 * <p>Platform threads are read from the live {@link Thread} objects; virtual threads (JDK 21+) from the
 * JDK's thread dump, so for them {@link #thread()} is empty.
 */
public final class LeakedThread {
  private final String name;
  private final long id;
  private final boolean virtual;
  private final boolean daemon;
  private final Thread.State state;
  private final String blockedOn;
  private final List<StackTraceElement> stack;
  private final Thread thread;

  LeakedThread(
      String name,
      long id,
      boolean virtual,
      boolean daemon,
      Thread.State state,
      String blockedOn,
      List<StackTraceElement> stack,
      Thread thread) {
    this.name = name;
    this.id = id;
    this.virtual = virtual;
    this.daemon = daemon;
    this.state = state;
    this.blockedOn = blockedOn;
    this.stack = List.copyOf(stack);
    this.thread = thread;
  }

  /** The thread's name; virtual threads are often unnamed, then this is the empty string. */
  public String name() {
    return name;
  }

  /** The thread id ({@code Thread.getId()} / {@code threadId()}). */
  public long id() {
    return id;
  }

  public boolean isVirtual() {
    return virtual;
  }

  /** Daemon threads do not keep the JVM alive, but still hold what they reference. Virtual threads are daemons. */
  public boolean isDaemon() {
    return daemon;
  }

  /** The thread's state, empty when the JDK did not report it (virtual threads on JDK 21 to 24). */
  public Optional<Thread.State> state() {
    return Optional.ofNullable(state);
  }

  /**
   * What the thread waits for: the park blocker (for example the condition inside a {@code
   * LinkedBlockingQueue}), the monitor it waits on or tries to enter, with its owner where known.
   */
  public Optional<String> blockedOn() {
    return Optional.ofNullable(blockedOn);
  }

  /** The full stack, innermost frame first. */
  public List<StackTraceElement> stack() {
    return stack;
  }

  /**
   * The live thread, for platform threads: lets a test end what it leaked ({@code interrupt()}) after it
   * has asserted on the leak. Empty for virtual threads.
   */
  public Optional<Thread> thread() {
    return Optional.ofNullable(thread);
  }

  /** True if some frame of the stack is {@code className.methodName}. */
  public boolean hasFrame(String className, String methodName) {
    for (StackTraceElement frame : stack) {
      if (frame.getClassName().equals(className) && frame.getMethodName().equals(methodName)) {
        return true;
      }
    }
    return false;
  }

  /** The name as shown in reports: unnamed virtual threads get a placeholder with their id. */
  String displayName() {
    return name.isEmpty() ? "<unnamed " + (virtual ? "virtual " : "") + "thread #" + id + ">" : name;
  }

  @Override
  public String toString() {
    return "\"" + displayName() + "\" " + (virtual ? "virtual" : "platform") + (daemon ? " daemon" : "")
        + " " + (state == null ? "" : state) + (blockedOn == null ? "" : " on " + blockedOn);
  }
}
