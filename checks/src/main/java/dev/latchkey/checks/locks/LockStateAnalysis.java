package dev.latchkey.checks.locks;

import dev.latchkey.checks.api.LockApi;
import dev.latchkey.checks.locks.LockState.Cause;
import dev.latchkey.checks.locks.LockState.Status;
import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.EdgeKind;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Path-sensitive lock-state dataflow over a {@link MethodModel}: each node gets the set of {@link
 * Fact}s that reach it (the disjunctive, property-simulation style of ESP). The join is set union
 * over a finite domain, so the fixed point is reached after each node has seen each distinct fact
 * once; facts only differ where paths really hold different locks or tested variables differently
 * (a lock's "not held" state is forgotten where no release of it can follow: {@link ReleaseReach}),
 * so the cost stays linear in the size of the method. A node that collects more than {@link
 * #MAX_FACTS} facts forgets tracked variables there, which bounds the work for any input.
 */
final class LockStateAnalysis {
  static final int MAX_FACTS = 64;

  private final MethodModel model;
  private final Function<Node, List<CallEffect>> callEffects;
  private final List<Set<Fact>> in;
  private final List<Set<Fact>> pending;
  private final boolean[] widened;
  private final ReleaseReach releaseReach;
  private long steps;

  private LockStateAnalysis(MethodModel model, Function<Node, List<CallEffect>> callEffects) {
    this.model = model;
    this.callEffects = callEffects;
    int size = model.nodes().size();
    this.in = new ArrayList<>(size);
    this.pending = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      in.add(new LinkedHashSet<>());
      pending.add(new LinkedHashSet<>());
    }
    this.widened = new boolean[size];
    this.releaseReach = new ReleaseReach(model, callEffects);
  }

  /** Runs the analysis to its fixed point. */
  static LockStateAnalysis run(MethodModel model, Function<Node, List<CallEffect>> callEffects) {
    LockStateAnalysis analysis = new LockStateAnalysis(model, callEffects);
    analysis.solve();
    return analysis;
  }

  /** The facts that reach {@code node}. */
  Set<Fact> in(Node node) {
    return in.get(node.id());
  }

  /** How many transfer functions the solver applied: the measure of its work. */
  long steps() {
    return steps;
  }

  /** How many facts the nodes hold at the fixed point: the measure of its memory. */
  long storedFacts() {
    return in.stream().mapToLong(Set::size).sum();
  }

  MethodModel model() {
    return model;
  }

  List<CallEffect> effects(Node call) {
    return callEffects.apply(call);
  }

  /** Each node's predecessors, by node id. */
  List<List<Node>> predecessors() {
    return releaseReach.predecessors();
  }

  private void solve() {
    Deque<Node> worklist = new ArrayDeque<>();
    Node entry = model.entry();
    add(entry, Fact.EMPTY);
    worklist.add(entry);
    while (!worklist.isEmpty()) {
      Node node = worklist.poll();
      Set<Fact> facts = pending.get(node.id());
      if (facts.isEmpty()) {
        continue;
      }
      List<Fact> batch = new ArrayList<>(facts);
      facts.clear();
      for (Edge edge : node.out()) {
        boolean changed = false;
        for (Fact fact : batch) {
          for (Fact out : transfer(node, edge.kind(), fact)) {
            changed |= add(edge.target(), out);
          }
        }
        if (changed) {
          worklist.add(edge.target());
        }
      }
    }
  }

  private boolean add(Node node, Fact fact) {
    int id = node.id();
    Fact settled = fact.forgetNotHeld(lock -> !releaseReach.canRelease(lock, node));
    Fact stored = widened[id] ? settled.withoutVariables() : settled;
    if (!in.get(id).add(stored)) {
      return false;
    }
    pending.get(id).add(stored);
    if (!widened[id] && in.get(id).size() > MAX_FACTS) {
      widened[id] = true;
      Set<Fact> narrowed = new LinkedHashSet<>();
      for (Fact each : in.get(id)) {
        narrowed.add(each.withoutVariables());
      }
      in.set(id, narrowed);
      pending.set(id, new LinkedHashSet<>(narrowed));
    }
    return true;
  }

  /** The facts {@code fact} becomes when it leaves {@code node} along an edge of that kind. */
  List<Fact> transferForReport(Node node, EdgeKind edge, Fact fact) {
    return transfer(node, edge, fact);
  }

  /** The facts that leave {@code node} along an edge of the given kind. */
  private List<Fact> transfer(Node node, EdgeKind edge, Fact fact) {
    steps++;
    boolean exceptional = edge == EdgeKind.EXCEPTIONAL;
    switch (node.kind()) {
      case ACQUIRE:
        if (!tracked(node)) {
          return List.of(fact);
        }
        if (!exceptional) {
          return List.of(acquire(fact, node.lock(), node));
        }
        Fact threw = acquisitionThrew(fact, node);
        return List.of(node.interruptible() ? threw : threw.markUnlikely());
      case TRY_ACQUIRE:
        if (!tracked(node)) {
          return List.of(fact.unbindIfPresent(node.variable()));
        }
        if (exceptional) {
          return List.of(tryFailed(fact, node));
        }
        return List.of(
            acquire(fact, node.lock(), node).bind(node.variable(), true),
            tryFailed(fact, node).bind(node.variable(), false));
      case RELEASE:
        // A release fails only when the lock is not held, which is reported on its own.
        if (exceptional) {
          return List.of();
        }
        return List.of(tracked(node) ? release(fact, node.lock(), node) : fact);
      case HELD_CHECK:
        {
          LockState state = fact.lock(node.lock());
          return List.of(fact.bind(node.variable(), state != null && state.isHeld()));
        }
      case ASSIGN:
        return List.of(fact.unbind(node.variable()));
      case BRANCH:
        {
          if (edge != EdgeKind.TRUE && edge != EdgeKind.FALSE) {
            return List.of(fact);
          }
          boolean value = edge == EdgeKind.TRUE;
          Boolean known = fact.variables().get(node.variable());
          if (known != null && known != value) {
            return List.of();
          }
          // A synthetic condition variable ("#c12") is tested once: forget it so paths merge again.
          return List.of(
              node.variable().startsWith("#")
                  ? fact.unbind(node.variable())
                  : fact.bind(node.variable(), value));
        }
      case CALL:
        if (exceptional && signalsUnderItsLock(node)) {
          return List.of(applyCall(fact, node, true).markUnlikely());
        }
        return List.of(applyCall(fact, node, exceptional));
      case EXIT:
      case EXCEPTIONAL_EXIT:
        return List.of();
      default:
        return List.of(fact);
    }
  }

  private static boolean signalsUnderItsLock(Node call) {
    return call.callee() != null
        && LockApi.failsOnlyWithoutItsLock(
            call.callee().owner(), call.callee().name(), call.callee().descriptor());
  }

  /** Monitors pair themselves (the language releases them); this analysis follows the others. */
  private static boolean tracked(Node node) {
    return node.lockKind() != LockKind.MONITOR;
  }

  private Fact applyCall(Fact fact, Node call, boolean exceptional) {
    Fact result = fact;
    for (CallEffect effect : callEffects.apply(call)) {
      if (effect.kind() == CallEffect.Kind.WAITS_FOR) {
        continue;
      }
      if (effect.acquires()) {
        // A helper that threw is assumed not to have acquired.
        if (!exceptional) {
          result = acquire(result, effect.lock(), call);
        }
      } else {
        // A release helper that threw is assumed to have released: no finding rests on its failure.
        result = release(result, effect.lock(), call);
      }
    }
    return result;
  }

  private static Fact acquire(Fact fact, LockPath lock, Node node) {
    LockState state = fact.lock(lock);
    return fact.with(
        lock, state == null ? LockState.held(node.id()) : state.acquiredAgain(node.id()));
  }

  private static Fact acquisitionThrew(Fact fact, Node node) {
    LockState state = fact.lock(node.lock());
    if (state != null && state.isHeld()) {
      return fact;
    }
    return fact.with(node.lock(), LockState.notHeld(Cause.ACQUIRE_THREW, node.id()));
  }

  private static Fact tryFailed(Fact fact, Node node) {
    LockState state = fact.lock(node.lock());
    if (state != null && state.isHeld()) {
      return fact;
    }
    return fact.with(node.lock(), LockState.notHeld(Cause.TRY_FAILED, node.id()));
  }

  private static Fact release(Fact fact, LockPath lock, Node node) {
    LockState state = fact.lock(lock);
    if (state == null || state.status() == Status.CALLER_RELEASED) {
      return fact.with(lock, LockState.CALLER_RELEASED);
    }
    return fact.with(lock, state.releasedOnce(node.id()));
  }
}
