package dev.latchkey.checks.api;

import java.util.Set;

/**
 * The calls javac writes for boxing and unboxing: language plumbing, not events of the model. Both
 * front-ends leave them out (no node, no exceptional edge), so they agree on what follows an
 * acquisition.
 */
public final class BoxingCalls {
  private static final Set<String> WRAPPERS =
      Set.of(
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Character",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double");

  private static final Set<String> UNBOXING =
      Set.of(
          "booleanValue",
          "byteValue",
          "charValue",
          "shortValue",
          "intValue",
          "longValue",
          "floatValue",
          "doubleValue");

  private BoxingCalls() {}

  /** Whether the class with this binary name is a primitive wrapper ({@code java.lang.Integer}). */
  public static boolean isWrapper(String binaryName) {
    return WRAPPERS.contains(binaryName);
  }

  /** Whether {@code method} of a wrapper unboxes ({@code intValue()}, ...). */
  public static boolean isUnboxing(String method) {
    return UNBOXING.contains(method);
  }
}
