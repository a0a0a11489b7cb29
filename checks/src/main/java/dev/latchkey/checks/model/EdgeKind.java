package dev.latchkey.checks.model;

/** How control leaves a node. */
public enum EdgeKind {
  NORMAL,
  /** The node threw: to a handler, a {@code finally}, or the exceptional exit. */
  EXCEPTIONAL,
  /** The tracked variable of a {@link NodeKind#BRANCH} is true. */
  TRUE,
  /** The tracked variable of a {@link NodeKind#BRANCH} is false. */
  FALSE
}
