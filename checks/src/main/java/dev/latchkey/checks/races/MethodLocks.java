package dev.latchkey.checks.races;

import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.lockset.HeldLocks;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.LockView;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import java.util.HashSet;
import java.util.Set;

/**
 * The locks one method holds before each of its nodes: the shared {@link HeldLocks} analysis
 * (monitors, {@code Lock}s, {@code tryLock} on its successful branch, the locks held on entry) plus
 * the regions of configured wrappers and try-with-resources guards ({@link GuardRegions}).
 */
final class MethodLocks {
  private final HeldLocks heldLocks;
  private final GuardRegions regions;

  MethodLocks(MethodModel method, Set<LockPath> heldOnEntry, LatchkeyConfig config) {
    this.heldLocks = HeldLocks.of(method, heldOnEntry);
    this.regions = GuardRegions.of(method, config);
  }

  boolean reached(Node node) {
    return heldLocks.reached(node);
  }

  Set<LockPath> before(Node node) {
    Set<LockPath> extra = regions.before(node);
    if (extra.isEmpty()) {
      return heldLocks.before(node);
    }
    Set<LockPath> all = new HashSet<>(heldLocks.before(node));
    all.addAll(extra);
    return all;
  }

  /**
   * Whether {@code held} protects an access by {@code guard}: the lock itself, or for a read/write
   * lock its write view (reads and writes) or its read view (reads only). A guard that is itself a
   * view (inferred from writes under {@code rw#write}) is held through the write view, or the read
   * view for a read.
   */
  static boolean holds(Set<LockPath> held, LockPath guard, boolean write) {
    if (held.contains(guard)) {
      return true;
    }
    if (guard.view() != null) {
      LockPath owner = guard.viewOwner();
      return held.contains(owner.view(LockView.WRITE))
          || held.contains(owner)
          || !write && held.contains(owner.view(LockView.READ));
    }
    return held.contains(guard.view(LockView.WRITE))
        || !write && held.contains(guard.view(LockView.READ));
  }
}
