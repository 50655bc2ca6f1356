package dev.leakguard.junit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/** Reads platform threads: the live {@link Thread} objects, their stacks and what they are blocked on. */
final class PlatformThreads {
  private PlatformThreads() {}

  /** The live platform threads, by identity (ids of dead threads may be reused by nothing, but be safe). */
  static Set<Thread> live() {
    Set<Thread> threads = Collections.newSetFromMap(new IdentityHashMap<>());
    threads.addAll(Thread.getAllStackTraces().keySet());
    return threads;
  }

  @SuppressWarnings("deprecation") // Thread.getId(): threadId() is JDK 19+, this jar runs on 17.
  static LeakedThread describe(Thread thread, StackTraceElement[] stack) {
    return new LeakedThread(
        thread.getName(),
        thread.getId(),
        false,
        thread.isDaemon(),
        thread.getState(),
        blockedOn(thread),
        Arrays.asList(stack),
        thread);
  }

  @SuppressWarnings("deprecation")
  private static String blockedOn(Thread thread) {
    Object blocker = LockSupport.getBlocker(thread);
    ThreadInfo info = threadInfo(thread.getId());
    String owner =
        info != null && info.getLockOwnerName() != null ? " held by \"" + info.getLockOwnerName() + "\"" : "";
    if (blocker != null) {
      return "parked on " + identity(blocker) + owner;
    }
    if (info == null || info.getLockName() == null) {
      return null;
    }
    if (info.getThreadState() == Thread.State.BLOCKED) {
      return "entering monitor " + info.getLockName() + owner;
    }
    return "waiting on monitor " + info.getLockName() + owner;
  }

  private static String identity(Object object) {
    return object.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(object));
  }

  /** Lock details come from java.management; without that module the report just omits them. */
  private static ThreadInfo threadInfo(long id) {
    try {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      return threads.getThreadInfo(id);
    } catch (LinkageError | RuntimeException e) {
      return null;
    }
  }
}
