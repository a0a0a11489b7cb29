package dev.latchkey.checks.locks;

import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.EdgeKind;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/** A method model with its solved lock-state dataflow, and the queries the rules share. */
final class AnalyzedMethod {
  private final MethodModel model;
  private final LockStateAnalysis analysis;
  private final List<LockSite> acquisitions = new ArrayList<>();
  private final List<LockSite> releases = new ArrayList<>();
  private final List<LockSite> waits = new ArrayList<>();
  private final Set<LockPath> acquired = new java.util.HashSet<>();
  private final Set<LockPath> acquiredViewOwners = new java.util.HashSet<>();

  AnalyzedMethod(LockStateAnalysis analysis) {
    this.model = analysis.model();
    this.analysis = analysis;
    for (Node node : model.nodes()) {
      switch (node.kind()) {
        case ACQUIRE -> {
          if (node.lockKind() != LockKind.MONITOR) {
            acquisitions.add(new LockSite(node, node.lock(), true));
          }
        }
        case TRY_ACQUIRE -> acquisitions.add(new LockSite(node, node.lock(), false));
        case RELEASE -> {
          if (node.lockKind() != LockKind.MONITOR) {
            releases.add(new LockSite(node, node.lock(), true));
          }
        }
        case CALL -> {
          for (CallEffect effect : analysis.effects(node)) {
            switch (effect.kind()) {
              case ACQUIRES -> acquisitions.add(new LockSite(node, effect.lock(), true));
              case RELEASES -> releases.add(new LockSite(node, effect.lock(), true));
              case WAITS_FOR -> waits.add(new LockSite(node, effect.lock(), true));
            }
          }
        }
        default -> {}
      }
    }
    for (LockSite site : acquisitions) {
      acquired.add(site.lock());
      if (site.lock().viewOwner() != null) {
        acquiredViewOwners.add(site.lock().viewOwner());
      }
    }
  }

  MethodModel model() {
    return model;
  }

  Set<Fact> in(Node node) {
    return analysis.in(node);
  }

  List<LockSite> acquisitions() {
    return acquisitions;
  }

  List<LockSite> releases() {
    return releases;
  }

  /** Calls of helpers that wait for a lock and release it again before they return. */
  List<LockSite> waits() {
    return waits;
  }

  /**
   * Whether this method takes {@code lock}, or another view of the same read/write lock, anywhere:
   * then a release where it never acquired it is its own mistake, not a release for its caller.
   */
  boolean manages(LockPath lock) {
    return acquired.contains(lock)
        || (lock.viewOwner() != null && acquiredViewOwners.contains(lock.viewOwner()));
  }

  /**
   * Whether some call that is not a lock operation can run after {@code node} completes normally.
   */
  boolean callsAfter(Node node) {
    Deque<Node> work = new ArrayDeque<>();
    boolean[] seen = new boolean[model.nodes().size()];
    for (Edge edge : node.out()) {
      if (edge.kind() != EdgeKind.EXCEPTIONAL) {
        work.add(edge.target());
      }
    }
    while (!work.isEmpty()) {
      Node next = work.poll();
      if (seen[next.id()]) {
        continue;
      }
      seen[next.id()] = true;
      if (next.kind() == NodeKind.CALL && analysis.effects(next).isEmpty()) {
        return true;
      }
      for (Edge edge : next.out()) {
        if (edge.kind() != EdgeKind.EXCEPTIONAL) {
          work.add(edge.target());
        }
      }
    }
    return false;
  }

  /**
   * Walks back from {@code exit} along edges that carry a fact satisfying {@code carries}, and
   * returns the source of the first edge (lowest line) on that walk for which {@code wanted} holds,
   * or null. Used to name the path of a finding ("the return at line 42").
   */
  Node findOnPathTo(Node exit, Predicate<Fact> carries, BiPredicate<Node, EdgeKind> wanted) {
    Deque<Node> work = new ArrayDeque<>();
    boolean[] seen = new boolean[model.nodes().size()];
    work.add(exit);
    seen[exit.id()] = true;
    Node best = null;
    while (!work.isEmpty()) {
      Node target = work.poll();
      for (Node source : analysis.predecessors().get(target.id())) {
        for (Edge edge : source.out()) {
          if (edge.target() != target || !carriesAlong(source, edge, carries)) {
            continue;
          }
          if (wanted.test(source, edge.kind())
              && (best == null || lineOrder(source) < lineOrder(best))) {
            best = source;
          }
          if (!seen[source.id()]) {
            seen[source.id()] = true;
            work.add(source);
          }
        }
      }
    }
    return best;
  }

  private boolean carriesAlong(Node source, Edge edge, Predicate<Fact> carries) {
    for (Fact fact : analysis.in(source)) {
      for (Fact out : analysis.transferForReport(source, edge.kind(), fact)) {
        if (carries.test(out)) {
          return true;
        }
      }
    }
    return false;
  }

  private static int lineOrder(Node node) {
    return node.line() < 0 ? Integer.MAX_VALUE : node.line();
  }

  static boolean heldBy(Fact fact, LockPath lock, Node site) {
    LockState state = fact.lock(lock);
    return state != null && state.isHeld() && state.heldBy().contains(site.id());
  }

  static boolean held(Fact fact, LockPath lock) {
    LockState state = fact.lock(lock);
    return state != null && state.isHeld();
  }

  @Override
  public String toString() {
    return Objects.toString(model.ref());
  }
}
