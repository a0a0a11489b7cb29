package dev.latchkey.checks.executors;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import dev.latchkey.checks.model.TaskOperation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * UnboundedSubmission: a thread or task started per loop iteration with nothing in the loop that
 * limits how many run or wait at once.
 */
final class UnboundedSubmissionRule {
  /** The largest constant trip count that counts as "a small constant". */
  static final long SMALL_TRIP_COUNT = 16;

  private static final Set<TaskOperation> SUBMISSIONS =
      EnumSet.of(
          TaskOperation.SUBMIT,
          TaskOperation.EXECUTE,
          TaskOperation.INVOKE_ALL,
          TaskOperation.ASYNC_START);

  private static final Set<TaskOperation> BOUNDS =
      EnumSet.of(
          TaskOperation.QUEUE_PUT,
          TaskOperation.WAIT,
          TaskOperation.OBSERVE,
          TaskOperation.INVOKE_ALL);

  private UnboundedSubmissionRule() {}

  /** {@code perItemBody}: the method is a lambda body that a forEach runs once per item. */
  static List<Finding> apply(ClassModel cls, MethodModel method, boolean perItemBody) {
    List<Finding> findings = new ArrayList<>();
    Loops loops = Loops.of(method);
    for (Node node : method.nodes()) {
      if (node.kind() != NodeKind.CALL || node.taskOperation() == null) {
        continue;
      }
      boolean looped = perItemBody || loops.inLoop(node);
      if (!looped) {
        continue;
      }
      String what = startedPerItem(cls, method, loops, node, perItemBody);
      if (what == null || bounded(method, loops, node, perItemBody)) {
        continue;
      }
      findings.add(
          new Finding(
              CheckId.UNBOUNDED_SUBMISSION,
              node,
              List.of(),
              what
                  + " for every item of this loop and nothing bounds how many run or wait at once;"
                  + " bound the work in flight with a fixed-size executor and a bounded queue, a"
                  + " Semaphore, or batches that wait for the previous one"));
    }
    return findings;
  }

  private static String startedPerItem(
      ClassModel cls, MethodModel method, Loops loops, Node call, boolean perItemBody) {
    TaskOperation operation = call.taskOperation();
    if (operation == TaskOperation.THREAD_START) {
      if (call.callee().name().equals("startVirtualThread")
          || call.callee().owner().startsWith("java.lang.Thread$Builder")) {
        return "a new thread is started";
      }
      // Thread.start(): per item only when the thread is also created in this loop.
      if (call.receiverCall() == null && call.receiver() == null) {
        return null;
      }
      Node creation =
          call.receiverCall() != null
              ? call.receiverCall()
              : ExecutorCreations.onlyStoreInto(call.receiver(), method);
      boolean createdHere =
          creation != null
              && creation.taskOperation() == TaskOperation.THREAD_CREATE
              && (perItemBody || loops.sameLoop(creation, call));
      return createdHere ? "a new thread is started" : null;
    }
    if (!SUBMISSIONS.contains(operation)) {
      return null;
    }
    LockPath executor =
        operation == TaskOperation.ASYNC_START ? lastArgument(call) : call.receiver();
    ExecutorCreations.Bound bound =
        executor == null ? null : ExecutorOrigins.unboundedBy(cls, method, executor);
    if (bound == null) {
      return null;
    }
    String name = executor.displayName();
    return switch (bound) {
      case THREAD_PER_TASK ->
          "a task is submitted to "
              + name
              + ", which starts a new thread per task (tasks in flight, their memory and the"
              + " connections they open downstream grow with the items),";
      case SCHEDULED -> "a task is scheduled on " + name + ", whose delay queue is unbounded,";
      default -> "a task is submitted to " + name + ", which has " + bound.perTask + ",";
    };
  }

  private static LockPath lastArgument(Node call) {
    List<LockPath> arguments = call.arguments();
    return arguments.size() >= 2 ? arguments.get(arguments.size() - 1) : null;
  }

  /** Something in the same loop limits the work in flight. */
  private static boolean bounded(MethodModel method, Loops loops, Node call, boolean perItemBody) {
    for (Node node : method.nodes()) {
      if (node == call || !(perItemBody || loops.sameLoop(node, call))) {
        continue;
      }
      boolean permit =
          (node.kind() == NodeKind.ACQUIRE || node.kind() == NodeKind.TRY_ACQUIRE)
              && node.lockKind() == LockKind.PERMIT;
      boolean waits = node.kind() == NodeKind.CALL && BOUNDS.contains(node.taskOperation());
      boolean smallLoop = node.kind() == NodeKind.LOOP_LIMIT && node.constant() <= SMALL_TRIP_COUNT;
      if (permit || waits || smallLoop) {
        return true;
      }
    }
    return false;
  }
}
