package dev.latchkey.checks.exceptions;

import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.EdgeKind;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The code of one {@code catch} handler: the nodes reachable from its CATCH node by normal control
 * flow before it leaves the handler (its CATCH_END nodes, a {@code return}, a {@code throw}).
 * Exceptions raised inside the handler are not followed: they leave it.
 */
final class HandlerRegion {
  private final Node entry;
  private final List<Node> nodes = new ArrayList<>();

  private HandlerRegion(Node entry, int size) {
    this.entry = entry;
    boolean[] seen = new boolean[size];
    Deque<Node> work = new ArrayDeque<>();
    work.add(entry);
    seen[entry.id()] = true;
    while (!work.isEmpty()) {
      Node node = work.poll();
      nodes.add(node);
      if (leaves(node)) {
        continue;
      }
      for (Edge edge : node.out()) {
        if (edge.kind() != EdgeKind.EXCEPTIONAL && !seen[edge.target().id()]) {
          seen[edge.target().id()] = true;
          work.add(edge.target());
        }
      }
    }
  }

  static HandlerRegion of(MethodModel method, Node catchEntry) {
    return new HandlerRegion(catchEntry, method.nodes().size());
  }

  Node entry() {
    return entry;
  }

  List<Node> nodes() {
    return nodes;
  }

  /** Whether control leaves the handler at {@code node} (it is the last node of a path in it). */
  boolean leaves(Node node) {
    return switch (node.kind()) {
      case CATCH_END -> node.handler() == entry;
      case RETURN, THROW, JUMP, EXIT -> true;
      default -> false;
    };
  }

  boolean readsVariable(String variable) {
    return variable != null
        && nodes.stream()
            .anyMatch(node -> node.kind() == NodeKind.USE && variable.equals(node.variable()));
  }

  boolean containsAny(NodeKind... kinds) {
    for (Node node : nodes) {
      for (NodeKind kind : kinds) {
        if (node.kind() == kind) {
          return true;
        }
      }
    }
    return false;
  }
}
