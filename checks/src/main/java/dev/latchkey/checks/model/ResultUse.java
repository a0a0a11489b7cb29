package dev.latchkey.checks.model;

/** What the code does with the value a call returns. */
public enum ResultUse {
  /** The call is an expression statement: its value is dropped. */
  DISCARDED,
  /** Assigned to a local variable or field. */
  STORED,
  RETURNED,
  /** Passed as an argument to another call. */
  ARGUMENT,
  /** The receiver of another call (a chain such as {@code a().b()}). */
  RECEIVER,
  /** Anything else (a condition, an operand, void methods) or unknown. */
  OTHER
}
