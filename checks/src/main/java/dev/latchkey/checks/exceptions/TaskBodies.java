package dev.latchkey.checks.exceptions;

import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.EdgeKind;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Whether a task body handles its own failures. */
final class TaskBodies {
  private static final Set<String> CATCH_ALL =
      Set.of("java.lang.Throwable", "java.lang.Exception", "java.lang.RuntimeException");

  private TaskBodies() {}

  /**
   * True when everything in the body that can throw, outside handlers, is covered by a handler of
   * Throwable, Exception or RuntimeException that does not rethrow.
   */
  static boolean catchesEverything(MethodModel body) {
    Set<Node> inHandlers = new HashSet<>();
    for (Node node : body.nodes()) {
      if (node.kind() == NodeKind.CATCH) {
        HandlerRegion region = HandlerRegion.of(body, node);
        if (catchesAll(node) && region.containsAny(NodeKind.THROW)) {
          return false;
        }
        inHandlers.addAll(region.nodes());
      }
    }
    for (Node node : body.nodes()) {
      if (inHandlers.contains(node) || !mayThrow(node)) {
        continue;
      }
      if (!hasCatchAllEdge(node.out())) {
        return false;
      }
    }
    return true;
  }

  private static boolean mayThrow(Node node) {
    return node.out().stream().anyMatch(edge -> edge.kind() == EdgeKind.EXCEPTIONAL);
  }

  private static boolean hasCatchAllEdge(List<Edge> edges) {
    for (Edge edge : edges) {
      if (edge.kind() == EdgeKind.EXCEPTIONAL
          && edge.target().kind() == NodeKind.CATCH
          && catchesAll(edge.target())) {
        return true;
      }
    }
    return false;
  }

  private static boolean catchesAll(Node catchNode) {
    return catchNode.catchClause().caughtTypes().stream().anyMatch(CATCH_ALL::contains);
  }
}
