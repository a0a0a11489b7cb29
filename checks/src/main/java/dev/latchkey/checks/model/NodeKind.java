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
  /**
   * A blocking acquisition: {@code lock()}, {@code lockInterruptibly()}, {@code acquire()}, or the
   * start of a {@code synchronized} block (kind {@link LockKind#MONITOR}). A {@code synchronized}
   * method has no node: its model carries {@link MethodModel.Flag#SYNCHRONIZED}.
   */
  ACQUIRE,
  /**
   * A conditional acquisition ({@code tryLock}, {@code tryAcquire}); its result is bound to {@link
   * Node#variable()} when the code tests it, so that later {@link #BRANCH}es can tell the paths
   * apart.
   */
  TRY_ACQUIRE,
  /**
   * {@code unlock()}, {@code release()}, or a monitor leaving its {@code synchronized} block, on
   * every path out of the block: normal, jump, return, and exception (the language releases it).
   */
  RELEASE,
  /** A read of a field ({@link Node#field()}, {@link Node#path()}). */
  FIELD_READ,
  /**
   * A write of a field; {@link Node#compound()} when the value written is computed from a read of
   * the same field in the same expression ({@code v++}, {@code v += x}, {@code v = v + 1}).
   */
  FIELD_WRITE,
  /**
   * A store into an element of an array ({@code a[i] = x}, {@code counts[0]++}); {@link
   * Node#path()} names the array.
   */
  ARRAY_WRITE,
  /** A test of whether the current thread holds a lock ({@code isHeldByCurrentThread()}). */
  HELD_CHECK,
  /**
   * The code fails unless the current thread holds {@link Node#lock()}: {@code assert
   * Thread.holdsLock(lock)}, {@code checkState(lock.isHeldByCurrentThread())}. Past it the lock is
   * held; reached before the method takes the lock, the method's callers hold it.
   */
  HELD_ASSERTION,
  /** A tracked boolean variable gets a new value the model does not know; forget its binding. */
  ASSIGN,
  /** A two-way branch on a tracked boolean variable: TRUE and FALSE edges. */
  BRANCH,
  /** A call of a method, kept for summaries and configured wrappers; it may throw. */
  CALL,
  /** An explicit {@code throw}. */
  THROW,
  /**
   * Entry of a {@code catch} handler, reached by exceptional edges; carries its {@link
   * CatchClause}.
   */
  CATCH,
  /**
   * Control leaves a handler other than by an exception (falls out of the {@code catch} block, or a
   * {@code break}/{@code continue} jumps out of it); {@link Node#handler()} is its CATCH node.
   */
  CATCH_END,
  /** A read of a local variable the checks track (such as an exception variable). */
  USE,
  /** A {@code break} or {@code continue}; front-ends emit it where it leaves a {@code finally}. */
  JUMP,
  /**
   * A local variable's value escapes the method's view: returned, stored into a field, an array or
   * another variable, or captured by a lambda or anonymous class.
   */
  ESCAPE,
  /**
   * A loop condition that compares the loop counter with an integer constant ({@link
   * Node#constant()}): {@code i < 4}.
   */
  LOOP_LIMIT,
  /** A join or split point with no event of its own. */
  NOP
}
