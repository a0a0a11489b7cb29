package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.model.LockPath;
import java.util.List;

/**
 * A lock a method acquires, itself or through its calls: the path in the method's terms (null when
 * its callers cannot name it), the key (null only for a lock on a parameter whose type names
 * nothing: the caller's argument names it), the chain of sites from the method down to the
 * acquisition (first: the acquisition or call in the method itself), the keys of the locks held
 * inside that chain when it is acquired (sorted), and, when a call of the chain dispatches to
 * several bodies, how many (0: none did). {@code finalOwner}: the path is rooted at {@code this}
 * and every selector but the last is a final instance field, so the lock belongs to {@code this} or
 * to an object {@code this} was constructed with.
 */
record Transitive(
    LockPath path,
    String key,
    List<Site> chain,
    List<String> inside,
    int fanOut,
    boolean finalOwner) {
  Transitive {
    chain = List.copyOf(chain);
    inside = List.copyOf(inside);
  }
}
