package dev.latchkey.checks.lockset;

import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The locks held at every call, in the class, of an overridable method ({@code protected void
 * createPool()} called only from {@code synchronized start()}, a template method its superclass
 * calls under a lock): the class runs it under them. Outside callers are unknown code, so the
 * families use this as a reading of the class's intent, each in its own way (races: the accesses
 * count as holding the locks, but the locks show no guard; lock order: taking one again there
 * orders nothing). Non-overridable helpers get their callers' locks from {@link ClassHeldLocks}
 * itself.
 */
public final class CallerLocks {
  private final ClassHeldLocks held;
  private final Predicate<MethodModel> ignoredCaller;
  private final Map<MethodModel, Set<LockPath>> byMethod = new IdentityHashMap<>();

  /**
   * @param ignoredCaller callers whose calls do not count (races: code that runs while the object
   *     is being initialized, which no other thread sees)
   */
  public CallerLocks(ClassHeldLocks held, Predicate<MethodModel> ignoredCaller) {
    this.held = held;
    this.ignoredCaller = ignoredCaller;
  }

  /** The locks every counted in-class call of {@code method} holds (none for a call cycle). */
  public Set<LockPath> of(MethodModel method) {
    Set<LockPath> known = byMethod.get(method);
    if (known == null) {
      byMethod.put(method, Set.of()); // while in progress: a recursive call holds nothing extra
      known = Set.copyOf(heldByEveryCaller(method));
      byMethod.put(method, known);
    }
    return known;
  }

  private Set<LockPath> heldByEveryCaller(MethodModel method) {
    List<CallSites.Site> sites = held.sites(method);
    if (sites.isEmpty()
        || method.has(Flag.LAMBDA)
        || method.has(Flag.NOT_OVERRIDABLE)
        || method.has(Flag.CONSTRUCTOR)) {
      return Set.of();
    }
    Set<LockPath> common = null;
    for (CallSites.Site site : sites) {
      if (site.kind() != CallSites.Kind.CALL_ON_THIS || site.caller() == method) {
        return Set.of();
      }
      HeldLocks locks = held.held(site.caller());
      if (ignoredCaller.test(site.caller()) || !locks.reached(site.call())) {
        continue;
      }
      Set<LockPath> here = new HashSet<>();
      for (LockPath lock : locks.before(site.call())) {
        if (lock.rootKind() != LockPath.RootKind.LOCAL) {
          here.add(lock); // a caller's local names nothing in the callee
        }
      }
      here.addAll(of(site.caller()));
      if (common == null) {
        common = here;
      } else {
        common.retainAll(here);
      }
    }
    return common == null ? Set.of() : common;
  }
}
