package dev.latchkey.checks.races;

import dev.latchkey.checks.api.ThreadSafeTypes;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.Node;
import java.util.List;
import java.util.Set;

/**
 * Whether the object a local variable or field holds may be mutated by several threads at once,
 * judged by where it was created ({@code new ArrayList<>()}, {@code
 * Collections.synchronizedList(..)}) or by the field's declared type.
 */
final class Allocations {
  enum Safety {
    /** A thread-safe object, or one that cannot be mutated at all. */
    SAFE,
    /** A library class that must not be mutated concurrently. */
    UNSAFE,
    UNKNOWN
  }

  private static final Set<String> IMMUTABLE_FACTORY_OWNERS =
      Set.of("java.util.List", "java.util.Set", "java.util.Map");

  private Allocations() {}

  /** The safety of an object from the calls that created it ({@code stores}: CALLs). */
  static Safety of(List<Node> stores) {
    Safety result = null;
    for (Node node : stores) {
      Safety created = created(node);
      if (created == Safety.SAFE) {
        return Safety.SAFE;
      }
      result = result == null || result == created ? created : Safety.UNKNOWN;
    }
    return result == null ? Safety.UNKNOWN : result;
  }

  /** A field: its declared type decides when it says; else the calls stored into it. */
  static Safety ofField(FieldModel field, List<Node> stores) {
    Safety declared = ofType(ThreadSafeTypes.className(field.descriptor()));
    return declared != Safety.UNKNOWN ? declared : of(stores);
  }

  static Safety ofType(String className) {
    if (className == null) {
      return Safety.UNKNOWN;
    }
    if (ThreadSafeTypes.isThreadSafe(className)) {
      return Safety.SAFE;
    }
    return ThreadSafeTypes.isUnsafe(className) ? Safety.UNSAFE : Safety.UNKNOWN;
  }

  /** The class an allocating call creates, when it is a constructor call; else null. */
  static String createdClass(Node call) {
    return call.callee().name().equals("<init>") ? call.callee().owner() : null;
  }

  private static Safety created(Node call) {
    String owner = call.callee().owner();
    String name = call.callee().name();
    if (name.equals("<init>")) {
      return ofType(owner);
    }
    if (ThreadSafeTypes.isSafeFactory(owner, name)) {
      return Safety.SAFE;
    }
    if (IMMUTABLE_FACTORY_OWNERS.contains(owner) && (name.equals("of") || name.equals("copyOf"))
        || owner.equals("java.util.Collections")
            && (name.startsWith("unmodifiable") || name.startsWith("empty"))) {
      return Safety.SAFE; // mutating it throws instead of racing
    }
    return Safety.UNKNOWN;
  }
}
