package dev.latchkey.checks.races;

import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Safe publication through a volatile flag: {@code if (!initialized) { synchronized (lock) { if
 * (!initialized) { value = compute(); initialized = true; } } } return value;}. When every write of
 * {@code value} is followed, on every normal path out of its method, by a write of the same
 * volatile field {@code initialized}, a read of {@code value} that comes after a read of {@code
 * initialized} on every path sees the value that the flag it read published (the volatile write and
 * read order them), or the lock was taken on the way. Such reads need no lock.
 */
final class FlagPublication {
  private FlagPublication() {}

  /**
   * Whether {@code read}, an unguarded read of {@code field}, follows a read of a volatile flag of
   * this object that every write of {@code field} ({@code writes}) sets afterwards.
   */
  static boolean published(
      RaceContext context, FieldModel field, FieldAccess read, List<FieldAccess> writes) {
    if (writes.isEmpty() || initialized(context, field)) {
      return false;
    }
    for (FieldModel flag : context.cls.fields()) {
      if (!flag.isVolatile()
          || flag.isStatic() != field.isStatic()
          || flag.name().equals(field.name())) {
        continue;
      }
      if (readsFirst(context, read, flag) && everyWriteSets(context, writes, flag)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether initialization code writes the field: then it has a meaningful value before the flag is
   * set (a buffer that {@code close()} clears and flags), and a read after finding the flag unset
   * races with the flagged write; only a value that starts out unset is published by the flag.
   */
  private static boolean initialized(RaceContext context, FieldModel field) {
    for (MethodModel method : context.cls.methods()) {
      if (!context.isInitialization(method)) {
        continue;
      }
      for (Node node : method.nodes()) {
        if (node.kind() == NodeKind.FIELD_WRITE
            && context.isOwnAccess(node)
            && node.field().name().equals(field.name())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Every path from the method's entry to the read passes a read of {@code flag}. */
  private static boolean readsFirst(RaceContext context, FieldAccess read, FieldModel flag) {
    Predicate<Node> flagRead = node -> isAccess(context, node, flag, NodeKind.FIELD_READ);
    Node entry = read.method().entry();
    if (flagRead.test(entry)) {
      return true;
    }
    return !reachesAvoiding(entry, read.node(), flagRead, false);
  }

  /** After each write, every normal path to the method's exit writes {@code flag}. */
  private static boolean everyWriteSets(
      RaceContext context, List<FieldAccess> writes, FieldModel flag) {
    Predicate<Node> flagWrite = node -> isAccess(context, node, flag, NodeKind.FIELD_WRITE);
    for (FieldAccess write : writes) {
      if (reachesAvoiding(write.node(), write.method().exit(), flagWrite, true)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAccess(RaceContext context, Node node, FieldModel flag, NodeKind kind) {
    return node.kind() == kind
        && context.isOwnAccess(node)
        && node.field().name().equals(flag.name());
  }

  /** Whether a path leads from after {@code from} to {@code to} through no node of {@code stop}. */
  private static boolean reachesAvoiding(
      Node from, Node to, Predicate<Node> stop, boolean normalOnly) {
    Set<Node> seen = new HashSet<>();
    Deque<Node> work = new ArrayDeque<>(from.successors(normalOnly));
    while (!work.isEmpty()) {
      Node node = work.poll();
      if (!seen.add(node) || stop.test(node)) {
        continue;
      }
      if (node == to) {
        return true;
      }
      work.addAll(node.successors(normalOnly));
    }
    return false;
  }
}
