package dev.latchkey.checks.locks;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.model.EdgeKind;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * LockNotReleased: a lock acquired at a site is still held on some path out of the method, while
 * the method is not one whose purpose is to return holding it.
 */
final class LockNotReleasedRule {
  /** Names of methods whose purpose is to take a lock for their caller. */
  private static final List<String> ACQUIRING_PREFIXES =
      List.of(
          "lock", "acquire", "enter", "begin", "start", "take", "grab", "obtain", "hold", "open",
          "claim", "reserve", "try");

  private LockNotReleasedRule() {}

  static List<Finding> apply(AnalyzedMethod method) {
    List<Finding> findings = new ArrayList<>();
    MethodModel model = method.model();
    Set<Fact> exits = method.in(model.exit());
    Set<Fact> throwsOut = method.in(model.exceptionalExit());
    for (LockSite site : method.acquisitions()) {
      Predicate<Fact> holdsIt = fact -> AnalyzedMethod.heldBy(fact, site.lock(), site.node());
      boolean heldOnReturn = exits.stream().anyMatch(holdsIt);
      boolean freeOnReturn =
          exits.stream().anyMatch(fact -> !AnalyzedMethod.held(fact, site.lock()));
      boolean heldOnThrow =
          throwsOut.stream().anyMatch(fact -> !fact.unlikely() && holdsIt.test(fact));
      String what = site.lock() + " acquired here";
      if (heldOnReturn && freeOnReturn) {
        if (!acquiresForCallerOnSomePaths(method, site)) {
          findings.add(
              finding(site, what + " is not released " + returnPath(method, site, holdsIt)));
        }
      } else if (!heldOnReturn && heldOnThrow) {
        Predicate<Fact> likelyHoldsIt = fact -> !fact.unlikely() && holdsIt.test(fact);
        findings.add(finding(site, what + " is not released " + throwPath(method, likelyHoldsIt)));
      } else if (heldOnReturn && !isAcquiringMethod(method, site)) {
        findings.add(
            finding(
                site,
                what
                    + " is never released: "
                    + model.ref().displayName()
                    + " returns holding it on every path"));
      }
    }
    return findings;
  }

  private static Finding finding(LockSite site, String message) {
    return new Finding(
        CheckId.LOCK_NOT_RELEASED,
        site.node(),
        List.of(),
        message + "; release it in a finally block that directly follows the acquisition");
  }

  private static String returnPath(AnalyzedMethod method, LockSite site, Predicate<Fact> holdsIt) {
    Node ret =
        method.findOnPathTo(
            method.model().exit(), holdsIt, (node, kind) -> node.kind() == NodeKind.RETURN);
    return ret != null && ret.line() > 0
        ? "on the return at line " + ret.line()
        : "on the path that completes " + method.model().ref().displayName() + " normally";
  }

  private static String throwPath(AnalyzedMethod method, Predicate<Fact> holdsIt) {
    Node thrower =
        method.findOnPathTo(
            method.model().exceptionalExit(),
            holdsIt,
            (node, kind) -> kind == EdgeKind.EXCEPTIONAL);
    if (thrower == null) {
      return "when an exception leaves " + method.model().ref().displayName();
    }
    if (thrower.kind() == NodeKind.THROW) {
      return "when the exception thrown at line " + thrower.line() + " propagates";
    }
    return "when " + thrower.label() + " throws (line " + thrower.line() + ")";
  }

  /**
   * A method that acquires for its caller only on some paths ({@code tryEnter()}, {@code
   * lockIfIdle()}): its callers learn from its result whether they hold the lock. It never releases
   * the lock itself, and says what it does by its name, or is a bare {@code tryLock()} wrapper.
   */
  private static boolean acquiresForCallerOnSomePaths(AnalyzedMethod method, LockSite site) {
    if (method.model().has(MethodModel.Flag.LAMBDA)
        || method.releases().stream().anyMatch(release -> release.lock().equals(site.lock()))) {
      return false;
    }
    return hasAcquiringName(method.model())
        || (site.node().kind() == NodeKind.TRY_ACQUIRE && !method.callsAfter(site.node()));
  }

  private static boolean hasAcquiringName(MethodModel model) {
    String name = model.ref().name().toLowerCase(Locale.ROOT);
    return ACQUIRING_PREFIXES.stream().anyMatch(name::startsWith);
  }

  /**
   * A method that returns holding the lock on purpose: a constructor (a guard object), a method
   * named for acquiring (lockAll, acquireWrite, tryEnter, ...), or one that does nothing else after
   * acquiring. Never a lambda body.
   */
  private static boolean isAcquiringMethod(AnalyzedMethod method, LockSite site) {
    MethodModel model = method.model();
    if (model.has(MethodModel.Flag.LAMBDA)) {
      return false;
    }
    if (model.has(MethodModel.Flag.CONSTRUCTOR)) {
      return true;
    }
    return hasAcquiringName(model) || !method.callsAfter(site.node());
  }
}
