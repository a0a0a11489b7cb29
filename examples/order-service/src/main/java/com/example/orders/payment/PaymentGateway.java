package com.example.orders.payment;

import com.example.orders.model.PaymentResult;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Our side of the payment provider. The provider's contract allows at most {@code maxInFlight}
 * concurrent calls per merchant, so every call holds one permit of a Semaphore.
 */
public final class PaymentGateway {

  private final PaymentClient client;
  private final Semaphore inFlight;
  private final Duration refundWait;
  private final LongAdder throttledCharges = new LongAdder();
  private final LongAdder refundsWithoutPermit = new LongAdder();

  public PaymentGateway(PaymentClient client, int maxInFlight, Duration refundWait) {
    this.client = client;
    this.inFlight = new Semaphore(maxInFlight, true);
    this.refundWait = refundWait;
  }

  /** Charges the customer, waiting as long as it takes for a free slot. */
  public PaymentResult charge(String orderId, long amountCents) throws InterruptedException {
    inFlight.acquire();
    try {
      return client.charge(orderId, amountCents);
    } finally {
      inFlight.release();
    }
  }

  /**
   * Charges the customer if a slot frees up within {@code maxWait}; otherwise tells the checkout
   * page to retry instead of hanging it.
   */
  public PaymentResult tryCharge(String orderId, long amountCents, long maxWait, TimeUnit unit)
      throws InterruptedException {
    if (!inFlight.tryAcquire(maxWait, unit)) {
      throttledCharges.increment();
      return PaymentResult.throttled(orderId);
    }
    try {
      return client.charge(orderId, amountCents);
    } finally {
      inFlight.release();
    }
  }

  /**
   * Refunds an order. Refunds must never be dropped, so when no slot frees up in time the refund
   * goes ahead anyway.
   *
   * <p>Bug: on that path the finally block releases a permit this call never got. Semaphore does
   * not check ownership: each such release adds a permit for good, and after a few busy hours the
   * gateway no longer limits anything and the provider starts rejecting calls.
   */
  public PaymentResult refund(String orderId, long amountCents) throws InterruptedException {
    if (!inFlight.tryAcquire(refundWait.toMillis(), TimeUnit.MILLISECONDS)) {
      refundsWithoutPermit.increment();
    }
    try {
      return client.refund(orderId, amountCents);
    } finally {
      inFlight.release(); // BUG: UnlockNotHeld
    }
  }

  /** Charges that were turned away because the provider was saturated. */
  public long throttledCharges() {
    return throttledCharges.sum();
  }

  /** Refunds that went ahead without a permit. */
  public long refundsWithoutPermit() {
    return refundsWithoutPermit.sum();
  }
}
