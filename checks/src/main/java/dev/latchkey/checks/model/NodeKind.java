package dev.latchkey.checks.model;

/** The events of a method that the checks care about; everything else is left out of the model. */
public enum NodeKind {
  /** Where the method starts; one per model. */
  ENTRY,
  /** Normal completion; one per model. */
  EXIT,
  /** An exception leaves the method; one per model. */
  EXCEPTIONAL_EXIT,
  /** A {@code return} statement (it still runs enclosing {@code finally} blocks before EXIT). */
  RETURN,
  /** A blocking acquisition: {@code lock()}, {@code lockInterruptibly()}, {@code acquire()}. */
  ACQUIRE,
  /**
   * A conditional acquisition ({@code tryLock}, {@code tryAcquire}); its result is bound to {@link
   * Node#variable()} when the code tests it, so that later {@link #BRANCH}es can tell the paths
   * apart.
   */
  TRY_ACQUIRE,
  /** {@code unlock()}, {@code release()}. */
  RELEASE,
  /** A test of whether the current thread holds a lock ({@code isHeldByCurrentThread()}). */
  HELD_CHECK,
  /** A tracked boolean variable gets a new value the model does not know; forget its binding. */
  ASSIGN,
  /** A two-way branch on a tracked boolean variable: TRUE and FALSE edges. */
  BRANCH,
  /** A call of a method, kept for summaries and configured wrappers; it may throw. */
  CALL,
  /** An explicit {@code throw}. */
  THROW,
  /** A join or split point with no event of its own. */
  NOP
}
