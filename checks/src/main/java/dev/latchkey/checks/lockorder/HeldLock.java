package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.model.LockPath;

/**
 * A lock held at some point of a method: its path in the method's terms and its abstract key (null
 * when the key is unknown: it then only stops re-entrant acquisitions from counting).
 */
public record HeldLock(LockPath path, String key) {}
