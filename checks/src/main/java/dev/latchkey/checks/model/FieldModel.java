package dev.latchkey.checks.model;

import java.util.Set;

/**
 * A field declared by a class, as the race checks need it.
 *
 * @param name the field's name
 * @param descriptor JVM type descriptor ({@code J}, {@code Ljava/util/HashMap;})
 * @param isStatic declared {@code static}
 * @param isFinal declared {@code final}
 * @param isVolatile declared {@code volatile}
 * @param annotations binary names of the annotations the front-end can see on it
 * @param guardedBy the lock expression of its {@code @GuardedBy} annotation (any of the supported
 *     ones, see {@code dev.latchkey.checks.api.RaceApi}), verbatim, or null
 * @param line the declaration's line, or -1
 */
public record FieldModel(
    String name,
    String descriptor,
    boolean isStatic,
    boolean isFinal,
    boolean isVolatile,
    Set<String> annotations,
    String guardedBy,
    int line) {
  public FieldModel {
    annotations = Set.copyOf(annotations);
  }
}
