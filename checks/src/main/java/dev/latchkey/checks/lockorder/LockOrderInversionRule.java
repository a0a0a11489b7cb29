package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.RelatedLocation;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * LockOrderInversion: every edge of the program-wide lock-order graph that lies on a cycle no
 * common gate lock makes safe, reported once, at its first site ({@link LockOrderGraph#SITE_ORDER}:
 * the inner acquisition, or the call that leads to it, with the shortest chain), when that site is
 * in the analysed class. The finding names the cycle's other edges (a cycle of more than three
 * locks: its two neighbours and its length; the edge from the cycle's least lock spells out the
 * whole cycle once) and how many further sites take the same two locks in the same order.
 */
final class LockOrderInversionRule {
  /** Related locations per finding, at most. */
  static final int MAX_RELATED = 8;

  /** Cycles of up to this many locks are spelled out in every finding. */
  private static final int SPELLED_OUT = 3;

  private LockOrderInversionRule() {}

  static Map<MethodModel, List<Finding>> apply(
      ClassModel cls, ClassSummary summary, LockOrderIndex index) {
    Map<MethodRef, MethodModel> methods = new HashMap<>();
    for (MethodModel method : cls.methods()) {
      methods.putIfAbsent(method.ref(), method);
    }
    Map<MethodModel, List<Finding>> findings = new IdentityHashMap<>();
    LockOrderGraph graph = index.graph();
    // The summary was made from this model: one method summary per method, in order.
    for (int i = 0; i < summary.methods().size() && i < cls.methods().size(); i++) {
      MethodSummary method = summary.methods().get(i);
      MethodModel model = cls.methods().get(i);
      List<OrderEdge> edges = new ArrayList<>();
      for (OrderEdge edge : OrderEdges.of(method, index.closure())) {
        if (edge.site().nodeId() >= 0
            && edge.site().nodeId() < model.nodes().size()
            && graph.inCycle(edge)
            && graph.reportedAt(edge)) {
          edges.add(edge);
        }
      }
      // One finding per node: the edge with the shortest chain (a call reaching a lock through
      // several callees also reaches the locks its callees take in turn).
      edges.sort(LockOrderGraph.SITE_ORDER);
      Set<Integer> nodes = new HashSet<>();
      for (OrderEdge edge : edges) {
        if (nodes.contains(edge.site().nodeId())) {
          continue;
        }
        List<OrderEdge> others = graph.pathBack(edge);
        if (gated(edge, others, graph) || wrapsItself(edge, others, graph)) {
          continue;
        }
        nodes.add(edge.site().nodeId());
        Node node = model.nodes().get(edge.site().nodeId());
        findings
            .computeIfAbsent(model, m -> new ArrayList<>())
            .add(finding(cls, methods, node, edge, others, index));
      }
    }
    return findings;
  }

  /**
   * Whether every edge of the cycle takes, under an object's lock, the lock of an object it holds
   * in final fields (a wrapper and its delegate): the cycle would need an object to be its own
   * delegate, which final fields set by constructors cannot make.
   */
  private static boolean wrapsItself(OrderEdge edge, List<OrderEdge> others, LockOrderGraph graph) {
    if (edge.selfLoop() || !graph.alwaysDescends(edge)) {
      return false;
    }
    return others.stream().allMatch(graph::alwaysDescends);
  }

  /** Whether every site of every edge of the cycle holds one same further lock. */
  private static boolean gated(OrderEdge edge, List<OrderEdge> others, LockOrderGraph graph) {
    Set<String> common = new TreeSet<>(graph.gates(edge));
    for (OrderEdge other : others) {
      common.retainAll(graph.gates(other));
    }
    return !common.isEmpty();
  }

  private static Finding finding(
      ClassModel cls,
      Map<MethodRef, MethodModel> methods,
      Node node,
      OrderEdge edge,
      List<OrderEdge> others,
      LockOrderIndex index) {
    String here = cls.name();
    LockOrderGraph graph = index.graph();
    List<OrderEdge> named =
        others.size() < SPELLED_OUT
            ? others
            : List.of(others.get(0), others.get(others.size() - 1));
    List<RelatedLocation> related = new ArrayList<>();
    addChain(cls, methods, edge, related);
    for (OrderEdge other : named) {
      related.add(location(cls, methods, other.site(), other.describe(here)));
      addChain(cls, methods, other, related);
    }
    StringBuilder message = new StringBuilder(edge.describe(here));
    int more = graph.otherSites(edge);
    if (more > 0) {
      message
          .append(" (and ")
          .append(more)
          .append(more == 1 ? " other site" : " other sites")
          .append(" in this order)");
    }
    if (edge.selfLoop()) {
      message
          .append(": both are ")
          .append(LockKeys.display(edge.to()))
          .append(" locks, so a call with the two swapped takes them in the opposite order");
    } else if (others.size() == 1) {
      OrderEdge back = others.get(0);
      message
          .append("; `")
          .append(back.site().methodText(here))
          .append("` takes them in the opposite order")
          .append(back.via(here))
          .append(where(back.site(), here));
    } else if (others.size() < SPELLED_OUT) {
      for (OrderEdge other : others) {
        message.append("; ").append(other.describe(here)).append(where(other.site(), here));
      }
    } else {
      OrderEdge after = others.get(0);
      OrderEdge before = others.get(others.size() - 1);
      message
          .append("; this is one of ")
          .append(others.size() + 1)
          .append(" edges of a lock cycle: before it ")
          .append(before.describe(here))
          .append(where(before.site(), here))
          .append(", after it ")
          .append(after.describe(here))
          .append(where(after.site(), here));
      if (graph.leastOfComponent(edge.from())) {
        message.append("; the cycle: ").append(LockKeys.display(edge.from()));
        for (OrderEdge other : others) {
          message.append(" -> ").append(LockKeys.display(other.from()));
        }
        message.append(" -> ").append(LockKeys.display(edge.from()));
      }
    }
    message.append(": two threads running these can deadlock");
    if (index.closure().cut(edge.site().method())) {
      message.append(" (the search stopped at a bound here, so the cycle may have further paths)");
    }
    List<RelatedLocation> capped = related.subList(0, Math.min(related.size(), MAX_RELATED));
    return Finding.withLocations(
        CheckId.LOCK_ORDER_INVERSION, node, message.toString(), List.copyOf(capped));
  }

  private static String where(Site site, String here) {
    if (site.line() <= 0) {
      return "";
    }
    if (site.className().equals(here)) {
      return " (line " + site.line() + ")";
    }
    String simple = site.className().substring(site.className().lastIndexOf('.') + 1);
    return " (" + simple + ", line " + site.line() + ")";
  }

  /** The acquisition inside the callees of an edge made at a call, innermost last. */
  private static void addChain(
      ClassModel cls,
      Map<MethodRef, MethodModel> methods,
      OrderEdge edge,
      List<RelatedLocation> related) {
    List<Site> chain = edge.chain();
    if (chain.isEmpty()) {
      return;
    }
    Site inner = chain.get(chain.size() - 1);
    String text =
        "`" + inner.methodText(cls.name()) + "` takes `" + LockKeys.display(edge.to()) + "`";
    related.add(location(cls, methods, inner, text));
  }

  private static RelatedLocation location(
      ClassModel cls, Map<MethodRef, MethodModel> methods, Site site, String description) {
    Node node = null;
    if (site.className().equals(cls.name()) && site.nodeId() >= 0) {
      MethodModel model = methods.get(site.method());
      if (model != null && site.nodeId() < model.nodes().size()) {
        node = model.nodes().get(site.nodeId());
      }
    }
    return new RelatedLocation(site.className(), site.method(), site.line(), description, node);
  }
}
