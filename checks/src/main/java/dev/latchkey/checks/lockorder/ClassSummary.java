package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.MethodRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What other classes need to know about one class for whole-program lock order: per method, its
 * blocking acquisitions and its calls, each with the locks held there ({@link MethodSummary}).
 * Small immutable data: a first pass (SpotBugs) keeps one per class; the transitive closure across
 * classes is computed later, lazily, by the lock-order family.
 */
public final class ClassSummary {
  private final String className;
  private final List<String> supertypes;
  private final Set<String> finalFields;
  private final List<MethodSummary> methods;
  private final Map<MethodRef, MethodSummary> byRef = new HashMap<>();

  public ClassSummary(
      String className,
      List<String> supertypes,
      Set<String> finalFields,
      List<MethodSummary> methods) {
    this.className = className;
    this.supertypes = List.copyOf(supertypes);
    this.finalFields = Set.copyOf(finalFields);
    this.methods = List.copyOf(methods);
    for (MethodSummary method : this.methods) {
      byRef.putIfAbsent(method.ref(), method);
    }
  }

  /** A class with nothing to say. */
  public ClassSummary(String className) {
    this(className, List.of(), Set.of(), List.of());
  }

  /** The summary of {@code cls}, as a first pass stores it. */
  public static ClassSummary of(ClassModel cls, LatchkeyConfig config) {
    return Summarizer.summarize(cls, config);
  }

  public String className() {
    return className;
  }

  /** Its direct supertypes (superclass, then interfaces), binary names; empty when unknown. */
  public List<String> supertypes() {
    return supertypes;
  }

  /**
   * Its final instance fields (set once, by a constructor), and its getters of them as {@code
   * "getPool()"}.
   */
  public Set<String> finalFields() {
    return finalFields;
  }

  public List<MethodSummary> methods() {
    return methods;
  }

  /** The summary of the method with this reference, or null. */
  public MethodSummary method(MethodRef ref) {
    return byRef.get(ref);
  }

  @Override
  public String toString() {
    return "ClassSummary[" + className + ", " + methods.size() + " methods]";
  }
}
