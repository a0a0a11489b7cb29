package dev.latchkey.checks.api;

import dev.latchkey.checks.config.MethodPattern;
import dev.latchkey.checks.model.MethodRef;
import java.util.List;
import java.util.Set;

/**
 * Library methods that run the lambda or method reference they are given before they return, on the
 * calling thread ({@code list.forEach(..)}, {@code map.computeIfAbsent(..)}, {@code
 * optional.ifPresent(..)}, the operations of a sequential stream). Code passed to them holds the
 * locks held at the call; code passed anywhere else may run later, on another thread, and holds
 * nothing. Users add their own with the {@code ImmediateMethods} configuration key.
 */
public final class ImmediateCallbacks {
  private ImmediateCallbacks() {}

  /**
   * Names that mean "call the function now" on any receiver, the JDK's collections and maps as well
   * as Guava's, Eclipse Collections' or an application's own ({@code forEach} overrides).
   */
  private static final Set<String> ANY_OWNER_METHODS =
      Set.of(
          "forEach",
          "forEachRemaining",
          "removeIf",
          "replaceAll",
          "computeIfAbsent",
          "computeIfPresent",
          "ifPresent",
          "ifPresentOrElse",
          "orElseGet");

  /** JDK collection and map methods that call their function argument before returning. */
  private static final Set<String> COLLECTION_METHODS = Set.of("compute", "merge", "sort");

  /** Optional's methods that call their function argument (when there is a value, or not). */
  private static final Set<String> OPTIONAL_METHODS =
      Set.of(
          "ifPresent",
          "ifPresentOrElse",
          "map",
          "flatMap",
          "filter",
          "or",
          "orElseGet",
          "orElseThrow");

  /**
   * Stream operations: intermediate ones run when the terminal operation of the same expression
   * runs, which is where the chain is written in practice.
   */
  private static final Set<String> STREAM_METHODS =
      Set.of(
          "map",
          "mapToInt",
          "mapToLong",
          "mapToDouble",
          "mapToObj",
          "flatMap",
          "mapMulti",
          "filter",
          "peek",
          "sorted",
          "takeWhile",
          "dropWhile",
          "forEach",
          "forEachOrdered",
          "reduce",
          "collect",
          "anyMatch",
          "allMatch",
          "noneMatch",
          "min",
          "max",
          "distinct",
          "boxed");

  /** Static helpers that call their comparator or function before returning. */
  private static final Set<String> STATIC_HELPERS =
      Set.of(
          "java.util.Collections#sort",
          "java.util.Arrays#sort",
          "java.util.Arrays#setAll",
          "java.util.Objects#requireNonNullElseGet");

  /**
   * Whether {@code callee} runs its lambda arguments before returning, on the calling thread. A
   * stream operation counts only when the stream is sequential; the caller decides that.
   */
  public static boolean runsImmediately(MethodRef callee, List<MethodPattern> configured) {
    for (MethodPattern pattern : configured) {
      if (pattern.matches(callee)) {
        return true;
      }
    }
    String owner = callee.owner();
    String name = callee.name();
    if (ANY_OWNER_METHODS.contains(name) || STATIC_HELPERS.contains(owner + "#" + name)) {
      return true;
    }
    if (isStreamType(owner)) {
      return STREAM_METHODS.contains(name);
    }
    if (owner.startsWith("java.util.Optional")) {
      return OPTIONAL_METHODS.contains(name);
    }
    return (owner.startsWith("java.util.") || owner.equals("java.lang.Iterable"))
        && COLLECTION_METHODS.contains(name);
  }

  /** {@code java.util.stream.Stream}, {@code IntStream}, ... */
  public static boolean isStreamType(String owner) {
    return owner.startsWith("java.util.stream.") && owner.endsWith("Stream");
  }
}
