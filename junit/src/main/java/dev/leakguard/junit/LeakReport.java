package dev.leakguard.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The threads a watched piece of code left behind, and the text LeakGuard prints for them: every thread with
 * its name, state, daemon flag, what it is blocked on and its full stack. Threads that look the same (same
 * stack, state and kind) are printed once with a count, so a leak per request reads as one entry with
 * {@code x 200}.
 */
public final class LeakReport {
  /** How many names of a group are spelled out before "and N more". */
  private static final int NAMES_SHOWN = 5;

  private final String subject;
  private final Duration gracePeriod;
  private final List<LeakedThread> threads;

  LeakReport(String subject, Duration gracePeriod, List<LeakedThread> threads) {
    this.subject = subject;
    this.gracePeriod = gracePeriod;
    List<LeakedThread> sorted = new ArrayList<>(threads);
    sorted.sort(LeakReport::compareForReading);
    this.threads = List.copyOf(sorted);
  }

  /** The leaked threads, platform threads first, then by name ("worker-2" before "worker-10"). */
  public List<LeakedThread> threads() {
    return threads;
  }

  public boolean isEmpty() {
    return threads.isEmpty();
  }

  /** What was watched, as it appears in the report: a test's display name, or "the watched code". */
  public String subject() {
    return subject;
  }

  /** Threads grouped by what they look like: same stack, state, blocker type, daemon flag and kind. */
  public List<List<LeakedThread>> groups() {
    Map<String, List<LeakedThread>> groups = new LinkedHashMap<>();
    for (LeakedThread thread : threads) {
      groups.computeIfAbsent(groupKey(thread), k -> new ArrayList<>()).add(thread);
    }
    return new ArrayList<>(groups.values());
  }

  /**
   * Ends every leaked platform thread that can be ended by an interrupt. For tests that leak on purpose
   * and clean up after asserting; code that leaks for real should be fixed instead.
   */
  public void interruptAll() {
    for (LeakedThread leaked : threads) {
      leaked.thread().ifPresent(Thread::interrupt);
    }
  }

  /** The report as printed in a failure: empty string when nothing leaked. */
  public String format() {
    if (threads.isEmpty()) {
      return "";
    }
    List<List<LeakedThread>> groups = groups();
    StringBuilder out = new StringBuilder();
    out.append("LeakGuard: ")
        .append(count(threads.size(), "thread"))
        .append(threads.size() == 1 ? " was" : " were")
        .append(" started by ")
        .append(subject)
        .append(" and still alive ")
        .append(gracePeriod.toMillis())
        .append(" ms after it ended");
    if (groups.size() != threads.size()) {
      out.append(" (").append(count(groups.size(), "distinct stack")).append(")");
    }
    out.append(":\n");
    int index = 1;
    for (List<LeakedThread> group : groups) {
      appendGroup(out, index++, group);
    }
    out.append("\nEnd them in the code under test (shutdownNow() or close() the executor, cancel the future,")
        .append(" interrupt the thread, send a poison pill), or ignore them by name or stack frame")
        .append(" (@DetectThreadLeaks(ignoreThreadNames = ...), leakguard.threads.ignore.names).");
    return out.toString();
  }

  @Override
  public String toString() {
    return threads.isEmpty() ? "LeakReport[no leaked threads]" : format();
  }

  private static void appendGroup(StringBuilder out, int index, List<LeakedThread> group) {
    LeakedThread first = group.get(0);
    out.append("\n#").append(index).append("  x ").append(group.size()).append("  ");
    for (int i = 0; i < Math.min(group.size(), NAMES_SHOWN); i++) {
      out.append(i == 0 ? "" : ", ").append('"').append(group.get(i).displayName()).append('"');
    }
    if (group.size() > NAMES_SHOWN) {
      out.append(" and ").append(group.size() - NAMES_SHOWN).append(" more");
    }
    out.append('\n');
    out.append("    ")
        .append(first.isVirtual() ? "virtual" : "platform")
        .append(" thread, daemon=")
        .append(first.isDaemon())
        .append(", state=")
        .append(first.state().map(Thread.State::name).orElse("unknown"))
        .append('\n');
    Optional<String> blockedOn = first.blockedOn();
    blockedOn.ifPresent(b -> out.append("    blocked on: ").append(b).append('\n'));
    if (first.stack().isEmpty()) {
      out.append("        (no stack: the thread has not started running Java code)\n");
    }
    for (StackTraceElement frame : first.stack()) {
      out.append("        at ").append(frame).append('\n');
    }
  }

  private static String groupKey(LeakedThread thread) {
    StringBuilder key = new StringBuilder();
    key.append(thread.isVirtual()).append('|').append(thread.isDaemon()).append('|');
    key.append(thread.state().map(Thread.State::name).orElse("?")).append('|');
    // The blocker's type, not its identity: 200 threads each parked on their own queue are one leak.
    key.append(thread.blockedOn().map(LeakReport::withoutIdentity).orElse("")).append('|');
    for (StackTraceElement frame : thread.stack()) {
      key.append(frame).append('\n');
    }
    return key.toString();
  }

  /** Platform before virtual, then names in natural order: digit runs compare as numbers. */
  private static int compareForReading(LeakedThread a, LeakedThread b) {
    if (a.isVirtual() != b.isVirtual()) {
      return a.isVirtual() ? 1 : -1;
    }
    String x = a.name();
    String y = b.name();
    int i = 0;
    int j = 0;
    while (i < x.length() && j < y.length()) {
      char cx = x.charAt(i);
      char cy = y.charAt(j);
      if (Character.isDigit(cx) && Character.isDigit(cy)) {
        int endX = i;
        int endY = j;
        while (endX < x.length() && Character.isDigit(x.charAt(endX))) {
          endX++;
        }
        while (endY < y.length() && Character.isDigit(y.charAt(endY))) {
          endY++;
        }
        String digitsX = x.substring(i, endX).replaceFirst("^0+(?=.)", "");
        String digitsY = y.substring(j, endY).replaceFirst("^0+(?=.)", "");
        int byNumber =
            digitsX.length() != digitsY.length()
                ? Integer.compare(digitsX.length(), digitsY.length())
                : digitsX.compareTo(digitsY);
        if (byNumber != 0) {
          return byNumber;
        }
        i = endX;
        j = endY;
      } else {
        if (cx != cy) {
          return Character.compare(cx, cy);
        }
        i++;
        j++;
      }
    }
    int byLength = Integer.compare(x.length() - i, y.length() - j);
    return byLength != 0 ? byLength : Long.compare(a.id(), b.id());
  }

  private static String withoutIdentity(String description) {
    return description.replaceAll("@[0-9a-f]+", "");
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
