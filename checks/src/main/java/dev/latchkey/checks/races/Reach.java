package dev.latchkey.checks.races;

import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.Node;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Which nodes of one method come after which: forward reachability along any edge. */
final class Reach {
  private final Map<Node, Set<Node>> after = new HashMap<>();

  /** Whether some path leads from {@code from} (after it) to {@code to}. */
  boolean reaches(Node from, Node to) {
    return after.computeIfAbsent(from, Reach::successors).contains(to);
  }

  private static Set<Node> successors(Node from) {
    Set<Node> seen = new HashSet<>();
    Deque<Node> work = new ArrayDeque<>();
    work.add(from);
    while (!work.isEmpty()) {
      for (Edge edge : work.poll().out()) {
        if (seen.add(edge.target())) {
          work.add(edge.target());
        }
      }
    }
    return seen;
  }
}
