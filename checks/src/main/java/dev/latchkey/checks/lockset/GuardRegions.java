package dev.latchkey.checks.lockset;

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
 * Locks held through calls that the flow analysis does not see: configured acquire and release
 * wrappers ({@code LockSupport.acquire(lock)} ... {@code release(lock)}), helpers of the class
 * whose body returns holding a lock ({@link CallEffects}: {@code lockAll()} ... {@code
 * unlockAll()}, or {@code try (Section s = openSection()) {..}}), and lock guards closed by
 * try-with-resources, known by name ({@code try (LockGuard g = LockGuard.acquire(lock)) {..}},
 * {@code try (AutoLock l = lock.lock()) {..}}, {@code try (var g = new AutoLock(lock)) {..}}). A
 * node holds such a lock when the acquiring call dominates it and no release (or close of the
 * guard) lies between them.
 */
final class GuardRegions {
  static final GuardRegions NONE = new GuardRegions();

  private static final List<String> ACQUIRING_NAMES =
      List.of("lock", "acquire", "hold", "guard", "enter", "locked", "with");

  private final Map<Node, Set<LockPath>> held = new HashMap<>();

  private GuardRegions() {}

  static GuardRegions of(MethodModel method, LatchkeyConfig config, CallEffects effects) {
    GuardRegions regions = new GuardRegions();
    for (Node node : method.nodes()) {
      if (node.kind() != NodeKind.CALL) {
        continue;
      }
      for (LockPath lock : configured(config.acquireMethods(), node)) {
        regions.mark(method, node, lock, releases(method, config, effects, lock, List.of()));
      }
      List<Node> closes = LockGuards.closes(method, node);
      List<LockPath> acquired = effects.acquires(node);
      for (LockPath lock : acquired) {
        // An acquire helper: held until released, or until the guard it returned is closed.
        regions.mark(method, node, lock, releases(method, config, effects, lock, closes));
      }
      if (acquired.isEmpty() && !closes.isEmpty() && isGuard(node)) {
        for (LockPath lock : guardedLocks(node)) {
          regions.mark(method, node, lock, releases(method, config, effects, lock, closes));
        }
      }
    }
    return regions;
  }

  /** The extra locks held before {@code node}. */
  Set<LockPath> before(Node node) {
    return held.getOrDefault(node, Set.of());
  }

  /**
   * A lock guard by its name: {@code lock.lock()}, {@code LockGuard.acquire(l)}, {@code new
   * AutoLock(l)}.
   */
  private static boolean isGuard(Node call) {
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
      MethodModel method,
      LatchkeyConfig config,
      CallEffects effects,
      LockPath lock,
      List<Node> closes) {
    Set<Node> releases = new HashSet<>(closes);
    for (Node node : method.nodes()) {
      if (node.kind() == NodeKind.RELEASE && lock.equals(node.lock())
          || node.kind() == NodeKind.CALL
              && (configured(config.releaseMethods(), node).contains(lock)
                  || effects.releases(node).contains(lock))) {
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
