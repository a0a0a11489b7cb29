package com.google.common.util.concurrent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A small stand-in for Guava's {@code Monitor} (same name, package and lock methods) for the race
 * fixtures, which do not depend on Guava: a reentrant lock entered with {@code enter*} and left
 * with {@code leave()}; the timed and conditional entries return whether they entered.
 */
public final class Monitor {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  /** A boolean condition of the state the monitor guards. */
  public abstract static class Guard {
    private final BooleanSupplier condition;

    protected Guard(Monitor monitor, BooleanSupplier condition) {
      this.condition = condition;
    }

    public boolean isSatisfied() {
      return condition.getAsBoolean();
    }
  }

  /** Builds a guard from a condition. */
  public Guard newGuard(BooleanSupplier condition) {
    return new Guard(this, condition) {};
  }

  public void enter() {
    lock.lock();
  }

  public boolean enter(long time, TimeUnit unit) {
    try {
      return lock.tryLock(time, unit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public boolean tryEnter() {
    return lock.tryLock();
  }

  public void enterWhen(Guard guard) throws InterruptedException {
    lock.lockInterruptibly();
    while (!guard.isSatisfied()) {
      changed.await();
    }
  }

  public boolean enterIf(Guard guard) {
    lock.lock();
    if (guard.isSatisfied()) {
      return true;
    }
    lock.unlock();
    return false;
  }

  public void leave() {
    changed.signalAll();
    lock.unlock();
  }

  public boolean isOccupiedByCurrentThread() {
    return lock.isHeldByCurrentThread();
  }
}
