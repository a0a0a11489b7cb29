package dev.latchkey.checks.races;

import dev.latchkey.checks.api.ThreadSafeTypes;
import dev.latchkey.checks.lockset.HeldLocks;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A non-thread-safe collection or map held in a field ({@code final Map<K, V> cache = new
 * HashMap<>()}) is shared state even when the field itself never changes: a call that mutates it
 * ({@code cache.put(k, v)}, {@code cache.keySet().remove(k)}, {@code it.remove()} on its iterator)
 * is a write of the field, for UnguardedFieldAccess's inference and findings.
 */
final class ContainerMutations {
  private ContainerMutations() {}

  /** Whether {@code field} holds a container that must not be mutated by two threads at once. */
  static boolean holdsUnsafeContainer(RaceContext context, FieldModel field) {
    return Allocations.ofField(field, context.storesInto(context.ownPath(field), null))
        == Allocations.Safety.UNSAFE;
  }

  /** The mutator calls on the container in {@code field}, outside initialization, as writes. */
  static List<FieldAccess> of(RaceContext context, FieldModel field) {
    return calls(context, field, false);
  }

  /**
   * The calls that read the contents of the container in {@code field} ({@code cache.get(k)},
   * {@code list.size()}, {@code for (x : list)}, {@code map.keySet().contains(k)}), outside
   * initialization: {@link FieldAccess#containerRead() container reads}. Reading the field itself
   * ({@code List<T> copy = this.list}) is no such call, nor is a call on a copy of the container.
   */
  static List<FieldAccess> reads(RaceContext context, FieldModel field) {
    return calls(context, field, true);
  }

  private static List<FieldAccess> calls(RaceContext context, FieldModel field, boolean reads) {
    LockPath path = context.ownPath(field);
    List<FieldAccess> mutations = new ArrayList<>();
    for (MethodModel method : context.cls.methods()) {
      if (context.isInitialization(method)) {
        continue;
      }
      HeldLocks locks = context.locks(method);
      for (Node node : method.nodes()) {
        if (node.kind() == NodeKind.CALL
            && (reads
                ? ThreadSafeTypes.isReader(node.callee().name())
                : ThreadSafeTypes.isMutator(node.callee().name()))
            && locks.reached(node)
            && mutates(node, path)) {
          mutations.add(
              new FieldAccess(
                  method,
                  node,
                  FieldAccesses.heldFor(field, path.parent(), locks.before(node)),
                  reads));
        }
      }
    }
    return mutations;
  }

  /**
   * Whether {@code call}'s receiver is the container at {@code path}: the field itself, or a view
   * of it or an iterator over it ({@code this.map.values()}, {@code this.list.iterator()}, also
   * when kept in a local first: the front-ends name a local by the value stored in it).
   */
  private static boolean mutates(Node call, LockPath path) {
    return isViewPath(call.receiver(), path) || isViewOf(call.receiverCall(), path);
  }

  private static boolean isViewPath(LockPath receiver, LockPath path) {
    if (receiver == null
        || receiver.rootKind() != path.rootKind()
        || !receiver.root().equals(path.root())) {
      return false;
    }
    List<String> selectors = receiver.selectors();
    int prefix = path.selectors().size();
    if (selectors.size() < prefix || !selectors.subList(0, prefix).equals(path.selectors())) {
      return false;
    }
    for (String selector : selectors.subList(prefix, selectors.size())) {
      if (!selector.startsWith(".")
          || !selector.endsWith("()")
          || !ThreadSafeTypes.isView(selector.substring(1, selector.length() - 2))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code call} returns a view of, or iterator over, the container at {@code path}. */
  private static boolean isViewOf(Node call, LockPath path) {
    for (int depth = 0; call != null && depth < 8; depth++, call = call.receiverCall()) {
      if (!ThreadSafeTypes.isView(call.callee().name())) {
        return false;
      }
      if (isViewPath(call.receiver(), path)) {
        return true;
      }
    }
    return false;
  }
}
