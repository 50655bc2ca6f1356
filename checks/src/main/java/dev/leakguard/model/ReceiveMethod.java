package dev.leakguard.model;

import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import java.util.List;

/**
 * A method that receives one element from a queue-like source. A loop whose body calls one is a
 * drain loop.
 *
 * @param ownerType the declaring type; subtypes match too. For static helpers (Guava's {@code
 *     Uninterruptibles}) the queue is the first argument.
 * @param isStatic whether the queue is the first argument of a static helper, not the receiver
 * @param name the method name
 * @param parameterTypes erased parameter types, exactly
 * @param timed whether the receive gives up after a timeout (then the loop can re-check a flag)
 */
public record ReceiveMethod(
    String ownerType, boolean isStatic, String name, List<String> parameterTypes, boolean timed) {

  public ReceiveMethod {
    parameterTypes = List.copyOf(parameterTypes);
  }

  public Matcher<ExpressionTree> matcher() {
    return CallMatchers.withParameters(ownerType, isStatic, name, parameterTypes);
  }
}
