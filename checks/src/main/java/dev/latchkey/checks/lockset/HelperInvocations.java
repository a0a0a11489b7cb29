package dev.latchkey.checks.lockset;

import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Helpers of a class that run the lambdas they are given themselves, such as {@code withLock}. */
final class HelperInvocations {
  private HelperInvocations() {}

  private static final Set<String> FUNCTIONAL_METHODS =
      Set.of("run", "call", "get", "accept", "apply", "test");

  /**
   * For a call of a non-overridable helper of this class that runs the lambdas it is given itself
   * ({@code withLock(() -> count++)} with {@code withLock(Runnable action) { lock.lock(); try {
   * action.run(); } ...}}): the helper's calls of its parameters. Null when the call does not go to
   * such a helper, or the helper also lets a parameter escape (stores it, passes it on).
   */
  static List<Node> of(Node call, MethodModel helper) {
    if (helper == null
        || call.taskBodies().isEmpty()
        || !helper.has(Flag.NOT_OVERRIDABLE)
        || helper.has(Flag.LAMBDA)
        || call.receiver() != null && !call.receiver().equals(LockPath.ofThis())) {
      return null;
    }
    List<Node> invocations = new ArrayList<>();
    Set<String> invoked = new HashSet<>();
    for (Node node : helper.nodes()) {
      LockPath receiver = node.kind() == NodeKind.CALL ? node.receiver() : null;
      if (receiver != null
          && receiver.rootKind() == LockPath.RootKind.LOCAL
          && receiver.equals(LockPath.ofLocal(receiver.root()))
          && helper.parameterNames().contains(receiver.root())
          && FUNCTIONAL_METHODS.contains(node.callee().name())) {
        invocations.add(node);
        invoked.add(receiver.root());
      }
    }
    for (Node node : helper.nodes()) {
      if (passesOn(node, invoked)) {
        return null;
      }
    }
    return invocations.isEmpty() ? null : invocations;
  }

  /** Whether {@code node} stores or passes on one of the {@code names}. */
  private static boolean passesOn(Node node, Set<String> names) {
    if (node.kind() == NodeKind.ESCAPE) {
      return names.contains(node.variable());
    }
    if (node.kind() != NodeKind.CALL) {
      return false;
    }
    for (LockPath argument : node.arguments()) {
      if (argument != null
          && argument.rootKind() == LockPath.RootKind.LOCAL
          && names.contains(argument.root())) {
        return true;
      }
    }
    return false;
  }
}
