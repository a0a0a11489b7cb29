package com.example.orders.ingest;

import com.example.orders.OrderService;
import com.example.orders.model.Order;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Replays orders from a partner's end-of-day feed into the order service. */
public final class OrderImporter {
  private static final Logger LOG = Logger.getLogger(OrderImporter.class.getName());

  private final OrderService service;
  private final Semaphore inFlight = new Semaphore(8);
  private final AtomicInteger failures = new AtomicInteger();

  public OrderImporter(OrderService service) {
    this.service = service;
  }

  /**
   * Bug: one new thread per order. A feed of 200,000 orders starts 200,000 threads at once; the
   * process runs out of memory (or of native threads) long before the feed is done.
   */
  public void importFeed(List<Order> feed) {
    for (Order order : feed) {
      new Thread(() -> importOne(order), "import-" + order.id()).start(); // BUG: UnboundedSubmission
    }
  }

  /** Correct: at most eight imports run at once; the feed waits for a free permit. */
  public void importFeedThrottled(List<Order> feed) throws InterruptedException {
    for (Order order : feed) {
      inFlight.acquire();
      Thread worker =
          new Thread(
              () -> {
                try {
                  importOne(order);
                } finally {
                  inFlight.release();
                }
              },
              "import-" + order.id());
      worker.start();
    }
  }

  /**
   * Bug: the feed is screened in parallel and every worker adds to the same ArrayList; under load
   * adds are lost or the list's backing array is corrupted. Collect instead: {@code
   * .map(Order::id).toList()}.
   */
  public List<String> blockedOrderIds(List<Order> feed, Set<String> blockedCustomers) {
    List<String> blocked = new ArrayList<>();
    feed.parallelStream()
        .filter(order -> blockedCustomers.contains(order.customerId()))
        .forEach(order -> blocked.add(order.id())); // BUG: RacyTaskMutation
    return blocked;
  }

  /** Correct: the parallel stream collects into a list of its own. */
  public List<String> blockedOrderIdsCollected(List<Order> feed, Set<String> blockedCustomers) {
    return feed.parallelStream()
        .filter(order -> blockedCustomers.contains(order.customerId()))
        .map(Order::id)
        .toList();
  }

  public int failures() {
    return failures.get();
  }

  private void importOne(Order order) {
    try {
      service.submit(order);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "order " + order.id() + " could not be imported", e);
      failures.incrementAndGet();
    }
  }
}
