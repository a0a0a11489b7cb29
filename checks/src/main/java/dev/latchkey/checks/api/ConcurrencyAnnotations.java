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

  /** Accessed by one thread only (Infer's, or any other annotation with this simple name). */
  public static final String THREAD_CONFINED_SIMPLE_NAME = "ThreadConfined";

  /** Whether {@code binaryName} names one of the {@code @GuardedBy} annotations. */
  public static boolean isGuardedBy(String binaryName) {
    return GUARDED_BY.contains(binaryName);
  }

  /** Whether the annotation says the class or field is confined to one thread or not shared. */
  public static boolean isConfinement(String binaryName) {
    String simple = binaryName.substring(binaryName.lastIndexOf('.') + 1);
    return NOT_THREAD_SAFE.contains(binaryName)
        || simple.substring(simple.lastIndexOf('$') + 1).equals(THREAD_CONFINED_SIMPLE_NAME);
  }
}
