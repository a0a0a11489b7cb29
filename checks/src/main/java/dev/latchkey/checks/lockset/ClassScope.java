package dev.latchkey.checks.lockset;

import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.FieldRef;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The classes whose code shares fields with the analysed one: the class itself, the classes of its
 * nest (the top-level class and every class nested in it, inner, local and anonymous ones included:
 * they reach the outer object's fields as {@code Outer.this.f}) and its superclasses (their fields
 * are the class's inherited fields), as far as the front-end knows them. Findings are reported only
 * in the analysed class; the others contribute accesses, guards and task starts.
 *
 * <p>The lockset engine ({@link ClassHeldLocks#of(ClassScope,
 * dev.latchkey.checks.config.LatchkeyConfig, dev.latchkey.checks.Program)}) works over the methods
 * of the whole scope, so that a helper or a lambda of a related class gets its entry locks from its
 * call sites as the class's own do. A class on its own is the scope of one class.
 */
public final class ClassScope {
  private final ClassModel analysed;
  private final Map<String, ClassModel> byName = new LinkedHashMap<>();
  private final Map<FieldModel, ClassModel> declaring = new IdentityHashMap<>();
  private final Map<MethodModel, ClassModel> methodClass = new IdentityHashMap<>();
  private final List<MethodModel> methods = new ArrayList<>();

  /** The scope of {@code analysed} with the {@code related} classes (duplicates left out). */
  public ClassScope(ClassModel analysed, List<ClassModel> related) {
    this.analysed = analysed;
    add(analysed);
    for (ClassModel cls : related) {
      if (!byName.containsKey(cls.name())) {
        add(cls);
      }
    }
  }

  private void add(ClassModel cls) {
    byName.put(cls.name(), cls);
    for (FieldModel field : cls.fields()) {
      declaring.put(field, cls);
    }
    for (MethodModel method : cls.methods()) {
      methodClass.put(method, cls);
      methods.add(method);
    }
  }

  /** The scope of one class on its own. */
  public static ClassScope of(ClassModel cls) {
    return new ClassScope(cls, List.of());
  }

  /** Whether {@code cls} is a superclass of the analysed class (its code runs on the object). */
  public boolean isSuperclassOfAnalysed(ClassModel cls) {
    for (ClassModel up = superclassOf(analysed); up != null; up = superclassOf(up)) {
      if (up == cls) {
        return true;
      }
      if (up == analysed) {
        return false;
      }
    }
    return false;
  }

  /** The analysed class. */
  public ClassModel analysed() {
    return analysed;
  }

  /** The binary names of the classes of the scope. */
  public Set<String> classNames() {
    return byName.keySet();
  }

  /** Every method of every class of the scope, the analysed class's first. */
  public List<MethodModel> methods() {
    return methods;
  }

  /** The class of the scope whose method {@code method} is (the analysed class when unknown). */
  public ClassModel classOf(MethodModel method) {
    return methodClass.getOrDefault(method, analysed);
  }

  /** The class of the scope that declares {@code field} (the analysed class when unknown). */
  public ClassModel declaringClass(FieldModel field) {
    return declaring.getOrDefault(field, analysed);
  }

  /** The declared field {@code ref} names, when a class of the scope declares it; else null. */
  public FieldModel field(FieldRef ref) {
    if (ref == null) {
      return null;
    }
    ClassModel owner = byName.get(ref.owner());
    return owner == null ? null : owner.field(ref.name());
  }

  /**
   * The field a one-step path names as the code of this scope sees it: {@code this.f} (declared by
   * the analysed class or inherited), {@code Outer.this.f} (declared by that enclosing class or
   * inherited by it), {@code Cls.F}; null for anything else.
   */
  public FieldModel fieldAt(LockPath path) {
    if (path == null || path.selectors().size() != 1 || !path.selectors().get(0).startsWith(".")) {
      return null;
    }
    String name = path.selectors().get(0).substring(1);
    return switch (path.rootKind()) {
      case THIS -> visibleField(analysed.name(), name, false);
      case OUTER -> visibleField(path.root(), name, false);
      case STATIC -> visibleField(path.root(), name, true);
      case LOCAL -> null;
    };
  }

  /** The field {@code name} of class {@code className} or the nearest superclass that has it. */
  private FieldModel visibleField(String className, String name, boolean wantStatic) {
    for (ClassModel cls = byName.get(className); cls != null; cls = superclassOf(cls)) {
      FieldModel field = cls.field(name);
      if (field != null) {
        return field.isStatic() == wantStatic ? field : null;
      }
    }
    return null;
  }

  /**
   * The lock a method's own {@code @GuardedBy} names, as its code sees it: resolved in the method's
   * class, or — when the expression starts with a name that class does not declare but an enclosing
   * class does ({@code @GuardedBy("evictionLock")} on {@code run()} of an inner task class) — in
   * that enclosing class, through {@code Outer.this}.
   */
  public LockPath ownGuard(MethodModel method) {
    String expression = method.guardedBy();
    ClassModel own = classOf(method);
    String first = expression.strip().split("\\.")[0];
    if (!expression.contains("this")
        && visibleField(own.name(), first) == null
        && !method.parameterNames().contains(first)) {
      for (String outer = enclosing(own.name()); outer != null; outer = enclosing(outer)) {
        ClassModel enclosing = byName.get(outer);
        if (enclosing != null && visibleField(outer, first) != null) {
          return GuardExpressions.resolve(expression, LockPath.ofOuter(outer), null, enclosing);
        }
      }
    }
    return GuardExpressions.resolveForMethod(method, own);
  }

  /** {@code a.Outer$Inner} for {@code a.Outer$Inner$1}; null for a top-level class. */
  private static String enclosing(String binaryName) {
    int dollar = binaryName.lastIndexOf('$');
    return dollar > binaryName.lastIndexOf('.') ? binaryName.substring(0, dollar) : null;
  }

  /** The field {@code name} of the class or its nearest superclass in the scope, or null. */
  private FieldModel visibleField(String className, String name) {
    for (ClassModel cls = byName.get(className); cls != null; cls = superclassOf(cls)) {
      FieldModel field = cls.field(name);
      if (field != null) {
        return field;
      }
    }
    return null;
  }

  /** The analysed class's superclasses in the scope, nearest first. */
  public List<ClassModel> superclassesOfAnalysed() {
    List<ClassModel> chain = new ArrayList<>();
    for (ClassModel up = superclassOf(analysed);
        up != null && up != analysed && !chain.contains(up);
        up = superclassOf(up)) {
      chain.add(up);
    }
    return chain;
  }

  private ClassModel superclassOf(ClassModel cls) {
    return cls.superclass() == null ? null : byName.get(cls.superclass());
  }

  /**
   * The fields whose accesses the analysed class's findings are about: its own, and those of the
   * other classes of the scope that its code reads or writes, in a stable order.
   */
  public List<FieldModel> fieldsUsedBy(List<MethodModel> code) {
    List<FieldModel> fields = new ArrayList<>(analysed.fields());
    Map<FieldModel, Boolean> seen = new IdentityHashMap<>();
    fields.forEach(field -> seen.put(field, true));
    for (MethodModel method : code) {
      for (var node : method.nodes()) {
        FieldModel field = field(node.field());
        if (field != null && seen.put(field, true) == null) {
          fields.add(field);
        }
      }
    }
    return fields;
  }
}
