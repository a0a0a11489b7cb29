package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.lockorder.MethodSummary.Acquisition;
import dev.latchkey.checks.lockorder.MethodSummary.CallSite;
import dev.latchkey.checks.model.LockPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lock-order edges one method contributes: for each blocking acquisition of B (directly, or in
 * a callee: then at the call, for every body the call may run) while A is held, A to B. Re-entrant
 * acquisitions (B's path is a held path) give none. Two locks with the same key give an edge only
 * as a self-loop: both paths rooted at {@code this} or parameters of the method and the method
 * never takes them in the opposite order (ordering by a total order, {@code if (a.id < b.id)},
 * takes both orders). Keys are canonical ({@link Dispatch#canonical}).
 */
final class OrderEdges {
  private OrderEdges() {}

  /** A same-key edge waiting for the check that the method never takes the reverse order. */
  private record Pending(OrderEdge edge, LockPath held, LockPath acquired) {}

  /** One acquisition while {@code held} are held: where, what, and how it was reached. */
  private record Step(
      List<HeldLock> held,
      LockPath acquired,
      String key,
      Site site,
      Transitive through,
      int fanOut,
      boolean finalOwner) {}

  static List<OrderEdge> of(MethodSummary method, AcquisitionClosure closure) {
    Dispatch dispatch = closure.dispatch();
    List<Step> steps = new ArrayList<>();
    for (Acquisition acquisition : method.acquisitions()) {
      if (acquisition.key() != null) {
        String key = dispatch.canonical(acquisition.key(), acquisition.lock());
        boolean finalOwner = closure.finalOwner(acquisition.lock(), method.ref().owner());
        steps.add(
            new Step(
                acquisition.held(),
                acquisition.lock(),
                key,
                acquisition.site(),
                null,
                0,
                finalOwner));
      }
    }
    for (CallSite call : method.calls()) {
      if (call.bodyRunsHere() || call.held().isEmpty()) {
        continue;
      }
      Dispatch.Targets targets = closure.targets(call.callee());
      int fanOut = targets.total() > 1 ? targets.total() : 0;
      for (MethodSummary callee : targets.methods()) {
        for (Transitive acquired : closure.of(callee.ref())) {
          if (callee.constructor() && AcquisitionClosure.thisRooted(acquired.path())) {
            continue;
          }
          LockPath path = AcquisitionClosure.rebase(acquired.path(), call, callee);
          if (method.constructor() && AcquisitionClosure.thisRooted(path)) {
            continue; // the object under construction
          }
          String key = closure.rebasedKey(acquired, path, call, callee);
          if (key != null) {
            int most = Math.max(fanOut, acquired.fanOut());
            boolean finalOwner =
                acquired.finalOwner()
                    && (call.bodyRunsHere()
                        || closure.finalHop(call.receiver(), method.ref().owner()));
            steps.add(new Step(call.held(), path, key, call.site(), acquired, most, finalOwner));
          }
        }
      }
    }
    List<OrderEdge> edges = new ArrayList<>();
    List<Pending> sameKey = new ArrayList<>();
    Set<List<LockPath>> pairs = new HashSet<>();
    for (Step step : steps) {
      add(method, step, dispatch, edges, sameKey, pairs);
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
      Step step,
      Dispatch dispatch,
      List<OrderEdge> edges,
      List<Pending> sameKey,
      Set<List<LockPath>> pairs) {
    LockPath lock = LockKeys.collapse(step.acquired());
    if (lock != null) {
      for (HeldLock outer : step.held()) {
        if (LockKeys.collapse(outer.path()).equals(lock)) {
          return; // re-entrant: it cannot block
        }
      }
    }
    String key = step.key();
    String acquiredText = lock != null ? step.acquired().toString() : LockKeys.display(key);
    List<Site> chain = step.through() == null ? List.of() : step.through().chain();
    int fanOut = step.fanOut();
    Set<String> around = new TreeSet<>();
    for (HeldLock outer : step.held()) {
      if (outer.key() != null) {
        around.add(dispatch.canonical(outer.key(), outer.path()));
      }
    }
    if (step.through() != null) {
      around.addAll(step.through().inside());
    }
    for (HeldLock outer : step.held()) {
      if (outer.key() == null) {
        continue;
      }
      String from = dispatch.canonical(outer.key(), outer.path());
      String heldText = outer.path().toString();
      boolean descends = descends(outer.path(), lock, step.finalOwner());
      Set<String> gates = new TreeSet<>(around);
      gates.remove(from);
      gates.remove(key);
      if (!from.equals(key)) {
        edges.add(
            new OrderEdge(
                from,
                key,
                step.site(),
                heldText,
                acquiredText,
                chain,
                false,
                List.copyOf(gates),
                fanOut,
                descends));
      } else if (lock != null && swappable(LockKeys.collapse(outer.path()), lock, method)) {
        LockPath outerLock = LockKeys.collapse(outer.path());
        pairs.add(List.of(outerLock, lock));
        sameKey.add(
            new Pending(
                new OrderEdge(
                    key,
                    key,
                    step.site(),
                    heldText,
                    acquiredText,
                    chain,
                    true,
                    List.copyOf(gates),
                    fanOut,
                    false),
                outerLock,
                lock));
      }
    }
  }

  /**
   * Whether the acquired lock belongs to an object strictly below the held lock's object along
   * final fields ({@code this.lock} held, {@code this.pool.keyedPool.lock} acquired, every hop
   * final): a wrapper taking its delegate's lock.
   */
  private static boolean descends(LockPath held, LockPath acquired, boolean finalOwner) {
    // Owned through final fields, the acquired path is unnamed only when it grew too long to keep.
    return finalOwner
        && held.rootKind() == LockPath.RootKind.THIS
        && held.selectors().size() <= 1
        && (acquired == null || acquired.selectors().size() >= 2);
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
