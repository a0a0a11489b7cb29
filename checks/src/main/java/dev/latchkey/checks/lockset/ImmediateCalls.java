package dev.latchkey.checks.lockset;

import dev.latchkey.checks.api.ImmediateCallbacks;
import dev.latchkey.checks.config.MethodPattern;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import dev.latchkey.checks.model.TaskOperation;
import java.util.List;
import java.util.Set;

/**
 * Whether a call runs the lambdas and method references passed to it at once, on the calling
 * thread, before it returns ({@code list.forEach(..)}, {@code map.computeIfAbsent(..)}, the steps
 * of a sequential stream): a body passed to it holds whatever the caller holds at the call. The one
 * decision both the race and the lock-order families use; which library methods qualify is the
 * table {@link ImmediateCallbacks}, extended by the {@code ImmediateMethods} configuration.
 */
public final class ImmediateCalls {
  /** Calls that hand their bodies to another thread, or to a later stage. */
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
  public static boolean runsBodiesNow(Node call, List<MethodPattern> configured) {
    if (call.kind() != NodeKind.CALL || call.taskBodies().isEmpty()) {
      return false;
    }
    if (call.taskOperation() != null && ELSEWHERE.contains(call.taskOperation())) {
      return false;
    }
    // ConcurrentHashMap.forEach(parallelismThreshold, ..) may run on the common pool.
    if (call.callee().descriptor().startsWith("(J")) {
      return false;
    }
    if (ImmediateCallbacks.isStreamType(call.callee().owner()) && onParallelStream(call)) {
      return false;
    }
    return call.taskOperation() == TaskOperation.FOR_EACH
        || ImmediateCallbacks.runsImmediately(call.callee(), configured);
  }

  /**
   * A stream operation whose stream was made parallel ({@code parallelStream()}, {@code
   * parallel()}) earlier in its chain, and not sequential again since.
   */
  public static boolean onParallelStream(Node call) {
    int depth = 0;
    for (Node at = call.receiverCall(); at != null && depth < 64; at = at.receiverCall()) {
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
