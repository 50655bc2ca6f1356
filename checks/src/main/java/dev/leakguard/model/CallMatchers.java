package dev.leakguard.model;

import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.method.MethodMatchers;
import com.sun.source.tree.ExpressionTree;
import java.util.List;
import java.util.Set;

/**
 * How the model's method entries ({@link BlockingMethod}, {@link ReceiveMethod}, {@link
 * ExecutorApi.TaskStart}) become matchers: static methods on exactly their class, instance methods
 * on their class or any subtype.
 */
final class CallMatchers {
  private CallMatchers() {}

  /** Calls of any of {@code names}, whatever their parameters. */
  static Matcher<ExpressionTree> named(String ownerType, boolean isStatic, Set<String> names) {
    return isStatic
        ? MethodMatchers.staticMethod().onClass(ownerType).namedAnyOf(names)
        : MethodMatchers.instanceMethod().onDescendantOf(ownerType).namedAnyOf(names);
  }

  /** Calls of {@code name} with exactly these erased parameter types (empty: no parameters). */
  static Matcher<ExpressionTree> withParameters(
      String ownerType, boolean isStatic, String name, List<String> parameterTypes) {
    var byName =
        isStatic
            ? MethodMatchers.staticMethod().onClass(ownerType).named(name)
            : MethodMatchers.instanceMethod().onDescendantOf(ownerType).named(name);
    return parameterTypes.isEmpty()
        ? byName.withNoParameters()
        : byName.withParameters(parameterTypes);
  }
}
