package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.config.MethodPattern;
import dev.latchkey.checks.lockorder.MethodSummary.WaitSite;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which nodes of a class can wait ({@link BlockingOperation}: the front-end's classification, the
 * {@code BlockingMethods} configuration, permits, reads of socket streams) and which lock a wait
 * releases ({@code wait()} its receiver's monitor, {@code await()} its condition's lock, tied by
 * {@code newCondition()} in the class).
 */
final class WaitClassifier {
  private final LatchkeyConfig config;
  private final Map<LockPath, LockPath> conditionLocks = new HashMap<>();
  private final Set<LockPath> streamFields = new HashSet<>();

  WaitClassifier(ClassModel cls, LatchkeyConfig config) {
    this.config = config;
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

  /**
   * Per method, the waits it makes where it holds none of its own locks (a caller's lock is held
   * across them), for the program's summaries.
   */
  static Map<MethodModel, List<WaitSite>> unlockedWaits(
      ClassModel cls, LatchkeyConfig config, ClassHeldLocks held) {
    WaitClassifier classifier = new WaitClassifier(cls, config);
    Map<MethodModel, List<WaitSite>> result = new IdentityHashMap<>();
    for (MethodModel method : cls.methods()) {
      HeldLocks locks = HeldLocks.of(method, Set.of());
      for (Node node : method.nodes()) {
        BlockingOperation operation =
            locks.reached(node) && locks.before(node).isEmpty()
                ? classifier.operation(node, method)
                : null;
        LockPath released = operation == null ? UNKNOWN : classifier.released(node, operation);
        if (released != UNKNOWN) {
          Site site = new Site(cls.name(), method.ref(), node.line(), node.label(), node.id());
          result
              .computeIfAbsent(method, m -> new ArrayList<>())
              .add(new WaitSite(site, operation.timed(), released));
        }
      }
    }
    return result;
  }

  /** Marks a wait whose released lock cannot be told: no finding rather than a guess. */
  static final LockPath UNKNOWN = LockPath.ofLocal("?unknown");

  /** The lock the wait at {@code node} releases, null for none, UNKNOWN when not known. */
  LockPath released(Node node, BlockingOperation operation) {
    if (operation.releasesReceiverMonitor()) {
      return node.receiver() == null ? UNKNOWN : LockKeys.collapse(node.receiver());
    }
    if (operation.releasesConditionLock()) {
      LockPath lock = node.receiver() == null ? null : conditionLocks.get(node.receiver());
      return lock == null ? UNKNOWN : lock;
    }
    return null;
  }

  /** How {@code node} can wait, or null: the front-end's classification, or configuration. */
  BlockingOperation operation(Node node, MethodModel method) {
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
}
