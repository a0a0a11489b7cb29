package dev.latchkey.checks.exceptions;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import java.util.ArrayList;
import java.util.List;

/** FinallyMasksException: a jump that completes a {@code finally} block abruptly. */
final class FinallyMasksExceptionRule {
  private FinallyMasksExceptionRule() {}

  static List<Finding> apply(MethodModel method) {
    List<Finding> findings = new ArrayList<>();
    for (Node node : method.nodes()) {
      if (!node.leavesFinally()) {
        continue;
      }
      String jump =
          switch (node.kind()) {
            case RETURN -> "this return";
            case THROW -> "this throw";
            default -> "this break/continue";
          };
      findings.add(
          new Finding(
              CheckId.FINALLY_MASKS_EXCEPTION,
              node,
              List.of(),
              jump
                  + " leaves the finally block, so an exception thrown in the try block is"
                  + " silently discarded (and a pending return value replaced); move it out of"
                  + " the finally block"));
    }
    return findings;
  }
}
