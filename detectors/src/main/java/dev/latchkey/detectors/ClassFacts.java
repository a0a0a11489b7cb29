package dev.latchkey.detectors;

import dev.latchkey.checks.api.LockApi;
import dev.latchkey.checks.api.LockOperation;
import dev.latchkey.checks.model.LockPath;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.ExceptionTable;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

/**
 * Facts about other classes that the translation needs: subtyping (is this receiver a {@code Lock}?
 * can this {@code catch} type be thrown by an unchecked exception?) and the checked exceptions a
 * method declares. Reads class files through a lookup (SpotBugs' analysis context in the plugin,
 * any class path in tests) and caches per instance; a class it cannot find makes the answer unknown
 * (null), and callers then choose the conservative side.
 */
final class ClassFacts {
  private final Function<String, JavaClass> lookup;
  private final Map<String, JavaClass> classes = new HashMap<>();
  private final Set<String> missing = new HashSet<>();
  private final Map<String, Set<String>> supertypes = new HashMap<>();
  private final Map<String, String> declaringClasses = new HashMap<>();
  private final Map<String, String> fieldOwners = new HashMap<>();
  private final Map<String, Map<String, LockPath>> fieldViews = new HashMap<>();

  /**
   * @param lookup binary class name ({@code pkg.Outer$Inner}) to class, or null when missing
   */
  ClassFacts(Function<String, JavaClass> lookup) {
    this.lookup = lookup;
  }

  /**
   * What calling {@code name} on a receiver whose static type is {@code owner} does to a lock, per
   * the core's {@link LockApi} table; null when it is no lock operation.
   */
  LockOperation lockOperation(String owner, String name, String signature) {
    if (!LockApi.mayBeLockMethod(name)) {
      return null;
    }
    boolean returnsBoolean = signature.endsWith(")Z");
    return LockApi.classify(name, returnsBoolean, type -> isSurelySubtype(owner, type));
  }

  /** The class, or null when it cannot be found. */
  JavaClass lookup(String className) {
    if (className == null || missing.contains(className)) {
      return null;
    }
    JavaClass known = classes.get(className);
    if (known != null) {
      return known;
    }
    JavaClass found;
    try {
      found = lookup.apply(className);
    } catch (RuntimeException e) {
      found = null;
    }
    if (found == null) {
      missing.add(className);
    } else {
      classes.put(className, found);
    }
    return found;
  }

  /**
   * Whether {@code type} is {@code supertype} or a subtype of it; null when part of the hierarchy
   * is missing and the answer is not already known from what was found.
   */
  Boolean isSubtype(String type, String supertype) {
    if (type == null || supertype == null) {
      return null;
    }
    if (type.equals(supertype) || supertype.equals("java.lang.Object")) {
      return true;
    }
    Set<String> all = supertypes(type);
    if (all.contains(supertype)) {
      return true;
    }
    return all.contains(INCOMPLETE) ? null : false;
  }

  /** {@link #isSubtype} with unknown counted as false. */
  boolean isSurelySubtype(String type, String supertype) {
    return Boolean.TRUE.equals(isSubtype(type, supertype));
  }

  private static final String INCOMPLETE = "<incomplete>";

  private static final String LOCKS = "java.util.concurrent.locks.";

  private static final String CONCURRENT = "java.util.concurrent.";

  /**
   * The JDK types the lock and task tables and the catch rules are about, for a host whose class
   * path somehow lacks the JDK: enough to classify them without reading their class files.
   */
  private static final Map<String, List<String>> BUILTIN_SUPERTYPES =
      Map.ofEntries(
          Map.entry(LOCKS + "Lock", List.of()),
          Map.entry(LOCKS + "ReadWriteLock", List.of()),
          Map.entry(LOCKS + "ReentrantLock", List.of(LOCKS + "Lock")),
          Map.entry(LOCKS + "ReentrantReadWriteLock", List.of(LOCKS + "ReadWriteLock")),
          Map.entry(LOCKS + "ReentrantReadWriteLock$ReadLock", List.of(LOCKS + "Lock")),
          Map.entry(LOCKS + "ReentrantReadWriteLock$WriteLock", List.of(LOCKS + "Lock")),
          Map.entry(LOCKS + "StampedLock", List.of()),
          Map.entry(LOCKS + "StampedLock$ReadLockView", List.of(LOCKS + "Lock")),
          Map.entry(LOCKS + "StampedLock$WriteLockView", List.of(LOCKS + "Lock")),
          Map.entry(LOCKS + "StampedLock$ReadWriteLockView", List.of(LOCKS + "ReadWriteLock")),
          Map.entry("java.util.concurrent.Semaphore", List.of()),
          Map.entry("java.lang.Throwable", List.of()),
          Map.entry("java.lang.Exception", List.of("java.lang.Throwable")),
          Map.entry("java.lang.Error", List.of("java.lang.Throwable")),
          Map.entry("java.lang.RuntimeException", List.of("java.lang.Exception")),
          Map.entry("java.lang.InterruptedException", List.of("java.lang.Exception")),
          Map.entry(CONCURRENT + "Executor", List.of()),
          Map.entry(CONCURRENT + "ExecutorService", List.of(CONCURRENT + "Executor")),
          Map.entry(
              CONCURRENT + "ScheduledExecutorService", List.of(CONCURRENT + "ExecutorService")),
          Map.entry(
              CONCURRENT + "AbstractExecutorService", List.of(CONCURRENT + "ExecutorService")),
          Map.entry(
              CONCURRENT + "ThreadPoolExecutor", List.of(CONCURRENT + "AbstractExecutorService")),
          Map.entry(
              CONCURRENT + "ScheduledThreadPoolExecutor",
              List.of(CONCURRENT + "ThreadPoolExecutor", CONCURRENT + "ScheduledExecutorService")),
          Map.entry(CONCURRENT + "ForkJoinPool", List.of(CONCURRENT + "AbstractExecutorService")),
          Map.entry(CONCURRENT + "Future", List.of()),
          Map.entry(CONCURRENT + "CompletionStage", List.of()),
          Map.entry(
              CONCURRENT + "CompletableFuture",
              List.of(CONCURRENT + "Future", CONCURRENT + "CompletionStage")),
          Map.entry("java.lang.Thread", List.of("java.lang.Runnable")),
          // JDK 21+: class files for release 21 may be analysed on an older JDK.
          Map.entry("java.lang.Thread$Builder", List.of()),
          Map.entry("java.lang.Thread$Builder$OfVirtual", List.of("java.lang.Thread$Builder")),
          Map.entry("java.lang.Thread$Builder$OfPlatform", List.of("java.lang.Thread$Builder")),
          Map.entry("java.lang.Runnable", List.of()));

  private Set<String> supertypes(String type) {
    Set<String> known = supertypes.get(type);
    if (known != null) {
      return known;
    }
    Set<String> all = new HashSet<>();
    Deque<String> work = new ArrayDeque<>();
    work.add(type);
    while (!work.isEmpty()) {
      String next = work.poll();
      if (!all.add(next)) {
        continue;
      }
      JavaClass cls = lookup(next);
      if (cls == null) {
        List<String> builtin = BUILTIN_SUPERTYPES.get(next);
        if (builtin != null) {
          work.addAll(builtin);
        } else if (!next.equals("java.lang.Object")) {
          all.add(INCOMPLETE);
        }
        continue;
      }
      if (!cls.getClassName().equals("java.lang.Object")) {
        work.add(cls.getSuperclassName());
      }
      work.addAll(List.of(cls.getInterfaceNames()));
    }
    supertypes.put(type, all);
    return all;
  }

  /**
   * The class that declares field {@code name} as seen from {@code className} (searched up the
   * hierarchy, as javac resolves it), or {@code className} when it cannot be found.
   */
  /**
   * The view of a read/write lock that the final field {@code name} of {@code className} holds
   * ({@link FieldViews}), relative to the object that declares it; null when it holds none.
   */
  LockPath fieldView(String className, String name) {
    String owner = fieldOwner(className, name);
    Map<String, LockPath> views =
        fieldViews.computeIfAbsent(
            owner,
            key -> {
              JavaClass cls = lookup(key);
              return cls == null ? Map.of() : FieldViews.of(cls, this);
            });
    return views.get(name);
  }

  String fieldOwner(String className, String name) {
    return fieldOwners.computeIfAbsent(
        className + "." + name, key -> findFieldOwner(className, name));
  }

  private String findFieldOwner(String className, String name) {
    Deque<String> work = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    work.add(className);
    while (!work.isEmpty()) {
      String next = work.poll();
      if (!seen.add(next)) {
        continue;
      }
      JavaClass cls = lookup(next);
      if (cls == null) {
        continue;
      }
      for (Field field : cls.getFields()) {
        if (field.getName().equals(name)) {
          return cls.getClassName();
        }
      }
      work.addAll(List.of(cls.getInterfaceNames()));
      if (!cls.getClassName().equals("java.lang.Object")) {
        work.add(cls.getSuperclassName());
      }
    }
    return className;
  }

  /** Whether {@code owner} declares a field {@code name} that the compiler made up. */
  boolean isSyntheticField(String owner, String name) {
    JavaClass cls = lookup(owner);
    if (cls == null) {
      return false;
    }
    for (Field field : cls.getFields()) {
      if (field.getName().equals(name)) {
        return field.isSynthetic();
      }
    }
    return false;
  }

  /**
   * Whether method {@code name}{@code descriptor} of {@code owner} (searched up the hierarchy;
   * constructors in {@code owner} only) is declared with varargs; false when it cannot be found.
   */
  boolean isVarargs(String owner, String name, String descriptor) {
    Method method = findMethod(owner, name, descriptor);
    return method != null && (method.getAccessFlags() & Const.ACC_VARARGS) != 0;
  }

  /**
   * The class that declares method {@code name}{@code descriptor} as seen from {@code owner}
   * (itself, else up the superclasses, then the interfaces, as javac resolves it); null when it
   * cannot be found.
   */
  String declaringClass(String owner, String name, String descriptor) {
    String key = owner + "." + name + descriptor;
    if (declaringClasses.containsKey(key)) {
      return declaringClasses.get(key);
    }
    String found = findDeclaringClass(owner, name, descriptor);
    declaringClasses.put(key, found);
    return found;
  }

  private String findDeclaringClass(String owner, String name, String descriptor) {
    Deque<String> work = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    List<String> interfaces = new java.util.ArrayList<>();
    for (String next = owner; next != null; ) {
      if (!seen.add(next)) {
        break;
      }
      JavaClass cls = lookup(next);
      if (cls == null) {
        return null;
      }
      if (declares(cls, name, descriptor)) {
        return cls.getClassName();
      }
      interfaces.addAll(List.of(cls.getInterfaceNames()));
      next = cls.getClassName().equals("java.lang.Object") ? null : cls.getSuperclassName();
    }
    work.addAll(interfaces);
    while (!work.isEmpty()) {
      String next = work.poll();
      if (!seen.add(next)) {
        continue;
      }
      JavaClass cls = lookup(next);
      if (cls == null) {
        continue;
      }
      if (declares(cls, name, descriptor)) {
        return cls.getClassName();
      }
      work.addAll(List.of(cls.getInterfaceNames()));
    }
    return null;
  }

  private static boolean declares(JavaClass cls, String name, String descriptor) {
    for (Method method : cls.getMethods()) {
      if (method.getName().equals(name) && method.getSignature().equals(descriptor)) {
        return true;
      }
    }
    return false;
  }

  private Method findMethod(String owner, String name, String descriptor) {
    Deque<String> work = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    work.add(owner);
    while (!work.isEmpty()) {
      String next = work.poll();
      if (!seen.add(next)) {
        continue;
      }
      JavaClass cls = lookup(next);
      if (cls == null) {
        continue;
      }
      for (Method method : cls.getMethods()) {
        if (method.getName().equals(name) && method.getSignature().equals(descriptor)) {
          return method;
        }
      }
      if (name.equals("<init>")) {
        return null;
      }
      if (!cls.getClassName().equals("java.lang.Object")) {
        work.add(cls.getSuperclassName());
      }
      work.addAll(List.of(cls.getInterfaceNames()));
    }
    return null;
  }

  /**
   * The checked exceptions (binary names) that method {@code name}{@code descriptor} of {@code
   * owner} declares, searched up the hierarchy; null when it cannot be found.
   */
  List<String> declaredExceptions(String owner, String name, String descriptor) {
    Method method = findMethod(owner, name, descriptor);
    if (method == null) {
      return null;
    }
    ExceptionTable table = method.getExceptionTable();
    return table == null ? List.of() : List.of(table.getExceptionNames());
  }

  /**
   * The annotations ({@link Declarations#annotationNames}) of the methods that {@code method} of
   * {@code cls} overrides: a method of the same name and descriptor, neither private nor static, in
   * a superclass or an interface that can be read.
   */
  Set<String> overriddenAnnotations(JavaClass cls, Method method) {
    Set<String> names = new java.util.LinkedHashSet<>();
    Deque<String> work = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    if (!cls.getClassName().equals("java.lang.Object")) {
      work.add(cls.getSuperclassName());
    }
    work.addAll(List.of(cls.getInterfaceNames()));
    while (!work.isEmpty()) {
      String next = work.poll();
      if (!seen.add(next)) {
        continue;
      }
      JavaClass type = lookup(next);
      if (type == null) {
        continue;
      }
      for (Method candidate : type.getMethods()) {
        if (candidate.getName().equals(method.getName())
            && candidate.getSignature().equals(method.getSignature())
            && !candidate.isPrivate()
            && !candidate.isStatic()) {
          names.addAll(Declarations.annotationNames(candidate.getAnnotationEntries()));
        }
      }
      if (!type.getClassName().equals("java.lang.Object")) {
        work.add(type.getSuperclassName());
      }
      work.addAll(List.of(type.getInterfaceNames()));
    }
    return names;
  }
}
