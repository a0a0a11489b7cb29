package dev.latchkey.checks.locks;

import dev.latchkey.checks.model.LockPath;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One abstract path state: the state of every lock the path touched, and the values of tracked
 * boolean variables the path has tested or bound. Immutable; a program point holds a set of them.
 *
 * @param unlikely the path runs through the failure of an uninterruptible acquisition ({@code
 *     lock()}), which in practice does not fail: it still shows where a release would go wrong, but
 *     locks leaked only on such paths are not reported
 */
record Fact(Map<LockPath, LockState> locks, Map<String, Boolean> variables, boolean unlikely) {
  static final Fact EMPTY = new Fact(Map.of(), Map.of(), false);

  Fact {
    locks = Map.copyOf(locks);
    variables = Map.copyOf(variables);
  }

  /** The lock's state, or null when this path has not touched it. */
  LockState lock(LockPath path) {
    return locks.get(path);
  }

  Fact with(LockPath path, LockState state) {
    Map<LockPath, LockState> changed = new HashMap<>(locks);
    changed.put(path, state);
    return new Fact(changed, variables, unlikely);
  }

  Fact bind(String variable, boolean value) {
    if (variable == null) {
      return this;
    }
    Map<String, Boolean> changed = new HashMap<>(variables);
    changed.put(variable, value);
    return new Fact(locks, changed, unlikely);
  }

  Fact unbind(String variable) {
    if (!variables.containsKey(variable)) {
      return this;
    }
    Map<String, Boolean> changed = new HashMap<>(variables);
    changed.remove(variable);
    return new Fact(locks, changed, unlikely);
  }

  Fact unbindIfPresent(String variable) {
    return variable == null ? this : unbind(variable);
  }

  Fact markUnlikely() {
    return unlikely ? this : new Fact(locks, variables, true);
  }

  /** This fact without the states of locks that are not held and that {@code settled} accepts. */
  Fact forgetNotHeld(Predicate<LockPath> settled) {
    Map<LockPath, LockState> kept = null;
    for (Map.Entry<LockPath, LockState> entry : locks.entrySet()) {
      if (entry.getValue().status() == LockState.Status.NOT_HELD && settled.test(entry.getKey())) {
        if (kept == null) {
          kept = new HashMap<>(locks);
        }
        kept.remove(entry.getKey());
      }
    }
    return kept == null ? this : new Fact(kept, variables, unlikely);
  }

  Fact withoutVariables() {
    return variables.isEmpty() ? this : new Fact(locks, Map.of(), unlikely);
  }
}
