package com.example.orders.book;

import com.example.orders.model.Order;
import com.example.orders.model.Side;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Resting limit orders, best price first on each side. One ReentrantLock guards the whole book;
 * the matcher uses tryLock with a timeout so a busy book delays matching instead of blocking the
 * scheduler thread.
 */
public final class OrderBook {

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Order> byId = new HashMap<>();
  private final NavigableMap<Long, Deque<Order>> bids = new TreeMap<>(Comparator.reverseOrder());
  private final NavigableMap<Long, Deque<Order>> asks = new TreeMap<>();
  private final List<Fill> fills = new ArrayList<>();

  /** Adds an order at the back of its price level. */
  public void place(Order order) {
    lock.lock();
    try {
      if (byId.putIfAbsent(order.id(), order) != null) {
        throw new IllegalStateException("duplicate order id " + order.id());
      }
      levels(order.side())
          .computeIfAbsent(order.limitPriceCents(), price -> new ArrayDeque<>())
          .addLast(order);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes a resting order.
   *
   * <p>Bug: the early return for an unknown id leaves the lock held, and every later call on
   * this book blocks forever. (Also: any exception between lock and unlock does the same.)
   */
  public boolean cancel(String orderId) {
    lock.lock(); // BUG: LockNotReleased
    Order order = byId.remove(orderId);
    if (order == null) {
      return false;
    }
    NavigableMap<Long, Deque<Order>> side = levels(order.side());
    Deque<Order> level = side.get(order.limitPriceCents());
    level.remove(order);
    if (level.isEmpty()) {
      side.remove(order.limitPriceCents());
    }
    lock.unlock();
    return true;
  }

  /**
   * Matches crossing orders. Waits at most {@code maxWait} for the book; returns the number of
   * fills, 0 when the book stayed busy.
   */
  public int match(long maxWait, TimeUnit unit) throws InterruptedException {
    if (!lock.tryLock(maxWait, unit)) {
      return 0;
    }
    try {
      int matched = 0;
      while (!bids.isEmpty() && !asks.isEmpty() && bids.firstKey() >= asks.firstKey()) {
        Deque<Order> bidLevel = bids.firstEntry().getValue();
        Deque<Order> askLevel = asks.firstEntry().getValue();
        Order bid = bidLevel.pollFirst();
        Order ask = askLevel.pollFirst();
        int quantity = Math.min(bid.quantity(), ask.quantity());
        fills.add(new Fill(bid.id(), ask.id(), quantity, ask.limitPriceCents()));
        requeueRemainder(bidLevel, bid, quantity);
        requeueRemainder(askLevel, ask, quantity);
        if (bidLevel.isEmpty()) {
          bids.pollFirstEntry();
        }
        if (askLevel.isEmpty()) {
          asks.pollFirstEntry();
        }
        matched++;
      }
      return matched;
    } finally {
      lock.unlock();
    }
  }

  /** Highest bid for the dashboard. Never waits: an empty answer is fine while the book is busy. */
  public OptionalLong bestBidIfIdle() {
    boolean locked = lock.tryLock();
    try {
      if (!locked || bids.isEmpty()) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(bids.firstKey());
    } finally {
      if (locked) {
        lock.unlock();
      }
    }
  }

  /** All fills so far. */
  public List<Fill> fills() {
    lock.lock();
    try {
      return List.copyOf(fills);
    } finally {
      lock.unlock();
    }
  }

  /** Number of resting orders. */
  public int size() {
    lock.lock();
    try {
      return byId.size();
    } finally {
      lock.unlock();
    }
  }

  // Called with the lock held (from match).
  private void requeueRemainder(Deque<Order> level, Order order, int filled) {
    if (order.quantity() > filled) {
      Order rest = order.withQuantity(order.quantity() - filled);
      level.addFirst(rest);
      byId.put(rest.id(), rest);
    } else {
      byId.remove(order.id());
    }
  }

  private NavigableMap<Long, Deque<Order>> levels(Side side) {
    return side == Side.BUY ? bids : asks;
  }
}
