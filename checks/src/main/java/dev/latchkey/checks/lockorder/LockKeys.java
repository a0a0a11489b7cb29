package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;

/**
 * Abstract lock identity for the program-wide lock-order graph: the static type of the lock path's
 * root followed by its selectors. {@code this.lock} in class {@code C} is {@code C.lock}, {@code
 * from.lock} with {@code from} an {@code Account} is {@code Account.lock}, {@code this} is {@code
 * C} (the monitor of some C), {@code Foo.class} is {@code Foo.class}, a static {@code Foo.LOCK} is
 * {@code Foo.LOCK}; read/write views count as their lock ({@code this.rw#read} is {@code C.rw}).
 */
final class LockKeys {
  private static final int MAX_SELECTORS = 6;

  private LockKeys() {}

  /** The lock a path names, read/write views collapsed to their lock. */
  static LockPath collapse(LockPath path) {
    return path == null || path.view() == null ? path : path.viewOwner();
  }

  /**
   * The key of {@code path} as seen in {@code method}, with {@code rootType} the static type of a
   * local root; null when it cannot be known (a local of unknown type, or of type Object).
   */
  static String key(LockPath path, String rootType, MethodModel method) {
    LockPath lock = collapse(path);
    String type =
        switch (lock.rootKind()) {
          case THIS -> method.ref().owner();
          case OUTER, STATIC -> lock.root();
          case LOCAL -> rootType;
        };
    if (type == null
        || (lock.rootKind() == LockPath.RootKind.LOCAL
            && lock.selectors().isEmpty()
            && type.equals("java.lang.Object"))) {
      return null;
    }
    return type + String.join("", lock.selectors());
  }

  /** The key of the lock of a lock event, using its recorded root type. */
  static String key(Node lockEvent, MethodModel method) {
    return key(lockEvent.lock(), lockEvent.rootType(), method);
  }

  /** Too long to follow further (recursion through {@code next.next...}). */
  static boolean tooLong(LockPath path) {
    return path.selectors().size() > MAX_SELECTORS;
  }

  /** A key for messages: simple class names ({@code Account.lock}). */
  static String display(String key) {
    int firstSelector = firstSelector(key);
    String type = key.substring(0, firstSelector);
    String simple = type.substring(type.lastIndexOf('.') + 1);
    simple = simple.substring(simple.lastIndexOf('$') + 1);
    return simple + key.substring(firstSelector);
  }

  /** Where the selectors start: after the first segment that starts upper-case (the class). */
  private static int firstSelector(String key) {
    int offset = 0;
    for (String part : key.split("\\.", -1)) {
      if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
        return offset + part.length();
      }
      offset += part.length() + 1;
    }
    return key.length();
  }
}
