package dev.latchkey.checks.races;

import dev.latchkey.checks.api.ConcurrencyAnnotations;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.NodeKind;
import java.util.List;

/**
 * {@code @ThreadSafe} on a method rather than its class: the method may run on several threads at
 * once, so each own field it writes (or container it mutates) is judged as in a {@code @ThreadSafe}
 * class. A method that overrides such a method inherits the annotation (the front-ends list the
 * overridden methods' annotations with the method's own). A field the method only reads gets no
 * contract. {@code @ThreadSafe(enableChecks = false)} on a method takes its accesses out.
 */
final class MethodContracts {
  private MethodContracts() {}

  /** Whether {@code method} declares (or inherits) a checked {@code @ThreadSafe} contract. */
  static boolean declares(MethodModel method) {
    return !method.annotations().isEmpty()
        && ConcurrencyAnnotations.isThreadSafeContract(method.annotations());
  }

  /** Whether {@code method}'s accesses are vouched for unchecked ({@code enableChecks=false}). */
  static boolean unchecked(MethodModel method) {
    return !method.annotations().isEmpty()
        && ConcurrencyAnnotations.isContractUnchecked(method.annotations());
  }

  /**
   * Whether some access of {@code accesses} writes the field of {@code this} (or mutates the
   * container it holds) in a method under a {@code @ThreadSafe} contract.
   */
  static boolean writesUnderContract(RaceContext context, List<FieldAccess> accesses) {
    for (FieldAccess access : accesses) {
      if (access.write()
          && declares(access.method())
          && (access.node().kind() != NodeKind.FIELD_WRITE || context.isOwnAccess(access.node()))) {
        return true;
      }
    }
    return false;
  }
}
