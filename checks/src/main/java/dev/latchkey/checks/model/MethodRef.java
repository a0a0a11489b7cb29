package dev.latchkey.checks.model;

/**
 * A method, named the way bytecode names it: owner by binary name ({@code pkg.Outer$Inner}), name,
 * and JVM descriptor ({@code (Ljava/util/concurrent/locks/Lock;)V}).
 */
public record MethodRef(String owner, String name, String descriptor) {
  /** {@code name()} for messages. */
  public String displayName() {
    return name + "()";
  }
}
