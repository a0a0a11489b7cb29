package com.example.orders.notify;

import java.io.IOException;

/** Sends one e-mail to a customer (SMTP in production). */
@FunctionalInterface
public interface CustomerMailer {
  void send(String customerId, String subject, String body) throws IOException;
}
