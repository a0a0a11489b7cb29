package dev.latchkey.checks.model;

import java.util.List;
import java.util.Set;

/**
 * One class as the checks see it: its binary name, the models of its methods (lambda bodies
 * included), its declared fields, and the binary names of the annotations on it and on its
 * enclosing classes, and its direct supertypes (superclass first, then interfaces; binary names;
 * empty when unknown) for dispatch across the program and for the superclasses whose fields the
 * class inherits ({@link #superclass()}). Nested and anonymous classes are separate class models.
 */
public record ClassModel(
    String name,
    List<MethodModel> methods,
    List<FieldModel> fields,
    Set<String> annotations,
    List<String> supertypes) {
  public ClassModel {
    methods = List.copyOf(methods);
    fields = List.copyOf(fields);
    annotations = Set.copyOf(annotations);
    supertypes = List.copyOf(supertypes);
  }

  /** A class whose supertypes are not known. */
  public ClassModel(
      String name, List<MethodModel> methods, List<FieldModel> fields, Set<String> annotations) {
    this(name, methods, fields, annotations, List.of());
  }

  /** A class whose fields and annotations are not known (hand-built models in tests). */
  public ClassModel(String name, List<MethodModel> methods) {
    this(name, methods, List.of(), Set.of(), List.of());
  }

  /**
   * The binary name of the superclass: the first of the {@link #supertypes()}; null when unknown or
   * {@code java.lang.Object}.
   */
  public String superclass() {
    return supertypes.isEmpty() || supertypes.get(0).equals("java.lang.Object")
        ? null
        : supertypes.get(0);
  }

  /** The declared field with this name, or null. */
  public FieldModel field(String fieldName) {
    for (FieldModel field : fields) {
      if (field.name().equals(fieldName)) {
        return field;
      }
    }
    return null;
  }
}
