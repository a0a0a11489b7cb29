package dev.latchkey.checks.locks;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.locks.LockState.Cause;
import dev.latchkey.checks.model.DisplayNames;
import dev.latchkey.checks.model.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Releases on paths where the lock is not held. When the path got there because the acquisition
 * itself threw into the handler that releases, the defect is the acquisition's placement: one
 * LockInsideTry at the acquisition. Every other such release is an UnlockNotHeld at the release.
 */
final class ReleaseNotHeldRule {
  private ReleaseNotHeldRule() {}

  static List<Finding> apply(AnalyzedMethod method) {
    Map<Node, Node> insideTry = new LinkedHashMap<>(); // acquisition -> first release it reaches
    List<Finding> unlockNotHeld = new ArrayList<>();
    for (LockSite release : method.releases()) {
      String reason = null;
      for (Fact fact : method.in(release.node())) {
        LockState state = fact.lock(release.lock());
        if (state == null) {
          if (reason == null && method.manages(release.lock())) {
            reason = "on a path where this method never acquired it";
          }
        } else if (state.status() == LockState.Status.NOT_HELD) {
          Node cause = method.model().nodes().get(state.causeNode());
          if (state.cause() == Cause.ACQUIRE_THREW) {
            insideTry.putIfAbsent(cause, release.node());
          } else if (state.cause() == Cause.RELEASED) {
            reason = "again: it was already released at line " + cause.line();
          } else if (state.cause() == Cause.TRY_FAILED && reason == null) {
            reason =
                cause.variable() == null
                    ? "although the result of "
                        + DisplayNames.code(cause.label())
                        + " at line "
                        + cause.line()
                        + " is not checked"
                    : "on the path where "
                        + DisplayNames.code(cause.label())
                        + " at line "
                        + cause.line()
                        + " failed";
          }
        }
      }
      // Reached only because the acquisition threw: that is the LockInsideTry finding, not this.
      if (reason != null) {
        unlockNotHeld.add(
            new Finding(
                CheckId.UNLOCK_NOT_HELD,
                release.node(),
                List.of(),
                release.lock().displayName() + " is released " + reason));
      }
    }
    List<Finding> findings = new ArrayList<>();
    insideTry.forEach(
        (acquisition, release) ->
            findings.add(
                new Finding(
                    CheckId.LOCK_INSIDE_TRY,
                    acquisition,
                    List.of(release),
                    acquisition.lock()
                        + " is acquired inside the try that releases it (line "
                        + release.line()
                        + "): if "
                        + DisplayNames.code(acquisition.label())
                        + " fails, the release throws IllegalMonitorStateException and hides"
                        + " the real failure; acquire it just before the try")));
    findings.addAll(unlockNotHeld);
    return findings;
  }
}
