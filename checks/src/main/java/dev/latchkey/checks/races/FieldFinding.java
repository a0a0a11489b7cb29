package dev.latchkey.checks.races;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One finding for all of a field's accesses that share a defect (UnguardedFieldAccess,
 * NonAtomicUpdate): where it goes, and which other places it lists.
 */
final class FieldFinding {
  private FieldFinding() {}

  /**
   * The most telling of {@code accesses}: the first write in source order, else the first read,
   * among those in methods that do not suppress {@code check}; null when there is none.
   */
  static FieldAccess primary(List<FieldAccess> accesses, CheckId check) {
    List<FieldAccess> reportable =
        accesses.stream().filter(access -> !suppressed(access.method(), check)).toList();
    FieldAccess write =
        GuardInference.first(reportable.stream().filter(FieldAccess::write).toList());
    return write != null ? write : GuardInference.first(reportable);
  }

  /** One node per line of {@code accesses} other than the primary's, in their order. */
  static List<Node> otherLines(FieldAccess primary, List<FieldAccess> accesses) {
    List<Node> related = new ArrayList<>();
    Set<Integer> lines = new HashSet<>();
    lines.add(primary.node().line());
    for (FieldAccess access : accesses) {
      if (lines.add(access.node().line())) {
        related.add(access.node());
      }
    }
    return related;
  }

  private static boolean suppressed(MethodModel method, CheckId check) {
    return method.suppressions().contains(check.id()) || method.suppressions().contains("*");
  }
}
