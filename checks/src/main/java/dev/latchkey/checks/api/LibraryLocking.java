package dev.latchkey.checks.api;

import dev.latchkey.checks.model.MethodRef;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one table of what JDK methods do with application locks and code that the analysed program
 * cannot show: which methods take their receiver's monitor (the {@code synchronized} methods of
 * {@code Vector}, {@code Hashtable}, {@code StringBuffer}, {@code Observable}, also when a subclass
 * inherits them), and which call back into application code while the caller's locks are held
 * ({@code Observable.notifyObservers} runs every observer's {@code update}, {@code
 * Collections.sort} the comparator's {@code compare}, {@code String.valueOf} the argument's {@code
 * toString}).
 */
public final class LibraryLocking {
  private LibraryLocking() {}

  /** The callback's receiver is not known (every implementation in the program may run). */
  public static final int ANY_RECEIVER = -1;

  /**
   * Application code a library method runs before it returns: {@code method} (an interface or
   * {@code Object} method, dispatched over the program's implementations) on the call's argument
   * number {@code receiverArgument}, or on {@link #ANY_RECEIVER}.
   */
  public record Callback(MethodRef method, int receiverArgument) {}

  /**
   * Classes whose public instance methods take the receiver's monitor (declared {@code
   * synchronized}, or delegating to one that is), except the ones named: those return iterators or
   * views without locking.
   */
  private static final Map<String, Set<String>> MONITOR_CLASSES =
      Map.of(
          "java.util.Vector",
          Set.of("iterator", "listIterator", "spliterator", "stream", "parallelStream", "elements"),
          "java.util.Stack",
          Set.of("iterator", "listIterator", "spliterator", "stream", "parallelStream", "elements"),
          "java.util.Hashtable",
          Set.of("keySet", "entrySet", "values", "keys", "elements"),
          "java.lang.StringBuffer",
          Set.of(),
          "java.util.Observable",
          Set.of());

  private static final MethodRef UPDATE =
      new MethodRef("java.util.Observer", "update", "(Ljava/util/Observable;Ljava/lang/Object;)V");
  private static final MethodRef COMPARE =
      new MethodRef("java.util.Comparator", "compare", "(Ljava/lang/Object;Ljava/lang/Object;)I");
  private static final MethodRef TO_STRING =
      new MethodRef("java.lang.Object", "toString", "()Ljava/lang/String;");

  /** Whether calling {@code callee} takes the monitor of its receiver. */
  public static boolean takesReceiverMonitor(MethodRef callee) {
    Set<String> unlocked = MONITOR_CLASSES.get(callee.owner());
    return unlocked != null && !callee.name().startsWith("<") && !unlocked.contains(callee.name());
  }

  /** The application code {@code callee} runs before it returns; empty when none is known. */
  public static List<Callback> callbacks(MethodRef callee) {
    String owner = callee.owner();
    String name = callee.name();
    String descriptor = callee.descriptor();
    if (owner.equals("java.util.Observable") && name.equals("notifyObservers")) {
      return List.of(new Callback(UPDATE, ANY_RECEIVER));
    }
    if (name.equals("sort") && descriptor.contains("Ljava/util/Comparator;")) {
      if (owner.equals("java.util.Collections") || owner.equals("java.util.Arrays")) {
        return List.of(new Callback(COMPARE, parameterCount(descriptor) - 1));
      }
      if (owner.equals("java.util.List")) {
        return List.of(new Callback(COMPARE, 0));
      }
    }
    boolean stringOfObject =
        (owner.equals("java.lang.String") && name.equals("valueOf"))
            || (owner.equals("java.lang.StringBuilder") && name.equals("append"))
            || (owner.equals("java.lang.StringBuffer") && name.equals("append"))
            || (owner.equals("java.util.Objects") && name.equals("toString"));
    if (stringOfObject && descriptor.startsWith("(Ljava/lang/Object;")) {
      return List.of(new Callback(TO_STRING, 0));
    }
    return List.of();
  }

  /** The number of parameters in a JVM method descriptor. */
  private static int parameterCount(String descriptor) {
    int count = 0;
    int i = 1;
    while (descriptor.charAt(i) != ')') {
      while (descriptor.charAt(i) == '[') {
        i++;
      }
      i = descriptor.charAt(i) == 'L' ? descriptor.indexOf(';', i) + 1 : i + 1;
      count++;
    }
    return count;
  }
}
