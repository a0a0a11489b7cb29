package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodRef;
import java.util.ArrayList;
import java.util.Collections;
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
 * @param overridable a call of it may run an override instead (not private, static, final, a
 *     constructor or a lambda body)
 * @param constructor a constructor: {@code this} is not yet visible to other threads, so its
 *     monitor is part of no cycle
 * @param ownMonitor for a {@code synchronized} method, the monitor it takes on entry; else null
 * @param acquisitions its blocking acquisitions (monitors and Locks, not permits) with a known key,
 *     or of a parameter (key null: the caller's argument names it)
 * @param calls its calls of methods that may have summaries (not the JDK's), and the bodies of
 *     lambdas it runs at once
 * @param waits the calls that can wait (BlockingUnderLock) it makes where it holds none of its own
 *     locks: a caller holding a lock makes them wait under it
 */
public record MethodSummary(
    MethodRef ref,
    int line,
    List<String> parameterNames,
    boolean lambda,
    boolean overridable,
    boolean constructor,
    HeldLock ownMonitor,
    List<Acquisition> acquisitions,
    List<CallSite> calls,
    List<WaitSite> waits) {
  public MethodSummary {
    parameterNames = List.copyOf(parameterNames);
    acquisitions = List.copyOf(acquisitions);
    calls = List.copyOf(calls);
    waits = List.copyOf(waits);
  }

  /**
   * A call that can wait, at {@code site}: whether only up to a timeout, and the lock the wait
   * releases ({@code wait()} its receiver's monitor, {@code await()} its condition's lock), in the
   * method's terms, or null.
   */
  public record WaitSite(Site site, boolean timed, LockPath releases) {}

  /** A blocking acquisition of {@code lock} (key {@code key}) while {@code held} are held. */
  public record Acquisition(Site site, LockPath lock, String key, List<HeldLock> held) {
    public Acquisition {
      held = List.copyOf(held);
    }
  }

  /**
   * A call, with the receiver's and arguments' paths (null where unknown), the arguments' keys in
   * the caller's terms (null where unknown: a lock a callee takes on a parameter of a JDK type,
   * {@code Object} or {@code Lock}, is named by it) and the locks held at it. {@code bodyRunsHere}:
   * the callee is a lambda body run at once by this call, whose own acquisitions already count what
   * is held here (they give no edges at the call, only to callers).
   */
  public record CallSite(
      Site site,
      MethodRef callee,
      LockPath receiver,
      List<LockPath> arguments,
      List<String> argumentKeys,
      List<HeldLock> held,
      boolean bodyRunsHere) {
    public CallSite {
      arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
      argumentKeys = Collections.unmodifiableList(new ArrayList<>(argumentKeys));
      held = List.copyOf(held);
    }

    /** The key of argument {@code index} in the caller's terms, or null. */
    String argumentKey(int index) {
      return index < argumentKeys.size() ? argumentKeys.get(index) : null;
    }
  }
}
