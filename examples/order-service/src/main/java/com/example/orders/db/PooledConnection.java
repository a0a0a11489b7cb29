package com.example.orders.db;

import java.util.ArrayList;
import java.util.List;

/**
 * A database connection handed out by {@link ConnectionPool}. This example keeps the statements
 * it executed in memory instead of talking to a real database.
 */
public final class PooledConnection {

  private final int id;
  private final List<String> executed = new ArrayList<>();
  private volatile boolean healthy = true;

  public PooledConnection(int id) {
    this.id = id;
  }

  /** Runs one statement; returns the number of rows it touched. */
  public int execute(String statement) {
    if (!healthy) {
      throw new IllegalStateException("connection " + id + " is closed");
    }
    executed.add(statement);
    return 1;
  }

  public boolean isHealthy() {
    return healthy;
  }

  /** Closes the connection; it cannot be used afterwards. */
  public void close() {
    healthy = false;
  }

  public int id() {
    return id;
  }

  public int executedCount() {
    return executed.size();
  }
}
