package com.example.orders.support;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;

/**
 * Our own lock wrapper: records how long callers waited for each named lock, for the metrics page.
 *
 * <p>Latchkey is told about it in the pom ({@code latchkey.acquireMethods} and {@code
 * latchkey.releaseMethods}): {@code TimedLocks.acquire(lock, name)} counts as acquiring {@code lock}
 * and {@code TimedLocks.release(lock)} as releasing it, in both the javac and the SpotBugs checks.
 */
public final class TimedLocks {

  private static final ConcurrentMap<String, LongAdder> WAIT_NANOS = new ConcurrentHashMap<>();

  private TimedLocks() {}

  /** Acquires {@code lock}, recording the time spent waiting for it under {@code name}. */
  public static void acquire(Lock lock, String name) {
    long start = System.nanoTime();
    lock.lock();
    WAIT_NANOS.computeIfAbsent(name, n -> new LongAdder()).add(System.nanoTime() - start);
  }

  /** Releases a lock taken with {@link #acquire}. */
  public static void release(Lock lock) {
    lock.unlock();
  }

  /** Total nanoseconds spent waiting, per lock name. */
  public static Map<String, Long> waitNanos() {
    Map<String, Long> totals = new TreeMap<>();
    WAIT_NANOS.forEach((name, adder) -> totals.put(name, adder.sum()));
    return totals;
  }
}
