package dev.latchkey.checks.api;

import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockView;

/**
 * What a call does to a lock, as the {@link LockApi} table knows it.
 *
 * @param action what happens
 * @param kind the kind of lock the receiver is
 * @param view for {@link Action#VIEW}: which view of a read/write lock the call returns; for {@link
 *     Action#HELD_CHECK}: the view whose ownership is tested, or null for the receiver
 * @param interruptible for {@link Action#ACQUIRE}: it throws InterruptedException when the thread
 *     is interrupted while waiting, so it can fail in practice
 */
public record LockOperation(Action action, LockKind kind, LockView view, boolean interruptible) {
  /** The kinds of lock operations. */
  public enum Action {
    /** Blocks until the lock or permit is held: {@code lock()}, {@code acquire()}. */
    ACQUIRE,
    /** Returns whether it acquired: {@code tryLock(..)}, {@code tryAcquire(..)}. */
    TRY_ACQUIRE,
    RELEASE,
    /** Returns whether the current thread holds the lock: {@code isHeldByCurrentThread()}. */
    HELD_CHECK,
    /** Returns a view of a read/write lock: {@code readLock()}, {@code asWriteLock()}. */
    VIEW
  }
}
