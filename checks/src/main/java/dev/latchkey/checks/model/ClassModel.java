package dev.latchkey.checks.model;

import java.util.List;
import java.util.Set;

/**
 * One class as the checks see it: its binary name, the models of its methods (lambda bodies
 * included), its declared fields, the binary names of the annotations on it and on its enclosing
 * classes, and the binary name of its superclass (null when unknown or {@code java.lang.Object}).
 * Nested and anonymous classes are separate class models.
 */
public record ClassModel(
    String name,
    List<MethodModel> methods,
    List<FieldModel> fields,
    Set<String> annotations,
    String superclass) {
  public ClassModel {
    methods = List.copyOf(methods);
    fields = List.copyOf(fields);
    annotations = Set.copyOf(annotations);
  }

  /** A class whose superclass is not known (or is {@code java.lang.Object}). */
  public ClassModel(
      String name, List<MethodModel> methods, List<FieldModel> fields, Set<String> annotations) {
    this(name, methods, fields, annotations, null);
  }

  /** A class whose fields and annotations are not known (hand-built models in tests). */
  public ClassModel(String name, List<MethodModel> methods) {
    this(name, methods, List.of(), Set.of(), null);
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
