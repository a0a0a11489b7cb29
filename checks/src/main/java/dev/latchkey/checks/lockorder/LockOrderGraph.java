package dev.latchkey.checks.lockorder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lock-order graph over abstract lock keys, with every edge's sites, and its strongly connected
 * components: an edge is part of a cycle when both ends are in the same component (or it is a
 * self-loop, which only qualifying edges are).
 */
final class LockOrderGraph {
  private static final Comparator<OrderEdge> BY_SITE =
      Comparator.comparing((OrderEdge edge) -> edge.site().className())
          .thenComparingInt(edge -> edge.site().line())
          .thenComparingInt(edge -> edge.site().nodeId())
          .thenComparing(OrderEdge::from)
          .thenComparing(OrderEdge::to);

  /** Per key, its outgoing edges, grouped by target key. */
  private final Map<String, Map<String, List<OrderEdge>>> out = new LinkedHashMap<>();

  private final Map<String, Integer> component = new HashMap<>();

  LockOrderGraph(Collection<OrderEdge> edges) {
    for (OrderEdge edge : edges) {
      out.computeIfAbsent(edge.from(), key -> new LinkedHashMap<>())
          .computeIfAbsent(edge.to(), key -> new ArrayList<>())
          .add(edge);
      out.computeIfAbsent(edge.to(), key -> new LinkedHashMap<>());
    }
    for (Map<String, List<OrderEdge>> targets : out.values()) {
      for (List<OrderEdge> sites : targets.values()) {
        sites.sort(BY_SITE);
      }
    }
    components();
  }

  /** Whether {@code edge} (from any class) closes a cycle of the graph. */
  boolean inCycle(OrderEdge edge) {
    if (edge.from().equals(edge.to())) {
      return edge.selfLoop();
    }
    Integer from = component.get(edge.from());
    return from != null && from.equals(component.get(edge.to()));
  }

  /**
   * The other edges of one shortest cycle through {@code edge}: a path from its target back to its
   * source, one edge (the first by site) per step. Empty for a self-loop.
   */
  List<OrderEdge> pathBack(OrderEdge edge) {
    if (edge.from().equals(edge.to())) {
      return List.of();
    }
    Map<String, OrderEdge> reachedBy = new HashMap<>();
    Deque<String> work = new ArrayDeque<>();
    work.add(edge.to());
    reachedBy.put(edge.to(), null);
    Integer scc = component.get(edge.from());
    while (!work.isEmpty()) {
      String key = work.poll();
      if (key.equals(edge.from())) {
        break;
      }
      for (Map.Entry<String, List<OrderEdge>> target : out.getOrDefault(key, Map.of()).entrySet()) {
        String next = target.getKey();
        if (!reachedBy.containsKey(next) && scc != null && scc.equals(component.get(next))) {
          reachedBy.put(next, target.getValue().get(0));
          work.add(next);
        }
      }
    }
    List<OrderEdge> path = new ArrayList<>();
    for (String at = edge.from(); reachedBy.get(at) != null; at = reachedBy.get(at).from()) {
      path.add(0, reachedBy.get(at));
      if (path.size() > out.size()) {
        break;
      }
    }
    return path;
  }

  /** Tarjan's algorithm, iterative. */
  private void components() {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    java.util.Set<String> onStack = new java.util.HashSet<>();
    int[] counter = {0};
    int[] components = {0};
    for (String start : out.keySet()) {
      if (index.containsKey(start)) {
        continue;
      }
      Deque<Object[]> calls = new ArrayDeque<>();
      calls.push(new Object[] {start, new ArrayList<>(out.get(start).keySet()).iterator()});
      index.put(start, counter[0]);
      low.put(start, counter[0]++);
      stack.push(start);
      onStack.add(start);
      while (!calls.isEmpty()) {
        Object[] frame = calls.peek();
        String node = (String) frame[0];
        @SuppressWarnings("unchecked")
        java.util.Iterator<String> next = (java.util.Iterator<String>) frame[1];
        if (next.hasNext()) {
          String target = next.next();
          if (!index.containsKey(target)) {
            index.put(target, counter[0]);
            low.put(target, counter[0]++);
            stack.push(target);
            onStack.add(target);
            calls.push(new Object[] {target, new ArrayList<>(out.get(target).keySet()).iterator()});
          } else if (onStack.contains(target)) {
            low.put(node, Math.min(low.get(node), index.get(target)));
          }
          continue;
        }
        calls.pop();
        if (!calls.isEmpty()) {
          String parent = (String) calls.peek()[0];
          low.put(parent, Math.min(low.get(parent), low.get(node)));
        }
        if (low.get(node).equals(index.get(node))) {
          String member;
          do {
            member = stack.pop();
            onStack.remove(member);
            component.put(member, components[0]);
          } while (!member.equals(node));
          components[0]++;
        }
      }
    }
  }
}
