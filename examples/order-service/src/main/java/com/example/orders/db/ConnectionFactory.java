package com.example.orders.db;

import java.io.IOException;

/** Opens new physical connections for the pool. */
@FunctionalInterface
public interface ConnectionFactory {
  PooledConnection open() throws IOException;
}
