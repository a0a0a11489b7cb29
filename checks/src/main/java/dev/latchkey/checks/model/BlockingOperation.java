package dev.latchkey.checks.model;

/**
 * How a call can make its thread wait, as {@code dev.latchkey.checks.api.BlockingApi} classifies
 * it. Front-ends record it on the node they emit for the call ({@link Node#blocking()}).
 */
public enum BlockingOperation {
  /**
   * Waits for as long as it takes: {@code Future.get()}, {@code queue.take()}, {@code accept()}.
   */
  BLOCKS(false),
  /** Waits at most for a timeout: {@code Thread.sleep(ms)}, {@code poll(t, unit)}. */
  TIMED(true),
  /** {@code Object.wait()}: releases the monitor of its receiver (only) while it waits. */
  WAIT(false),
  /** {@code Object.wait(ms)}. */
  TIMED_WAIT(true),
  /**
   * {@code Condition.await()}, {@code awaitUninterruptibly()}: releases the lock the condition was
   * made from (only) while it waits.
   */
  AWAIT(false),
  /** {@code Condition.await(t, unit)}, {@code awaitNanos(..)}, {@code awaitUntil(..)}. */
  TIMED_AWAIT(true),
  /**
   * {@code InputStream.read..()}: blocks without bound when the stream is a socket's (or a
   * process's, a URL connection's): the core decides from where the stream came from.
   */
  STREAM_READ(false);

  private final boolean timed;

  BlockingOperation(boolean timed) {
    this.timed = timed;
  }

  /** The wait is bounded by a timeout the call names. */
  public boolean timed() {
    return timed;
  }

  /** {@link #WAIT}, {@link #TIMED_WAIT}: releases the receiver's monitor while waiting. */
  public boolean releasesReceiverMonitor() {
    return this == WAIT || this == TIMED_WAIT;
  }

  /** {@link #AWAIT}, {@link #TIMED_AWAIT}: releases the condition's lock while waiting. */
  public boolean releasesConditionLock() {
    return this == AWAIT || this == TIMED_AWAIT;
  }
}
