package dev.latchkey.checks;

import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.lockorder.ClassSummary;
import dev.latchkey.checks.model.ClassModel;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the checks know about the other classes of the program: one small {@link ClassSummary} per
 * class. javac's front-end makes it from the classes of one compilation unit; SpotBugs' from every
 * class it analyses, collected in a first pass. Analyses that go across classes (lock order) read
 * it; nothing else does.
 */
public final class Program {
  private final Map<String, ClassSummary> classes;
  private final Map<Class<?>, Object> derived = new ConcurrentHashMap<>();

  private Program(Map<String, ClassSummary> classes) {
    // Sorted by name: whatever iterates the program sees the same order in every run.
    this.classes = Collections.unmodifiableMap(new TreeMap<>(classes));
  }

  /** No other classes: every cross-class question has the answer "unknown". */
  public static Program empty() {
    return new Program(Map.of());
  }

  /** The program made of {@code classes} (javac: the classes of one compilation unit). */
  public static Program of(Collection<ClassModel> classes, LatchkeyConfig config) {
    Builder builder = builder();
    for (ClassModel cls : classes) {
      builder.add(summarize(cls, config));
    }
    return builder.build();
  }

  /** The summary of one class, as a first pass stores it. */
  public static ClassSummary summarize(ClassModel cls, LatchkeyConfig config) {
    return ClassSummary.of(cls, config);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The summary of the class with this binary name, or null. */
  public ClassSummary summary(String className) {
    return classes.get(className);
  }

  /** Every summary, by class name. */
  public Collection<ClassSummary> summaries() {
    return classes.values();
  }

  /** This program with {@code summary} added (or replacing the one of the same class). */
  public Program plus(ClassSummary summary) {
    Map<String, ClassSummary> more = new LinkedHashMap<>(classes);
    more.put(summary.className(), summary);
    return new Program(more);
  }

  /**
   * What an analysis derives from the whole program (the lock-order graph), computed once per
   * program by {@code make} and kept with it; one value per {@code type}.
   */
  public <T> T derived(Class<T> type, Function<Program, T> make) {
    Object known = derived.get(type);
    if (known == null) {
      synchronized (derived) {
        known = derived.get(type);
        if (known == null) {
          known = make.apply(this);
          derived.put(type, known);
        }
      }
    }
    return type.cast(known);
  }

  /** Collects summaries, one per class (a later one for the same class replaces the earlier). */
  public static final class Builder {
    private final Map<String, ClassSummary> classes = new LinkedHashMap<>();

    public Builder add(ClassSummary summary) {
      classes.put(summary.className(), summary);
      return this;
    }

    public Program build() {
      return new Program(classes);
    }
  }
}
