package dev.latchkey.checks.races;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.api.ThreadSafeTypes;
import dev.latchkey.checks.lockset.HeldLocks;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * NonAtomicUpdate: a compound action made of atomic steps. (a) {@code v++}, {@code v += x}, {@code
 * v = v + 1} on a volatile field ({@link VolatileUpdates}: one finding per field, at the unlocked
 * update); (b) check-then-act on a concurrent map: {@code containsKey(k)} or {@code get(k)}
 * followed by {@code put(k, ..)} on the same map and key; (c) {@code a.set(a.get() + 1)} on an
 * atomic. Not reported when the whole action holds a lock that every writer of the field, map or
 * atomic holds.
 */
final class NonAtomicUpdateRule {
  private static final Set<String> CONCURRENT_MAPS =
      Set.of(
          "java.util.concurrent.ConcurrentMap",
          "java.util.concurrent.ConcurrentHashMap",
          "java.util.concurrent.ConcurrentNavigableMap",
          "java.util.concurrent.ConcurrentSkipListMap");

  private static final Set<String> MAP_WRITES =
      Set.of("put", "putAll", "remove", "replace", "clear", "putIfAbsent", "compute", "merge");

  private NonAtomicUpdateRule() {}

  static List<Finding> apply(RaceContext context) {
    List<Finding> findings = new ArrayList<>(VolatileUpdates.findings(context));
    for (MethodModel method : context.cls.methods()) {
      if (context.isInitialization(method)) {
        continue;
      }
      HeldLocks locks = context.locks(method);
      Reach reach = new Reach();
      for (Node node : method.nodes()) {
        if (!locks.reached(node)) {
          continue;
        }
        Finding finding = null;
        if (node.kind() == NodeKind.CALL && node.callee().name().equals("put")) {
          finding = checkThenPut(context, method, locks, reach, node);
        } else if (node.kind() == NodeKind.CALL
            && (node.callee().name().equals("set") || node.callee().name().equals("lazySet"))
            && isAtomic(node.callee().owner())) {
          finding = getThenSet(context, method, locks, reach, node);
        }
        if (finding != null) {
          findings.add(finding);
        }
      }
    }
    return findings;
  }

  private static Finding checkThenPut(
      RaceContext context, MethodModel method, HeldLocks locks, Reach reach, Node put) {
    LockPath map = put.receiver();
    if (map == null
        || put.arguments().isEmpty()
        || put.arguments().get(0) == null
        || !sharedPath(method, map)
        || !isConcurrentMap(context, method, map, put)) {
      return null;
    }
    LockPath key = put.arguments().get(0);
    for (Node check : method.nodes()) {
      if (check.kind() != NodeKind.CALL
          || !map.equals(check.receiver())
          || check.arguments().isEmpty()
          || !key.equals(check.arguments().get(0))
          || !reach.reaches(check, put)) {
        continue;
      }
      String name = check.callee().name();
      if (!name.equals("containsKey") && !name.equals("get")) {
        continue;
      }
      if (protectedByCommonLock(context, map, locks.before(check), locks.before(put))) {
        return null;
      }
      String fix =
          name.equals("containsKey")
              ? "use putIfAbsent(k, v) or computeIfAbsent(k, f)"
              : "use computeIfAbsent(k, f), compute(k, f) or merge(k, v, f)";
      return new Finding(
          CheckId.NON_ATOMIC_UPDATE,
          put,
          List.of(check),
          "check-then-act on the concurrent map `"
              + map
              + "`: another thread can put the key between `"
              + check.label()
              + "` (line "
              + check.line()
              + ") and this put; "
              + fix);
    }
    return null;
  }

  private static Finding getThenSet(
      RaceContext context, MethodModel method, HeldLocks locks, Reach reach, Node set) {
    LockPath atomic = set.receiver();
    if (atomic == null || !sharedPath(method, atomic)) {
      return null;
    }
    LockPath value = set.arguments().isEmpty() ? null : set.arguments().get(0);
    for (Node get : method.nodes()) {
      if (get.kind() != NodeKind.CALL
          || !get.callee().name().equals("get")
          || !atomic.equals(get.receiver())
          || !reach.reaches(get, set)
          || !(get.line() == set.line() && get.line() > 0
              || value != null && value.equals(get.resultStoredTo()))) {
        continue;
      }
      if (protectedByCommonLock(context, atomic, locks.before(get), locks.before(set))) {
        return null;
      }
      return new Finding(
          CheckId.NON_ATOMIC_UPDATE,
          set,
          List.of(get),
          "`"
              + atomic
              + "` is read with get() and written back with "
              + set.callee().name()
              + "(): another thread's update in between is lost; use incrementAndGet,"
              + " updateAndGet, accumulateAndGet or a compareAndSet loop");
    }
    return null;
  }

  /**
   * Whether both steps hold a lock that every call changing {@code target} anywhere in the class
   * holds too.
   */
  private static boolean protectedByCommonLock(
      RaceContext context, LockPath target, Set<LockPath> first, Set<LockPath> second) {
    Set<LockPath> common = new HashSet<>(first);
    common.retainAll(second);
    if (common.isEmpty()) {
      return false;
    }
    for (MethodModel method : context.cls.methods()) {
      if (context.isInitialization(method)) {
        continue;
      }
      HeldLocks locks = context.locks(method);
      for (Node node : method.nodes()) {
        if (node.kind() == NodeKind.CALL
            && target.equals(node.receiver())
            && isWrite(node.callee().name())
            && locks.reached(node)) {
          common.retainAll(locks.before(node));
        }
      }
    }
    return !common.isEmpty();
  }

  private static boolean isWrite(String name) {
    return MAP_WRITES.contains(name)
        || name.startsWith("set")
        || name.startsWith("lazySet")
        || name.contains("AndGet")
        || name.startsWith("getAnd")
        || name.startsWith("compareAndSet");
  }

  /** A field, or a parameter: something other code can also reach. */
  private static boolean sharedPath(MethodModel method, LockPath path) {
    return path.rootKind() != LockPath.RootKind.LOCAL
        || method.parameterNames().contains(path.root());
  }

  private static boolean isConcurrentMap(
      RaceContext context, MethodModel method, LockPath map, Node put) {
    if (CONCURRENT_MAPS.contains(put.callee().owner())) {
      return true;
    }
    for (FieldModel field : context.cls.fields()) {
      if (context.ownPath(field).equals(map)) {
        String type = ThreadSafeTypes.className(field.descriptor());
        if (type != null && CONCURRENT_MAPS.contains(type)) {
          return true;
        }
        for (Node node : context.storesInto(map, null)) {
          if (CONCURRENT_MAPS.contains(String.valueOf(Allocations.createdClass(node)))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean isAtomic(String owner) {
    return owner.startsWith("java.util.concurrent.atomic.Atomic");
  }
}
