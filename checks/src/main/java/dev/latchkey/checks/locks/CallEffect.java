package dev.latchkey.checks.locks;

import dev.latchkey.checks.model.LockPath;

/**
 * What a call does to a lock in its caller's terms: a summarized helper or a configured wrapper
 * acquires or releases {@code lock}, or (a helper) waits for it and releases it again before
 * returning, which changes no lock state but matters for upgrades.
 */
record CallEffect(Kind kind, LockPath lock) {
  enum Kind {
    ACQUIRES,
    RELEASES,
    WAITS_FOR
  }

  boolean acquires() {
    return kind == Kind.ACQUIRES;
  }
}
