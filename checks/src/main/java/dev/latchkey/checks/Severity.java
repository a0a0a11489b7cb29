package dev.latchkey.checks;

/** Default severity of a check; front-ends map it to their host's levels. */
public enum Severity {
  /** A defect that will misbehave at run time (deadlock, leaked lock). */
  ERROR,
  /** A defect on some paths, or one that hides failures. */
  WARNING,
  /** Worth a look, often acceptable (a bounded wait under a lock); easy to turn off. */
  INFO
}
