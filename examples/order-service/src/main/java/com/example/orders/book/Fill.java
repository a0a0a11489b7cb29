package com.example.orders.book;

/** A trade between a buy and a sell order. */
public record Fill(String buyOrderId, String sellOrderId, int quantity, long priceCents) {}
