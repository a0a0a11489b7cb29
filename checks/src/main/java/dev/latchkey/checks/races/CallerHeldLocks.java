package dev.latchkey.checks.races;

import dev.latchkey.checks.lockset.CallerLocks;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * UnguardedFieldAccess's reading of an overridable method that the class itself calls only while
 * holding a lock ({@code protected void createPool()} called from {@code synchronized start()}):
 * the code shows the method is meant to run under that lock ({@link CallerLocks}), so its accesses
 * count as holding it, named as seen from the accessed object.
 */
final class CallerHeldLocks {
  private final CallerLocks callers;

  CallerHeldLocks(RaceContext context) {
    this.callers = context.callerLocks();
  }

  /**
   * {@code accesses} of {@code field}, each with the locks every in-class caller of its method
   * holds added (as seen from the accessed object, as {@link FieldAccesses} names the held ones).
   */
  List<FieldAccess> withCallerLocks(FieldModel field, List<FieldAccess> accesses) {
    List<FieldAccess> result = new ArrayList<>(accesses.size());
    for (FieldAccess access : accesses) {
      Set<LockPath> extra = callers.of(access.method());
      if (!extra.isEmpty() && access.node().path() != null) {
        extra = FieldAccesses.heldFor(field, access.node().path().parent(), extra);
      }
      if (extra.isEmpty() || access.held().containsAll(extra)) {
        result.add(access);
      } else {
        result.add(access.holdingFromCallers(extra));
      }
    }
    return result;
  }
}
