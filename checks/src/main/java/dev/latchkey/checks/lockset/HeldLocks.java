package dev.latchkey.checks.lockset;

import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.EdgeKind;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.LockView;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which locks a method holds on <em>every</em> path to each of its nodes: a forward must-analysis
 * over the model (intersection at joins). Monitors and {@code Lock}s count, permits do not (a
 * permit is not owned by a thread). A {@code synchronized} method holds its monitor throughout;
 * {@code tryLock()} holds its lock on the branch where it succeeded. Shared by the race and
 * lock-order families.
 */
public final class HeldLocks {
  private final Map<Node, State> before = new HashMap<>();
  private GuardRegions regions = GuardRegions.NONE;

  /** How many times a lock acquired while already held is counted at most (reentrancy). */
  private static final int MAX_DEPTH = 8;

  /**
   * What one path knows: the locks held, how many times more than once each is held (a monitor or
   * reentrant lock taken again while held: its inner release leaves it held), and tracked booleans
   * bound to a lock's acquisition.
   */
  private record State(
      Set<LockPath> held, Map<LockPath, Integer> reentered, Map<String, LockPath> bindings) {
    State join(State other) {
      Set<LockPath> common = new HashSet<>(held);
      common.retainAll(other.held);
      Map<LockPath, Integer> depth = new HashMap<>();
      reentered.forEach(
          (lock, times) -> {
            int least = Math.min(times, other.reentered.getOrDefault(lock, 0));
            if (least > 0 && common.contains(lock)) {
              depth.put(lock, least);
            }
          });
      Map<String, LockPath> same = new HashMap<>();
      bindings.forEach(
          (variable, lock) -> {
            if (lock.equals(other.bindings.get(variable))) {
              same.put(variable, lock);
            }
          });
      return new State(Set.copyOf(common), Map.copyOf(depth), Map.copyOf(same));
    }

    /** {@code lock} acquired: held, once more if it already was. */
    State holding(LockPath lock) {
      if (held.contains(lock)) {
        Map<LockPath, Integer> depth = new HashMap<>(reentered);
        depth.merge(lock, 1, (a, b) -> Math.min(MAX_DEPTH, a + b));
        return new State(held, Map.copyOf(depth), bindings);
      }
      return asserting(lock);
    }

    /** {@code lock} known to be held (an assertion, a successful branch), not taken again. */
    State asserting(LockPath lock) {
      if (held.contains(lock)) {
        return this;
      }
      Set<LockPath> more = new HashSet<>(held);
      more.add(lock);
      return new State(Set.copyOf(more), reentered, bindings);
    }

    State releasing(LockPath lock) {
      Integer times = reentered.get(lock);
      if (times != null) {
        Map<LockPath, Integer> depth = new HashMap<>(reentered);
        if (times == 1) {
          depth.remove(lock);
        } else {
          depth.put(lock, times - 1);
        }
        return new State(held, Map.copyOf(depth), bindings);
      }
      Set<LockPath> fewer = new HashSet<>(held);
      fewer.remove(lock);
      return new State(Set.copyOf(fewer), reentered, bindings);
    }

    State binding(String variable, LockPath lock) {
      Map<String, LockPath> more = new HashMap<>(bindings);
      if (lock == null) {
        more.remove(variable);
      } else {
        more.put(variable, lock);
      }
      return new State(held, reentered, Map.copyOf(more));
    }
  }

  private HeldLocks() {}

  /** The monitor a {@code synchronized} method holds: {@code this}, or its class when static. */
  public static LockPath methodMonitor(MethodModel method) {
    return method.has(MethodModel.Flag.STATIC)
        ? LockPath.ofClassLiteral(method.ref().owner())
        : LockPath.ofThis();
  }

  /**
   * Solves {@code method} given the locks its callers hold when it starts ({@code heldOnEntry});
   * its own monitor is added when it is {@code synchronized}.
   */
  public static HeldLocks of(MethodModel method, Set<LockPath> heldOnEntry) {
    HeldLocks result = new HeldLocks();
    Set<LockPath> entry = new HashSet<>(heldOnEntry);
    if (method.has(MethodModel.Flag.SYNCHRONIZED)) {
      entry.add(methodMonitor(method));
    }
    result.solve(method, new State(Set.copyOf(entry), Map.of(), Map.of()));
    return result;
  }

  /**
   * As {@link #of(MethodModel, Set)}, plus the locks held through calls the flow analysis does not
   * see: configured acquire/release wrappers and lock guards closed by try-with-resources ({@link
   * GuardRegions}).
   */
  public static HeldLocks of(MethodModel method, Set<LockPath> heldOnEntry, LatchkeyConfig config) {
    return of(method, heldOnEntry, config, CallEffects.NONE);
  }

  static HeldLocks of(
      MethodModel method, Set<LockPath> heldOnEntry, LatchkeyConfig config, CallEffects effects) {
    HeldLocks result = of(method, heldOnEntry);
    result.regions = GuardRegions.of(method, config, effects);
    return result;
  }

  /** The locks held on every path that reaches {@code node}; empty when it is unreachable. */
  public Set<LockPath> before(Node node) {
    State state = before.get(node);
    if (state == null) {
      return Set.of();
    }
    Set<LockPath> extra = regions.before(node);
    if (extra.isEmpty()) {
      return state.held();
    }
    Set<LockPath> all = new HashSet<>(state.held());
    all.addAll(extra);
    return all;
  }

  /**
   * Whether {@code held} protects an access by {@code guard}: the lock itself, or for a read/write
   * lock its write view (reads and writes) or its read view (reads only). A guard that is itself a
   * view (inferred from writes under {@code rw#write}) is held through the write view, or the read
   * view for a read.
   */
  public static boolean covers(Set<LockPath> held, LockPath guard, boolean write) {
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

  /** Whether any path reaches {@code node}. */
  public boolean reached(Node node) {
    return before.containsKey(node);
  }

  private void solve(MethodModel method, State entry) {
    Deque<Node> work = new ArrayDeque<>();
    before.put(method.entry(), entry);
    work.add(method.entry());
    while (!work.isEmpty()) {
      Node node = work.poll();
      State in = before.get(node);
      for (Edge edge : node.out()) {
        State out = transfer(node, edge.kind(), in);
        if (out == null) {
          continue;
        }
        State old = before.get(edge.target());
        State merged = old == null ? out : old.join(out);
        if (!Objects.equals(old, merged)) {
          before.put(edge.target(), merged);
          work.add(edge.target());
        }
      }
    }
  }

  /** The state after {@code node} along an edge of kind {@code edge}; null when infeasible. */
  private static State transfer(Node node, EdgeKind edge, State in) {
    boolean exceptional = edge == EdgeKind.EXCEPTIONAL;
    switch (node.kind()) {
      case ACQUIRE:
        return counts(node) && !exceptional ? in.holding(node.lock()) : in;
      case TRY_ACQUIRE:
        if (node.variable() == null) {
          return in;
        }
        return in.binding(node.variable(), counts(node) && !exceptional ? node.lock() : null);
      case HELD_CHECK:
        return in.binding(node.variable(), node.lock());
      case HELD_ASSERTION:
        // Past the assertion the lock is held (with assertions off, the author's word for it).
        return exceptional ? in : in.asserting(node.lock());
      case RELEASE:
        return counts(node) ? in.releasing(node.lock()) : in;
      case ASSIGN:
        return in.binding(node.variable(), null);
      case BRANCH:
        {
          LockPath bound = in.bindings().get(node.variable());
          State state = node.variable().startsWith("#") ? in.binding(node.variable(), null) : in;
          return bound != null && edge == EdgeKind.TRUE ? state.holding(bound) : state;
        }
      default:
        return in;
    }
  }

  private static boolean counts(Node node) {
    return node.lockKind() != LockKind.PERMIT;
  }

  /** The locks held before each node, for tests and messages. */
  public Map<Node, Set<LockPath>> all() {
    Map<Node, Set<LockPath>> all = new HashMap<>();
    before.forEach((node, state) -> all.put(node, state.held()));
    return all;
  }

  /** Unmodifiable view for callers that only iterate. */
  static List<LockPath> sorted(Set<LockPath> locks) {
    return locks.stream().sorted(java.util.Comparator.comparing(LockPath::toString)).toList();
  }
}
