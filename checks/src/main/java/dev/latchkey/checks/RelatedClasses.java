package dev.latchkey.checks;

import dev.latchkey.checks.model.ClassModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which other classes' code shares the fields of a class, so that the race checks judge their
 * accesses together: the classes of its nest (the top-level class and every class nested in it —
 * member, inner, local and anonymous — which reach the outer object's fields as {@code
 * Outer.this.f} and run as its tasks) and its superclasses (whose fields it inherits). Front-ends
 * give the models they have (javac: the compilation unit; SpotBugs: the analysed classes).
 */
public final class RelatedClasses {
  /** Enough for real hierarchies; a deeper chain is cut off rather than followed. */
  private static final int MAX_SUPERCLASSES = 16;

  private RelatedClasses() {}

  /** The binary name of the top-level class of {@code binaryName} ({@code a.Outer$Inner$1}). */
  public static String topLevel(String binaryName) {
    int simpleStart = binaryName.lastIndexOf('.') + 1;
    int dollar = binaryName.indexOf('$', simpleStart);
    return dollar < 0 ? binaryName : binaryName.substring(0, dollar);
  }

  /** Whether the two classes belong to the same nest (one top-level class and its nested ones). */
  public static boolean sameNest(String a, String b) {
    return topLevel(a).equals(topLevel(b));
  }

  /** The related classes of {@code cls} among {@code available} (by binary name). */
  public static List<ClassModel> of(ClassModel cls, Map<String, ClassModel> available) {
    return of(cls, available.keySet(), available::get);
  }

  /**
   * The related classes of {@code cls}: the models {@code lookup} gives (null: unknown) for the
   * names among {@code nestCandidates} in its nest, in name order, then for its superclasses,
   * nearest first. {@code cls} itself is never among them.
   */
  public static List<ClassModel> of(
      ClassModel cls, Collection<String> nestCandidates, Function<String, ClassModel> lookup) {
    List<ClassModel> related = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    seen.add(cls.name());
    for (String name : new TreeSet<>(nestCandidates)) {
      if (sameNest(name, cls.name()) && seen.add(name)) {
        ClassModel model = lookup.apply(name);
        if (model != null) {
          related.add(model);
        }
      }
    }
    Set<String> chain = new HashSet<>();
    chain.add(cls.name());
    String next = cls.superclass();
    for (int depth = 0; next != null && depth < MAX_SUPERCLASSES && chain.add(next); depth++) {
      ClassModel superclass = lookup.apply(next);
      if (superclass == null) {
        break;
      }
      if (seen.add(next)) {
        related.add(superclass);
      }
      next = superclass.superclass();
    }
    return related;
  }
}
