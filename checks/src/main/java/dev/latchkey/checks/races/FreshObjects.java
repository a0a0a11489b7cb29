package dev.latchkey.checks.races;

import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Ownership: which local variables of one method hold an object the method created ({@code new},
 * {@code clone()}) and has not yet published. Such an object is reachable from this thread only, so
 * writes to its fields are not races. It is published by an ESCAPE of the variable (stored into a
 * field, an array or another variable, returned, captured by a lambda or a local class) or by
 * passing it to a call (which may keep it); a new creation stored into the variable makes it fresh
 * again. Parameters and captured variables are never owned.
 */
final class FreshObjects {
  private final MethodModel method;

  /** Per local: where its object may be published; {@link #NEVER_OWNED} when it is not owned. */
  private final Map<String, Set<Node>> sharedAt = new HashMap<>();

  private static final Set<Node> NEVER_OWNED = Set.of();

  FreshObjects(MethodModel method) {
    this.method = method;
  }

  /** Whether the object {@code local} holds at {@code node} is owned by this method there. */
  boolean owned(String local, Node node) {
    Set<Node> shared = sharedAt.computeIfAbsent(local, this::sharedNodes);
    return shared != NEVER_OWNED && !shared.contains(node);
  }

  /**
   * The nodes where the object in {@code local} may be published ({@link #NEVER_OWNED} when the
   * variable is not owned anywhere): those reachable from a publication without passing a new
   * creation.
   */
  private Set<Node> sharedNodes(String local) {
    if (method.parameterNames().contains(local) || method.capturedNames().contains(local)) {
      return NEVER_OWNED;
    }
    LockPath variable = LockPath.ofLocal(local);
    boolean created = false;
    Deque<Node> work = new ArrayDeque<>();
    for (Node node : method.nodes()) {
      if (node.kind() == NodeKind.CALL && variable.equals(node.resultStoredTo())) {
        if (!createsObject(node)) {
          return NEVER_OWNED; // also assigned from a call whose result may be shared
        }
        created = true;
      }
      if (publishes(node, local, variable)) {
        work.add(node);
      }
    }
    if (!created) {
      return NEVER_OWNED;
    }
    Set<Node> shared = new HashSet<>();
    while (!work.isEmpty()) {
      for (Edge edge : work.poll().out()) {
        Node next = edge.target();
        boolean recreated = next.kind() == NodeKind.CALL && variable.equals(next.resultStoredTo());
        if (!recreated && shared.add(next)) {
          work.add(next);
        }
      }
    }
    return shared;
  }

  private static boolean createsObject(Node call) {
    String name = call.callee().name();
    return name.equals("<init>") || name.equals("clone") && call.arguments().isEmpty();
  }

  private static boolean publishes(Node node, String local, LockPath variable) {
    if (node.kind() == NodeKind.ESCAPE) {
      return local.equals(node.variable());
    }
    return node.kind() == NodeKind.CALL && node.arguments().contains(variable);
  }
}
