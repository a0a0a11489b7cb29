package dev.latchkey.checks.races;

import dev.latchkey.checks.lockset.HeldLocks;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which lock, if any, the code shows to guard a field without {@code @GuardedBy}. Evidence is
 * counted per method, so that ten reads in one method are one vote: each method that writes the
 * field under a lock, writes it without, reads it under a lock or reads it without casts one vote
 * of each kind it does, a write counting twice (writes are what a lock excludes; an unlocked write
 * is the strongest sign that a lock is not the field's guard). A lock held at some write guards the
 * field when it is held by at least {@link #MAJORITY} of the weighted votes. So a lock taken
 * incidentally around one write, in a class that otherwise reads and writes the field without it
 * ({@code synchronized mark()/reset()} of an input stream), is not a guard.
 */
final class GuardInference {
  /** The share of the weighted votes a guard must hold, as a fraction num / den. */
  static final int MAJORITY_NUMERATOR = 1;

  static final int MAJORITY_DENOMINATOR = 2;

  /** How much more a write weighs than a read. */
  static final int WRITE_WEIGHT = 2;

  /** The inferred guard and the votes behind it (for messages). */
  record Guard(LockPath lock, int held, int total) {}

  private GuardInference() {}

  /** The lock that guards a field with these accesses, or null. */
  static Guard infer(List<FieldAccess> accesses) {
    TreeMap<String, LockPath> candidates = new TreeMap<>();
    for (FieldAccess access : accesses) {
      if (access.write()) {
        // Only a lock the code takes around some write can show the guard; one its callers hold
        // for their own reasons (a lifecycle lock around doStart()) counts as held, no more.
        for (LockPath lock : access.ownLocks()) {
          candidates.put(lock.toString(), lock);
        }
      }
    }
    Guard best = null;
    for (LockPath lock : candidates.values()) {
      Guard guard = votes(accesses, lock);
      if (best == null
          || guard.held() > best.held()
          || guard.held() == best.held() && guard.total() < best.total()) {
        best = guard;
      }
    }
    if (best == null || best.held() * MAJORITY_DENOMINATOR < best.total() * MAJORITY_NUMERATOR) {
      return null;
    }
    return best;
  }

  /**
   * The locks held at every write of the field (empty when a write holds none). A read that holds
   * one of them is ordered with every write, even when it is not the inferred guard: a queue whose
   * array is replaced only under both its head and tail locks may be read under either.
   */
  static Set<LockPath> heldAtEveryWrite(List<FieldAccess> accesses) {
    Set<LockPath> common = null;
    for (FieldAccess access : accesses) {
      if (access.write()) {
        if (common == null) {
          common = new HashSet<>(access.held());
        } else {
          common.retainAll(access.held());
        }
      }
    }
    return common == null ? Set.of() : common;
  }

  /** Whether the read {@code access} holds one of {@code locks}. */
  static boolean readHoldsAny(FieldAccess access, Set<LockPath> locks) {
    if (access.write()) {
      return false;
    }
    for (LockPath lock : locks) {
      if (holds(access, lock)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code access} holds {@code lock} (or a view of it that excludes this access). */
  static boolean holds(FieldAccess access, LockPath lock) {
    return HeldLocks.covers(access.held(), lock, access.write());
  }

  /**
   * Two writes that hold locks, but no lock in common, when every write of the field holds some
   * lock: the author locks every write, but not with one lock, so two writes can run at once. The
   * first is the odd one out (the write whose locks the fewest other methods' writes share; the
   * first in source order among equals), the second a write it shares no lock with. Null otherwise.
   */
  static List<FieldAccess> differentLocks(List<FieldAccess> accesses) {
    List<FieldAccess> writes = new ArrayList<>();
    for (FieldAccess access : inSourceOrder(accesses)) {
      if (access.write()) {
        if (access.held().isEmpty()) {
          return null;
        }
        writes.add(access);
      }
    }
    FieldAccess oddOne = null;
    int fewest = Integer.MAX_VALUE;
    for (FieldAccess write : writes) {
      Set<MethodModel> sharing = Collections.newSetFromMap(new IdentityHashMap<>());
      for (FieldAccess other : writes) {
        if (other.method() != write.method() && !disjoint(write, other)) {
          sharing.add(other.method());
        }
      }
      if (sharing.size() < fewest) {
        fewest = sharing.size();
        oddOne = write;
      }
    }
    for (FieldAccess other : writes) {
      if (oddOne != null && other.method() != oddOne.method() && disjoint(oddOne, other)) {
        return List.of(oddOne, other);
      }
    }
    return null;
  }

  private static boolean disjoint(FieldAccess one, FieldAccess other) {
    for (LockPath lock : one.held()) {
      if (holds(other, lock)) {
        return false;
      }
    }
    for (LockPath lock : other.held()) {
      if (holds(one, lock)) {
        return false;
      }
    }
    return true;
  }

  private static Guard votes(List<FieldAccess> accesses, LockPath lock) {
    Set<Vote> votes = new HashSet<>();
    for (FieldAccess access : accesses) {
      votes.add(new Vote(access.method(), access.write(), holds(access, lock)));
    }
    int held = 0;
    int total = 0;
    for (Vote vote : votes) {
      int weight = vote.write() ? WRITE_WEIGHT : 1;
      total += weight;
      held += vote.held() ? weight : 0;
    }
    return new Guard(lock, held, total);
  }

  /** The first of {@code accesses} in source order (line, then model order), or null. */
  static FieldAccess first(List<FieldAccess> accesses) {
    List<FieldAccess> sorted = inSourceOrder(accesses);
    return sorted.isEmpty() ? null : sorted.get(0);
  }

  /** {@code accesses} by line (a stable sort: model order among equals). */
  static List<FieldAccess> inSourceOrder(List<FieldAccess> accesses) {
    List<FieldAccess> sorted = new ArrayList<>(accesses);
    sorted.sort(Comparator.comparingInt(access -> lineOrLast(access.node().line())));
    return sorted;
  }

  private static int lineOrLast(int line) {
    return line > 0 ? line : Integer.MAX_VALUE;
  }

  /** One method's vote: that it writes (or reads) the field with (or without) the lock. */
  private record Vote(MethodModel method, boolean write, boolean held) {}
}
