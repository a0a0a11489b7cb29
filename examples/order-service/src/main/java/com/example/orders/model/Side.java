package com.example.orders.model;

/** Which side of the book an order rests on. */
public enum Side {
  BUY,
  SELL
}
