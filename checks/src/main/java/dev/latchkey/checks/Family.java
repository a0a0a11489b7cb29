package dev.latchkey.checks;

/** The five families of concurrency defects Latchkey looks for. */
public enum Family {
  DATA_RACES("Data races"),
  UNRELEASED_LOCKS("Unreleased locks"),
  LOCK_ORDER("Lock-order inversions"),
  SWALLOWED_EXCEPTIONS("Swallowed exceptions"),
  UNBOUNDED_EXECUTORS("Unbounded executor submissions");

  private final String title;

  Family(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
