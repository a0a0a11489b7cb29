package com.example.orders.inventory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Stock levels per SKU. Looked up on every page view, changed only by orders and deliveries: a
 * read/write lock lets lookups run in parallel while changes are exclusive.
 */
public final class InventoryCache {

  private final ReadWriteLock rw = new ReentrantReadWriteLock();
  private final Map<String, Integer> stock = new HashMap<>();
  private final StockLoader loader;

  public InventoryCache(StockLoader loader) {
    this.loader = loader;
  }

  /** Units on hand, or -1 when the SKU is not cached yet. Readers share the read lock. */
  public int available(String sku) {
    rw.readLock().lock();
    try {
      Integer units = stock.get(sku);
      return units == null ? -1 : units;
    } finally {
      rw.readLock().unlock();
    }
  }

  /** A consistent copy of all stock levels. */
  public Map<String, Integer> snapshot() {
    rw.readLock().lock();
    try {
      return Map.copyOf(stock);
    } finally {
      rw.readLock().unlock();
    }
  }

  /** A delivery arrived. */
  public void restock(String sku, int units) {
    if (units <= 0) {
      throw new IllegalArgumentException("units must be positive: " + units);
    }
    rw.writeLock().lock();
    try {
      stock.merge(sku, units, Integer::sum);
    } finally {
      rw.writeLock().unlock();
    }
  }

  /** Takes {@code units} out of stock if enough are on hand; check and update are one step. */
  public boolean reserve(String sku, int units) {
    rw.writeLock().lock();
    try {
      int onHand = stock.getOrDefault(sku, 0);
      if (onHand < units) {
        return false;
      }
      stock.put(sku, onHand - units);
      return true;
    } finally {
      rw.writeLock().unlock();
    }
  }

  /**
   * Units on hand, loading the SKU on a cache miss. Done right: look under the read lock, release
   * it, load without holding any lock, then publish under the write lock and re-check, because
   * another thread may have loaded the SKU in between.
   */
  public int units(String sku) {
    rw.readLock().lock();
    try {
      Integer cached = stock.get(sku);
      if (cached != null) {
        return cached;
      }
    } finally {
      rw.readLock().unlock();
    }
    int loaded = loader.load(sku);
    rw.writeLock().lock();
    try {
      Integer raced = stock.putIfAbsent(sku, loaded);
      return raced == null ? loaded : raced;
    } finally {
      rw.writeLock().unlock();
    }
  }

  /**
   * Loads every SKU of an incoming batch that is not cached yet.
   *
   * <p>Bug: the write lock is requested while this thread still holds the read lock. A
   * ReentrantReadWriteLock never upgrades: the write lock waits for all readers to leave,
   * including this thread, so the first cache miss hangs the caller forever.
   */
  public void warmUp(List<String> skus) {
    rw.readLock().lock();
    try {
      for (String sku : skus) {
        if (!stock.containsKey(sku)) {
          rw.writeLock().lock(); // BUG: ReadLockUpgrade
          try {
            stock.put(sku, loader.load(sku));
          } finally {
            rw.writeLock().unlock();
          }
        }
      }
    } finally {
      rw.readLock().unlock();
    }
  }
}
