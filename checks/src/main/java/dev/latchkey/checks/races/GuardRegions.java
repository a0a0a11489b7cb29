package dev.latchkey.checks.races;

import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.config.MethodPattern;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Locks held through calls that the shared held-lock analysis does not see: configured acquire and
 * release wrappers ({@code LockSupport.acquire(lock)} ... {@code release(lock)}) and lock guards
 * closed by try-with-resources ({@code try (LockGuard g = LockGuard.acquire(lock)) {..}}, {@code
 * try (var g = new AutoLock(lock)) {..}}). A node holds such a lock when the acquiring call
 * dominates it and no release lies between them.
 */
final class GuardRegions {
  private static final List<String> ACQUIRING_NAMES =
      List.of("lock", "acquire", "hold", "guard", "enter", "locked", "with");

  private final Map<Node, Set<LockPath>> held = new HashMap<>();

  private GuardRegions() {}

  static GuardRegions of(MethodModel method, LatchkeyConfig config) {
    GuardRegions regions = new GuardRegions();
    for (Node node : method.nodes()) {
      if (node.kind() != NodeKind.CALL) {
        continue;
      }
      for (LockPath lock : configured(config.acquireMethods(), node)) {
        regions.mark(method, node, lock, releases(method, config, lock, null));
      }
      if (isGuard(node)) {
        LockPath guard = node.resultStoredTo();
        if (!hasClose(method, guard)) {
          continue;
        }
        for (LockPath lock : guardedLocks(node)) {
          regions.mark(method, node, lock, releases(method, config, lock, guard));
        }
      }
    }
    return regions;
  }

  /** The extra locks held before {@code node}. */
  Set<LockPath> before(Node node) {
    return held.getOrDefault(node, Set.of());
  }

  private static boolean isGuard(Node call) {
    LockPath stored = call.resultStoredTo();
    if (stored == null || stored.rootKind() != LockPath.RootKind.LOCAL) {
      return false;
    }
    String name = call.callee().name();
    if (name.equals("<init>")) {
      String owner = call.callee().owner();
      String simple = owner.substring(Math.max(owner.lastIndexOf('.'), owner.lastIndexOf('$')) + 1);
      String lower = simple.toLowerCase(Locale.ROOT);
      return lower.contains("lock") || lower.contains("guard");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return ACQUIRING_NAMES.stream().anyMatch(lower::startsWith);
  }

  private static List<LockPath> guardedLocks(Node call) {
    List<LockPath> locks = new ArrayList<>();
    for (LockPath argument : call.arguments()) {
      if (argument != null) {
        locks.add(argument);
      }
    }
    if (locks.isEmpty() && call.receiver() != null && !call.callee().name().equals("<init>")) {
      locks.add(call.receiver());
    }
    return locks;
  }

  private static boolean hasClose(MethodModel method, LockPath guard) {
    for (Node node : method.nodes()) {
      if (isClose(node, guard)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isClose(Node node, LockPath guard) {
    return node.kind() == NodeKind.CALL
        && node.callee().name().equals("close")
        && guard.equals(node.receiver());
  }

  private static List<LockPath> configured(List<MethodPattern> patterns, Node call) {
    List<LockPath> locks = new ArrayList<>();
    for (MethodPattern pattern : patterns) {
      if (!pattern.matches(call.callee())) {
        continue;
      }
      int index = pattern.argumentIndex();
      LockPath lock =
          index < 0
              ? call.receiver()
              : index < call.arguments().size() ? call.arguments().get(index) : null;
      if (lock != null) {
        locks.add(lock);
      }
    }
    return locks;
  }

  private static Set<Node> releases(
      MethodModel method, LatchkeyConfig config, LockPath lock, LockPath guard) {
    Set<Node> releases = new HashSet<>();
    for (Node node : method.nodes()) {
      if (node.kind() == NodeKind.RELEASE && lock.equals(node.lock())
          || node.kind() == NodeKind.CALL
              && configured(config.releaseMethods(), node).contains(lock)
          || guard != null && isClose(node, guard)) {
        releases.add(node);
      }
    }
    return releases;
  }

  private void mark(MethodModel method, Node acquire, LockPath lock, Set<Node> releases) {
    Set<Node> avoiding = reachable(List.of(method.entry()), acquire, false);
    Set<Node> afterRelease = new HashSet<>();
    for (Node release : releases) {
      afterRelease.addAll(reachable(release.successors(false), acquire, false));
    }
    for (Node node : reachable(acquire.successors(true), acquire, false)) {
      if (!avoiding.contains(node) && !afterRelease.contains(node)) {
        held.computeIfAbsent(node, n -> new HashSet<>()).add(lock);
      }
    }
  }

  /** Nodes reachable from {@code starts} without passing through {@code stop}. */
  private static Set<Node> reachable(List<Node> starts, Node stop, boolean normalOnly) {
    Set<Node> seen = new HashSet<>();
    Deque<Node> work = new ArrayDeque<>();
    for (Node start : starts) {
      if (start != stop && seen.add(start)) {
        work.add(start);
      }
    }
    while (!work.isEmpty()) {
      for (Node next : work.poll().successors(normalOnly)) {
        if (next != stop && seen.add(next)) {
          work.add(next);
        }
      }
    }
    return seen;
  }
}
