package dev.latchkey.checks.races;

import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.LockView;

/**
 * Turns the lock expression of a {@code @GuardedBy} into the lock path that the accessing code must
 * hold: {@code this}, {@code lock} / {@code this.lock} (a field), {@code Outer.this.lock}, {@code
 * Foo.class}, {@code Foo.LOCK} (a static field), {@code getLock()} (a no-argument method), {@code
 * itself} / {@code <self>} (the guarded field itself), and chains of these ({@code
 * rw.writeLock()}). Instance-relative expressions are based on the object whose member is accessed:
 * for {@code other.count} guarded by {@code lock}, the lock is {@code other.lock}.
 */
final class GuardExpressions {
  private GuardExpressions() {}

  /**
   * The lock, or null when the expression cannot be resolved here (then nothing is reported).
   *
   * @param base the object whose member is accessed ({@code this}, {@code other}), or null for a
   *     static member
   * @param self the accessed field's own path, for {@code itself}; null for methods
   */
  static LockPath resolve(String expression, LockPath base, LockPath self, ClassModel cls) {
    String text = expression == null ? "" : expression.strip();
    if (text.isEmpty()) {
      return null;
    }
    if (text.equals("itself") || text.equals("<self>")) {
      return self;
    }
    if (text.endsWith(".class")) {
      String className = resolveClass(text.substring(0, text.length() - ".class".length()), cls);
      return className == null ? null : LockPath.ofClassLiteral(className);
    }
    String[] parts = text.split("\\.");
    int thisAt = indexOf(parts, "this");
    LockPath root;
    int next;
    if (thisAt == 0) {
      root = base;
      next = 1;
    } else if (thisAt > 0) {
      String className = resolveClass(join(parts, 0, thisAt), cls);
      if (className == null) {
        return null;
      }
      root = className.equals(cls.name()) ? base : LockPath.ofOuter(className);
      if (root != null
          && root.rootKind() == LockPath.RootKind.OUTER
          && (base == null || !base.equals(LockPath.ofThis()))) {
        return null; // Outer.this of another object's member: not nameable here
      }
      next = thisAt + 1;
    } else {
      FieldModel field = cls.field(parts[0]);
      if (field != null && field.isStatic()) {
        root = LockPath.ofStaticField(cls.name(), parts[0]);
        next = 1;
      } else if (field != null || parts[0].endsWith("()") || parts.length == 1) {
        root = base; // an instance field or method, possibly inherited
        next = 0;
      } else {
        int classEnd = staticFieldAt(parts, cls);
        if (classEnd < 0) {
          root = base;
          next = 0;
        } else {
          root =
              LockPath.ofStaticField(resolveClass(join(parts, 0, classEnd), cls), parts[classEnd]);
          next = classEnd + 1;
        }
      }
    }
    if (root == null) {
      return null;
    }
    for (int i = next; i < parts.length; i++) {
      root = select(root, parts[i]);
      if (root == null) {
        return null;
      }
    }
    return root;
  }

  private static LockPath select(LockPath path, String part) {
    if (part.isEmpty()) {
      return null;
    }
    if (part.endsWith("()")) {
      String method = part.substring(0, part.length() - 2);
      return switch (method) {
        case "readLock", "asReadLock" -> path.view(LockView.READ);
        case "writeLock", "asWriteLock" -> path.view(LockView.WRITE);
        default -> path.call(method);
      };
    }
    return part.contains("(") ? null : path.field(part);
  }

  /** The index of the part naming a static field after a class name ({@code Locks.LOCK}). */
  private static int staticFieldAt(String[] parts, ClassModel cls) {
    for (int end = 1; end < parts.length; end++) {
      if (resolveClass(join(parts, 0, end), cls) != null) {
        return end;
      }
    }
    return -1;
  }

  /**
   * The binary name of the class named {@code name} in the source: this class, one of its enclosing
   * classes (by simple or dotted name), or a fully qualified name; null when unknown.
   */
  static String resolveClass(String name, ClassModel cls) {
    String binary = cls.name();
    for (int end = binary.length(); end > 0; end = binary.lastIndexOf('$', end - 1)) {
      String candidate = binary.substring(0, end);
      String dotted = candidate.replace('$', '.');
      if (dotted.equals(name) || dotted.endsWith("." + name)) {
        return candidate;
      }
      if (end == 0 || binary.lastIndexOf('$', end - 1) < 0) {
        break;
      }
    }
    boolean qualified = name.contains(".") && Character.isLowerCase(name.charAt(0));
    return qualified ? name : null;
  }

  private static int indexOf(String[] parts, String wanted) {
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].equals(wanted)) {
        return i;
      }
    }
    return -1;
  }

  private static String join(String[] parts, int from, int to) {
    return String.join(".", java.util.Arrays.copyOfRange(parts, from, to));
  }
}
