package dev.leakguard.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Watches a piece of code and reports the threads it started that are still alive afterwards: the plain
 * API behind {@link DetectThreadLeaks}, usable from any test framework or from a main method.
 *
 * <pre>{@code
 * LeakReport leaks = ThreadLeakDetector.create().watch(() -> server.handle(request));
 * ThreadLeakDetector.create().withGracePeriod(Duration.ofSeconds(1)).assertNoLeaks(() -> client.close());
 * }</pre>
 *
 * <p>A thread counts as leaked when it was not alive when watching began, is alive when the block has
 * returned and a grace period has passed (threads that are winding down get that long to end), and no ignore
 * rule matches it. On JDK 21+ virtual threads are found too, through the JDK's thread dump.
 *
 * <p>Instances are immutable; the {@code with...}/{@code ignoring...} methods return changed copies. Other
 * threads of the JVM that start threads while a block is watched (tests running in parallel) are seen as
 * well: watch code that runs alone.
 */
public final class ThreadLeakDetector {
  /** How long new threads get to end after the watched code returned, unless configured otherwise. */
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofMillis(500);

  /**
   * Threads of the JVM, the JDK and the test engines that are never leaks (regular expressions matched
   * against the whole thread name). Turned off with {@link #withoutDefaultIgnores()}.
   */
  public static final List<String> DEFAULT_IGNORED_THREAD_NAMES =
      List.of(
          // JVM and JDK service threads
          "Reference Handler",
          "Finalizer",
          "Signal Dispatcher",
          "Attach Listener",
          "Notification Thread",
          "Common-Cleaner",
          "DestroyJavaVM",
          "process reaper.*", // ProcessBuilder's shared reaper pool; "process reaper (pid N)" on newer JDKs
          "ForkJoinPool\\.commonPool-worker-\\d+", // the common pool outlives every task on purpose
          "(Read|Write|Master)-Poller", // virtual-thread I/O pollers (JDK 21+)
          "VirtualThread-unparker",
          "VirtualThread-unblocker", // JDK 24+
          "Keep-Alive-Timer", // HttpURLConnection's keep-alive cache
          "Keep-Alive-SocketCleaner",
          "JFR .*", // Flight Recorder
          "Monitor Ctrl-Break", // IntelliJ IDEA's launcher
          // test engines
          "junit-jupiter-timeout-watcher",
          "junit-timeout-thread-\\d+",
          "surefire-forkedjvm-.*",
          "Test worker", // Gradle
          "/127\\.0\\.0\\.1:\\d+ to /127\\.0\\.0\\.1:\\d+ workers"); // Gradle worker connection

  /**
   * Thread classes that are never leaks, for threads whose names say nothing: the JDK's own system
   * threads (only the JDK can create an {@code InnocuousThread}), the carrier threads of virtual threads,
   * and the worker threads of JUnit's parallel executor.
   */
  public static final List<String> DEFAULT_IGNORED_THREAD_CLASSES =
      List.of(
          "jdk.internal.misc.InnocuousThread",
          "jdk.internal.misc.CarrierThread",
          "org.junit.platform.engine.support.hierarchical.ForkJoinPoolHierarchicalTestExecutorService$WorkerThread");

  /** How often the grace period re-checks threads that are still alive. */
  private static final long POLL_MILLIS = 10;

  private final Duration gracePeriod;
  private final boolean defaultIgnores;
  private final IgnoreRules userIgnores;
  private final boolean virtualThreads;
  private final IgnoreRules rules;

  private ThreadLeakDetector(
      Duration gracePeriod, boolean defaultIgnores, IgnoreRules userIgnores, boolean virtualThreads) {
    this.gracePeriod = gracePeriod;
    this.defaultIgnores = defaultIgnores;
    this.userIgnores = userIgnores;
    this.virtualThreads = virtualThreads;
    this.rules =
        defaultIgnores
            ? userIgnores.withNames(DEFAULT_IGNORED_THREAD_NAMES).withThreadClasses(DEFAULT_IGNORED_THREAD_CLASSES)
            : userIgnores;
  }

  /** A detector with the default grace period, the default ignore list and virtual-thread detection. */
  public static ThreadLeakDetector create() {
    return new ThreadLeakDetector(DEFAULT_GRACE_PERIOD, true, IgnoreRules.NONE, true);
  }

  /** True when this JVM lets LeakGuard see virtual threads (JDK 21+ with the jdk.management module). */
  public static boolean canSeeVirtualThreads() {
    return VirtualThreads.ifSupported() != null;
  }

  public ThreadLeakDetector withGracePeriod(Duration gracePeriod) {
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    if (gracePeriod.isNegative()) {
      throw new IllegalArgumentException("grace period must not be negative: " + gracePeriod);
    }
    return new ThreadLeakDetector(gracePeriod, defaultIgnores, userIgnores, virtualThreads);
  }

  /** Also ignores threads whose whole name matches one of these regular expressions. */
  public ThreadLeakDetector ignoringThreadNames(String... regexes) {
    return new ThreadLeakDetector(
        gracePeriod, defaultIgnores, userIgnores.withNames(Arrays.asList(regexes)), virtualThreads);
  }

  /**
   * Also ignores threads whose innermost frame matches one of these patterns: {@code class.method} with
   * {@code *} as wildcard, for example {@code "com.acme.Poller.*"}. The innermost frame of a waiting thread
   * is usually JDK code ({@code jdk.internal.misc.Unsafe.park}); to ignore by your own method anywhere on
   * the stack use {@link #ignoringAnyFrames}.
   */
  public ThreadLeakDetector ignoringTopFrames(String... patterns) {
    return new ThreadLeakDetector(
        gracePeriod, defaultIgnores, userIgnores.withTopFrames(Arrays.asList(patterns)), virtualThreads);
  }

  /** Also ignores threads with any frame that matches one of these {@code class.method} patterns. */
  public ThreadLeakDetector ignoringAnyFrames(String... patterns) {
    return new ThreadLeakDetector(
        gracePeriod, defaultIgnores, userIgnores.withAnyFrames(Arrays.asList(patterns)), virtualThreads);
  }

  /** Drops {@link #DEFAULT_IGNORED_THREAD_NAMES} and {@link #DEFAULT_IGNORED_THREAD_CLASSES}. */
  public ThreadLeakDetector withoutDefaultIgnores() {
    return new ThreadLeakDetector(gracePeriod, false, userIgnores, virtualThreads);
  }

  /** Whether to look for virtual threads (JDK 21+; costs a thread dump per check). On by default. */
  public ThreadLeakDetector withVirtualThreads(boolean enabled) {
    return new ThreadLeakDetector(gracePeriod, defaultIgnores, userIgnores, enabled);
  }

  public Duration gracePeriod() {
    return gracePeriod;
  }

  /** Runs {@code block} and returns the threads it left behind. Exceptions from the block propagate. */
  public LeakReport watch(Block block) throws Exception {
    Snapshot before = snapshot();
    block.run();
    return leaksSince(before, "the watched code");
  }

  /** Runs {@code block} and throws {@link ThreadLeakError}, listing them, if it left threads behind. */
  public void assertNoLeaks(Block block) throws Exception {
    LeakReport report = watch(block);
    if (!report.isEmpty()) {
      throw new ThreadLeakError(report);
    }
  }

  /** Records the live threads, for a later {@link #leaksSince}. */
  public Snapshot snapshot() {
    Set<Thread> platform = PlatformThreads.live();
    VirtualThreads dump = virtualThreads ? VirtualThreads.ifSupported() : null;
    Set<Long> virtual = null;
    if (dump != null) {
      try {
        virtual = dump.liveIds(ids(platform));
      } catch (IllegalStateException e) {
        // No dump now (disk full, say): check platform threads only, rather than fail the test.
        virtual = null;
      }
    }
    return new Snapshot(platform, virtual);
  }

  /**
   * The threads started since {@code before} that are still alive, waiting up to the grace period for
   * them to end. Returns as soon as none is left, so code that cleans up after itself costs no waiting.
   */
  public LeakReport leaksSince(Snapshot before, String subject) {
    // Virtual threads only when the snapshot could see them too.
    VirtualThreads dump = virtualThreads && before.virtual != null ? VirtualThreads.ifSupported() : null;
    long deadline = System.nanoTime() + gracePeriod.toNanos();
    while (true) {
      List<LeakedThread> leaked = startedSince(before, dump);
      long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (leaked.isEmpty() || remainingMillis <= 0) {
        return new LeakReport(subject, gracePeriod, leaked);
      }
      try {
        // Joining a platform thread returns the moment it ends; virtual ones can only be polled.
        Thread first = leaked.get(0).thread().orElse(null);
        long wait = Math.min(remainingMillis, POLL_MILLIS);
        if (first != null) {
          first.join(wait);
        } else {
          Thread.sleep(wait);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new LeakReport(subject, gracePeriod, startedSince(before, dump));
      }
    }
  }

  private List<LeakedThread> startedSince(Snapshot before, VirtualThreads dump) {
    List<LeakedThread> leaked = new ArrayList<>();
    Map<Thread, StackTraceElement[]> live = Thread.getAllStackTraces();
    Thread self = Thread.currentThread();
    for (Map.Entry<Thread, StackTraceElement[]> entry : live.entrySet()) {
      Thread thread = entry.getKey();
      if (thread == self || before.platform.contains(thread) || !thread.isAlive()) {
        continue;
      }
      List<StackTraceElement> stack = Arrays.asList(entry.getValue());
      if (!rules.ignores(thread.getName(), thread.getClass().getName(), stack)) {
        leaked.add(PlatformThreads.describe(thread, entry.getValue()));
      }
    }
    if (dump != null) {
      List<LeakedThread> virtual;
      try {
        virtual = dump.startedSince(before.virtual, ids(live.keySet()));
      } catch (IllegalStateException e) {
        virtual = List.of(); // see snapshot(): platform threads only
      }
      for (LeakedThread thread : virtual) {
        if (!rules.ignores(thread.name(), null, thread.stack())) {
          leaked.add(thread);
        }
      }
    }
    return leaked;
  }

  @SuppressWarnings("deprecation") // Thread.getId(): threadId() is JDK 19+.
  private static Set<Long> ids(Set<Thread> threads) {
    Set<Long> ids = new HashSet<>();
    for (Thread thread : threads) {
      ids.add(thread.getId());
    }
    return ids;
  }

  /** A block of code to watch. */
  @FunctionalInterface
  public interface Block {
    void run() throws Exception;
  }

  /** The threads alive at one moment. */
  public static final class Snapshot {
    private final Set<Thread> platform;
    /** Ids of the live virtual threads; {@code null} when they could not be seen. */
    private final Set<Long> virtual;

    private Snapshot(Set<Thread> platform, Set<Long> virtual) {
      this.platform = Collections.unmodifiableSet(platform);
      this.virtual = virtual == null ? null : Set.copyOf(virtual);
    }

    /** How many threads were alive (virtual ones only where they can be seen). */
    public int size() {
      return platform.size() + (virtual == null ? 0 : virtual.size());
    }
  }
}
