package dev.latchkey.checks.races;

import dev.latchkey.checks.lockset.HeldLocks;
import dev.latchkey.checks.model.FieldRef;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One method's field reads grouped by the field and object they read, and its acquisitions, in node
 * order: the lazy-initialization patterns look up the reads of one write's field instead of
 * scanning the method once per write, which keeps them linear in the method's size.
 */
final class MethodReads {
  private record Key(FieldRef field, LockPath path) {}

  private record HeldKey(Key field, Set<LockPath> held) {}

  private final HeldLocks locks;
  private final Map<Key, List<Node>> readsByField = new HashMap<>();
  private final Map<HeldKey, List<Node>> unsynchronized = new HashMap<>();
  private final List<Node> acquisitions = new ArrayList<>();

  MethodReads(MethodModel method, HeldLocks locks) {
    this.locks = locks;
    for (Node node : method.nodes()) {
      if (node.kind() == NodeKind.FIELD_READ && node.field() != null) {
        readsByField.computeIfAbsent(key(node), k -> new ArrayList<>()).add(node);
      } else if (node.kind() == NodeKind.ACQUIRE) {
        acquisitions.add(node);
      }
    }
  }

  /** The reads of the field and object that {@code access} reads or writes, in node order. */
  List<Node> of(Node access) {
    return access.field() == null ? List.of() : readsByField.getOrDefault(key(access), List.of());
  }

  /** The acquisition nodes, in node order. */
  List<Node> acquisitions() {
    return acquisitions;
  }

  /**
   * The reads of {@code write}'s field that hold none of {@code heldAtWrite}: they are not ordered
   * with the write. (A first check under an outer lock that the write also holds is no
   * double-checked locking.) Remembered per lock set, since a method's writes mostly share one.
   */
  List<Node> unsynchronized(Node write, Set<LockPath> heldAtWrite) {
    if (write.field() == null) {
      return List.of();
    }
    return unsynchronized.computeIfAbsent(
        new HeldKey(key(write), heldAtWrite),
        k -> {
          List<Node> result = new ArrayList<>();
          for (Node read : of(write)) {
            if (Collections.disjoint(locks.before(read), heldAtWrite)) {
              result.add(read);
            }
          }
          return result;
        });
  }

  private static Key key(Node access) {
    return new Key(access.field(), access.path());
  }
}
