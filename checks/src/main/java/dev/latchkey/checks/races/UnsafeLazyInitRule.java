package dev.latchkey.checks.races;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.api.ThreadSafeTypes;
import dev.latchkey.checks.lockset.HeldLocks;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * UnsafeLazyInit, reported at the write that publishes the value. (a) Double-checked locking on a
 * non-volatile field: a read of F without the lock, then the lock's acquisition, a second read of
 * F, and the write of F under the lock. (b) Unsynchronized lazy initialization of a static field in
 * a static method that holds no lock: a read of F, then a write of F. Null tests are not in the
 * model; the pattern is read from the order of the nodes. Fields of safely published types
 * (primitives other than long/double, String) are left alone, and so are writes in static
 * initializers (the holder-class idiom).
 */
final class UnsafeLazyInitRule {
  /** The findings, and the unguarded reads of double-checked locking they account for. */
  record Result(List<Finding> findings, Set<Node> outerReads) {}

  private UnsafeLazyInitRule() {}

  static Result apply(RaceContext context) {
    List<Finding> findings = new ArrayList<>();
    Set<Node> outerReads = new java.util.HashSet<>();
    ThreadOwnership ownership = ThreadOwnership.of(context);
    for (MethodModel method : context.cls.methods()) {
      if (context.isInitialization(method)) {
        continue;
      }
      HeldLocks locks = context.locks(method);
      Reach reach = new Reach();
      MethodReads reads = new MethodReads(method, locks);
      for (Node write : method.nodes()) {
        if (write.kind() != NodeKind.FIELD_WRITE
            || !context.isSharedAccess(method, write)
            || !locks.reached(write)) {
          continue;
        }
        FieldModel field = context.ownField(write);
        boolean earlyPublication = field.isVolatile();
        if (field.isFinal()
            || earlyPublication
                && (locks.before(write).isEmpty()
                    || !usedAfterStore(locks, reach, method, write))) {
          continue;
        }
        if (ownership.owns(context.accesses(field))) {
          continue; // state of one thread is never initialized by two
        }
        Finding finding =
            locks.before(write).isEmpty()
                ? staticLazyInit(method, reads, locks, reach, write, field)
                : doubleChecked(reads, locks, reach, write, field, outerReads, earlyPublication);
        // The pattern's unsynchronized reads are accounted for even when the value is safe.
        if (finding != null && !ThreadSafeTypes.isSafelyPublished(field.descriptor())) {
          findings.add(finding);
        }
      }
    }
    return new Result(findings, outerReads);
  }

  private static Finding doubleChecked(
      MethodReads reads,
      HeldLocks locks,
      Reach reach,
      Node write,
      FieldModel field,
      Set<Node> outerReads,
      boolean earlyPublication) {
    Set<LockPath> heldAtWrite = locks.before(write);
    // Without a read that holds none of the write's locks there is no first check: the common
    // case, decided without any reachability query.
    List<Node> unsynchronizedReads = reads.unsynchronized(write, heldAtWrite);
    if (unsynchronizedReads.isEmpty()) {
      return null;
    }
    for (Node acquire : reads.acquisitions()) {
      if (!heldAtWrite.contains(acquire.lock()) || !reach.reaches(acquire, write)) {
        continue;
      }
      LockPath lock = acquire.lock();
      Node inner = null;
      for (Node read : reads.of(write)) {
        if (locks.before(read).contains(lock)
            && reach.reaches(acquire, read)
            && reach.reaches(read, write)) {
          inner = read;
          break;
        }
      }
      Node outer = null;
      for (Node read : unsynchronizedReads) {
        if (reach.reaches(read, acquire)) {
          outer = read;
          break;
        }
      }
      if (inner == null || outer == null) {
        continue;
      }
      outerReads.addAll(unsynchronizedReads);
      String message =
          earlyPublication
              ? "double-checked locking stores the object in `"
                  + field.name()
                  + "` before it is fully built: the unsynchronized read at line "
                  + outer.line()
                  + " can return it half-initialized; build it in a local variable and store it"
                  + " last"
              : "double-checked locking on `"
                  + field.name()
                  + "`, which is not volatile: the unsynchronized read at line "
                  + outer.line()
                  + " can see the reference before the object's fields are written; declare `"
                  + field.name()
                  + "` volatile or use the holder-class idiom";
      return new Finding(CheckId.UNSAFE_LAZY_INIT, write, List.of(outer), message);
    }
    return null;
  }

  /**
   * Whether the object just stored into the field is still being built, under the same locks, after
   * the store: a call on it ({@code early.add(x)}) or a write of one of its fields or elements.
   */
  private static boolean usedAfterStore(
      HeldLocks locks, Reach reach, MethodModel method, Node write) {
    LockPath stored = write.path();
    Set<LockPath> region = locks.before(write);
    for (Node node : method.nodes()) {
      boolean builds =
          node.kind() == NodeKind.CALL && stored.equals(node.receiver())
              || node.kind() == NodeKind.FIELD_WRITE
                  && node.path() != null
                  && stored.equals(node.path().parent())
              || node.kind() == NodeKind.ARRAY_WRITE && stored.equals(node.path());
      if (builds
          && reach.reaches(write, node)
          && locks.reached(node)
          && locks.before(node).containsAll(region)) {
        return true;
      }
    }
    return false;
  }

  private static Finding staticLazyInit(
      MethodModel method,
      MethodReads reads,
      HeldLocks locks,
      Reach reach,
      Node write,
      FieldModel field) {
    if (!field.isStatic()
        || !method.has(Flag.STATIC)
        || method.has(Flag.SYNCHRONIZED)
        || method.has(Flag.LAMBDA)) {
      return null;
    }
    for (Node read : reads.of(write)) {
      if (locks.before(read).isEmpty() && reach.reaches(read, write)) {
        return new Finding(
            CheckId.UNSAFE_LAZY_INIT,
            write,
            List.of(read),
            "`"
                + field.name()
                + "` is initialized lazily without synchronization: two threads can both see"
                + " null and create two instances, and another thread can see a partly"
                + " constructed one; use the holder-class idiom, a static final field, or"
                + " synchronize the method");
      }
    }
    return null;
  }
}
