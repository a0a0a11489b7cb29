package com.example.orders.support;

/**
 * The old audit counter, kept as it is until the audit module is rewritten. Its one known finding
 * (the unlocked read in {@link #entries()}) is accepted in {@code latchkey-baseline.json}, so
 * neither front-end reports it while any new finding still shows.
 */
public final class LegacyAudit {
  private final Object lock = new Object();
  private long entries;

  public void record() {
    synchronized (lock) {
      entries++;
    }
  }

  public long entries() {
    return entries; // in the baseline: UnguardedFieldAccess
  }
}
