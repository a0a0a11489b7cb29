package dev.latchkey.checks.locks;

import java.util.ArrayList;
import java.util.List;

/**
 * What one path knows about one lock. A lock the path has not touched has no state at all.
 *
 * @param status held or not
 * @param heldBy for HELD: the acquiring nodes' ids, outermost first (re-entrant acquisitions stack)
 * @param cause for NOT_HELD: why the lock is not held
 * @param causeNode the node that caused it (the release, the failed tryLock, the acquisition that
 *     threw)
 */
record LockState(Status status, List<Integer> heldBy, Cause cause, int causeNode) {
  /** Deeper re-entrancy than this is not told apart. */
  private static final int MAX_DEPTH = 3;

  enum Status {
    HELD,
    NOT_HELD,
    /** Released without having been acquired on this path: the caller held it (release helper). */
    CALLER_RELEASED
  }

  enum Cause {
    NONE,
    RELEASED,
    TRY_FAILED,
    ACQUIRE_THREW
  }

  static final LockState CALLER_RELEASED =
      new LockState(Status.CALLER_RELEASED, List.of(), Cause.NONE, -1);

  LockState {
    heldBy = List.copyOf(heldBy);
  }

  static LockState notHeld(Cause cause, int node) {
    return new LockState(Status.NOT_HELD, List.of(), cause, node);
  }

  static LockState held(int node) {
    return new LockState(Status.HELD, List.of(node), Cause.NONE, -1);
  }

  boolean isHeld() {
    return status == Status.HELD;
  }

  /** The state after one more acquisition at {@code node}. */
  LockState acquiredAgain(int node) {
    if (!isHeld()) {
      return held(node);
    }
    if (heldBy.size() >= MAX_DEPTH) {
      return this;
    }
    List<Integer> deeper = new ArrayList<>(heldBy);
    deeper.add(node);
    return new LockState(Status.HELD, deeper, Cause.NONE, -1);
  }

  /** The state after one release at {@code node}; callers handle the not-held cases first. */
  LockState releasedOnce(int node) {
    if (isHeld() && heldBy.size() > 1) {
      return new LockState(Status.HELD, heldBy.subList(0, heldBy.size() - 1), Cause.NONE, -1);
    }
    return notHeld(Cause.RELEASED, node);
  }
}
