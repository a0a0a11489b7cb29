package dev.latchkey.checks.lockset;

import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import dev.latchkey.checks.model.TaskOperation;
import java.util.Set;

/**
 * Calls that run the lambdas and method references passed to them at once, on the calling thread,
 * before they return ({@code list.forEach(..)}, {@code map.computeIfAbsent(..)}, the steps of a
 * sequential stream): a body passed to them holds whatever the caller holds at the call.
 */
public final class ImmediateCalls {
  /** Any owner: collection and map methods that call their argument per element, now. */
  private static final Set<String> RUN_NOW =
      Set.of(
          "forEach",
          "forEachOrdered",
          "forEachRemaining",
          "removeIf",
          "replaceAll",
          "computeIfAbsent",
          "computeIfPresent",
          "compute",
          "merge",
          "ifPresent",
          "ifPresentOrElse",
          "orElseGet",
          "sort");

  /**
   * Steps of a {@code java.util.stream} pipeline: they run when the terminal operation does, which
   * for code under a lock is the same statement.
   */
  private static final Set<String> STREAM_STEPS =
      Set.of(
          "filter",
          "map",
          "mapToInt",
          "mapToLong",
          "mapToDouble",
          "mapToObj",
          "flatMap",
          "peek",
          "anyMatch",
          "allMatch",
          "noneMatch",
          "reduce",
          "takeWhile",
          "dropWhile");

  private static final Set<TaskOperation> ELSEWHERE =
      Set.of(
          TaskOperation.SUBMIT,
          TaskOperation.INVOKE_ALL,
          TaskOperation.EXECUTE,
          TaskOperation.PERIODIC,
          TaskOperation.ASYNC_START,
          TaskOperation.ASYNC_STEP,
          TaskOperation.CHAIN_STEP,
          TaskOperation.THREAD_CREATE,
          TaskOperation.THREAD_START);

  private ImmediateCalls() {}

  /** Whether {@code call} runs its task bodies on the calling thread before it returns. */
  public static boolean runsBodiesNow(Node call) {
    if (call.kind() != NodeKind.CALL || call.taskBodies().isEmpty()) {
      return false;
    }
    if (call.taskOperation() != null && ELSEWHERE.contains(call.taskOperation())) {
      return false;
    }
    String name = call.callee().name();
    // ConcurrentHashMap.forEach(parallelismThreshold, ..) may run on the common pool.
    if (call.callee().descriptor().startsWith("(J")) {
      return false;
    }
    boolean stream = call.callee().owner().startsWith("java.util.stream.");
    if (!RUN_NOW.contains(name) && !(stream && STREAM_STEPS.contains(name))) {
      return false;
    }
    return !parallel(call);
  }

  /** A stream made parallel ({@code parallelStream()}, {@code parallel()}) earlier in the chain. */
  private static boolean parallel(Node call) {
    int depth = 0;
    for (Node at = call.receiverCall(); at != null && depth < 32; at = at.receiverCall()) {
      String name = at.callee() == null ? "" : at.callee().name();
      if (name.equals("sequential")) {
        return false;
      }
      if (name.equals("parallel") || name.equals("parallelStream")) {
        return true;
      }
      depth++;
    }
    return false;
  }
}
