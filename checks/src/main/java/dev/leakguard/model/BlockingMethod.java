package dev.leakguard.model;

import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import java.util.List;

/**
 * One method that can park its thread with no bound, and its bounded twin.
 *
 * @param family the group users switch on or off
 * @param ownerType the type declaring it; calls on subtypes match too
 * @param isStatic whether it is a static helper (such as Guava's {@code Uninterruptibles})
 * @param name the method name
 * @param parameterTypes erased parameter types, exactly
 * @param twinName the bounded twin's name, or null when there is none
 * @param boundedForm how the message spells the bounded alternative
 * @param rewrite how a suggested fix can reach the twin
 * @param awaits what the thread waits for, completing "blocks until ..."
 */
public record BlockingMethod(
    BlockingFamily family,
    String ownerType,
    boolean isStatic,
    String name,
    List<String> parameterTypes,
    String twinName,
    String boundedForm,
    BoundedRewrite rewrite,
    String awaits) {

  public BlockingMethod {
    parameterTypes = List.copyOf(parameterTypes);
  }

  /** A matcher for calls to this method on its owner or any subtype. */
  public Matcher<ExpressionTree> matcher() {
    return CallMatchers.withParameters(ownerType, isStatic, name, parameterTypes);
  }

  /** The receiver type's simple name, for messages. */
  public String ownerSimpleName() {
    return ownerType.substring(ownerType.lastIndexOf('.') + 1);
  }
}
