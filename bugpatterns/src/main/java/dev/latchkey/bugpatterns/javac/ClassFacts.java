package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.TargetType;
import com.sun.tools.javac.code.Type;
import dev.latchkey.checks.api.ConcurrencyAnnotations;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.FieldModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;

/**
 * What the race checks read about a class besides its code (notes/FRONTENDS-races-lockorder.md,
 * section 4): its declared fields with their annotations and {@code @GuardedBy} lock, the
 * annotations on it and its enclosing classes, and the {@code @GuardedBy} lock of a method. javac
 * sees every annotation, SOURCE retention and type annotations ({@code
 * org.checkerframework.checker.lock.qual.GuardedBy} is one) included.
 */
final class ClassFacts {
  private ClassFacts() {}

  /** The fields {@code tree} declares (javac's synthetic ones excluded), in source order. */
  static List<FieldModel> fields(ClassTree tree, ClassContext context) {
    List<FieldModel> fields = new ArrayList<>();
    Set<Symbol> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Tree member : tree.getMembers()) {
      if (member instanceof VariableTree variable) {
        VarSymbol field = ASTHelpers.getSymbol(variable);
        if (field != null && seen.add(field)) {
          fields.add(field(field, context, context.line(variable)));
        }
      }
    }
    // Fields javac adds to the class without a declaration of their own (a record's components).
    for (Symbol member : context.cls().members().getSymbols()) {
      if (member instanceof VarSymbol field
          && field.getKind() == ElementKind.FIELD
          && (field.flags() & Flags.SYNTHETIC) == 0
          && seen.add(field)) {
        fields.add(field(field, context, -1));
      }
    }
    return fields;
  }

  private static FieldModel field(VarSymbol field, ClassContext context, int line) {
    return new FieldModel(
        field.getSimpleName().toString(),
        context.methodRefs().fieldDescriptor(field.type),
        field.isStatic(),
        (field.flags() & Flags.FINAL) != 0,
        (field.flags() & Flags.VOLATILE) != 0,
        annotations(field),
        guardedBy(field),
        line);
  }

  /** The annotations on {@code cls} and on every class that encloses it, by binary name. */
  /**
   * The direct supertypes of {@code cls}, binary names: its superclass ({@code java.lang.Object}
   * for an interface, as in its class file), then its interfaces.
   */
  static List<String> supertypes(ClassSymbol cls) {
    List<String> names = new ArrayList<>();
    if (cls.getSuperclass() instanceof Type.ClassType superclass) {
      names.add(MethodRefs.binaryName(superclass.tsym));
    } else if (cls.isInterface()) {
      names.add("java.lang.Object");
    }
    for (Type type : cls.getInterfaces()) {
      names.add(MethodRefs.binaryName(type.tsym));
    }
    return names;
  }

  static Set<String> classAnnotations(ClassSymbol cls) {
    Set<String> names = new LinkedHashSet<>();
    for (Symbol sym = cls; sym != null; sym = sym.owner) {
      if (sym instanceof ClassSymbol enclosing) {
        names.addAll(annotations(enclosing));
      } else if (sym.getKind() == ElementKind.PACKAGE) {
        break;
      }
    }
    return names;
  }

  /**
   * The binary names of the declaration and type annotations on {@code sym}, each followed by its
   * elements set to {@code false} ({@link ConcurrencyAnnotations#falseElement}).
   */
  static Set<String> annotations(Symbol sym) {
    Set<String> names = new LinkedHashSet<>();
    for (Attribute.Compound annotation : all(sym)) {
      String name = MethodRefs.binaryName(annotation.type.tsym);
      names.add(name);
      for (Map.Entry<
              ? extends ExecutableElement, ? extends javax.lang.model.element.AnnotationValue>
          entry : annotation.getElementValues().entrySet()) {
        if (entry.getValue() instanceof Attribute.Constant constant
            && Boolean.FALSE.equals(constant.getValue())) {
          names.add(
              ConcurrencyAnnotations.falseElement(name, entry.getKey().getSimpleName().toString()));
        }
      }
    }
    return names;
  }

  /** The lock a {@code @GuardedBy} (any of the supported ones) on {@code sym} names, or null. */
  static String guardedBy(Symbol sym) {
    for (Attribute.Compound annotation : all(sym)) {
      if (!ConcurrencyAnnotations.isGuardedBy(MethodRefs.binaryName(annotation.type.tsym))) {
        continue;
      }
      for (Map.Entry<
              ? extends ExecutableElement, ? extends javax.lang.model.element.AnnotationValue>
          entry : annotation.getElementValues().entrySet()) {
        if (entry.getKey().getSimpleName().contentEquals("value")) {
          String value = firstString((Attribute) entry.getValue());
          if (value != null) {
            return value;
          }
        }
      }
    }
    return null;
  }

  /**
   * The declaration annotations of {@code sym}, and for a field also the type annotations on its
   * type (a method's or class's type annotations are about other things: its return type, the types
   * in its code).
   */
  private static List<Attribute.Compound> all(Symbol sym) {
    List<Attribute.Compound> all = new ArrayList<>(sym.getAnnotationMirrors());
    if (sym instanceof VarSymbol) {
      for (Attribute.TypeCompound annotation : sym.getRawTypeAttributes()) {
        if (annotation.position != null && annotation.position.type == TargetType.FIELD) {
          all.add(annotation);
        }
      }
    }
    return all;
  }

  private static String firstString(Attribute value) {
    if (value instanceof Attribute.Array array) {
      return array.values.length == 0 ? null : firstString(array.values[0]);
    }
    return value instanceof Attribute.Constant constant && constant.getValue() instanceof String s
        ? s
        : null;
  }

  /**
   * The superclasses of the class as their symbols describe them: fields and annotations, no
   * methods (their code may be in another file), nearest first, up to {@code java.lang.Object}.
   */
  static List<ClassModel> superclasses(ClassContext context) {
    List<ClassModel> chain = new ArrayList<>();
    ClassSymbol cls = context.cls();
    for (int depth = 0; depth < 16 && superclassName(cls) != null; depth++) {
      ClassSymbol superclass = (ClassSymbol) cls.getSuperclass().tsym;
      List<FieldModel> fields = new ArrayList<>();
      for (Symbol member : superclass.members().getSymbols()) {
        if (member instanceof VarSymbol field
            && field.getKind() == ElementKind.FIELD
            && (field.flags() & Flags.SYNTHETIC) == 0) {
          fields.add(field(field, context, -1));
        }
      }
      // members() lists the latest declaration first: keep a stable order.
      fields.sort(java.util.Comparator.comparing(FieldModel::name));
      chain.add(
          new ClassModel(
              superclass.flatName().toString(),
              List.of(),
              fields,
              classAnnotations(superclass),
              supertypes(superclass)));
      cls = superclass;
    }
    return chain;
  }

  /** The binary name of the class's superclass; null for {@code java.lang.Object} or unknown. */
  static String superclassName(ClassSymbol cls) {
    if (cls.getSuperclass() != null
        && cls.getSuperclass().tsym instanceof ClassSymbol superclass
        && !superclass.getQualifiedName().contentEquals("java.lang.Object")) {
      return superclass.flatName().toString();
    }
    return null;
  }
}
