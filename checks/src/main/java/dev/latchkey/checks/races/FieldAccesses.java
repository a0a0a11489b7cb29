package dev.latchkey.checks.races;

import dev.latchkey.checks.lockset.ClassScope;
import dev.latchkey.checks.lockset.HeldLocks;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which accesses belong to a field, and which locks each holds as seen from the accessed object:
 * for {@code this.f} the held locks (those of locals and parameters left out: they cannot guard a
 * field of this object); for a static field only the locks of classes (an instance monitor is one
 * per object); for the field of another object ({@code Outer.this.f}, {@code other.f}, {@code
 * this.next.f}) the locks rooted at that object rebased onto {@code this} ({@code synchronized
 * (other)} guards {@code other.f} as {@code synchronized (this)} guards {@code this.f}), and the
 * class locks. Accesses in initialization code, and of an object the method created and has not yet
 * published ({@link FreshObjects}), are left out. Only the fields judged for the analysed class are
 * collected.
 */
final class FieldAccesses {
  private final Map<FieldModel, List<FieldAccess>> byField = new IdentityHashMap<>();

  FieldAccesses(RaceContext context, ClassScope scope) {
    context.fields().forEach(field -> byField.put(field, new ArrayList<>()));
    for (MethodModel method : scope.methods()) {
      if (!context.isInitialization(method)) {
        collect(context, scope, method);
      }
    }
  }

  List<FieldAccess> of(FieldModel field) {
    return byField.getOrDefault(field, List.of());
  }

  private void collect(RaceContext context, ClassScope scope, MethodModel method) {
    for (Node node : method.nodes()) {
      if (node.kind() != NodeKind.FIELD_READ && node.kind() != NodeKind.FIELD_WRITE) {
        continue;
      }
      FieldModel field = scope.field(node.field());
      List<FieldAccess> accesses = field == null ? null : byField.get(field);
      HeldLocks locks = context.locks(method);
      if (accesses != null
          && node.path() != null
          && locks.reached(node)
          && context.isSharedAccess(method, node)) {
        LockPath object = node.path().parent();
        Set<LockPath> held = heldFor(field, object, locks.before(node));
        held.addAll(asOuterLocks(scope.declaringClass(field), method, object, locks.before(node)));
        accesses.add(new FieldAccess(method, node, held));
      }
    }
  }

  /**
   * For a field of an inner class's object that the outer class keeps in one of its fields ({@code
   * this._blocker._state}, the blocker created by this outer object), the outer object's locks as
   * the inner object's code names them ({@code this._lock} is {@code Outer.this._lock} there): the
   * object kept in the outer object's field is taken to be one of its own inner objects.
   */
  private static Set<LockPath> asOuterLocks(
      ClassModel declaring, MethodModel method, LockPath object, Set<LockPath> before) {
    String outer = method.ref().owner();
    String inner = declaring == null ? null : declaring.name();
    if (inner == null
        || !inner.startsWith(outer + "$")
        || inner.indexOf('$', outer.length() + 1) >= 0
        || object.rootKind() != LockPath.RootKind.THIS
        || object.selectors().size() != 1) {
      return Set.of();
    }
    Set<LockPath> held = new HashSet<>();
    for (LockPath lock : before) {
      if (lock.rootKind() == LockPath.RootKind.THIS) {
        held.add(lock.rebase(LockPath.ofOuter(outer)));
      }
    }
    return held;
  }

  /**
   * The locks of {@code before} (held in the accessing method's terms) that guard {@code field} of
   * {@code object}, named as seen from the accessed object.
   */
  static Set<LockPath> heldFor(FieldModel field, LockPath object, Set<LockPath> before) {
    Set<LockPath> held = new HashSet<>();
    boolean self = !field.isStatic() && object.equals(LockPath.ofThis());
    for (LockPath lock : before) {
      if (lock.rootKind() == LockPath.RootKind.STATIC) {
        held.add(lock);
      } else if (self && lock.rootKind() != LockPath.RootKind.LOCAL) {
        held.add(lock);
      } else if (!field.isStatic() && !self && lock.relativeTo(object) != null) {
        held.add(lock.relativeTo(object));
      }
    }
    return held;
  }
}
