package com.example.orders;

import java.io.IOException;
import java.util.List;

/** Where the end-of-day ledger goes (a file or the accounting system). */
@FunctionalInterface
public interface LedgerSink {
  void write(List<String> entries) throws IOException;
}
