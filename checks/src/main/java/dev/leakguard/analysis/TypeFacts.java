package dev.leakguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.tools.javac.code.Type;
import java.util.Collection;

/** "Is this type a ..." by name: the one subtype test the analyses and checks share. */
public final class TypeFacts {
  private TypeFacts() {}

  /**
   * Whether {@code type} is {@code supertypeName} or a subtype of it, both erased. False when either
   * is unknown: a null type, or a name not on the compilation's classpath.
   */
  public static boolean isSubtype(Type type, String supertypeName, VisitorState state) {
    // ASTHelpers.isSubtype erases both sides and treats null and error types as "no".
    return type != null && ASTHelpers.isSubtype(type, state.getTypeFromString(supertypeName), state);
  }

  /** Whether {@code type} is a subtype of any of {@code supertypeNames} (see {@link #isSubtype}). */
  public static boolean isSubtypeOfAny(Type type, Collection<String> supertypeNames, VisitorState state) {
    if (type == null) {
      return false;
    }
    for (String name : supertypeNames) {
      if (isSubtype(type, name, state)) {
        return true;
      }
    }
    return false;
  }
}
