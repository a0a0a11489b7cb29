package com.example.orders.settlement;

import java.util.HashMap;
import java.util.Map;

/**
 * Balances per merchant account after settlement. Every posting is also written to the audit
 * trail, and the audit trail reads the ledger's total when it closes a period.
 */
public final class SettlementLedger {
  private final Map<String, Long> balances = new HashMap<>();
  private final AuditTrail audit;

  public SettlementLedger() {
    this.audit = new AuditTrail(this);
  }

  public AuditTrail audit() {
    return audit;
  }

  /**
   * Bug (with {@link AuditTrail#closePeriod}): holds the ledger's monitor while it takes the audit
   * trail's; closePeriod takes them in the opposite order. A posting and a period close that run
   * at the same time deadlock.
   */
  public synchronized void post(String account, long cents) {
    balances.merge(account, cents, Long::sum);
    audit.recordPosting(account, cents); // BUG[spotbugs]: LockOrderInversion
  }

  public synchronized long total() {
    long sum = 0;
    for (long cents : balances.values()) {
      sum += cents;
    }
    return sum;
  }
}
