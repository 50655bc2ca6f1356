package dev.leakguard.examples;

import java.util.concurrent.TimeUnit;

/** Makes the examples deterministic: lets a program act at the moment a race would otherwise decide. */
public final class Waits {
  private Waits() {}

  /**
   * Waits (up to 10 s) until {@code thread} is blocked inside {@code className.methodName}, for example
   * a consumer idle in {@code LinkedBlockingQueue.take}: the moment a service would be shut down.
   */
  public static void untilBlockedIn(Thread thread, String className, String methodName)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Thread.State state = thread.getState();
      if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
        for (StackTraceElement frame : thread.getStackTrace()) {
          if (frame.getClassName().equals(className) && frame.getMethodName().equals(methodName)) {
            return;
          }
        }
      }
      Thread.sleep(1);
    }
    throw new IllegalStateException(thread.getName() + " never blocked in " + className + "." + methodName);
  }
}
