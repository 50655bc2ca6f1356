package dev.leakguard.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces that read the JDK's JSON thread dump (JDK 21+), tested on any JDK. */
class JsonAndFramesTest {

  @Test
  void parsesTheShapeOfAThreadDump() {
    Object parsed =
        Json.parse(
            "{\"threadDump\": {\"threadContainers\": [{\"container\": \"<root>\", \"parent\": null,"
                + " \"threads\": [{\"tid\": \"23\", \"virtual\": true, \"name\": \"a\\\"b\\u00e9\\/c\","
                + " \"stack\": [\"x.Y.z(Y.java:1)\"]}], \"n\": -1.5e2, \"f\": false}]}}");

    @SuppressWarnings("unchecked")
    Map<String, Object> container =
        (Map<String, Object>)
            ((List<?>) ((Map<?, ?>) ((Map<?, ?>) parsed).get("threadDump")).get("threadContainers")).get(0);
    assertNull(container.get("parent"));
    assertEquals(-150.0, container.get("n"));
    assertEquals(false, container.get("f"));
    Map<?, ?> thread = (Map<?, ?>) ((List<?>) container.get("threads")).get(0);
    assertEquals("a\"bé/c", thread.get("name"));
    assertEquals(true, thread.get("virtual"));
    assertEquals(List.of("x.Y.z(Y.java:1)"), thread.get("stack"));
  }

  @Test
  void rejectsMalformedJson() {
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, 2}"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{} x"));
  }

  @Test
  void framesRoundTripThroughTheirPrintedForm() {
    for (StackTraceElement frame : new Throwable().getStackTrace()) {
      assertEquals(frame.toString(), StackFrames.parse(frame.toString()).toString());
    }
    List<String> printed =
        List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)",
            "app//dev.leakguard.Foo.bar(Foo.java:12)",
            "dev.leakguard.Foo$1.run(Unknown Source)",
            "Dump.lambda$main$0(Dump.java:7)");
    for (String text : printed) {
      assertEquals(text, StackFrames.parse(text).toString());
    }
    StackTraceElement take = StackFrames.parse("java.base/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)");
    assertEquals("java.util.concurrent.LinkedBlockingQueue", take.getClassName());
    assertEquals("take", take.getMethodName());
    assertEquals(435, take.getLineNumber());
    assertEquals("java.base", take.getModuleName());
  }

  @Test
  void globsMatchWholeMethodNames() {
    assertEquals(true, IgnoreRules.globToRegex("com.acme.*.run").matcher("com.acme.Poller.run").matches());
    assertEquals(false, IgnoreRules.globToRegex("com.acme.Poller.run").matcher("com.acme.Poller.runner").matches());
    assertEquals(true, IgnoreRules.globToRegex("*Poller.run").matcher("x.Poller.run").matches());
    assertEquals(false, IgnoreRules.globToRegex("a.b").matcher("axb").matches()); // dots are literal
  }
}
