package dev.leakguard.junit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds virtual threads, which {@link Thread#getAllStackTraces()} does not list, through the JDK's thread
 * dump: {@code com.sun.management.HotSpotDiagnosticMXBean.dumpThreads(file, ThreadDumpFormat.JSON)} (JDK
 * 21+). Reached reflectively, so this jar is Java 17 bytecode and loads on 17, where it simply reports that
 * it cannot see virtual threads (there are none).
 */
final class VirtualThreads {
  private final Object diagnosticBean;
  private final Method dumpThreads;
  private final Object jsonFormat;

  private VirtualThreads(Object diagnosticBean, Method dumpThreads, Object jsonFormat) {
    this.diagnosticBean = diagnosticBean;
    this.dumpThreads = dumpThreads;
    this.jsonFormat = jsonFormat;
  }

  /** The dump facility, or {@code null} before JDK 21 or without the jdk.management module. */
  static VirtualThreads ifSupported() {
    return Holder.INSTANCE;
  }

  /** Looked up once: the answer cannot change while the JVM runs. */
  private static final class Holder {
    static final VirtualThreads INSTANCE = lookUp();
  }

  private static VirtualThreads lookUp() {
    if (Runtime.version().feature() < 21) {
      return null;
    }
    try {
      @SuppressWarnings("unchecked")
      Class<? extends PlatformManagedObject> beanType =
          (Class<? extends PlatformManagedObject>) Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
      Class<?> formatType = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
      Object json = null;
      for (Object constant : formatType.getEnumConstants()) {
        if (((Enum<?>) constant).name().equals("JSON")) {
          json = constant;
        }
      }
      Method dump = beanType.getMethod("dumpThreads", String.class, formatType);
      Object bean = ManagementFactory.getPlatformMXBean(beanType);
      return json == null || bean == null ? null : new VirtualThreads(bean, dump, json);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }

  /** Ids of the live virtual threads. */
  Set<Long> liveIds(Set<Long> platformIds) {
    Set<Long> ids = new java.util.HashSet<>();
    for (Map<String, Object> thread : virtualThreadsIn(dump(), platformIds)) {
      ids.add(Long.parseLong(String.valueOf(thread.get("tid"))));
    }
    return ids;
  }

  /** The live virtual threads whose ids are not in {@code known}. */
  List<LeakedThread> startedSince(Set<Long> known, Set<Long> platformIds) {
    List<LeakedThread> started = new ArrayList<>();
    for (Map<String, Object> thread : virtualThreadsIn(dump(), platformIds)) {
      long id = Long.parseLong(String.valueOf(thread.get("tid")));
      if (!known.contains(id)) {
        started.add(toLeakedThread(id, thread));
      }
    }
    return started;
  }

  private Map<String, Object> dump() {
    Path file = null;
    try {
      file = Files.createTempFile("leakguard-threads-", ".json");
      Files.delete(file); // dumpThreads refuses to overwrite
      dumpThreads.invoke(diagnosticBean, file.toAbsolutePath().toString(), jsonFormat);
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      return asMap(asMap(Json.parse(text)).get("threadDump"));
    } catch (IOException | IllegalAccessException e) {
      throw new IllegalStateException("LeakGuard could not take a thread dump to find virtual threads", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "LeakGuard could not take a thread dump to find virtual threads", e.getCause());
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // A stray temp file is not worth failing a test over.
        }
      }
    }
  }

  /**
   * The virtual threads of the dump. JDK 25 marks them with {@code "virtual": true}; older dumps do not, so
   * there every thread that is not a live platform thread counts.
   */
  private static List<Map<String, Object>> virtualThreadsIn(Map<String, Object> dump, Set<Long> platformIds) {
    List<Map<String, Object>> virtual = new ArrayList<>();
    for (Object container : asList(dump.get("threadContainers"))) {
      for (Object element : asList(asMap(container).get("threads"))) {
        Map<String, Object> thread = asMap(element);
        Object flag = thread.get("virtual");
        long id = Long.parseLong(String.valueOf(thread.get("tid")));
        if (Boolean.TRUE.equals(flag) || (flag == null && !platformIds.contains(id))) {
          virtual.add(thread);
        }
      }
    }
    return virtual;
  }

  private static LeakedThread toLeakedThread(long id, Map<String, Object> thread) {
    List<StackTraceElement> stack = new ArrayList<>();
    for (Object frame : asList(thread.get("stack"))) {
      stack.add(StackFrames.parse(String.valueOf(frame)));
    }
    Thread.State state = null;
    Object stateName = thread.get("state");
    if (stateName != null) {
      try {
        state = Thread.State.valueOf(String.valueOf(stateName));
      } catch (IllegalArgumentException unknown) {
        state = null;
      }
    }
    return new LeakedThread(
        String.valueOf(thread.getOrDefault("name", "")), id, true, true, state, blockedOn(thread), stack, null);
  }

  private static String blockedOn(Map<String, Object> thread) {
    Object parkBlocker = thread.get("parkBlocker");
    if (parkBlocker instanceof Map) {
      Map<String, Object> blocker = asMap(parkBlocker);
      Object owner = blocker.get("owner");
      return "parked on " + blocker.get("object") + (owner == null ? "" : " held by thread #" + owner);
    }
    if (thread.get("blockedOn") != null) {
      return "entering monitor " + thread.get("blockedOn");
    }
    if (thread.get("waitingOn") != null) {
      return "waiting on monitor " + thread.get("waitingOn");
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map ? (Map<String, Object>) value : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> asList(Object value) {
    return value instanceof List ? (List<Object>) value : List.of();
  }
}
