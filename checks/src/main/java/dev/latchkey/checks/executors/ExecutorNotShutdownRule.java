package dev.latchkey.checks.executors;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.EdgeKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import dev.latchkey.checks.model.ResultUse;
import dev.latchkey.checks.model.TaskOperation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * ExecutorNotShutdown: an executor created by a method that is neither shut down nor handed on
 * before the method returns, and an executor field replaced without shutting down the old one.
 */
final class ExecutorNotShutdownRule {
  private ExecutorNotShutdownRule() {}

  static List<Finding> apply(ClassModel cls, MethodModel method) {
    List<Finding> findings = new ArrayList<>();
    for (Node node : method.nodes()) {
      if (!ExecutorCreations.isCreation(node)) {
        continue;
      }
      String message = leak(cls, method, node);
      if (message != null) {
        findings.add(new Finding(CheckId.EXECUTOR_NOT_SHUTDOWN, node, List.of(), message));
      }
    }
    return findings;
  }

  private static String leak(ClassModel cls, MethodModel method, Node creation) {
    LockPath stored = creation.resultStoredTo();
    if (stored != null && stored.rootKind() == LockPath.RootKind.LOCAL) {
      Node exit = unreleasedPathEnd(method, creation, stored);
      return exit == null
          ? null
          : "the executor created here ("
              + stored
              + ") is neither shut down nor handed on "
              + (exit.kind() == NodeKind.RETURN && exit.line() > 0
                  ? "before the return at line " + exit.line()
                  : "before " + method.ref().displayName() + " returns")
              + ": its threads outlive the call, once per call; shut it down in a finally block";
    }
    if (stored == null
        && (creation.resultUse() == ResultUse.DISCARDED
            || (creation.resultUse() == ResultUse.RECEIVER
                && !shutsDownDirectly(method, creation)))) {
      return "the executor created here is used once and never shut down: its threads outlive the"
          + " call, once per call; keep it in a variable and shut it down in a finally block";
    }
    if (stored != null && isReplacedWithoutShutdown(cls, method, creation, stored)) {
      return "this replaces the executor in "
          + stored
          + " without shutting the old one down: its threads live on, unreachable; call "
          + stored
          + ".shutdown() first";
    }
    return null;
  }

  /** The first node where a normal path from the creation ends with the executor still live. */
  private static Node unreleasedPathEnd(MethodModel method, Node creation, LockPath local) {
    boolean[] seen = new boolean[method.nodes().size()];
    Deque<Node> work = new ArrayDeque<>();
    Node lastReturn = null;
    work.add(creation);
    seen[creation.id()] = true;
    while (!work.isEmpty()) {
      Node node = work.poll();
      if (node != creation && (shutsDown(node, local) || escapes(node, local))) {
        continue;
      }
      if (node.kind() == NodeKind.RETURN) {
        lastReturn = node;
      }
      if (node.kind() == NodeKind.EXIT) {
        return lastReturn != null ? lastReturn : node;
      }
      for (Edge edge : node.out()) {
        boolean caught =
            node != creation
                && edge.kind() == EdgeKind.EXCEPTIONAL
                && edge.target().kind() == NodeKind.CATCH;
        if ((edge.kind() != EdgeKind.EXCEPTIONAL || caught) && !seen[edge.target().id()]) {
          seen[edge.target().id()] = true;
          work.add(edge.target());
        }
      }
    }
    return null;
  }

  private static boolean shutsDown(Node node, LockPath executor) {
    return node.kind() == NodeKind.CALL
        && node.taskOperation() == TaskOperation.SHUTDOWN
        && executor.equals(node.receiver());
  }

  /** Returned, stored elsewhere, captured, or passed to a method that may take ownership. */
  private static boolean escapes(Node node, LockPath local) {
    if (node.kind() == NodeKind.ESCAPE) {
      return local.root().equals(node.variable());
    }
    if (node.kind() != NodeKind.CALL || !node.arguments().contains(local)) {
      return false;
    }
    return !borrowsOnly(node);
  }

  /** Calls that use an executor without taking it over. */
  private static boolean borrowsOnly(Node call) {
    return call.taskOperation() == TaskOperation.ASYNC_START
        || call.taskOperation() == TaskOperation.ASYNC_STEP
        || (call.callee().name().equals("<init>")
            && call.callee().owner().equals("java.util.concurrent.ExecutorCompletionService"));
  }

  private static boolean shutsDownDirectly(MethodModel method, Node creation) {
    for (Node node : method.nodes()) {
      if (node.receiverCall() == creation && node.taskOperation() == TaskOperation.SHUTDOWN) {
        return true;
      }
    }
    return false;
  }

  /**
   * A field that constructors or initializers fill with an executor, assigned anew outside them on
   * a path where this method did not shut the old executor down first.
   */
  private static boolean isReplacedWithoutShutdown(
      ClassModel cls, MethodModel method, Node creation, LockPath field) {
    if (isInitializer(method) || !initializedWithExecutor(cls, field)) {
      return false;
    }
    boolean[] seen = new boolean[method.nodes().size()];
    Deque<Node> work = new ArrayDeque<>();
    work.add(method.entry());
    seen[method.entry().id()] = true;
    while (!work.isEmpty()) {
      Node node = work.poll();
      if (node == creation) {
        return true;
      }
      if (shutsDown(node, field)) {
        continue;
      }
      for (Edge edge : node.out()) {
        if (edge.kind() != EdgeKind.EXCEPTIONAL && !seen[edge.target().id()]) {
          seen[edge.target().id()] = true;
          work.add(edge.target());
        }
      }
    }
    return false;
  }

  private static boolean initializedWithExecutor(ClassModel cls, LockPath field) {
    for (MethodModel candidate : cls.methods()) {
      if (!isInitializer(candidate)) {
        continue;
      }
      for (Node node : candidate.nodes()) {
        if (ExecutorCreations.isCreation(node) && field.equals(node.resultStoredTo())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isInitializer(MethodModel method) {
    return method.has(MethodModel.Flag.CONSTRUCTOR) || method.ref().name().equals("<clinit>");
  }
}
