package dev.latchkey.checks.locks;

import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.Node;

/**
 * A place where a method acquires or releases a lock: a lock operation, or a call of a summarized
 * helper or configured wrapper.
 *
 * @param blocking for acquisitions: waits until the lock is free ({@code lock()}, {@code
 *     acquire()}, a helper), as opposed to {@code tryLock()}
 */
record LockSite(Node node, LockPath lock, boolean blocking) {}
