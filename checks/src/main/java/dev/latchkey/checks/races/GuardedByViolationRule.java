package dev.latchkey.checks.races;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.lockset.GuardExpressions;
import dev.latchkey.checks.lockset.HeldLocks;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * GuardedByViolation: a field or method annotated {@code @GuardedBy} is accessed (called) without
 * its lock held. Reads are allowed under the read view of a read/write lock, writes and calls need
 * the write view (or the lock itself). Not judged in constructors and initializers.
 */
final class GuardedByViolationRule {
  private GuardedByViolationRule() {}

  static List<Finding> apply(RaceContext context) {
    List<Finding> findings = new ArrayList<>();
    for (MethodModel method : context.cls.methods()) {
      if (context.isInitialization(method)) {
        continue;
      }
      HeldLocks locks = null;
      for (Node node : method.nodes()) {
        Finding finding = null;
        if (node.kind() == NodeKind.FIELD_READ || node.kind() == NodeKind.FIELD_WRITE) {
          FieldModel field = context.ownField(node);
          if (field != null && field.guardedBy() != null && !context.confined(field)) {
            locks = locks == null ? context.locks(method) : locks;
            finding = fieldAccess(context, locks, node, field);
          }
        } else if (node.kind() == NodeKind.CALL) {
          MethodModel callee = context.method(node.callee());
          if (callee != null && callee.guardedBy() != null && !RaceContext.isInitializer(callee)) {
            locks = locks == null ? context.locks(method) : locks;
            finding = call(context, locks, node, callee);
          }
        }
        if (finding != null) {
          findings.add(finding);
        }
      }
    }
    return findings;
  }

  private static Finding fieldAccess(
      RaceContext context, HeldLocks locks, Node node, FieldModel field) {
    LockPath path = node.path();
    if (path == null || !locks.reached(node)) {
      return null;
    }
    LockPath base = field.isStatic() ? null : baseOf(path, field.name());
    if (!field.isStatic() && base == null) {
      return null;
    }
    LockPath guard =
        GuardExpressions.resolve(field.guardedBy(), base, path, context.declaringClass(field));
    boolean write = node.kind() == NodeKind.FIELD_WRITE;
    if (guard == null
        || HeldLocks.covers(locks.before(node), guard, write)
        || !write && locksItself(node, guard)) {
      return null;
    }
    return new Finding(
        CheckId.GUARDED_BY_VIOLATION,
        node,
        List.of(),
        "`"
            + field.name()
            + "` is annotated @GuardedBy(\""
            + field.guardedBy()
            + "\") but is "
            + (write ? "written" : "read")
            + " here without holding "
            + FieldAccess.describe(guard)
            + (write && guard.view() == null ? " (a write needs the write lock)" : ""));
  }

  private static Finding call(RaceContext context, HeldLocks locks, Node node, MethodModel callee) {
    if (!locks.reached(node)) {
      return null;
    }
    LockPath receiver = node.receiver();
    LockPath base = callee.has(MethodModel.Flag.STATIC) ? null : receiver;
    if (!callee.has(MethodModel.Flag.STATIC) && base == null) {
      return null;
    }
    LockPath guard =
        GuardExpressions.resolveForCall(callee, base, node.arguments(), context.classOf(callee));
    if (guard == null || HeldLocks.covers(locks.before(node), guard, true)) {
      return null;
    }
    return new Finding(
        CheckId.GUARDED_BY_VIOLATION,
        node,
        List.of(),
        "`"
            + callee.ref().displayName()
            + "` is annotated @GuardedBy(\""
            + callee.guardedBy()
            + "\") but is called here without holding "
            + FieldAccess.describe(guard));
  }

  /**
   * The read that fetches the lock itself ({@code synchronized (names) {..}} for a field guarded by
   * {@code itself}): the next event is the acquisition of the value just read.
   */
  private static boolean locksItself(Node read, LockPath guard) {
    if (!guard.equals(read.path())) {
      return false;
    }
    Node next = read;
    for (int step = 0; step < 8; step++) {
      List<Node> successors = new ArrayList<>();
      for (dev.latchkey.checks.model.Edge edge : next.out()) {
        if (edge.kind() != dev.latchkey.checks.model.EdgeKind.EXCEPTIONAL) {
          successors.add(edge.target());
        }
      }
      if (successors.size() != 1) {
        return false;
      }
      next = successors.get(0);
      if (next.kind() == NodeKind.ACQUIRE) {
        return guard.equals(next.lock());
      }
      if (next.kind() != NodeKind.NOP) {
        return false;
      }
    }
    return false;
  }

  /** The object whose field {@code path} names: {@code this}, {@code other}, {@code Outer.this}. */
  private static LockPath baseOf(LockPath path, String fieldName) {
    for (LockPath base :
        Set.of(LockPath.ofThis(), LockPath.ofLocal(path.root()), LockPath.ofOuter(path.root()))) {
      if (base.rootKind() == path.rootKind() && base.field(fieldName).equals(path)) {
        return base;
      }
    }
    return null;
  }
}
