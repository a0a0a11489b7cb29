package dev.latchkey.checks.exceptions;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.model.DisplayNames;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import dev.latchkey.checks.model.ResultUse;
import dev.latchkey.checks.model.TaskOperation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * LostTaskException: the only place a task's failure is kept (its Future, or the end of a
 * CompletableFuture chain) is dropped, so the failure is never seen.
 */
final class LostTaskExceptionRule {
  private static final Set<TaskOperation> CHAIN =
      EnumSet.of(
          TaskOperation.ASYNC_START,
          TaskOperation.ASYNC_STEP,
          TaskOperation.CHAIN_STEP,
          TaskOperation.OBSERVE);

  private LostTaskExceptionRule() {}

  /** {@code bodies} finds the model of a task body in the same class, or null. */
  static List<Finding> apply(MethodModel method, Function<MethodRef, MethodModel> bodies) {
    List<Finding> findings = new ArrayList<>();
    for (Node call : method.nodes()) {
      if (call.kind() != NodeKind.CALL
          || call.resultUse() != ResultUse.DISCARDED
          || call.taskOperation() == null) {
        continue;
      }
      String message = lost(call, bodies);
      if (message != null) {
        findings.add(new Finding(CheckId.LOST_TASK_EXCEPTION, call, List.of(), message));
      }
    }
    return findings;
  }

  private static String lost(Node call, Function<MethodRef, MethodModel> bodies) {
    switch (call.taskOperation()) {
      case SUBMIT:
      case INVOKE_ALL:
        if (handlesOwnFailures(call, bodies)) {
          return null;
        }
        return "the Future returned by "
            + DisplayNames.code(call.label())
            + " is discarded: if the task throws, the exception is stored in that Future and"
            + " never seen; keep the Future and call get(), use execute(), or handle failures"
            + " inside the task";
      case PERIODIC:
        if (handlesOwnFailures(call, bodies)) {
          return null;
        }
        return "the periodic task scheduled by "
            + DisplayNames.code(call.label())
            + " can throw, and its Future is discarded: the first exception silently cancels"
            + " every later run; catch and log failures inside the task";
      default:
        break;
    }
    if (!CHAIN.contains(call.taskOperation())) {
      return null;
    }
    boolean asynchronous = false;
    for (Node stage = call; stage != null; stage = stage.receiverCall()) {
      TaskOperation operation = stage.taskOperation();
      if (operation == TaskOperation.OBSERVE) {
        return null;
      }
      if (operation == TaskOperation.ASYNC_START || operation == TaskOperation.ASYNC_STEP) {
        if (!handlesOwnFailures(stage, bodies)) {
          asynchronous = true;
        }
      }
      if (operation == null || !CHAIN.contains(operation)) {
        break;
      }
    }
    if (!asynchronous) {
      return null;
    }
    return "this CompletableFuture chain runs work asynchronously and is dropped without"
        + " exceptionally(), handle(), whenComplete() or join(): an exception in any stage is"
        + " never seen";
  }

  /** Every task body passed to the call is known and catches its own failures. */
  private static boolean handlesOwnFailures(
      Node call, Function<MethodRef, MethodModel> bodiesByRef) {
    if (call.taskBodies().isEmpty()) {
      return false;
    }
    for (MethodRef ref : call.taskBodies()) {
      MethodModel body = bodiesByRef.apply(ref);
      if (body == null || !TaskBodies.catchesEverything(body)) {
        return false;
      }
    }
    return true;
  }
}
