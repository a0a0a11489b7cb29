package dev.latchkey.checks.model;

/**
 * A field, named the way bytecode names it: owner by binary name, name, and JVM type descriptor
 * ({@code I}, {@code Ljava/util/List;}). The owner is the class the access names (javac: the field
 * symbol's owner; bytecode: the class in the instruction).
 */
public record FieldRef(String owner, String name, String descriptor) {
  /** {@code name} for messages. */
  public String displayName() {
    return name;
  }
}
