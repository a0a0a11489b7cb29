package dev.latchkey.checks.exceptions;

import java.util.HashMap;
import java.util.Map;

/**
 * The values of tracked boolean variables along one path, as the family's path searches follow them
 * (the lock analysis does the same with its facts): immutable maps, variable to value.
 */
final class FlagValues {
  private FlagValues() {}

  /** {@code flags} with {@code variable} bound; a one-shot condition ({@code #c..}) is not kept. */
  static Map<String, Boolean> with(Map<String, Boolean> flags, String variable, boolean value) {
    if (variable.startsWith("#")) {
      return flags;
    }
    Map<String, Boolean> copy = new HashMap<>(flags);
    copy.put(variable, value);
    return Map.copyOf(copy);
  }

  /** {@code flags} without {@code variable}: it was assigned a value the model does not know. */
  static Map<String, Boolean> without(Map<String, Boolean> flags, String variable) {
    if (!flags.containsKey(variable)) {
      return flags;
    }
    Map<String, Boolean> copy = new HashMap<>(flags);
    copy.remove(variable);
    return Map.copyOf(copy);
  }
}
