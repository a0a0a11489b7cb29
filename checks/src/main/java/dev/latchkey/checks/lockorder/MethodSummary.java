package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodRef;
import java.util.List;

/**
 * What one method does with locks, as other classes need it for lock order: the blocking
 * acquisitions it makes with the locks held at each, and the calls it makes with the locks held at
 * each. Paths are in the method's own terms ({@code this}, its parameters, static fields, locals).
 *
 * @param ref the method
 * @param line its declaration line, or -1
 * @param parameterNames its parameters (lambda bodies: the lambda's declared parameters)
 * @param lambda a lambda body: locals that are not its parameters are the creator's captured locals
 * @param ownMonitor for a {@code synchronized} method, the monitor it takes on entry; else null
 * @param acquisitions its blocking acquisitions (monitors and Locks, not permits) with a known key
 * @param calls its calls of methods that may have summaries (not the JDK's), and the bodies of
 *     lambdas it runs at once
 */
public record MethodSummary(
    MethodRef ref,
    int line,
    List<String> parameterNames,
    boolean lambda,
    HeldLock ownMonitor,
    List<Acquisition> acquisitions,
    List<CallSite> calls) {
  public MethodSummary {
    parameterNames = List.copyOf(parameterNames);
    acquisitions = List.copyOf(acquisitions);
    calls = List.copyOf(calls);
  }

  /** A blocking acquisition of {@code lock} (key {@code key}) while {@code held} are held. */
  public record Acquisition(Site site, LockPath lock, String key, List<HeldLock> held) {
    public Acquisition {
      held = List.copyOf(held);
    }
  }

  /**
   * A call, with the receiver's and arguments' paths (null where unknown) and the locks held at it.
   * {@code bodyRunsHere}: the callee is a lambda body run at once by this call, whose own
   * acquisitions already count what is held here (they give no edges at the call, only to callers).
   */
  public record CallSite(
      Site site,
      MethodRef callee,
      LockPath receiver,
      List<LockPath> arguments,
      List<HeldLock> held,
      boolean bodyRunsHere) {
    public CallSite {
      arguments = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(arguments));
      held = List.copyOf(held);
    }
  }
}
