package com.example.orders.stats;

/** Counts fills and rejections for the operations dashboard. */
public final class FillStats {
  private long filled;
  private long rejected;

  public synchronized void recordFill() {
    filled++;
  }

  public synchronized void recordRejection() {
    rejected++;
  }

  /** Correct: both counters read under the lock that guards their updates. */
  public synchronized long total() {
    return filled + rejected;
  }

  /**
   * Bug: the dashboard polls this without the lock. The counters are longs, so a read can even see
   * half of an update, and the two counters come from different moments.
   */
  public double fillRatio() {
    long fills = filled; // BUG: UnguardedFieldAccess
    long all = fills + rejected; // BUG: UnguardedFieldAccess
    return all == 0 ? 0.0 : (double) fills / all;
  }
}
