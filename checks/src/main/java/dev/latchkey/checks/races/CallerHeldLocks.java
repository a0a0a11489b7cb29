package dev.latchkey.checks.races;

import dev.latchkey.checks.lockset.CallSites;
import dev.latchkey.checks.lockset.HeldLocks;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * UnguardedFieldAccess's reading of an overridable method that the class itself calls only while
 * holding a lock ({@code protected void createPool()} called from {@code synchronized start()}):
 * the code shows the method is meant to run under that lock, so its accesses count as holding it. A
 * caller outside the class is unknown code; unknown code means no finding. (Non-overridable helpers
 * get the same locks on entry from the shared held-lock analysis.)
 */
final class CallerHeldLocks {
  private final RaceContext context;
  private final Map<MethodModel, Set<LockPath>> byMethod = new IdentityHashMap<>();

  CallerHeldLocks(RaceContext context) {
    this.context = context;
  }

  /**
   * {@code accesses} of {@code field}, each with the locks every in-class caller of its method
   * holds added (as seen from the accessed object, as {@link FieldAccesses} names the held ones).
   */
  List<FieldAccess> withCallerLocks(FieldModel field, List<FieldAccess> accesses) {
    List<FieldAccess> result = new ArrayList<>(accesses.size());
    for (FieldAccess access : accesses) {
      Set<LockPath> extra = callerLocks(access.method());
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

  /** The locks every in-class caller of {@code method} holds (a cycle of calls holds none). */
  private Set<LockPath> callerLocks(MethodModel method) {
    Set<LockPath> known = byMethod.get(method);
    if (known == null) {
      byMethod.put(method, Set.of()); // while in progress: a recursive call holds nothing extra
      known = heldByEveryCaller(method);
      byMethod.put(method, known);
    }
    return known;
  }

  private Set<LockPath> heldByEveryCaller(MethodModel method) {
    List<CallSites.Site> sites = context.sites(method);
    if (sites.isEmpty()
        || method.has(Flag.LAMBDA)
        || method.has(Flag.NOT_OVERRIDABLE)
        || RaceContext.isInitializer(method)) {
      return Set.of();
    }
    Set<LockPath> common = null;
    for (CallSites.Site site : sites) {
      if (site.kind() != CallSites.Kind.CALL_ON_THIS || site.caller() == method) {
        return Set.of();
      }
      HeldLocks locks = context.locks(site.caller());
      if (context.isInitialization(site.caller()) || !locks.reached(site.call())) {
        continue; // no other thread sees the object yet
      }
      Set<LockPath> held = RaceContext.sharedLocks(locks, site.call());
      held.addAll(callerLocks(site.caller()));
      if (common == null) {
        common = held;
      } else {
        common.retainAll(held);
      }
    }
    return common == null ? Set.of() : common;
  }
}
