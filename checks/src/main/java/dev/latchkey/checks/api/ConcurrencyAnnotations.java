package dev.latchkey.checks.api;

import java.util.Set;

/**
 * The annotations the race checks read, by binary name. Front-ends copy what they see into the
 * model ({@code FieldModel.annotations}, {@code FieldModel.guardedBy}, {@code
 * ClassModel.annotations}); the checks decide what they mean.
 */
public final class ConcurrencyAnnotations {
  private ConcurrencyAnnotations() {}

  /**
   * {@code @GuardedBy("lock")}: the member is accessed only while holding the lock. Retention
   * differs: jsr305, jcip, Error Prone and AndroidX have CLASS retention (visible in bytecode),
   * Checker Framework RUNTIME.
   */
  public static final Set<String> GUARDED_BY =
      Set.of(
          "javax.annotation.concurrent.GuardedBy",
          "net.jcip.annotations.GuardedBy",
          "com.google.errorprone.annotations.concurrent.GuardedBy",
          "org.checkerframework.checker.lock.qual.GuardedBy",
          "androidx.annotation.GuardedBy",
          "android.support.annotation.GuardedBy");

  /** The class (or field) is not meant to be shared between threads: no race findings in it. */
  public static final Set<String> NOT_THREAD_SAFE =
      Set.of("javax.annotation.concurrent.NotThreadSafe", "net.jcip.annotations.NotThreadSafe");

  /**
   * {@code @ThreadSafe} on a class: a contract that every instance may be used by several threads
   * at once, so every unlocked write of its mutable state is a race. On a method (or a method it
   * overrides): the method may run on several threads at once, so the fields it writes are under
   * the class contract.
   */
  public static final Set<String> THREAD_SAFE =
      Set.of(
          "javax.annotation.concurrent.ThreadSafe",
          "net.jcip.annotations.ThreadSafe",
          "com.google.errorprone.annotations.ThreadSafe",
          "com.facebook.infer.annotation.ThreadSafe");

  /**
   * How a front-end reports an annotation element set to {@code false}: {@code name + this +
   * element} ({@code com.facebook.infer.annotation.ThreadSafe#enableChecks=false}), next to the
   * plain name.
   */
  public static final String FALSE_ELEMENT = "#";

  /** Infer's opt-out: {@code @ThreadSafe(enableChecks = false)} declares the contract unchecked. */
  private static final String CHECKS_DISABLED = "enableChecks";

  /** Accessed by one thread only (Infer's, or any other annotation with this simple name). */
  public static final String THREAD_CONFINED_SIMPLE_NAME = "ThreadConfined";

  /** Whether {@code binaryName} names one of the {@code @GuardedBy} annotations. */
  public static boolean isGuardedBy(String binaryName) {
    return GUARDED_BY.contains(binaryName);
  }

  /**
   * Whether {@code annotations} (of a class and the classes around it) declare it thread-safe by
   * contract, and do not disable the checks of that contract.
   */
  public static boolean isThreadSafeContract(Set<String> annotations) {
    boolean declared = false;
    for (String name : annotations) {
      if (THREAD_SAFE.contains(name)) {
        if (annotations.contains(falseElement(name, CHECKS_DISABLED))) {
          return false;
        }
        declared = true;
      } else if (isConfinement(name)) {
        return false;
      }
    }
    return declared;
  }

  /**
   * Whether {@code annotations} (of a method) carry a {@code @ThreadSafe} whose checks are disabled
   * ({@code @ThreadSafe(enableChecks = false)}): the author vouches for that code unchecked.
   */
  public static boolean isContractUnchecked(Set<String> annotations) {
    for (String name : THREAD_SAFE) {
      if (annotations.contains(name) && annotations.contains(falseElement(name, CHECKS_DISABLED))) {
        return true;
      }
    }
    return false;
  }

  /** The name a front-end reports for {@code element = false} on the annotation {@code name}. */
  public static String falseElement(String name, String element) {
    return name + FALSE_ELEMENT + element + "=false";
  }

  /** Whether the annotation says the class or field is confined to one thread or not shared. */
  public static boolean isConfinement(String binaryName) {
    String simple = binaryName.substring(binaryName.lastIndexOf('.') + 1);
    return NOT_THREAD_SAFE.contains(binaryName)
        || simple.substring(simple.lastIndexOf('$') + 1).equals(THREAD_CONFINED_SIMPLE_NAME);
  }
}
