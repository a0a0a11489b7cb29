package com.example.orders.model;

import java.util.Objects;

/**
 * A limit order for one SKU. Immutable: a partial fill produces a new order with the remaining
 * quantity.
 */
public record Order(
    String id, String customerId, String sku, Side side, int quantity, long limitPriceCents) {

  public Order {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(side, "side");
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive: " + quantity);
    }
    if (limitPriceCents <= 0) {
      throw new IllegalArgumentException("limit price must be positive: " + limitPriceCents);
    }
  }

  /** What the customer pays (or receives) if the order fills completely at its limit. */
  public long totalCents() {
    return quantity * limitPriceCents;
  }

  /** The same order with {@code remaining} units left, after a partial fill. */
  public Order withQuantity(int remaining) {
    return new Order(id, customerId, sku, side, remaining, limitPriceCents);
  }
}
