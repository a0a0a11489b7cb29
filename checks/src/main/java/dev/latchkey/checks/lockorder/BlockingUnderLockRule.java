package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.RelatedLocation;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.config.MethodPattern;
import dev.latchkey.checks.lockset.ClassHeldLocks;
import dev.latchkey.checks.lockset.HeldLocks;
import dev.latchkey.checks.model.BlockingOperation;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
  private final LatchkeyConfig config;
  private final ClassHeldLocks held;
  private final Map<LockPath, LockPath> conditionLocks = new HashMap<>();
  private final Set<LockPath> streamFields = new HashSet<>();
  private final Map<MethodModel, List<Wait>> waits = new IdentityHashMap<>();
  private final Set<MethodModel> inProgress = new HashSet<>();

  private BlockingUnderLockRule(ClassModel cls, LatchkeyConfig config, ClassHeldLocks held) {
    this.cls = cls;
    this.config = config;
    this.held = held;
    for (MethodModel method : cls.methods()) {
      for (Node node : method.nodes()) {
        if (node.kind() != NodeKind.CALL || node.resultStoredTo() == null) {
          continue;
        }
        if (isNewCondition(node) && node.receiver() != null) {
          conditionLocks.put(node.resultStoredTo(), LockKeys.collapse(node.receiver()));
        }
        if (isStreamSource(node) && node.resultStoredTo().rootKind() != LockPath.RootKind.LOCAL) {
          streamFields.add(node.resultStoredTo());
        }
      }
    }
  }

  static Map<MethodModel, List<Finding>> apply(
      ClassModel cls, LatchkeyConfig config, ClassHeldLocks held) {
    BlockingUnderLockRule rule = new BlockingUnderLockRule(cls, config, held);
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
      BlockingOperation operation = operation(node, method);
      if (operation != null) {
        LockPath released = released(node, operation);
        if (released == UNKNOWN) {
          continue;
        }
        Set<LockPath> still = without(holding, released);
        if (!still.isEmpty()) {
          found.add(direct(node, operation.timed(), still));
        }
        continue;
      }
      MethodModel callee = node.kind() == NodeKind.CALL ? held.method(node.callee()) : null;
      if (callee != null && callee != method) {
        Finding viaCall = viaCall(node, callee, holding);
        if (viaCall != null) {
          found.add(viaCall);
        }
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
    String message =
        "`"
            + callee.ref().displayName()
            + "` calls `"
            + chosen.node().label()
            + "`"
            + (chosen.node().line() > 0 ? " (line " + chosen.node().line() + ")" : "")
            + (isTimed ? ", which waits up to its timeout," : ", which can wait without bound,")
            + " while "
            + heldText(stillHeld)
            + consequence(stillHeld);
    RelatedLocation inner =
        new RelatedLocation(
            cls.name(),
            chosen.method().ref(),
            chosen.node().line(),
            "`" + chosen.node().label() + "` waits here",
            chosen.node());
    return Finding.withLocations(check(isTimed), call, message, List.of(inner));
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

  /** Marks a wait whose released lock cannot be told: no finding rather than a guess. */
  private static final LockPath UNKNOWN = LockPath.ofLocal("?unknown");

  /** The lock the wait at {@code node} releases, null for none, UNKNOWN when not known. */
  private LockPath released(Node node, BlockingOperation operation) {
    if (operation.releasesReceiverMonitor()) {
      return node.receiver() == null ? UNKNOWN : LockKeys.collapse(node.receiver());
    }
    if (operation.releasesConditionLock()) {
      LockPath lock = node.receiver() == null ? null : conditionLocks.get(node.receiver());
      return lock == null ? UNKNOWN : lock;
    }
    return null;
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

  /** How {@code node} can wait, or null: the front-end's classification, or configuration. */
  private BlockingOperation operation(Node node, MethodModel method) {
    BlockingOperation operation = null;
    if (node.kind() == NodeKind.CALL) {
      operation = node.blocking();
      if (operation == null) {
        for (MethodPattern pattern : config.blockingMethods()) {
          if (pattern.matches(node.callee())) {
            operation = BlockingOperation.BLOCKS;
          }
        }
      }
    } else if (node.kind() == NodeKind.ACQUIRE && node.lockKind() == LockKind.PERMIT) {
      operation = node.blocking() != null ? node.blocking() : BlockingOperation.BLOCKS;
    } else if (node.kind() == NodeKind.TRY_ACQUIRE && node.lockKind() == LockKind.PERMIT) {
      operation = node.blocking();
    }
    if (operation == BlockingOperation.STREAM_READ && !readsSocketStream(node, method)) {
      return null;
    }
    return operation;
  }

  /** A read of a stream that came from {@code getInputStream()} (a socket's, a process's). */
  private boolean readsSocketStream(Node read, MethodModel method) {
    if (read.receiverCall() != null && isStreamSource(read.receiverCall())) {
      return true;
    }
    LockPath stream = read.receiver();
    if (stream == null) {
      return false;
    }
    if (streamFields.contains(stream)) {
      return true;
    }
    for (Node node : method.nodes()) {
      if (node.kind() == NodeKind.CALL
          && isStreamSource(node)
          && stream.equals(node.resultStoredTo())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isStreamSource(Node call) {
    return call.kind() == NodeKind.CALL
        && call.callee().name().equals("getInputStream")
        && call.callee().descriptor().equals("()Ljava/io/InputStream;");
  }

  private static boolean isNewCondition(Node call) {
    return call.callee().name().equals("newCondition")
        && call.callee().descriptor().equals("()Ljava/util/concurrent/locks/Condition;");
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
      BlockingOperation operation = operation(node, method);
      if (operation != null) {
        LockPath released = released(node, operation);
        if (released != UNKNOWN) {
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
    if (path == null) {
      return null;
    }
    return switch (path.rootKind()) {
      case STATIC -> path;
      case OUTER -> null;
      case THIS -> call.receiver() == null ? null : path.rebase(call.receiver());
      case LOCAL -> {
        int index = callee.parameterNames().indexOf(path.root());
        LockPath argument =
            index >= 0 && index < call.arguments().size() ? call.arguments().get(index) : null;
        yield argument == null ? null : path.rebase(argument);
      }
    };
  }
}
