package com.example.orders.notify;

import com.example.orders.model.PaymentResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells customers what happened to their orders, off the request thread. The executor is owned by
 * the application (bounded, shut down on exit); this class only hands work to it.
 */
public final class OrderNotifier {
  private static final Logger LOG = Logger.getLogger(OrderNotifier.class.getName());

  private final ExecutorService executor;
  private final CustomerMailer mailer;
  private final BlockingQueue<String> failedCustomers = new LinkedBlockingQueue<>();

  public OrderNotifier(ExecutorService executor, CustomerMailer mailer) {
    this.executor = executor;
    this.mailer = mailer;
  }

  /**
   * Bug: the Future is dropped. When the mail server refuses the message, send() throws, the
   * exception is stored in that Future, and nobody ever learns that the customer was not told.
   */
  public void confirm(String customerId, PaymentResult result) {
    executor.submit(() -> send(customerId, "Your order", "Payment " + result)); // BUG: LostTaskException
  }

  /** Correct: failures are caught and recorded inside the task itself. */
  public void remind(String customerId, String text) {
    executor.execute(
        () -> {
          try {
            send(customerId, "Reminder", text);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reminder to " + customerId + " failed", e);
            failedCustomers.add(customerId);
          }
        });
  }

  /** Correct: the caller waits for the batch and sees every failure. */
  public int confirmAll(List<String> customerIds, PaymentResult result)
      throws InterruptedException {
    List<Future<?>> sent = new ArrayList<>();
    for (String customerId : customerIds) {
      sent.add(executor.submit(() -> send(customerId, "Your order", "Payment " + result)));
    }
    int failures = 0;
    for (Future<?> future : sent) {
      try {
        future.get(30, TimeUnit.SECONDS);
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        LOG.log(Level.WARNING, "confirmation failed", e);
        failures++;
      }
    }
    return failures;
  }

  /** Customers whose reminder could not be sent, for the retry job. */
  public List<String> drainFailures() {
    List<String> drained = new ArrayList<>();
    failedCustomers.drainTo(drained);
    return drained;
  }

  private void send(String customerId, String subject, String body) {
    try {
      mailer.send(customerId, subject, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
