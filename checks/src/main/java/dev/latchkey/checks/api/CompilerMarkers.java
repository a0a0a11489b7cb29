package dev.latchkey.checks.api;

import java.util.Set;

/**
 * Calls that compilers other than javac write into bytecode as markers and that do nothing at run
 * time: they cannot throw, so they are no events of the model (no node, no exceptional edge).
 * Kotlin brackets the bodies of its inline functions ({@code withLock}, {@code read}, {@code
 * write}) and their {@code finally} copies with {@code kotlin.jvm.internal.InlineMarker} calls,
 * which its inliner removes at every call site; taken for calls that may throw, they would make a
 * correct {@code try/finally} look like a lock leaked between the acquisition and the {@code try}.
 */
public final class CompilerMarkers {
  /** Classes whose every static method is such a marker, by binary name. */
  private static final Set<String> MARKER_CLASSES = Set.of("kotlin.jvm.internal.InlineMarker");

  private CompilerMarkers() {}

  /** Whether a static call of a method of {@code owner} is a compiler's no-op marker. */
  public static boolean isNoOp(String owner) {
    return MARKER_CLASSES.contains(owner);
  }
}
