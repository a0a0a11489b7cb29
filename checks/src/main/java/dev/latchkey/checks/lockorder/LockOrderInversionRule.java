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
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LockOrderInversion: every edge of the analysed class that lies on a cycle of the program-wide
 * lock-order graph, reported at its site (the inner acquisition, or the call that leads to it),
 * with the other edges of one cycle through it as related locations.
 */
final class LockOrderInversionRule {
  private LockOrderInversionRule() {}

  static Map<MethodModel, List<Finding>> apply(
      ClassModel cls, ClassSummary summary, LockOrderIndex index) {
    Map<MethodRef, MethodModel> methods = new HashMap<>();
    for (MethodModel method : cls.methods()) {
      methods.putIfAbsent(method.ref(), method);
    }
    Map<MethodModel, List<Finding>> findings = new IdentityHashMap<>();
    Map<Node, OrderEdge> firstAt = new LinkedHashMap<>();
    // The summary was made from this model: one method summary per method, in order.
    for (int i = 0; i < summary.methods().size() && i < cls.methods().size(); i++) {
      MethodSummary method = summary.methods().get(i);
      MethodModel model = cls.methods().get(i);
      for (OrderEdge edge : OrderEdges.of(method, index.closure())) {
        if (edge.site().nodeId() < 0 || !index.graph().inCycle(edge)) {
          continue;
        }
        if (edge.site().nodeId() >= model.nodes().size()) {
          continue;
        }
        Node node = model.nodes().get(edge.site().nodeId());
        if (!firstAt.containsKey(node)) {
          firstAt.put(node, edge);
          findings
              .computeIfAbsent(model, m -> new ArrayList<>())
              .add(finding(cls, methods, node, edge, index.graph()));
        }
      }
    }
    return findings;
  }

  private static Finding finding(
      ClassModel cls,
      Map<MethodRef, MethodModel> methods,
      Node node,
      OrderEdge edge,
      LockOrderGraph graph) {
    String here = cls.name();
    List<OrderEdge> others = graph.pathBack(edge);
    List<RelatedLocation> related = new ArrayList<>();
    addChain(cls, methods, edge, related);
    for (OrderEdge other : others) {
      related.add(location(cls, methods, other.site(), other.describe(here)));
      addChain(cls, methods, other, related);
    }
    StringBuilder message = new StringBuilder(edge.describe(here));
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
    } else {
      for (OrderEdge other : others) {
        message.append("; ").append(other.describe(here)).append(where(other.site(), here));
      }
    }
    message.append(": two threads running these can deadlock");
    return Finding.withLocations(CheckId.LOCK_ORDER_INVERSION, node, message.toString(), related);
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
