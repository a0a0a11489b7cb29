package com.example.orders.payment;

import com.example.orders.model.PaymentResult;

/** The payment provider's API (an HTTP client in production). */
public interface PaymentClient {
  PaymentResult charge(String orderId, long amountCents);

  PaymentResult refund(String orderId, long amountCents);
}
