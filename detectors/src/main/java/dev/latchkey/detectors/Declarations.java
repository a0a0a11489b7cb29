package dev.latchkey.detectors;

import dev.latchkey.checks.api.ConcurrencyAnnotations;
import dev.latchkey.checks.model.FieldModel;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.ArrayElementValue;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.ElementValue;
import org.apache.bcel.classfile.ElementValuePair;
import org.apache.bcel.classfile.EnclosingMethod;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Unknown;

/**
 * What a class file declares that the race checks read (notes/FRONTENDS-races-lockorder.md, item
 * 4): its fields with their modifiers and annotations, the annotations on the class and on every
 * class around it, and the lock a {@code @GuardedBy} names. Class files keep the annotations of
 * CLASS and RUNTIME retention (RuntimeInvisible and RuntimeVisible attributes, both read here);
 * SOURCE ones are gone.
 */
final class Declarations {
  private Declarations() {}

  /** The fields the source declares: every field but javac's synthetic ones. */
  static List<FieldModel> fields(JavaClass cls) {
    List<FieldModel> fields = new ArrayList<>();
    for (Field field : cls.getFields()) {
      if (field.isSynthetic() || isSyntheticName(field.getName())) {
        continue;
      }
      AnnotationEntry[] entries = withTypeAnnotations(field);
      fields.add(
          new FieldModel(
              field.getName(),
              field.getSignature(),
              field.isStatic(),
              field.isFinal(),
              field.isVolatile(),
              annotationNames(entries),
              guardedBy(entries),
              -1));
    }
    return fields;
  }

  /**
   * The field's declaration annotations and the type annotations on its type itself (not on type
   * arguments or array components): the Checker Framework's {@code @GuardedBy} is a type
   * annotation, kept in RuntimeVisibleTypeAnnotations, which BCEL leaves unparsed.
   */
  static AnnotationEntry[] withTypeAnnotations(Field field) {
    List<AnnotationEntry> all = new ArrayList<>(List.of(field.getAnnotationEntries()));
    for (Attribute attribute : field.getAttributes()) {
      if (attribute instanceof Unknown unknown
          && (unknown.getName().equals("RuntimeVisibleTypeAnnotations")
              || unknown.getName().equals("RuntimeInvisibleTypeAnnotations"))) {
        all.addAll(
            fieldTypeAnnotations(
                unknown.getBytes(),
                field.getConstantPool(),
                unknown.getName().startsWith("RuntimeVisible")));
      }
    }
    return all.toArray(AnnotationEntry[]::new);
  }

  /**
   * Parses a field's type annotations (JVMS 4.7.20): target FIELD (0x13, no target info), then the
   * type path, then the annotation itself; those with an empty path annotate the field's type.
   */
  private static List<AnnotationEntry> fieldTypeAnnotations(
      byte[] bytes, ConstantPool constants, boolean visible) {
    List<AnnotationEntry> found = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int count = in.readUnsignedShort();
      for (int i = 0; i < count; i++) {
        int target = in.readUnsignedByte();
        if (target != 0x13) {
          return found; // not a field's: the layout of other targets is not read here
        }
        int pathLength = in.readUnsignedByte();
        in.skipBytes(2 * pathLength);
        AnnotationEntry entry = AnnotationEntry.read(in, constants, visible);
        if (pathLength == 0) {
          found.add(entry);
        }
      }
    } catch (IOException | RuntimeException e) {
      // A malformed attribute: the annotations read so far.
    }
    return found;
  }

  /**
   * Names javac gives the fields it makes: the enclosing instance ({@code this$0}), captured locals
   * ({@code val$x}), {@code $assertionsDisabled}, an enum's {@code $VALUES}, the {@code
   * $SwitchMap$...} of a switch on an enum.
   */
  static boolean isSyntheticName(String name) {
    return name.startsWith("this$") || name.startsWith("val$") || name.startsWith("$");
  }

  /** The direct supertypes of {@code cls}: its superclass (none for Object), then interfaces. */
  static List<String> supertypes(JavaClass cls) {
    List<String> names = new ArrayList<>();
    if (!cls.getClassName().equals("java.lang.Object")) {
      names.add(cls.getSuperclassName());
    }
    names.addAll(List.of(cls.getInterfaceNames()));
    return names;
  }

  /** The binary names of the annotations on {@code cls} and on every class that encloses it. */
  static Set<String> classAnnotations(JavaClass cls, ClassFacts facts) {
    Set<String> names = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>();
    JavaClass current = cls;
    while (current != null && seen.add(current.getClassName()) && seen.size() < 32) {
      names.addAll(annotationNames(current.getAnnotationEntries()));
      String outer = enclosingClass(current);
      current = outer == null ? null : facts.lookup(outer);
    }
    return names;
  }

  /**
   * The class around a nested one: the class of the method a local or anonymous class is declared
   * in (EnclosingMethod), or the class a member class belongs to (InnerClasses); null for a
   * top-level class.
   */
  static String enclosingClass(JavaClass cls) {
    for (Attribute attribute : cls.getAttributes()) {
      if (attribute instanceof EnclosingMethod enclosing) {
        return enclosing.getEnclosingClass().getBytes(cls.getConstantPool()).replace('/', '.');
      }
    }
    return SuppressionReader.memberOuterClass(cls);
  }

  /**
   * The binary names of {@code annotations}, in order, each followed by its elements set to {@code
   * false} ({@link ConcurrencyAnnotations#falseElement}).
   */
  static Set<String> annotationNames(AnnotationEntry[] annotations) {
    Set<String> names = new LinkedHashSet<>();
    for (AnnotationEntry annotation : annotations) {
      String name = binaryName(annotation.getAnnotationType());
      if (name != null) {
        names.add(name);
        for (ElementValuePair pair : annotation.getElementValuePairs()) {
          ElementValue value = pair.getValue();
          if (value.getElementValueType() == ElementValue.PRIMITIVE_BOOLEAN
              && value.stringifyValue().equals("false")) {
            names.add(ConcurrencyAnnotations.falseElement(name, pair.getNameString()));
          }
        }
      }
    }
    return names;
  }

  /** The {@code value} of a {@code @GuardedBy} among {@code annotations}, verbatim, or null. */
  static String guardedBy(AnnotationEntry[] annotations) {
    for (AnnotationEntry annotation : annotations) {
      String name = binaryName(annotation.getAnnotationType());
      if (name == null || !ConcurrencyAnnotations.isGuardedBy(name)) {
        continue;
      }
      for (ElementValuePair pair : annotation.getElementValuePairs()) {
        if (pair.getNameString().equals("value")) {
          // The Checker Framework's is a String[]: its first lock.
          if (pair.getValue() instanceof ArrayElementValue array) {
            ElementValue[] values = array.getElementValuesArray();
            return values.length == 0 ? null : values[0].stringifyValue();
          }
          return pair.getValue().stringifyValue();
        }
      }
    }
    return null;
  }

  /** {@code Lpkg/Outer$Ann;} -> {@code pkg.Outer$Ann}; null for anything else. */
  static String binaryName(String descriptor) {
    if (descriptor == null || !descriptor.startsWith("L") || !descriptor.endsWith(";")) {
      return null;
    }
    return descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
  }
}
