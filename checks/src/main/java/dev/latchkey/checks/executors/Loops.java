package dev.latchkey.checks.executors;

import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.EdgeKind;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The loops of a method: its strongly connected components over normal control flow (Tarjan's
 * algorithm, iterative, linear in the size of the model). Two nodes share a loop when they share a
 * component that is a real cycle.
 */
final class Loops {
  private final int[] component;
  private final boolean[] cyclic;

  private Loops(MethodModel method) {
    int size = method.nodes().size();
    component = new int[size];
    Arrays.fill(component, -1);
    cyclic = new boolean[size];
    tarjan(method, size);
  }

  static Loops of(MethodModel method) {
    return new Loops(method);
  }

  /** Whether {@code node} runs inside a loop. */
  boolean inLoop(Node node) {
    return cyclic[component[node.id()]];
  }

  /** Whether both nodes are in the same loop. */
  boolean sameLoop(Node a, Node b) {
    return inLoop(a) && component[a.id()] == component[b.id()];
  }

  private void tarjan(MethodModel method, int size) {
    int[] index = new int[size];
    int[] low = new int[size];
    boolean[] onStack = new boolean[size];
    Arrays.fill(index, -1);
    Deque<Integer> stack = new ArrayDeque<>();
    int[] edgeCursor = new int[size];
    int counter = 0;
    int components = 0;
    for (Node root : method.nodes()) {
      if (index[root.id()] >= 0) {
        continue;
      }
      Deque<Node> call = new ArrayDeque<>();
      call.push(root);
      index[root.id()] = low[root.id()] = counter++;
      stack.push(root.id());
      onStack[root.id()] = true;
      while (!call.isEmpty()) {
        Node node = call.peek();
        boolean descended = false;
        while (edgeCursor[node.id()] < node.out().size()) {
          Edge edge = node.out().get(edgeCursor[node.id()]++);
          if (edge.kind() == EdgeKind.EXCEPTIONAL) {
            continue;
          }
          int next = edge.target().id();
          if (index[next] < 0) {
            index[next] = low[next] = counter++;
            stack.push(next);
            onStack[next] = true;
            call.push(edge.target());
            descended = true;
            break;
          } else if (onStack[next]) {
            low[node.id()] = Math.min(low[node.id()], index[next]);
          }
        }
        if (descended) {
          continue;
        }
        call.pop();
        if (!call.isEmpty()) {
          Node parent = call.peek();
          low[parent.id()] = Math.min(low[parent.id()], low[node.id()]);
        }
        if (low[node.id()] == index[node.id()]) {
          int members = 0;
          boolean selfLoop = selfLoop(node);
          int member;
          do {
            member = stack.pop();
            onStack[member] = false;
            component[member] = components;
            members++;
          } while (member != node.id());
          cyclic[components] = members > 1 || selfLoop;
          components++;
        }
      }
    }
  }

  private static boolean selfLoop(Node node) {
    return node.out().stream()
        .anyMatch(edge -> edge.kind() != EdgeKind.EXCEPTIONAL && edge.target() == node);
  }
}
