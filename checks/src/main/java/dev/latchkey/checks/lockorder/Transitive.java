package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.model.LockPath;
import java.util.List;

/**
 * A lock a method acquires, itself or through its calls: the path in the method's terms (null when
 * its callers cannot name it), the key, and the chain of sites from the method down to the
 * acquisition (first: the acquisition or call in the method itself).
 */
record Transitive(LockPath path, String key, List<Site> chain) {
  Transitive {
    chain = List.copyOf(chain);
  }
}
