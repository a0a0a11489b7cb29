package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.lockorder.MethodSummary.Acquisition;
import dev.latchkey.checks.lockorder.MethodSummary.CallSite;
import dev.latchkey.checks.model.LockPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The lock-order edges one method contributes: for each blocking acquisition of B (directly, or in
 * a callee: then at the call) while A is held, A to B. Re-entrant acquisitions (B's path is a held
 * path) give none. Two locks with the same key give an edge only as a self-loop: both paths rooted
 * at {@code this} or parameters of the method and the method never takes them in the opposite order
 * (ordering by a total order, {@code if (a.id < b.id)}, takes both orders).
 */
final class OrderEdges {
  private OrderEdges() {}

  /** A same-key edge waiting for the check that the method never takes the reverse order. */
  private record Pending(OrderEdge edge, LockPath held, LockPath acquired) {}

  static List<OrderEdge> of(MethodSummary method, AcquisitionClosure closure) {
    List<OrderEdge> edges = new ArrayList<>();
    List<Pending> sameKey = new ArrayList<>();
    Set<List<LockPath>> pairs = new HashSet<>();
    for (Acquisition acquisition : method.acquisitions()) {
      add(
          method,
          acquisition.held(),
          acquisition.lock(),
          acquisition.key(),
          acquisition.site(),
          List.of(),
          edges,
          sameKey,
          pairs);
    }
    for (CallSite call : method.calls()) {
      if (call.bodyRunsHere() || call.held().isEmpty()) {
        continue;
      }
      MethodSummary callee = closure.resolve(call.callee());
      if (callee == null) {
        continue;
      }
      for (Transitive acquired : closure.of(callee.ref())) {
        LockPath path = AcquisitionClosure.rebase(acquired.path(), call, callee);
        add(
            method,
            call.held(),
            path,
            acquired.key(),
            call.site(),
            acquired.chain(),
            edges,
            sameKey,
            pairs);
      }
    }
    for (Pending loop : sameKey) {
      // Taken in both orders by this method: ordered by something the code compares.
      if (!pairs.contains(List.of(loop.acquired(), loop.held()))) {
        edges.add(loop.edge());
      }
    }
    return edges;
  }

  private static void add(
      MethodSummary method,
      List<HeldLock> held,
      LockPath acquired,
      String key,
      Site site,
      List<Site> chain,
      List<OrderEdge> edges,
      List<Pending> sameKey,
      Set<List<LockPath>> pairs) {
    LockPath lock = LockKeys.collapse(acquired);
    if (lock != null) {
      for (HeldLock outer : held) {
        if (LockKeys.collapse(outer.path()).equals(lock)) {
          return; // re-entrant: it cannot block
        }
      }
    }
    String acquiredText = acquired != null ? acquired.toString() : LockKeys.display(key);
    for (HeldLock outer : held) {
      if (outer.key() == null) {
        continue;
      }
      String heldText = outer.path().toString();
      if (!outer.key().equals(key)) {
        edges.add(new OrderEdge(outer.key(), key, site, heldText, acquiredText, chain, false));
      } else if (lock != null && swappable(LockKeys.collapse(outer.path()), lock, method)) {
        LockPath outerLock = LockKeys.collapse(outer.path());
        pairs.add(List.of(outerLock, lock));
        sameKey.add(
            new Pending(
                new OrderEdge(key, key, site, heldText, acquiredText, chain, true),
                outerLock,
                lock));
      }
    }
  }

  /**
   * Two locks of one kind that another call could pass the other way round: the same selectors on
   * two different roots, each {@code this} or a parameter ({@code from.lock} and {@code to.lock},
   * {@code this} and {@code other}), not a path below the other ({@code node}, {@code node.next}).
   */
  private static boolean swappable(LockPath held, LockPath acquired, MethodSummary method) {
    return held.selectors().equals(acquired.selectors())
        && !held.root().equals(acquired.root())
        && rootedInMethod(held, method)
        && rootedInMethod(acquired, method);
  }

  private static boolean rootedInMethod(LockPath path, MethodSummary method) {
    return switch (path.rootKind()) {
      case THIS -> true;
      case LOCAL -> method.parameterNames().contains(path.root());
      default -> false;
    };
  }
}
