package dev.latchkey.checks.lockorder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lock-order graph over abstract lock keys, with every edge's sites, and its strongly connected
 * components: an edge is part of a cycle when both ends are in the same component (or it is a
 * self-loop, which only qualifying edges are). The sites of one edge (A then B) are ordered by
 * {@link #SITE_ORDER}; the first is the one a finding reports. Keys and sites are kept sorted, so
 * nothing depends on the order the edges came in.
 */
final class LockOrderGraph {
  /** Shortest chain first (the inner acquisition itself), then by the sites' names. */
  static final Comparator<OrderEdge> SITE_ORDER =
      Comparator.comparingInt((OrderEdge edge) -> edge.chain().size())
          .thenComparing(OrderEdge::site, AcquisitionClosure.SITE_ORDER)
          .thenComparing(OrderEdge::chain, AcquisitionClosure.CHAIN_ORDER)
          .thenComparing(OrderEdge::heldText)
          .thenComparing(OrderEdge::acquiredText)
          .thenComparing(edge -> edge.gates().toString());

  /** Per key, its outgoing edges, grouped by target key. */
  private final Map<String, Map<String, List<OrderEdge>>> out = new TreeMap<>();

  private final Map<String, Integer> component = new HashMap<>();
  private final Map<Integer, String> least = new HashMap<>();

  LockOrderGraph(Collection<OrderEdge> edges) {
    for (OrderEdge edge : edges) {
      out.computeIfAbsent(edge.from(), key -> new TreeMap<>())
          .computeIfAbsent(edge.to(), key -> new ArrayList<>())
          .add(edge);
      out.computeIfAbsent(edge.to(), key -> new TreeMap<>());
    }
    for (Map<String, List<OrderEdge>> targets : out.values()) {
      for (List<OrderEdge> sites : targets.values()) {
        sites.sort(SITE_ORDER);
      }
    }
    components();
    // Keys are visited in order: the first key seen of a component is its least.
    for (String key : out.keySet()) {
      least.putIfAbsent(component.get(key), key);
    }
  }

  private List<OrderEdge> sites(OrderEdge edge) {
    return out.getOrDefault(edge.from(), Map.of()).getOrDefault(edge.to(), List.of());
  }

  /** Whether {@code key} is the least key of its strongly connected component. */
  boolean leastOfComponent(String key) {
    Integer scc = component.get(key);
    return scc != null && key.equals(least.get(scc));
  }

  /** Whether {@code edge} is the site reported for its two locks: the first by site order. */
  boolean reportedAt(OrderEdge edge) {
    List<OrderEdge> sites = sites(edge);
    return !sites.isEmpty() && SITE_ORDER.compare(sites.get(0), edge) == 0;
  }

  /** How many other places (method and node) take the same two locks in the same order. */
  int otherSites(OrderEdge edge) {
    Set<List<Object>> places = new HashSet<>();
    for (OrderEdge site : sites(edge)) {
      places.add(List.of(site.site().className(), site.site().method(), site.site().nodeId()));
    }
    return Math.max(0, places.size() - 1);
  }

  /** Whether every site of the edge takes a lock of an object its held lock's object wraps. */
  boolean alwaysDescends(OrderEdge edge) {
    List<OrderEdge> sites = sites(edge);
    return !sites.isEmpty() && sites.stream().allMatch(OrderEdge::descends);
  }

  /** The locks held at every site of an edge besides its two: one of them gates the order. */
  Set<String> gates(OrderEdge edge) {
    Set<String> common = null;
    for (OrderEdge site : sites(edge)) {
      if (common == null) {
        common = new TreeSet<>(site.gates());
      } else {
        common.retainAll(site.gates());
      }
    }
    return common == null ? Set.of() : common;
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
