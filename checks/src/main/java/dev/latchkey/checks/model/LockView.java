package dev.latchkey.checks.model;

/** The two views of a {@code ReadWriteLock} (or {@code StampedLock.asReadLock/asWriteLock}). */
public enum LockView {
  READ("read"),
  WRITE("write");

  private final String suffix;

  LockView(String suffix) {
    this.suffix = suffix;
  }

  public String suffix() {
    return suffix;
  }

  static LockView bySuffix(String selector) {
    for (LockView view : values()) {
      if (selector.equals("#" + view.suffix)) {
        return view;
      }
    }
    return null;
  }
}
