package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.RelatedLocation;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.lockset.ClassHeldLocks;
import dev.latchkey.checks.lockset.HeldLocks;
import dev.latchkey.checks.model.BlockingOperation;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BlockingUnderLock and TimedBlockingUnderLock: a call that can wait ({@link BlockingOperation})
 * made while a lock is held that the wait does not release, directly or through a call of a method
 * of the same class (then reported at the call).
 */
final class BlockingUnderLockRule {
  private static final int MAX_DEPTH = 8;

  /**
   * A wait inside a method that holds none of its own locks there: where, whether it is timed, and
   * the lock the wait releases (in the method's terms), if any.
   */
  private record Wait(Node node, MethodModel method, boolean timed, LockPath releases) {}

  private final ClassModel cls;
  private final ClassHeldLocks held;
  private final WaitClassifier classifier;
  private final Map<MethodModel, List<Wait>> waits = new IdentityHashMap<>();
  private final Set<MethodModel> inProgress = new HashSet<>();
  private final LockOrderIndex index;

  private BlockingUnderLockRule(
      ClassModel cls, LatchkeyConfig config, ClassHeldLocks held, LockOrderIndex index) {
    this.cls = cls;
    this.held = held;
    this.index = index;
    this.classifier = new WaitClassifier(cls, config);
  }

  static Map<MethodModel, List<Finding>> apply(
      ClassModel cls, LatchkeyConfig config, ClassHeldLocks held, LockOrderIndex index) {
    BlockingUnderLockRule rule = new BlockingUnderLockRule(cls, config, held, index);
    Map<MethodModel, List<Finding>> findings = new IdentityHashMap<>();
    for (MethodModel method : cls.methods()) {
      List<Finding> found = rule.findings(method);
      if (!found.isEmpty()) {
        findings.put(method, found);
      }
    }
    return findings;
  }

  private List<Finding> findings(MethodModel method) {
    HeldLocks locks = held.heldByOwnCode(method);
    List<Finding> found = new ArrayList<>();
    for (Node node : method.nodes()) {
      if (!locks.reached(node) || locks.before(node).isEmpty()) {
        continue;
      }
      Set<LockPath> holding = locks.before(node);
      BlockingOperation operation = classifier.operation(node, method);
      if (operation != null) {
        LockPath released = classifier.released(node, operation);
        if (released == WaitClassifier.UNKNOWN) {
          continue;
        }
        Set<LockPath> still = without(holding, released);
        if (!still.isEmpty()) {
          found.add(direct(node, operation.timed(), still));
        }
        continue;
      }
      MethodModel callee = node.kind() == NodeKind.CALL ? held.method(node.callee()) : null;
      Finding viaCall = null;
      if (callee != null && callee != method) {
        viaCall = viaCall(node, callee, holding);
      } else if (callee == null
          && node.kind() == NodeKind.CALL
          && index != null
          && !Summarizer.library(node.callee().owner())) {
        // JDK interfaces (Runnable, Callable) are not dispatched: their implementations are any.
        viaCall = viaProgram(node, holding);
      }
      if (viaCall != null) {
        found.add(viaCall);
      }
    }
    return found;
  }

  private Finding viaCall(Node call, MethodModel callee, Set<LockPath> holding) {
    Wait unbounded = null;
    Wait timed = null;
    Set<LockPath> stillHeld = Set.of();
    for (Wait wait : waitsOf(callee, 0)) {
      LockPath released = rebase(wait.releases(), call);
      if (wait.releases() != null && released == null) {
        continue; // releases a lock the caller cannot name: do not guess
      }
      Set<LockPath> still = without(holding, released);
      if (still.isEmpty()) {
        continue;
      }
      if (!wait.timed() && unbounded == null) {
        unbounded = wait;
        stillHeld = still;
      } else if (wait.timed() && timed == null) {
        timed = wait;
        if (unbounded == null) {
          stillHeld = still;
        }
      }
    }
    Wait chosen = unbounded != null ? unbounded : timed;
    if (chosen == null) {
      return null;
    }
    boolean isTimed = unbounded == null;
    String where = chosen.node().line() > 0 ? " (line " + chosen.node().line() + ")" : "";
    String message =
        waitMessage(
            callee.ref().displayName(), "calls", chosen.node().label(), where, isTimed, stillHeld);
    RelatedLocation inner =
        new RelatedLocation(
            cls.name(),
            chosen.method().ref(),
            chosen.node().line(),
            "`" + chosen.node().label() + "` waits here",
            chosen.node());
    return Finding.withLocations(check(isTimed), call, message, List.of(inner));
  }

  /**
   * A call of a method of another class (or a superclass, or any implementation of an interface
   * method) that waits, itself or through its calls, where it holds none of its own locks.
   */
  private Finding viaProgram(Node call, Set<LockPath> holding) {
    for (MethodSummary target : index.closure().targets(call.callee()).methods()) {
      for (ProgramWaits.Reached reached : index.waits().of(target.ref())) {
        LockPath released = rebase(reached.releases(), call, target.parameterNames());
        if (reached.releases() != null && released == null) {
          continue;
        }
        Set<LockPath> still = without(holding, released);
        if (still.isEmpty()) {
          continue;
        }
        Site wait = reached.waitSite().site();
        boolean isTimed = reached.waitSite().timed();
        String where = " (" + simpleName(wait.className()) + ", line " + wait.line() + ")";
        String message =
            waitMessage(
                simpleName(target.ref().owner()) + "." + target.ref().displayName(),
                reached.chain().size() > 1 ? "reaches" : "calls",
                wait.label(),
                where,
                isTimed,
                still);
        RelatedLocation inner =
            new RelatedLocation(
                wait.className(),
                wait.method(),
                wait.line(),
                "`" + wait.label() + "` waits here",
                null);
        return Finding.withLocations(check(isTimed), call, message, List.of(inner));
      }
    }
    return null;
  }

  /** "`callee` calls `label` (where), which can wait without bound, while `lock` is held: ...". */
  private static String waitMessage(
      String callee, String how, String label, String where, boolean timed, Set<LockPath> still) {
    return "`"
        + callee
        + "` "
        + how
        + " `"
        + label
        + "`"
        + where
        + (timed ? ", which waits up to its timeout," : ", which can wait without bound,")
        + " while "
        + heldText(still)
        + consequence(still);
  }

  /** {@code Outer.Inner} for {@code pkg.Outer$Inner}. */
  private static String simpleName(String binaryName) {
    return binaryName.substring(binaryName.lastIndexOf('.') + 1).replace('$', '.');
  }

  private Finding direct(Node node, boolean timed, Set<LockPath> still) {
    String message =
        "`"
            + node.label()
            + "` "
            + (timed ? "waits up to its timeout" : "can wait without bound")
            + " while "
            + heldText(still)
            + consequence(still);
    return new Finding(check(timed), node, List.of(), message);
  }

  private static CheckId check(boolean timed) {
    return timed ? CheckId.TIMED_BLOCKING_UNDER_LOCK : CheckId.BLOCKING_UNDER_LOCK;
  }

  private static String heldText(Set<LockPath> locks) {
    List<String> names = locks.stream().map(LockPath::toString).sorted().toList();
    return "`" + String.join("`, `", names) + "` " + (names.size() == 1 ? "is" : "are") + " held";
  }

  private static String consequence(Set<LockPath> locks) {
    return locks.size() == 1
        ? ": every thread that needs the lock waits as long"
        : ": every thread that needs one of these locks waits as long";
  }

  private static Set<LockPath> without(Set<LockPath> holding, LockPath released) {
    Set<LockPath> still = new LinkedHashSet<>();
    for (LockPath lock : holding) {
      if (released == null || !LockKeys.collapse(lock).equals(released)) {
        still.add(lock);
      }
    }
    return still;
  }

  /**
   * The waits of {@code method} (and of same-class methods it calls, and lambdas it runs at once)
   * made where it holds none of its own locks: a wait under its own lock is its own finding.
   */
  private List<Wait> waitsOf(MethodModel method, int depth) {
    List<Wait> known = waits.get(method);
    if (known != null) {
      return known;
    }
    if (depth > MAX_DEPTH || !inProgress.add(method)) {
      return List.of();
    }
    HeldLocks locks = HeldLocks.of(method, Set.of());
    List<Wait> result = new ArrayList<>();
    for (Node node : method.nodes()) {
      if (!locks.reached(node) || !locks.before(node).isEmpty()) {
        continue;
      }
      BlockingOperation operation = classifier.operation(node, method);
      if (operation != null) {
        LockPath released = classifier.released(node, operation);
        if (released != WaitClassifier.UNKNOWN) {
          result.add(new Wait(node, method, operation.timed(), released));
        }
        continue;
      }
      if (node.kind() != NodeKind.CALL) {
        continue;
      }
      List<MethodModel> callees = new ArrayList<>();
      MethodModel callee = held.method(node.callee());
      if (callee != null) {
        callees.add(callee);
      }
      if (held.runsBodiesNow(node)) {
        for (var body : node.taskBodies()) {
          MethodModel lambda = held.method(body);
          if (lambda != null && lambda.has(MethodModel.Flag.LAMBDA)) {
            callees.add(lambda);
          }
        }
      }
      for (MethodModel inner : callees) {
        boolean lambda = inner.has(MethodModel.Flag.LAMBDA);
        for (Wait wait : waitsOf(inner, depth + 1)) {
          LockPath released = lambda ? wait.releases() : rebase(wait.releases(), node, inner);
          if (wait.releases() == null || released != null) {
            result.add(new Wait(wait.node(), wait.method(), wait.timed(), released));
          }
        }
      }
    }
    inProgress.remove(method);
    result.sort(Comparator.comparingInt(wait -> wait.node().line()));
    waits.put(method, List.copyOf(result));
    return waits.get(method);
  }

  /** A path of the callee of {@code call} in the caller's terms, or null. */
  private LockPath rebase(LockPath path, Node call) {
    MethodModel callee = held.method(call.callee());
    return callee == null ? null : rebase(path, call, callee);
  }

  private static LockPath rebase(LockPath path, Node call, MethodModel callee) {
    return rebase(path, call, callee.parameterNames());
  }

  private static LockPath rebase(LockPath path, Node call, List<String> parameterNames) {
    if (path == null) {
      return null;
    }
    return switch (path.rootKind()) {
      case STATIC -> path;
      case OUTER -> null;
      case THIS -> call.receiver() == null ? null : path.rebase(call.receiver());
      case LOCAL -> {
        int index = parameterNames.indexOf(path.root());
        LockPath argument =
            index >= 0 && index < call.arguments().size() ? call.arguments().get(index) : null;
        yield argument == null ? null : path.rebase(argument);
      }
    };
  }
}
