package dev.latchkey.checks.api;

import dev.latchkey.checks.api.LockOperation.Action;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockView;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one table of lock APIs: which methods acquire, release, test or view locks. Front-ends ask it
 * about each call; they know types, the table knows meanings.
 */
public final class LockApi {
  public static final String LOCK = "java.util.concurrent.locks.Lock";
  public static final String READ_WRITE_LOCK = "java.util.concurrent.locks.ReadWriteLock";
  public static final String REENTRANT_LOCK = "java.util.concurrent.locks.ReentrantLock";
  public static final String REENTRANT_READ_WRITE_LOCK =
      "java.util.concurrent.locks.ReentrantReadWriteLock";
  public static final String WRITE_LOCK_VIEW =
      "java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock";
  public static final String STAMPED_LOCK = "java.util.concurrent.locks.StampedLock";
  public static final String SEMAPHORE = "java.util.concurrent.Semaphore";

  /**
   * Guava's {@code Monitor}: a reentrant mutual-exclusion lock ({@code enter*} ... {@code leave()})
   * whose overloads differ in result: the untimed {@code enter()}/{@code enterWhen(guard)} acquire,
   * the timed and conditional ones return whether they did.
   */
  public static final String GUAVA_MONITOR = "com.google.common.util.concurrent.Monitor";

  /** Which results an entry applies to: overloads of one name can differ (void vs boolean). */
  private enum Result {
    ANY,
    VOID,
    BOOLEAN
  }

  private record Entry(String type, String method, Result result, LockOperation operation) {
    boolean matches(String name, boolean returnsBoolean) {
      return method.equals(name)
          && (result == Result.ANY || (result == Result.BOOLEAN) == returnsBoolean);
    }
  }

  private static final List<Entry> TABLE =
      List.of(
          entry(LOCK, "lock", Action.ACQUIRE, LockKind.LOCK, null),
          interruptible(LOCK, "lockInterruptibly", LockKind.LOCK),
          entry(LOCK, "tryLock", Action.TRY_ACQUIRE, LockKind.LOCK, null),
          entry(LOCK, "unlock", Action.RELEASE, LockKind.LOCK, null),
          entry(REENTRANT_LOCK, "isHeldByCurrentThread", Action.HELD_CHECK, LockKind.LOCK, null),
          entry(WRITE_LOCK_VIEW, "isHeldByCurrentThread", Action.HELD_CHECK, LockKind.LOCK, null),
          entry(
              REENTRANT_READ_WRITE_LOCK,
              "isWriteLockedByCurrentThread",
              Action.HELD_CHECK,
              LockKind.LOCK,
              LockView.WRITE),
          entry(READ_WRITE_LOCK, "readLock", Action.VIEW, LockKind.LOCK, LockView.READ),
          entry(READ_WRITE_LOCK, "writeLock", Action.VIEW, LockKind.LOCK, LockView.WRITE),
          entry(STAMPED_LOCK, "asReadLock", Action.VIEW, LockKind.LOCK, LockView.READ),
          entry(STAMPED_LOCK, "asWriteLock", Action.VIEW, LockKind.LOCK, LockView.WRITE),
          interruptible(SEMAPHORE, "acquire", LockKind.PERMIT),
          entry(SEMAPHORE, "acquireUninterruptibly", Action.ACQUIRE, LockKind.PERMIT, null),
          entry(SEMAPHORE, "tryAcquire", Action.TRY_ACQUIRE, LockKind.PERMIT, null),
          entry(SEMAPHORE, "release", Action.RELEASE, LockKind.PERMIT, null),
          monitor("enter", Result.VOID, Action.ACQUIRE, false),
          monitor("enter", Result.BOOLEAN, Action.TRY_ACQUIRE, false),
          monitor("enterInterruptibly", Result.VOID, Action.ACQUIRE, true),
          monitor("enterInterruptibly", Result.BOOLEAN, Action.TRY_ACQUIRE, true),
          monitor("enterWhen", Result.VOID, Action.ACQUIRE, true),
          monitor("enterWhen", Result.BOOLEAN, Action.TRY_ACQUIRE, true),
          monitor("enterWhenUninterruptibly", Result.VOID, Action.ACQUIRE, false),
          monitor("enterWhenUninterruptibly", Result.BOOLEAN, Action.TRY_ACQUIRE, false),
          monitor("enterIf", Result.BOOLEAN, Action.TRY_ACQUIRE, false),
          monitor("enterIfInterruptibly", Result.BOOLEAN, Action.TRY_ACQUIRE, true),
          monitor("tryEnter", Result.BOOLEAN, Action.TRY_ACQUIRE, false),
          monitor("tryEnterIf", Result.BOOLEAN, Action.TRY_ACQUIRE, false),
          monitor("leave", Result.ANY, Action.RELEASE, false),
          monitor("isOccupiedByCurrentThread", Result.BOOLEAN, Action.HELD_CHECK, false));

  /** Static methods that throw unless their first argument is true: {@code checkState(..)}. */
  private static final Set<String> ASSERTING_METHODS =
      Set.of("checkState", "verify", "validState", "assertTrue");

  private LockApi() {}

  /**
   * Whether {@code owner.name(..)} is {@code Thread.holdsLock(Object)}: the monitor's held check.
   */
  public static boolean isHoldsLock(String owner, String name) {
    return owner.equals("java.lang.Thread") && name.equals("holdsLock");
  }

  /**
   * Whether the static method {@code name} fails unless its first (boolean) argument is true, so
   * that {@code checkState(lock.isHeldByCurrentThread())} asserts the lock is held: Guava's {@code
   * Preconditions.checkState} and {@code Verify.verify}, Commons Lang's {@code
   * Validate.validState}, JUnit's {@code assertTrue}, and the many copies of them, by name.
   */
  public static boolean assertsFirstArgument(String name) {
    return ASSERTING_METHODS.contains(name);
  }

  /**
   * What calling {@code method} on a receiver does, or null when it is no lock operation.
   *
   * @param returnsBoolean whether the called overload returns {@code boolean}
   * @param receiverIsA tells whether the receiver's static type is (a subtype of) the class or
   *     interface with the given binary name
   */
  public static LockOperation classify(
      String method, boolean returnsBoolean, Predicate<String> receiverIsA) {
    for (Entry entry : TABLE) {
      if (entry.matches(method, returnsBoolean) && receiverIsA.test(entry.type)) {
        return entry.operation;
      }
    }
    return null;
  }

  /** True when {@code method} is one the table knows at all: a cheap filter before type tests. */
  public static boolean mayBeLockMethod(String method) {
    for (Entry entry : TABLE) {
      if (entry.method.equals(method)) {
        return true;
      }
    }
    return false;
  }

  private static Entry entry(
      String type, String method, Action action, LockKind kind, LockView view) {
    return new Entry(type, method, Result.ANY, new LockOperation(action, kind, view, false));
  }

  private static Entry interruptible(String type, String method, LockKind kind) {
    return new Entry(type, method, Result.ANY, new LockOperation(Action.ACQUIRE, kind, null, true));
  }

  private static Entry monitor(String method, Result result, Action action, boolean interruptible) {
    return new Entry(
        GUAVA_MONITOR,
        method,
        result,
        new LockOperation(action, LockKind.LOCK, null, interruptible));
  }

  /**
   * {@code Condition.signal()}/{@code signalAll()}, {@code Object.notify()}/{@code notifyAll()}.
   */
  private static final Set<String> SIGNALS = Set.of("signal", "signalAll", "notify", "notifyAll");

  /**
   * A call that fails only when its lock is not held ({@code IllegalMonitorStateException}): a
   * condition's signal, a monitor's notify. Called under that lock, as code that signals does, it
   * does not throw in practice, so its exceptional path is no path that leaks a lock.
   */
  public static boolean failsOnlyWithoutItsLock(String owner, String name, String descriptor) {
    return SIGNALS.contains(name)
        && "()V".equals(descriptor)
        && (owner.equals("java.util.concurrent.locks.Condition")
            || owner.equals("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject")
            || name.startsWith("notify"));
  }
}
