package dev.latchkey.checks.races;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.api.ConcurrencyAnnotations;
import dev.latchkey.checks.api.ThreadSafeTypes;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * UnguardedFieldAccess: lockset inference without annotations, one finding per field. A field's
 * guard is the lock its accesses show ({@link GuardInference}); when there is one, the accesses
 * without it are one defect, reported at the most telling of them (an unguarded write before a
 * read, then the first in source order) with the others and a guarded write as related locations. A
 * field whose every write holds a lock, but no lock common to them, is reported at a write. In a
 * class annotated {@code @ThreadSafe} every unlocked write is a race, and so is an unlocked read of
 * a field written under a lock. State owned by one thread ({@link ThreadOwnership}) is not judged.
 */
final class UnguardedFieldAccessRule {
  private UnguardedFieldAccessRule() {}

  /**
   * The findings; {@code accountedFor}: reads another finding explains (double-checked locking).
   */
  static List<Finding> apply(RaceContext context, Set<Node> accountedFor) {
    List<Finding> findings = new ArrayList<>();
    boolean classContract =
        ConcurrencyAnnotations.isThreadSafeContract(context.contractAnnotations());
    ThreadOwnership ownership = ThreadOwnership.of(context);
    CallerHeldLocks callers = new CallerHeldLocks(context);
    for (FieldModel field : context.fields()) {
      if (context.confined(field) || field.isVolatile() || field.guardedBy() != null) {
        continue;
      }
      boolean container = ContainerMutations.holdsUnsafeContainer(context, field);
      if (!container && !isMutableReference(field)) {
        continue;
      }
      List<FieldAccess> accesses = new ArrayList<>(context.accesses(field));
      if (container) {
        accesses.addAll(ContainerMutations.of(context, field));
      }
      accesses.removeIf(access -> MethodContracts.unchecked(access.method()));
      if (ownership.owns(accesses)) {
        continue;
      }
      // A container that is never replaced: reading the field cannot race, mutating it can, and so
      // can reading its contents while another thread mutates it.
      boolean onlyMutations =
          container && accesses.stream().noneMatch(a -> a.node().kind() == NodeKind.FIELD_WRITE);
      if (onlyMutations) {
        for (FieldAccess read : ContainerMutations.reads(context, field)) {
          if (!MethodContracts.unchecked(read.method())) {
            accesses.add(read);
          }
        }
      }
      accesses = callers.withCallerLocks(field, accesses);
      boolean contract = classContract || MethodContracts.writesUnderContract(context, accesses);
      Finding finding = check(context, field, accesses, contract, onlyMutations, accountedFor);
      if (finding != null) {
        findings.add(finding);
      }
    }
    return findings;
  }

  private static boolean isMutableReference(FieldModel field) {
    String type = ThreadSafeTypes.className(field.descriptor());
    return !field.isFinal() && (type == null || !ThreadSafeTypes.isThreadSafe(type));
  }

  private static Finding check(
      RaceContext context,
      FieldModel field,
      List<FieldAccess> accesses,
      boolean contract,
      boolean onlyMutations,
      Set<Node> accountedFor) {
    List<FieldAccess> conflict = GuardInference.differentLocks(accesses);
    if (conflict != null) {
      return differentLocks(field, conflict);
    }
    // The guard is inferred from the field's own accesses and the container's mutations; the calls
    // that read the container's contents are judged against it, they do not vote.
    GuardInference.Guard guard =
        GuardInference.infer(accesses.stream().filter(a -> !a.containerRead()).toList());
    List<FieldAccess> writes = accesses.stream().filter(FieldAccess::write).toList();
    Set<LockPath> everyWrite = GuardInference.heldAtEveryWrite(accesses);
    List<FieldAccess> unguarded = new ArrayList<>();
    for (FieldAccess access : accesses) {
      boolean held =
          (guard != null ? GuardInference.holds(access, guard.lock()) : !access.held().isEmpty())
              || GuardInference.readHoldsAny(access, everyWrite);
      if (!held
          && (access.write() || access.containerRead() || !onlyMutations)
          && !accountedFor.contains(access.node())
          && (access.write()
              || access.containerRead()
              || !FlagPublication.published(context, field, access, writes))) {
        unguarded.add(access);
      }
    }
    FieldAccess guardedWrite =
        GuardInference.first(
            writes.stream()
                .filter(
                    w ->
                        guard != null ? GuardInference.holds(w, guard.lock()) : !w.held().isEmpty())
                .toList());
    if (guard == null
        && !(contract
            && (unguarded.stream().anyMatch(FieldAccess::write) || guardedWrite != null))) {
      return null;
    }
    FieldAccess primary = FieldFinding.primary(unguarded, CheckId.UNGUARDED_FIELD_ACCESS);
    if (primary == null) {
      return null;
    }
    List<Node> related = FieldFinding.otherLines(primary, unguarded);
    int others = related.size();
    if (guardedWrite != null) {
      related.add(guardedWrite.node());
    }
    return new Finding(
        CheckId.UNGUARDED_FIELD_ACCESS,
        primary.node(),
        related,
        message(field, primary, guard, guardedWrite, others));
  }

  private static String message(
      FieldModel field,
      FieldAccess primary,
      GuardInference.Guard guard,
      FieldAccess guardedWrite,
      int others) {
    String action =
        primary.containerRead()
            ? "read (`" + primary.node().label() + "`)"
            : primary.node().kind() == NodeKind.CALL
                ? "mutated (`" + primary.node().label() + "`)"
                : primary.write() ? "written" : "read";
    StringBuilder message = new StringBuilder("`" + field.name() + "` is " + action + " here ");
    if (primary.containerRead()) {
      if (guard != null) {
        message
            .append("without ")
            .append(FieldAccess.describe(guard.lock()))
            .append(", which guards its mutations");
      } else {
        message.append("without a lock, in a class annotated @ThreadSafe, while it is mutated");
        message.append(" under one");
      }
      if (guardedWrite != null) {
        message.append(" (line ").append(guardedWrite.node().line()).append(in(guardedWrite));
        message.append(")");
      }
      message.append(": another thread can change it while it is read");
    } else if (guard != null) {
      message
          .append("without ")
          .append(FieldAccess.describe(guard.lock()))
          .append(", which guards it elsewhere (")
          .append(where(guardedWrite))
          .append(")");
    } else if (primary.write()) {
      message.append("without a lock, in a class annotated @ThreadSafe");
    } else {
      message
          .append(
              "without a lock, in a class annotated @ThreadSafe, while it is written under one (")
          .append(where(guardedWrite))
          .append(")");
    }
    if (!primary.containerRead()) {
      message.append(": another thread can see a stale or half-updated value");
    }
    if (others > 0) {
      message
          .append("; ")
          .append(others)
          .append(others == 1 ? " other place accesses" : " other places access")
          .append(" it without the lock");
    }
    return message.toString();
  }

  private static Finding differentLocks(FieldModel field, List<FieldAccess> conflict) {
    FieldAccess primary = conflict.get(0);
    FieldAccess other = conflict.get(1);
    String message =
        "`"
            + field.name()
            + "` is written here holding "
            + FieldAccess.describe(FieldAccess.first(primary.held()))
            + " and at line "
            + other.node().line()
            + in(other)
            + " holding "
            + FieldAccess.describe(FieldAccess.first(other.held()))
            + ": its writes have no lock in common, so two of them can run at the same time;"
            + " guard every access with one lock";
    return new Finding(
        CheckId.UNGUARDED_FIELD_ACCESS, primary.node(), List.of(other.node()), message);
  }

  private static String where(FieldAccess write) {
    return write == null
        ? "not at any write"
        : "held where it is written at line " + write.node().line() + in(write);
  }

  private static String in(FieldAccess access) {
    return access.method().ref().name().startsWith("lambda$")
        ? ""
        : " in " + access.method().ref().displayName();
  }
}
