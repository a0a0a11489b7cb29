package dev.latchkey.checks.model;

/**
 * A method, named the way bytecode names it: owner by binary name ({@code pkg.Outer$Inner}), name,
 * and JVM descriptor ({@code (Ljava/util/concurrent/locks/Lock;)V}).
 */
public record MethodRef(String owner, String name, String descriptor) {
  /**
   * {@code name()} for messages about code of its own class; "the lambda in all()", "the static
   * initializer" for compiler-named bodies ({@link DisplayNames#member}).
   */
  public String displayName() {
    return DisplayNames.member(this);
  }
}
