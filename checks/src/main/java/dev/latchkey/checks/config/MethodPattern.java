package dev.latchkey.checks.config;

import dev.latchkey.checks.model.MethodRef;

/**
 * A user-named wrapper method: {@code pkg.Locks#acquire} (the lock is the receiver) or {@code
 * pkg.Locks#acquire(0)} (the lock is the argument at that index, counted from 0).
 *
 * @param argumentIndex the lock argument's index, or -1 for the receiver
 */
public record MethodPattern(String className, String methodName, int argumentIndex) {

  /** Parses one pattern; throws IllegalArgumentException with a readable message. */
  public static MethodPattern parse(String text) {
    String spec = text.trim();
    int hash = spec.indexOf('#');
    if (hash <= 0 || hash == spec.length() - 1) {
      throw new IllegalArgumentException(
          "Latchkey: expected ClassName#method or ClassName#method(N), got '" + text + "'");
    }
    String className = spec.substring(0, hash);
    String method = spec.substring(hash + 1);
    int index = -1;
    int paren = method.indexOf('(');
    if (paren >= 0) {
      if (!method.endsWith(")")) {
        throw new IllegalArgumentException("Latchkey: missing ')' in '" + text + "'");
      }
      try {
        index = Integer.parseInt(method.substring(paren + 1, method.length() - 1).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "Latchkey: the argument index in '" + text + "' is not a number", e);
      }
      if (index < 0) {
        throw new IllegalArgumentException("Latchkey: negative argument index in '" + text + "'");
      }
      method = method.substring(0, paren);
    }
    return new MethodPattern(className, method, index);
  }

  public boolean matches(MethodRef method) {
    return method.name().equals(methodName)
        && (method.owner().equals(className)
            || method.owner().replace('$', '.').equals(className.replace('$', '.')));
  }
}
