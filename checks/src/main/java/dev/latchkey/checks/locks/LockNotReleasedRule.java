package dev.latchkey.checks.locks;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.model.DisplayNames;
import dev.latchkey.checks.model.EdgeKind;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
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
  /** Names that say the method's purpose is to take a lock for its caller. */
  private static final List<String> ACQUIRING_PREFIXES =
      List.of("lock", "acquire", "enter", "grab", "obtain", "hold", "claim", "reserve", "try");

  /**
   * Names that say so only together with the shape: {@code startBatch()}, {@code openSession()},
   * {@code takeSlot()} hold a lock for their caller when the class releases that lock in another
   * method (its {@code endBatch()}); alone, the name does not excuse a leak.
   */
  private static final List<String> PAIRED_ACQUIRING_PREFIXES =
      List.of("start", "begin", "open", "take");

  /**
   * Names that say the method may return holding the lock on some paths only: {@code tryEnter()},
   * {@code enterIf()}, {@code lockIfIdle()}, {@code acquireQuietly()}.
   */
  private static final List<String> CONDITIONAL_ACQUIRING_PREFIXES =
      List.of("lock", "acquire", "enter", "try", "obtain", "grab");

  private LockNotReleasedRule() {}

  /**
   * {@code releasedInClass}: the locks some method of the class releases; {@code guardFactories}:
   * the methods whose callers all close the guard they return.
   */
  static List<Finding> apply(
      AnalyzedMethod method, Set<LockPath> releasedInClass, Set<MethodRef> guardFactories) {
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
      String what = site.lock().displayName() + " acquired here";
      if (heldOnReturn && freeOnReturn) {
        if (!acquiresForCallerOnSomePaths(method, site)
            && !(handsOnPermit(site) && !releases(method, site))) {
          findings.add(
              finding(site, what + " is not released " + returnPath(method, site, holdsIt)));
        }
      } else if (!heldOnReturn && heldOnThrow) {
        Predicate<Fact> likelyHoldsIt = fact -> !fact.unlikely() && holdsIt.test(fact);
        findings.add(finding(site, what + " is not released " + throwPath(method, likelyHoldsIt)));
      } else if (heldOnReturn
          && !isAcquiringMethod(method, site, releasedInClass)
          && !guardFactories.contains(model.ref())
          && !handsOnPermit(site)) {
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
    return "when " + DisplayNames.code(thrower.label()) + " throws (line " + thrower.line() + ")";
  }

  /**
   * Permits, unlike locks, belong to no thread: a method that takes a permit and never gives it
   * back hands it on (to the task it starts, to whoever consumes what it produced).
   */
  private static boolean handsOnPermit(LockSite site) {
    return site.node().kind() != NodeKind.CALL && site.node().lockKind() == LockKind.PERMIT;
  }

  /**
   * A method that acquires for its caller only on some paths ({@code tryEnter()}, Guava's {@code
   * Monitor.enterIf()}, which releases again when the guard fails): its callers learn from its
   * result whether they hold the lock. It says so by its name, or it is a bare {@code tryLock()}
   * wrapper that never releases.
   */
  private static boolean acquiresForCallerOnSomePaths(AnalyzedMethod method, LockSite site) {
    MethodModel model = method.model();
    if (model.has(MethodModel.Flag.LAMBDA)) {
      return false;
    }
    String descriptor = model.ref().descriptor();
    boolean returnsWhether = descriptor != null && descriptor.endsWith(")Z");
    if (returnsWhether
        && (hasName(model, CONDITIONAL_ACQUIRING_PREFIXES)
            || site.node().kind() == NodeKind.TRY_ACQUIRE)) {
      return true; // its result tells the caller: tryAcquireSlot(), beforeWrite() = tryLock()
    }
    return !releases(method, site)
        && site.node().kind() == NodeKind.TRY_ACQUIRE
        && !method.callsAfter(site.node());
  }

  private static boolean releases(AnalyzedMethod method, LockSite site) {
    return method.releases().stream().anyMatch(release -> release.lock().equals(site.lock()));
  }

  private static boolean hasName(MethodModel model, List<String> prefixes) {
    String name = model.ref().name().toLowerCase(Locale.ROOT);
    return prefixes.stream().anyMatch(name::startsWith);
  }

  /**
   * A method that returns holding the lock on purpose: a constructor (a guard object), a method
   * named for acquiring (lockAll, acquireWrite, tryEnter, ...), one named to begin something
   * (startBatch, openSession) whose class releases the lock elsewhere, or one that does nothing
   * else after acquiring. Never a lambda body.
   */
  private static boolean isAcquiringMethod(
      AnalyzedMethod method, LockSite site, Set<LockPath> releasedInClass) {
    MethodModel model = method.model();
    if (model.has(MethodModel.Flag.LAMBDA)) {
      return false;
    }
    if (model.has(MethodModel.Flag.CONSTRUCTOR)) {
      return true;
    }
    return hasName(model, ACQUIRING_PREFIXES)
        || (hasName(model, PAIRED_ACQUIRING_PREFIXES) && releasedInClass.contains(site.lock()))
        || !method.callsAfter(site.node());
  }
}
