package com.example.orders;

import com.example.orders.book.OrderBook;
import com.example.orders.db.ConnectionPool;
import com.example.orders.db.PooledConnection;
import com.example.orders.inventory.InventoryCache;
import com.example.orders.model.Order;
import com.example.orders.model.PaymentResult;
import com.example.orders.model.Side;
import com.example.orders.payment.PaymentClient;
import com.example.orders.payment.PaymentGateway;
import com.example.orders.support.TimedLocks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Wires the service with in-memory stand-ins and pushes a few orders through it. */
public final class OrderServiceApp {

  private OrderServiceApp() {}

  public static void main(String[] args) throws InterruptedException, ExecutionException {
    InventoryCache inventory = new InventoryCache(sku -> 100);
    for (String sku : List.of("apple", "pear", "plum")) {
      inventory.restock(sku, 50);
    }
    PaymentGateway payments = new PaymentGateway(new ApprovingClient(), 4, Duration.ofMillis(200));
    OrderBook book = new OrderBook();
    AtomicInteger connectionIds = new AtomicInteger();
    try (ConnectionPool database =
        new ConnectionPool(() -> new PooledConnection(connectionIds.incrementAndGet()), 3)) {
      OrderService service = new OrderService(inventory, payments, book, database);

      List<Callable<PaymentResult>> submissions = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
        long price = side == Side.BUY ? 105 + i : 100 + i;
        Order order = new Order("o-" + i, "c-" + (i % 3), "apple", side, 1 + i % 4, price);
        submissions.add(() -> service.submit(order));
      }
      ExecutorService workers =
          new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64));
      try {
        for (Future<PaymentResult> result : workers.invokeAll(submissions)) {
          System.out.println(result.get());
        }
      } finally {
        workers.shutdown();
      }

      int matched = book.match(100, TimeUnit.MILLISECONDS);
      System.out.println("matched " + matched + ", fills " + book.fills());
      System.out.println("best bid " + book.bestBidIfIdle() + ", resting " + book.size());
      System.out.println("stock " + inventory.snapshot() + ", pear " + inventory.units("pear"));
      System.out.println("idle connections " + database.idleCount());
      System.out.println("ledger " + service.ledgerSoFar().size() + " entries");
      System.out.println("lock waits (ns) " + TimedLocks.waitNanos());
    }
  }

  /** Approves everything. */
  private static final class ApprovingClient implements PaymentClient {
    private final AtomicInteger references = new AtomicInteger();

    @Override
    public PaymentResult charge(String orderId, long amountCents) {
      return PaymentResult.approved(orderId, "ch-" + references.incrementAndGet());
    }

    @Override
    public PaymentResult refund(String orderId, long amountCents) {
      return PaymentResult.approved(orderId, "rf-" + references.incrementAndGet());
    }
  }
}
