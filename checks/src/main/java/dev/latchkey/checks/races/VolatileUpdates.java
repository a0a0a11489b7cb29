package dev.latchkey.checks.races;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.lockset.HeldLocks;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * NonAtomicUpdate's read-modify-writes of volatile fields ({@code v++}, {@code v += x}, {@code v =
 * v + 1}), of this object or of another instance of the class ({@code next.hits++}): one finding
 * per field, at the update that holds no lock (a locked update is atomic against the others that
 * hold the lock; the unlocked one is the step to fix), with the other unlocked updates as related
 * locations. Not reported: when every write of the field holds a common lock; an update that gives
 * the same result when repeated ({@code max = Math.max(max, v)}).
 */
final class VolatileUpdates {
  private static final Set<String> MATH = Set.of("java.lang.Math", "java.lang.StrictMath");

  private VolatileUpdates() {}

  static List<Finding> findings(RaceContext context) {
    Map<String, List<FieldAccess>> updates = new TreeMap<>();
    for (MethodModel method : context.cls.methods()) {
      if (context.isInitialization(method)) {
        continue;
      }
      HeldLocks locks = context.locks(method);
      for (Node node : method.nodes()) {
        FieldModel field = context.ownField(node);
        if (node.kind() != NodeKind.FIELD_WRITE
            || !node.compound()
            || field == null
            || !field.isVolatile()
            || !locks.reached(node)
            || idempotent(method, node)) {
          continue;
        }
        updates
            .computeIfAbsent(field.name(), name -> new ArrayList<>())
            .add(new FieldAccess(method, node, locks.before(node)));
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, List<FieldAccess>> entry : updates.entrySet()) {
      FieldModel field = context.cls.field(entry.getKey());
      boolean ownAtomic = !commonWriterLocks(context, field).isEmpty();
      List<FieldAccess> unlocked = new ArrayList<>();
      FieldAccess locked = null;
      for (FieldAccess update : GuardInference.inSourceOrder(entry.getValue())) {
        if (ownAtomic && context.isOwnAccess(update.node())) {
          continue;
        }
        if (update.held().isEmpty()) {
          unlocked.add(update);
        } else if (locked == null) {
          locked = update;
        }
      }
      Finding finding = finding(field, unlocked, locked);
      if (finding != null) {
        findings.add(finding);
      }
    }
    return findings;
  }

  private static Finding finding(FieldModel field, List<FieldAccess> unlocked, FieldAccess locked) {
    FieldAccess primary = FieldFinding.primary(unlocked, CheckId.NON_ATOMIC_UPDATE);
    if (primary == null) {
      return null;
    }
    List<Node> related = FieldFinding.otherLines(primary, unlocked);
    int others = related.size();
    if (locked != null) {
      related.add(locked.node());
    }
    String hint =
        field.descriptor().equals("I") || field.descriptor().equals("J")
            ? "use an AtomicInteger/AtomicLong (incrementAndGet, addAndGet, updateAndGet)"
            : "use an atomic (updateAndGet, accumulateAndGet) or hold a lock for every write";
    return new Finding(
        CheckId.NON_ATOMIC_UPDATE,
        primary.node(),
        related,
        "this update of the volatile field `"
            + field.name()
            + "` reads it and then writes it in two steps"
            + (locked != null
                ? ", without the lock held where it is updated at line " + locked.node().line()
                : "")
            + ": two threads can both read the old value and one update is lost; "
            + hint
            + (others > 0
                ? " (" + others + " other unlocked update" + (others == 1 ? ")" : "s)")
                : ""));
  }

  /** The locks every write of this object's {@code field} holds (empty when one holds none). */
  private static Set<LockPath> commonWriterLocks(RaceContext context, FieldModel field) {
    return GuardInference.heldAtEveryWrite(context.accesses(field));
  }

  /**
   * Whether the update gives the same result when repeated, so a lost update loses nothing: the
   * written value is {@code Math.max} or {@code Math.min} of the field itself and another value
   * ({@code Math.min(limit, count + 1)} is a capped counter: a lost update loses a count).
   */
  private static boolean idempotent(MethodModel method, Node write) {
    for (Node node : method.nodes()) {
      if (node.kind() == NodeKind.CALL
          && node.line() == write.line()
          && write.line() > 0
          && MATH.contains(node.callee().owner())
          && (node.callee().name().equals("max") || node.callee().name().equals("min"))
          && write.path() != null
          && node.arguments().contains(write.path())) {
        return true;
      }
    }
    return false;
  }
}
