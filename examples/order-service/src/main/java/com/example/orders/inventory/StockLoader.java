package com.example.orders.inventory;

/** Reads the authoritative stock level of a SKU from the warehouse system (slow). */
@FunctionalInterface
public interface StockLoader {
  int load(String sku);
}
