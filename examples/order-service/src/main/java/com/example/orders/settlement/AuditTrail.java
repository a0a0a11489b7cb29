package com.example.orders.settlement;

import java.util.ArrayList;
import java.util.List;

/** The auditors' record of every posting, closed once per period with the ledger's total. */
public final class AuditTrail {
  private final List<String> entries = new ArrayList<>();
  private final SettlementLedger ledger;

  AuditTrail(SettlementLedger ledger) {
    this.ledger = ledger;
  }

  public synchronized void recordPosting(String account, long cents) {
    entries.add("posted " + cents + " to " + account);
  }

  /**
   * Bug (with {@link SettlementLedger#post}): holds the audit trail's monitor while it takes the
   * ledger's, the opposite order of post(). Reading the total before taking this monitor fixes it.
   */
  public synchronized void closePeriod() {
    long total = ledger.total(); // BUG[spotbugs]: LockOrderInversion
    entries.add("period closed, ledger total " + total);
  }

  public synchronized List<String> entries() {
    return List.copyOf(entries);
  }
}
