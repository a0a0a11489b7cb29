package dev.latchkey.checks.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which library types may be shared between threads without a lock, which may not, and which of
 * their methods change them. Read by the race checks (RacyTaskMutation judges a mutated object by
 * the class it was created as; UnguardedFieldAccess leaves fields of thread-safe types alone and
 * treats a mutator call on a non-thread-safe container held in a field, directly or through a view
 * or iterator, as a write of the field).
 */
public final class ThreadSafeTypes {
  private ThreadSafeTypes() {}

  /** Concrete library classes that must not be mutated by two threads at once. */
  private static final Set<String> UNSAFE =
      Set.of(
          "java.util.ArrayList",
          "java.util.LinkedList",
          "java.util.HashMap",
          "java.util.LinkedHashMap",
          "java.util.TreeMap",
          "java.util.IdentityHashMap",
          "java.util.WeakHashMap",
          "java.util.EnumMap",
          "java.util.HashSet",
          "java.util.LinkedHashSet",
          "java.util.TreeSet",
          "java.util.EnumSet",
          "java.util.ArrayDeque",
          "java.util.PriorityQueue",
          "java.util.BitSet",
          "java.lang.StringBuilder");

  /** Library classes outside java.util.concurrent whose methods are synchronized. */
  private static final Set<String> SAFE =
      Set.of(
          "java.util.Vector",
          "java.util.Stack",
          "java.util.Hashtable",
          "java.util.Properties",
          "java.lang.StringBuffer",
          "java.lang.ThreadLocal",
          "java.util.Random");

  /** Factories that return a thread-safe (synchronized) view. */
  private static final Set<String> SAFE_FACTORIES =
      Set.of(
          "synchronizedList",
          "synchronizedMap",
          "synchronizedSet",
          "synchronizedCollection",
          "synchronizedSortedMap",
          "synchronizedSortedSet",
          "synchronizedNavigableMap",
          "synchronizedNavigableSet",
          "newSetFromMap");

  /** What a call of a method of a collection, map, queue or string builder does to it. */
  public enum ContainerMethod {
    /** Changes it ({@code put}, {@code add}, {@code remove}, ...). */
    MUTATES,
    /** Reads its contents without changing it ({@code get}, {@code size}, {@code forEach}, ...). */
    READS,
    /**
     * Returns a live view of it or an iterator over it ({@code keySet()}, {@code iterator()}): a
     * read of its contents, and mutating the view ({@code map.keySet().remove(k)}, {@code
     * it.remove()}) mutates the container.
     */
    VIEW
  }

  /**
   * The one table of container methods by name: which change a collection, map, queue or string
   * builder, which only read it, which return a view of it. A name not listed is not judged.
   */
  private static final Map<String, ContainerMethod> CONTAINER_METHODS = containerMethods();

  private static Map<String, ContainerMethod> containerMethods() {
    Map<String, ContainerMethod> table = new HashMap<>();
    for (String name :
        List.of(
            "add",
            "addAll",
            "addFirst",
            "addLast",
            "put",
            "putAll",
            "putIfAbsent",
            "remove",
            "removeAll",
            "removeIf",
            "retainAll",
            "removeFirst",
            "removeLast",
            "clear",
            "set",
            "append",
            "insert",
            "delete",
            "deleteCharAt",
            "setLength",
            "setCharAt",
            "replace",
            "replaceAll",
            "reverse",
            "offer",
            "offerFirst",
            "offerLast",
            "push",
            "pop",
            "poll",
            "pollFirst",
            "pollLast",
            "pollFirstEntry",
            "pollLastEntry",
            "compute",
            "computeIfAbsent",
            "computeIfPresent",
            "merge",
            "sort")) {
      table.put(name, ContainerMethod.MUTATES);
    }
    for (String name :
        List.of(
            "get",
            "getOrDefault",
            "getFirst",
            "getLast",
            "size",
            "isEmpty",
            "contains",
            "containsKey",
            "containsValue",
            "containsAll",
            "indexOf",
            "lastIndexOf",
            "forEach",
            "stream",
            "parallelStream",
            "spliterator",
            "toArray",
            "toString",
            "equals",
            "hashCode",
            "peek",
            "peekFirst",
            "peekLast",
            "element",
            "first",
            "last",
            "firstKey",
            "lastKey",
            "firstEntry",
            "lastEntry",
            "floor",
            "ceiling",
            "higher",
            "lower",
            "floorKey",
            "ceilingKey",
            "higherKey",
            "lowerKey",
            "floorEntry",
            "ceilingEntry",
            "higherEntry",
            "lowerEntry",
            "hasNext",
            "next",
            "charAt",
            "length",
            "substring")) {
      table.put(name, ContainerMethod.READS);
    }
    for (String name :
        List.of(
            "keySet",
            "values",
            "entrySet",
            "navigableKeySet",
            "descendingKeySet",
            "descendingMap",
            "headMap",
            "tailMap",
            "subMap",
            "headSet",
            "tailSet",
            "subSet",
            "subList",
            "iterator",
            "listIterator",
            "descendingIterator")) {
      table.put(name, ContainerMethod.VIEW);
    }
    return Map.copyOf(table);
  }

  /** Whether instances of the class {@code binaryName} may be used by several threads at once. */
  public static boolean isThreadSafe(String binaryName) {
    return binaryName.startsWith("java.util.concurrent.")
        || SAFE.contains(binaryName)
        || binaryName.startsWith("java.util.Collections$Synchronized");
  }

  /** Whether {@code binaryName} is a concrete library class that is not thread-safe. */
  public static boolean isUnsafe(String binaryName) {
    return UNSAFE.contains(binaryName);
  }

  /** Whether a static factory call {@code owner.name(..)} returns a thread-safe object. */
  public static boolean isSafeFactory(String owner, String name) {
    return owner.equals("java.util.Collections") && SAFE_FACTORIES.contains(name);
  }

  /** Whether calling {@code name} on a collection, map, queue or builder changes it. */
  public static boolean isMutator(String name) {
    return CONTAINER_METHODS.get(name) == ContainerMethod.MUTATES;
  }

  /**
   * Whether calling {@code name} on a collection, map, queue or builder reads its contents without
   * changing it (a view or an iterator over it included).
   */
  public static boolean isReader(String name) {
    ContainerMethod kind = CONTAINER_METHODS.get(name);
    return kind == ContainerMethod.READS || kind == ContainerMethod.VIEW;
  }

  /** Whether {@code name} returns a live view of a collection or map, or an iterator over it. */
  public static boolean isView(String name) {
    return CONTAINER_METHODS.get(name) == ContainerMethod.VIEW;
  }

  /** The binary class name in a field descriptor ({@code Ljava/util/List;}), or null. */
  public static String className(String descriptor) {
    if (descriptor == null || !descriptor.startsWith("L") || !descriptor.endsWith(";")) {
      return null;
    }
    return descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
  }

  /**
   * Values whose racy publication is harmless: primitives other than {@code long} and {@code
   * double} (whose writes may tear), and {@code String}.
   */
  public static boolean isSafelyPublished(String descriptor) {
    return descriptor != null
        && (descriptor.length() == 1 && "IZBCSF".contains(descriptor)
            || descriptor.equals("Ljava/lang/String;"));
  }
}
