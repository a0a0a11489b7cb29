package dev.latchkey.checks.exceptions;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.model.CatchClause;
import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.EdgeKind;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import dev.latchkey.checks.model.TaskOperation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * InterruptSwallowed: a handler that receives InterruptedException and, on some path out of it,
 * neither restores the interrupt status nor throws an InterruptedException. The search runs over
 * (node, interrupt restored?) pairs, so it visits each handler node at most twice.
 */
final class InterruptSwallowedRule {
  private InterruptSwallowedRule() {}

  static List<Finding> apply(MethodModel method) {
    List<Finding> findings = new ArrayList<>();
    for (Node node : method.nodes()) {
      if (node.kind() == NodeKind.CATCH && ExceptionTypes.catchesInterrupted(node.catchClause())) {
        Node leak = unrestoredExit(method, node);
        if (leak != null) {
          findings.add(
              new Finding(
                  CheckId.INTERRUPT_SWALLOWED,
                  node,
                  leak.line() > 0 ? List.of(leak) : List.of(),
                  "InterruptedException is caught here and "
                      + describe(leak)
                      + " without restoring the interrupt status, so code further up can no"
                      + " longer tell that the thread was asked to stop; call"
                      + " Thread.currentThread().interrupt() or rethrow it"));
        }
      }
    }
    return findings;
  }

  /** The first node where a path leaves the handler with the interrupt lost, or null. */
  private static Node unrestoredExit(MethodModel method, Node entry) {
    HandlerRegion region = HandlerRegion.of(method, entry);
    CatchClause clause = entry.catchClause();
    int size = method.nodes().size();
    boolean[] seen = new boolean[size * 2];
    Deque<Object[]> work = new ArrayDeque<>();
    work.add(new Object[] {entry, false});
    while (!work.isEmpty()) {
      Object[] item = work.poll();
      Node node = (Node) item[0];
      boolean restored = (Boolean) item[1] || restoresInterrupt(node);
      int key = node.id() * 2 + (restored ? 1 : 0);
      if (seen[key]) {
        continue;
      }
      seen[key] = true;
      if (region.leaves(node)) {
        if (!restored && !rethrowsInterrupted(node, clause)) {
          return node;
        }
        continue;
      }
      for (Edge edge : node.out()) {
        if (edge.kind() != EdgeKind.EXCEPTIONAL) {
          work.add(new Object[] {edge.target(), restored});
        }
      }
    }
    return null;
  }

  private static boolean restoresInterrupt(Node node) {
    return node.kind() == NodeKind.CALL
        && node.taskOperation() == TaskOperation.INTERRUPT
        && node.receiverCall() != null
        && node.receiverCall().taskOperation() == TaskOperation.CURRENT_THREAD;
  }

  private static boolean rethrowsInterrupted(Node node, CatchClause clause) {
    if (node.kind() != NodeKind.THROW) {
      return false;
    }
    return ExceptionTypes.INTERRUPTED.equals(node.thrownType())
        || (node.variable() != null && node.variable().equals(clause.variable()));
  }

  private static String describe(Node exit) {
    return switch (exit.kind()) {
      case THROW -> "another exception is thrown at line " + exit.line();
      case RETURN -> "the method returns at line " + exit.line();
      case JUMP -> "the loop goes on at line " + exit.line();
      default -> "the handler completes";
    };
  }
}
