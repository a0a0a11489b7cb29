package dev.latchkey.checks.model;

/**
 * How findings name code, in source terms: never a compiler's name ({@code lambda$all$0}, {@code
 * <clinit>}, {@code Outer$1}, {@code this.rw#write}). Every family uses it for the methods, classes
 * and locks its messages mention.
 */
public final class DisplayNames {
  private DisplayNames() {}

  /**
   * A method of a class: {@code Cache.refresh()}, "the constructor of Cache", "the static
   * initializer of Cache", "the lambda in Cache.all()", "a method of the anonymous class in Cache".
   */
  public static String method(MethodRef ref) {
    String name = ref.name();
    String owner = type(ref.owner());
    if (name.equals("<clinit>")) {
      return "the static initializer of " + owner;
    }
    if (name.equals("<init>")) {
      return "the constructor of " + owner;
    }
    if (name.startsWith("lambda$")) {
      String[] parts = name.split("\\$");
      String enclosing = parts.length > 1 ? parts[1] : "";
      String where =
          switch (enclosing) {
            case "static" -> "the static initializer of " + owner;
            case "new" -> "the constructor of " + owner;
            case "" -> owner;
            default -> owner + "." + enclosing + "()";
          };
      return "the lambda in " + where;
    }
    return owner + "." + name + "()";
  }

  /**
   * A method without its class, as a message about code of that class says it: {@code refresh()},
   * "the constructor", "the static initializer", "the lambda in all()".
   */
  public static String member(MethodRef ref) {
    String name = ref.name();
    if (name.equals("<clinit>")) {
      return "the static initializer";
    }
    if (name.equals("<init>")) {
      return "the constructor";
    }
    if (name.startsWith("lambda$")) {
      String[] parts = name.split("\\$");
      String enclosing = parts.length > 1 ? parts[1] : "";
      return switch (enclosing) {
        case "static" -> "the lambda in the static initializer";
        case "new" -> "the lambda in the constructor";
        case "" -> "a lambda";
        default -> "the lambda in " + enclosing + "()";
      };
    }
    return name + "()";
  }

  /**
   * A class by its binary name: {@code Outer.Inner} for a member class, "the anonymous class in
   * Outer" for {@code Outer$1}, "the local class Helper in Outer" for {@code Outer$1Helper}.
   */
  public static String type(String binaryName) {
    String simple = binaryName.substring(binaryName.lastIndexOf('.') + 1);
    String[] parts = simple.split("\\$");
    StringBuilder named = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty()) {
        continue;
      }
      int digits = 0;
      while (digits < part.length() && Character.isDigit(part.charAt(digits))) {
        digits++;
      }
      if (digits == part.length()) {
        return "the anonymous class in " + named;
      }
      if (digits > 0) {
        return "the local class " + part.substring(digits) + " in " + named;
      }
      named.append('.').append(part);
    }
    return named.toString();
  }

  /**
   * An anonymous class with what the front-end knows of it: "the anonymous Runnable in
   * Http2Connection.start()". {@code supertype} (binary name) and {@code enclosingMethod} may be
   * null.
   */
  public static String anonymous(String binaryName, String supertype, MethodRef enclosingMethod) {
    String kind =
        supertype == null || supertype.equals("java.lang.Object")
            ? "anonymous class"
            : "anonymous " + type(supertype);
    String where =
        enclosingMethod != null
            ? method(enclosingMethod)
            : type(binaryName.substring(0, Math.max(0, binaryName.lastIndexOf('$'))));
    return "the " + kind + " in " + where;
  }

  /**
   * A lock, executor or other object by its path, as a reader names it: "the write lock of
   * refreshLock", "pool", "Cache.LOCK", "the monitor of this".
   */
  public static String path(LockPath path) {
    LockPath owner = path.viewOwner();
    if (owner != null) {
      return "the " + path.view().suffix() + " lock of " + path(owner);
    }
    if (path.rootKind() == LockPath.RootKind.THIS && !path.selectors().isEmpty()) {
      String text = path.toString();
      return text.substring("this.".length());
    }
    return path.toString();
  }

  /**
   * A front-end's label of a call or lock event in source form: {@code this.rw#write.lock()} reads
   * {@code rw.writeLock().lock()}, {@code this.pool.submit()} reads {@code pool.submit()}.
   */
  public static String code(String label) {
    if (label == null) {
      return "";
    }
    String text = label.replace("#read", ".readLock()").replace("#write", ".writeLock()");
    return text.startsWith("this.") ? text.substring("this.".length()) : text;
  }
}
