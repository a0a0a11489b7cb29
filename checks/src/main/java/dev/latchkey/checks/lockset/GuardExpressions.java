package dev.latchkey.checks.lockset;

import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.LockView;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the lock expression of a {@code @GuardedBy} into the lock path that the accessing code must
 * hold: {@code this}, {@code lock} / {@code this.lock} (a field), {@code Outer.this.lock}, {@code
 * Foo.class}, {@code Foo.LOCK} / {@code com.acme.Locks.Inner.MU} (a static field), a parameter of a
 * guarded method ({@code work.lock}), {@code getLock()} (a no-argument method), {@code itself} /
 * {@code <self>} (the guarded field itself), and chains of these ({@code rw.writeLock()}).
 * Instance-relative expressions are based on the object whose member is accessed: for {@code
 * other.count} guarded by {@code lock}, the lock is {@code other.lock}.
 *
 * <p>An expression resolves only when it names something: a declared field, a parameter, a class
 * (this one, an enclosing one, or by its qualified name), or — for a name the class does not
 * declare, such as an inherited field — a lock the class's own code takes. Anything else ({@code
 * "UI_THREAD"}, a typo) resolves to null, and nothing is judged against it.
 */
public final class GuardExpressions {
  private GuardExpressions() {}

  /**
   * The lock of a field's {@code @GuardedBy}, or null when the expression names no lock here.
   *
   * @param base the object whose member is accessed ({@code this}, {@code other}), or null for a
   *     static member
   * @param self the accessed field's own path, for {@code itself}; null for methods
   */
  public static LockPath resolve(String expression, LockPath base, LockPath self, ClassModel cls) {
    return resolve(expression, base, self, Map.of(), cls);
  }

  /**
   * The lock a method's own {@code @GuardedBy} says its callers hold, named inside its body (its
   * parameters are locals there); null when it names no lock.
   */
  public static LockPath resolveForMethod(MethodModel method, ClassModel cls) {
    Map<String, LockPath> parameters = new HashMap<>();
    for (String name : method.parameterNames()) {
      parameters.put(name, LockPath.ofLocal(name));
    }
    return resolve(method.guardedBy(), LockPath.ofThis(), null, parameters, cls);
  }

  /**
   * The lock a call of the guarded method {@code callee} must hold, in the caller's terms: the
   * callee's {@code this} is {@code base} (null for a static method), its parameters the call's
   * {@code arguments} (null where not nameable).
   */
  public static LockPath resolveForCall(
      MethodModel callee, LockPath base, List<LockPath> arguments, ClassModel cls) {
    Map<String, LockPath> parameters = new HashMap<>();
    List<String> names = callee.parameterNames();
    for (int i = 0; i < names.size(); i++) {
      parameters.put(names.get(i), i < arguments.size() ? arguments.get(i) : null);
    }
    return resolve(callee.guardedBy(), base, null, parameters, cls);
  }

  private static LockPath resolve(
      String expression,
      LockPath base,
      LockPath self,
      Map<String, LockPath> parameters,
      ClassModel cls) {
    String text = expression == null ? "" : expression.strip();
    if (text.isEmpty()) {
      return null;
    }
    if (text.equals("itself") || text.equals("<self>")) {
      return self;
    }
    if (text.endsWith(".class")) {
      String name = text.substring(0, text.length() - ".class".length());
      String className = resolveClass(name, cls);
      return className == null ? takenClassLiteral(name, cls) : LockPath.ofClassLiteral(className);
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
    } else if (parameters.containsKey(parts[0])) {
      root = parameters.get(parts[0]);
      next = 1;
    } else {
      FieldModel field = cls.field(parts[0]);
      if (field != null && field.isStatic()) {
        root = LockPath.ofStaticField(cls.name(), parts[0]);
        next = 1;
      } else if (field != null || parts[0].endsWith("()")) {
        root = base; // an instance field or method of the class
        next = 0;
      } else {
        int classEnd = staticFieldAt(parts, cls);
        if (classEnd > 0) {
          root = staticField(join(parts, 0, classEnd), parts[classEnd], cls);
          next = classEnd + 1;
        } else if (base != null && takesMember(base, parts[0], cls)) {
          root = base; // an inherited field the class's code locks
          next = 0;
        } else {
          return null; // names nothing: a typo, or a convention such as "UI_THREAD"
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

  /**
   * The index of the part naming a static field after a class name ({@code Locks.LOCK}, {@code
   * com.acme.Locks.Inner.MU}), or -1: the class is this one or an enclosing one, a class whose
   * static field the class's code locks, or a name that reads as a class (capitalized).
   */
  private static int staticFieldAt(String[] parts, ClassModel cls) {
    for (int end = parts.length - 1; end >= 1; end--) {
      String className = join(parts, 0, end);
      if (resolveClass(className, cls) != null
          || takenStaticField(className, parts[end], cls) != null) {
        return end;
      }
    }
    for (int end = 1; end < parts.length; end++) {
      if (readsAsClass(parts[end - 1]) && !readsAsClass(parts[end])) {
        return end;
      }
    }
    return -1;
  }

  /** The static field {@code field} of the class written {@code className} in the source. */
  private static LockPath staticField(String className, String field, ClassModel cls) {
    String resolved = resolveClass(className, cls);
    if (resolved != null) {
      return LockPath.ofStaticField(resolved, field);
    }
    LockPath taken = takenStaticField(className, field, cls);
    return taken != null ? taken : LockPath.ofStaticField(binaryName(className, cls), field);
  }

  /**
   * The binary name of the class named {@code name} in the source: this class, one of its enclosing
   * classes (by simple or dotted name), or a fully qualified name; null when unknown.
   */
  public static String resolveClass(String name, ClassModel cls) {
    String binary = cls.name();
    for (int end = binary.length(); end > 0; end = binary.lastIndexOf('$', end - 1)) {
      String candidate = binary.substring(0, end);
      String dotted = candidate.replace('$', '.');
      if (dotted.equals(name) || dotted.endsWith("." + name)) {
        return candidate;
      }
      if (binary.lastIndexOf('$', end - 1) < 0) {
        break;
      }
    }
    boolean qualified =
        name.contains(".")
            && Character.isLowerCase(name.charAt(0))
            && readsAsClass(name.substring(name.lastIndexOf('.') + 1));
    return qualified ? binaryName(name, cls) : null;
  }

  /**
   * A source class name as a binary name by the naming convention: package segments are lower case,
   * the first capitalized segment is the top-level class, later ones nested classes ({@code
   * com.acme.Locks.Inner} is {@code com.acme.Locks$Inner}); a name without a package is in the
   * package of {@code cls}.
   */
  private static String binaryName(String name, ClassModel cls) {
    String[] parts = name.split("\\.");
    StringBuilder binary = new StringBuilder();
    boolean inClass = false;
    for (String part : parts) {
      if (binary.length() > 0) {
        binary.append(inClass ? '$' : '.');
      }
      binary.append(part);
      inClass |= startsUpper(part);
    }
    if (startsUpper(parts[0])) {
      int dot = cls.name().lastIndexOf('.');
      return dot < 0 ? binary.toString() : cls.name().substring(0, dot + 1) + binary;
    }
    return binary.toString();
  }

  /** A static field lock of a class written {@code className} that the class's code takes. */
  private static LockPath takenStaticField(String className, String field, ClassModel cls) {
    for (LockPath lock : takenLocks(cls)) {
      if (lock.rootKind() == LockPath.RootKind.STATIC
          && !lock.selectors().isEmpty()
          && lock.selectors().get(0).equals("." + field)
          && namesClass(lock.root(), className)) {
        return LockPath.ofStaticField(lock.root(), field);
      }
    }
    return null;
  }

  private static LockPath takenClassLiteral(String className, ClassModel cls) {
    for (LockPath lock : takenLocks(cls)) {
      if (lock.rootKind() == LockPath.RootKind.STATIC
          && lock.selectors().equals(List.of(".class"))
          && namesClass(lock.root(), className)) {
        return lock;
      }
    }
    return null;
  }

  /** Whether the class's code takes a lock rooted at {@code base.member}. */
  private static boolean takesMember(LockPath base, String member, ClassModel cls) {
    String selector = "." + member;
    for (LockPath lock : takenLocks(cls)) {
      if (lock.rootKind() == LockPath.RootKind.THIS
          && !lock.selectors().isEmpty()
          && lock.selectors().get(0).equals(selector)) {
        return true;
      }
    }
    return false;
  }

  private static boolean namesClass(String binary, String written) {
    String dotted = binary.replace('$', '.');
    return dotted.equals(written) || dotted.endsWith("." + written);
  }

  private static List<LockPath> takenLocks(ClassModel cls) {
    return cls.methods().stream()
        .flatMap(method -> method.nodes().stream())
        .filter(
            node ->
                node.kind() == NodeKind.ACQUIRE
                    || node.kind() == NodeKind.TRY_ACQUIRE
                    || node.kind() == NodeKind.HELD_ASSERTION)
        .map(Node::lock)
        .map(lock -> lock.view() == null ? lock : lock.viewOwner())
        .distinct()
        .toList();
  }

  /** {@code Locks}, {@code Inner}: capitalized with a lower-case letter ({@code MU} is a field). */
  private static boolean readsAsClass(String part) {
    return startsUpper(part) && !part.equals(part.toUpperCase(Locale.ROOT));
  }

  private static boolean startsUpper(String part) {
    return !part.isEmpty() && Character.isUpperCase(part.charAt(0));
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
    return String.join(".", Arrays.copyOfRange(parts, from, to));
  }
}
