package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.model.MethodRef;

/**
 * A place in a method: the class, the method, the line, a label for messages, and the id of the
 * model node (-1 for a {@code synchronized} method's own monitor, which has no node).
 */
public record Site(String className, MethodRef method, int line, String label, int nodeId) {
  /** {@code name()} within {@code fromClass}, {@code Simple.name()} from elsewhere. */
  String methodText(String fromClass) {
    if (className.equals(fromClass)) {
      return method.name() + "()";
    }
    String simple = className.substring(className.lastIndexOf('.') + 1);
    simple = simple.substring(simple.lastIndexOf('$') + 1);
    return simple + "." + method.name() + "()";
  }
}
