package dev.latchkey.checks.model;

/** What sort of lock an acquisition or release is about. */
public enum LockKind {
  /** A {@code java.util.concurrent.locks.Lock}, including read/write views. */
  LOCK,
  /** A {@code Semaphore} permit. */
  PERMIT,
  /** An intrinsic lock: {@code synchronized}. */
  MONITOR
}
