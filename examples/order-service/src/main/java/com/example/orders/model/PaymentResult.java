package com.example.orders.model;

/** Outcome of a call to the payment provider. */
public record PaymentResult(String orderId, Status status, String detail) {

  /** What happened to the payment. */
  public enum Status {
    APPROVED,
    DECLINED,
    THROTTLED
  }

  public static PaymentResult approved(String orderId, String reference) {
    return new PaymentResult(orderId, Status.APPROVED, reference);
  }

  public static PaymentResult declined(String orderId, String reason) {
    return new PaymentResult(orderId, Status.DECLINED, reason);
  }

  public static PaymentResult throttled(String orderId) {
    return new PaymentResult(orderId, Status.THROTTLED, "payment gateway busy, try again");
  }

  public boolean isApproved() {
    return status == Status.APPROVED;
  }
}
