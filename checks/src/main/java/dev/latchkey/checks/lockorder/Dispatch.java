package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.Program;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Class-hierarchy analysis over a {@link Program}: which method bodies a call may run (the declared
 * one, and every override or implementation among the program's classes; at most {@link
 * #MAX_TARGETS}, by class name), and one identity for the monitor of an object whatever class of
 * its hierarchy takes it (the topmost program class of the hierarchy names it).
 */
final class Dispatch {
  static final int MAX_TARGETS = 8;

  /**
   * The bodies a call may run: at most {@link #MAX_TARGETS} of {@code total}, sorted by class name
   * (the declared body first when there is one).
   */
  record Targets(List<MethodSummary> methods, int total) {
    static final Targets NONE = new Targets(List.of(), 0);

    boolean cut() {
      return total > methods.size();
    }
  }

  private final Program program;

  /** Per type (program class or library type), the program classes below it, sorted. */
  private final Map<String, Set<String>> below = new HashMap<>();

  private final Map<String, String> topOf = new HashMap<>();
  private final Map<MethodRef, Targets> targets = new HashMap<>();

  Dispatch(Program program) {
    this.program = program;
    for (ClassSummary cls : program.summaries()) {
      for (String ancestor : ancestors(cls.className())) {
        below.computeIfAbsent(ancestor, type -> new TreeSet<>()).add(cls.className());
      }
    }
  }

  /** Every supertype of {@code className}, as far as the program's classes name them. */
  private List<String> ancestors(String className) {
    List<String> result = new ArrayList<>();
    Set<String> seen = new HashSet<>(Set.of(className));
    Deque<String> work = new ArrayDeque<>(supertypes(className));
    while (!work.isEmpty()) {
      String type = work.poll();
      if (seen.add(type)) {
        result.add(type);
        work.addAll(supertypes(type));
      }
    }
    return result;
  }

  private List<String> supertypes(String className) {
    ClassSummary cls = program.summary(className);
    return cls == null ? List.of() : cls.supertypes();
  }

  /** The bodies a call of {@code ref} may run. */
  synchronized Targets of(MethodRef ref) {
    return targets.computeIfAbsent(ref, this::compute);
  }

  private Targets compute(MethodRef ref) {
    MethodSummary declared = method(ref);
    if (declared != null && !declared.overridable()) {
      return new Targets(List.of(declared), 1);
    }
    List<MethodSummary> all = new ArrayList<>();
    if (declared != null) {
      all.add(declared);
    }
    for (String sub : below.getOrDefault(ref.owner(), Set.of())) {
      MethodSummary override = method(new MethodRef(sub, ref.name(), ref.descriptor()));
      if (override != null && !override.lambda()) {
        all.add(override);
      }
    }
    if (all.isEmpty()) {
      return Targets.NONE;
    }
    return new Targets(List.copyOf(all.subList(0, Math.min(all.size(), MAX_TARGETS))), all.size());
  }

  private MethodSummary method(MethodRef ref) {
    ClassSummary cls = program.summary(ref.owner());
    return cls == null ? null : cls.method(ref);
  }

  /**
   * The key naming the same lock whichever class of a hierarchy takes it: a key whose type is a
   * program class gets the topmost program class above it ({@code this} in {@code GenericPool} and
   * in its superclass {@code BasePool} are both {@code BasePool}).
   */
  String canonical(String key, LockPath path) {
    if (key == null || (path != null && path.rootKind() == LockPath.RootKind.STATIC)) {
      return key; // a static field or class literal belongs to the class that names it
    }
    for (int end = key.length(); end > 0; end = key.lastIndexOf('.', end - 1)) {
      String type = key.substring(0, end);
      if (program.summary(type) != null) {
        return top(type) + key.substring(end);
      }
    }
    return key;
  }

  private synchronized String top(String className) {
    return topOf.computeIfAbsent(
        className,
        name -> {
          String top = name;
          Set<String> seen = new HashSet<>();
          while (seen.add(top)) {
            List<String> supertypes = supertypes(top);
            if (supertypes.isEmpty() || program.summary(supertypes.get(0)) == null) {
              break;
            }
            top = supertypes.get(0);
          }
          return top;
        });
  }
}
