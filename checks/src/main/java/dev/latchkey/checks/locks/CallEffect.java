package dev.latchkey.checks.locks;

import dev.latchkey.checks.model.LockPath;

/**
 * What a call does to a lock in its caller's terms: a summarized helper or a configured wrapper
 * acquires or releases {@code lock}.
 */
record CallEffect(boolean acquires, LockPath lock) {}
