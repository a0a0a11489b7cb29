package dev.latchkey.checks.locks;

import dev.latchkey.checks.model.LockPath;
import java.util.List;

/**
 * What a method does to locks, seen from its callers: the locks it holds on every normal return
 * although it did not hold them on entry, the locks it releases on every normal return without
 * having acquired them, and every lock it waits for at some point (even if it releases it again).
 * Paths are rooted at {@code this}, a parameter, or a class.
 */
record MethodSummary(List<LockPath> acquires, List<LockPath> releases, List<LockPath> waitsFor) {
  static final MethodSummary NONE = new MethodSummary(List.of(), List.of(), List.of());

  MethodSummary {
    acquires = List.copyOf(acquires);
    releases = List.copyOf(releases);
    waitsFor = List.copyOf(waitsFor);
  }
}
