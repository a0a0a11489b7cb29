package dev.latchkey.checks.races;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.api.ThreadSafeTypes;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * UnguardedFieldAccess: lockset inference without annotations. A field written under a lock
 * (outside initialization) is guarded by the locks held at <em>every</em> such guarded write; each
 * access that holds none of them is reported, with a guarded write as the related location.
 */
final class UnguardedFieldAccessRule {
  private UnguardedFieldAccessRule() {}

  static List<Finding> apply(RaceContext context) {
    List<Finding> findings = new ArrayList<>();
    for (FieldModel field : context.fields()) {
      if (judged(context, field)) {
        findings.addAll(check(context, field));
      }
    }
    return findings;
  }

  private static boolean judged(RaceContext context, FieldModel field) {
    String type = ThreadSafeTypes.className(field.descriptor());
    return !field.isFinal()
        && !field.isVolatile()
        && field.guardedBy() == null
        && !context.confined(field)
        && (type == null || !ThreadSafeTypes.isThreadSafe(type));
  }

  private static List<Finding> check(RaceContext context, FieldModel field) {
    List<FieldAccess> accesses = context.accesses(field);
    Set<LockPath> guard = null;
    FieldAccess guardedWrite = null;
    for (FieldAccess access : accesses) {
      if (access.write() && !access.held().isEmpty()) {
        if (guard == null) {
          guard = new HashSet<>(access.held());
          guardedWrite = access;
        } else {
          guard.retainAll(access.held());
        }
      }
    }
    if (guard == null || guard.isEmpty()) {
      return List.of(); // never written under a lock, or under no lock consistently
    }
    List<Finding> findings = new ArrayList<>();
    LockPath named = FieldAccess.first(guard);
    List<FieldAccess> writes = accesses.stream().filter(FieldAccess::write).toList();
    for (FieldAccess access : accesses) {
      if (holdsAny(access, guard)
          || !access.write() && FlagPublication.published(context, field, access, writes)) {
        continue;
      }
      String message =
          "`"
              + field.name()
              + "` is "
              + (access.write() ? "written" : "read")
              + " here without "
              + FieldAccess.describe(named)
              + ", which is held where it is written at line "
              + guardedWrite.node().line()
              + (guardedWrite.method().ref().name().startsWith("lambda$")
                  ? ""
                  : " (in " + guardedWrite.method().ref().displayName() + ")")
              + ": another thread can see a stale or half-updated value";
      findings.add(
          new Finding(
              CheckId.UNGUARDED_FIELD_ACCESS,
              access.node(),
              List.of(guardedWrite.node()),
              message));
    }
    return findings;
  }

  private static boolean holdsAny(FieldAccess access, Set<LockPath> guard) {
    for (LockPath lock : guard) {
      if (MethodLocks.holds(access.held(), lock, access.write())) {
        return true;
      }
    }
    return false;
  }
}
