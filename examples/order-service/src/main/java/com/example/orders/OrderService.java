package com.example.orders;

import com.example.orders.book.OrderBook;
import com.example.orders.db.ConnectionPool;
import com.example.orders.db.PooledConnection;
import com.example.orders.inventory.InventoryCache;
import com.example.orders.model.Order;
import com.example.orders.model.PaymentResult;
import com.example.orders.payment.PaymentGateway;
import com.example.orders.support.TimedLocks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Takes orders: reserve stock, charge the customer, put the order on the book, store it, and keep
 * the day's ledger. The ledger lock goes through {@link TimedLocks} so its contention shows up on
 * the metrics page.
 */
public final class OrderService {

  private final InventoryCache inventory;
  private final PaymentGateway payments;
  private final OrderBook book;
  private final ConnectionPool database;
  private final ReentrantLock ledgerLock = new ReentrantLock();
  private final List<String> ledger = new ArrayList<>();

  public OrderService(
      InventoryCache inventory, PaymentGateway payments, OrderBook book, ConnectionPool database) {
    this.inventory = inventory;
    this.payments = payments;
    this.book = book;
    this.database = database;
  }

  /** Accepts an order, or explains why not. */
  public PaymentResult submit(Order order)
      throws InterruptedException, TimeoutException, IOException {
    if (!inventory.reserve(order.sku(), order.quantity())) {
      return PaymentResult.declined(order.id(), "out of stock: " + order.sku());
    }
    PaymentResult payment = payments.tryCharge(order.id(), order.totalCents(), 2, TimeUnit.SECONDS);
    if (!payment.isApproved()) {
      inventory.restock(order.sku(), order.quantity());
      return payment;
    }
    book.place(order);
    store(order);
    record("ACCEPT " + order.id() + " " + order.quantity() + "x" + order.sku());
    return payment;
  }

  /** Cancels a resting order and refunds it. */
  public boolean cancel(Order order) throws InterruptedException {
    if (!book.cancel(order.id())) {
      return false;
    }
    inventory.restock(order.sku(), order.quantity());
    payments.refund(order.id(), order.totalCents());
    record("CANCEL " + order.id());
    return true;
  }

  /**
   * Closes the business day: hands the ledger to accounting and starts a new one.
   *
   * <p>Bug: if the sink throws (disk full, accounting system down) the ledger lock stays held, and
   * every later order blocks in {@link #record}. The release belongs in a finally block.
   */
  public int closeBusinessDay(LedgerSink sink) throws IOException {
    TimedLocks.acquire(ledgerLock, "ledger"); // BUG: LockNotReleased
    sink.write(List.copyOf(ledger));
    int entries = ledger.size();
    ledger.clear();
    TimedLocks.release(ledgerLock);
    return entries;
  }

  /** Entries recorded since the day started. */
  public List<String> ledgerSoFar() {
    TimedLocks.acquire(ledgerLock, "ledger");
    try {
      return List.copyOf(ledger);
    } finally {
      TimedLocks.release(ledgerLock);
    }
  }

  private void record(String entry) {
    TimedLocks.acquire(ledgerLock, "ledger");
    try {
      ledger.add(entry);
    } finally {
      TimedLocks.release(ledgerLock);
    }
  }

  private void store(Order order) throws InterruptedException, TimeoutException, IOException {
    PooledConnection connection = database.borrow(500, TimeUnit.MILLISECONDS);
    try {
      connection.execute(
          String.format(
              "INSERT INTO orders(id, sku, quantity) VALUES ('%s', '%s', %d)",
              order.id(), order.sku(), order.quantity()));
    } finally {
      database.release(connection);
    }
  }
}
