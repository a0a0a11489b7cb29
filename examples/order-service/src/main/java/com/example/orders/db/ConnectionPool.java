package com.example.orders.db;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small bounded connection pool: a Semaphore with one permit per connection bounds how many
 * connections are out at once; a ReentrantLock guards the deque of idle connections.
 */
public final class ConnectionPool implements AutoCloseable {

  private final ConnectionFactory factory;
  private final Semaphore permits;
  private final ReentrantLock idleLock = new ReentrantLock();
  private final Deque<PooledConnection> idle = new ArrayDeque<>();

  public ConnectionPool(ConnectionFactory factory, int maxConnections) {
    this.factory = factory;
    this.permits = new Semaphore(maxConnections);
  }

  /**
   * Hands out a connection, waiting at most {@code timeout} for one to be free. The caller must
   * give it back with {@link #release(PooledConnection)}, in a finally block.
   *
   * <p>Returning with the permit held is the point of this method (the permit travels with the
   * connection). Latchkey sees that it is handed on with the returned connection, so there is
   * nothing to suppress. Every path that does not hand a connection out gives the permit back.
   */
  public PooledConnection borrow(long timeout, TimeUnit unit)
      throws InterruptedException, TimeoutException, IOException {
    if (!permits.tryAcquire(timeout, unit)) {
      throw new TimeoutException("no free connection after " + timeout + " " + unit);
    }
    try {
      PooledConnection reused = pollIdle();
      return reused != null ? reused : factory.open();
    } catch (Throwable t) {
      permits.release();
      throw t;
    }
  }

  /** Gives a borrowed connection back; a broken one is closed instead of reused. */
  public void release(PooledConnection connection) {
    try {
      if (connection.isHealthy()) {
        idleLock.lock();
        try {
          idle.addFirst(connection);
        } finally {
          idleLock.unlock();
        }
      } else {
        connection.close();
      }
    } finally {
      permits.release();
    }
  }

  /**
   * Closes idle connections beyond the {@code keep} most recently used; run by a housekeeping
   * timer.
   *
   * <p>Bug: the lock is taken inside the try. If lock() fails (an Error, or with
   * lockInterruptibly an interrupt), the finally block unlocks a lock this thread does not hold,
   * and the IllegalMonitorStateException hides the original failure.
   */
  public int trimIdle(int keep) {
    List<PooledConnection> surplus = new ArrayList<>();
    try {
      idleLock.lock(); // BUG: LockInsideTry
      while (idle.size() > keep) {
        surplus.add(idle.pollLast());
      }
    } finally {
      idleLock.unlock();
    }
    for (PooledConnection connection : surplus) {
      connection.close();
    }
    return surplus.size();
  }

  /** Connections currently idle in the pool. */
  public int idleCount() {
    idleLock.lock();
    try {
      return idle.size();
    } finally {
      idleLock.unlock();
    }
  }

  @Override
  public void close() {
    idleLock.lock();
    try {
      for (PooledConnection connection : idle) {
        connection.close();
      }
      idle.clear();
    } finally {
      idleLock.unlock();
    }
  }

  private PooledConnection pollIdle() {
    idleLock.lock();
    try {
      return idle.pollFirst();
    } finally {
      idleLock.unlock();
    }
  }
}
