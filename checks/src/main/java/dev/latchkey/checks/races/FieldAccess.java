package dev.latchkey.checks.races;

import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.Comparator;
import java.util.Set;

/**
 * One read or write of a field, with the locks held there. {@code containerRead}: a call that reads
 * the contents of the container the field holds ({@code cache.get(k)}), not the field itself.
 */
record FieldAccess(
    MethodModel method,
    Node node,
    Set<LockPath> held,
    boolean containerRead,
    Set<LockPath> fromCallers) {
  FieldAccess(MethodModel method, Node node, Set<LockPath> held, boolean containerRead) {
    this(method, node, held, containerRead, Set.of());
  }

  FieldAccess(MethodModel method, Node node, Set<LockPath> held) {
    this(method, node, held, false);
  }

  /** A write of the field, or a call that mutates the container it holds. */
  boolean write() {
    return node.kind() != NodeKind.FIELD_READ && !containerRead;
  }

  /** The same access holding {@code locks} instead. */
  FieldAccess holding(Set<LockPath> locks) {
    return new FieldAccess(method, node, locks, containerRead, fromCallers);
  }

  /**
   * The same access also holding {@code extra}, locks its method's callers hold (an overridable
   * method the class, or its superclass, calls only under a lock): they count as held, but they do
   * not show the field's guard, since the code around the access never takes them.
   */
  FieldAccess holdingFromCallers(Set<LockPath> extra) {
    Set<LockPath> all = new java.util.HashSet<>(held);
    all.addAll(extra);
    Set<LockPath> added = new java.util.HashSet<>(extra);
    added.removeAll(held);
    added.addAll(fromCallers);
    return new FieldAccess(method, node, Set.copyOf(all), containerRead, Set.copyOf(added));
  }

  /** The locks the code around the access takes, or its method holds on entry by itself. */
  Set<LockPath> ownLocks() {
    if (fromCallers.isEmpty()) {
      return held;
    }
    Set<LockPath> own = new java.util.HashSet<>(held);
    own.removeAll(fromCallers);
    return own;
  }

  /** How a lock reads in messages: {@code this} is the monitor of a synchronized method. */
  static String describe(LockPath lock) {
    if (lock.rootKind() == LockPath.RootKind.THIS && lock.toString().equals("this")) {
      return "the monitor of `this`";
    }
    if (lock.toString().endsWith(".class")) {
      return "the monitor of `" + lock + "`";
    }
    return "`" + lock + "`";
  }

  /** The first of {@code locks} in a stable order, for messages. */
  static LockPath first(Set<LockPath> locks) {
    return locks.stream().min(Comparator.comparing(LockPath::toString)).orElseThrow();
  }
}
