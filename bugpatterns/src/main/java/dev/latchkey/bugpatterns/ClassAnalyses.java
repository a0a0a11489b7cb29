package dev.latchkey.bugpatterns;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.util.Context;
import dev.latchkey.bugpatterns.javac.JavacModelBuilder;
import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.Latchkey;
import dev.latchkey.checks.Program;
import dev.latchkey.checks.RelatedClasses;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-compilation memory Latchkey's checkers share, kept in javac's {@link Context}. When a
 * checker meets the first class of a compilation unit, every class of the unit (nested, inner,
 * local and anonymous ones included) is translated, the classes make one {@link Program} (what
 * cross-class lock order knows), and each class is analysed against it; every checker then reports
 * only its own check, at each class's own match (so that Error Prone's {@code @SuppressWarnings} on
 * a nested class keeps working). Each checker reports an internal failure at most once per
 * compilation.
 */
final class ClassAnalyses {
  private static final Context.Key<ClassAnalyses> KEY = new Context.Key<>();

  /**
   * Error Prone runs every checker over one compilation unit before the next, so a few recent units
   * are enough; an evicted unit is simply analysed again.
   */
  private static final int RECENT_UNITS = 4;

  private static final ClassAnalysis NOTHING = new ClassAnalysis(List.of(), List.of());

  /** The findings of one class, and what went wrong while computing them. */
  record ClassAnalysis(List<Finding> findings, List<Throwable> failures) {}

  private final Map<CompilationUnitTree, Map<ClassTree, ClassAnalysis>> recent =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(
            Map.Entry<CompilationUnitTree, Map<ClassTree, ClassAnalysis>> eldest) {
          return size() > RECENT_UNITS;
        }
      };

  private final Set<CheckId> reportedFailures = EnumSet.noneOf(CheckId.class);

  static ClassAnalyses instance(Context context) {
    ClassAnalyses analyses = context.get(KEY);
    if (analyses == null) {
      analyses = new ClassAnalyses();
      context.put(KEY, analyses);
    }
    return analyses;
  }

  /** The analysis of the class {@code tree} at {@code state}'s path; never throws. */
  ClassAnalysis analyze(ClassTree tree, VisitorState state, LatchkeyConfig config) {
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    Map<ClassTree, ClassAnalysis> classes = recent.get(unit);
    if (classes == null || !classes.containsKey(tree)) {
      classes = computeUnit(unit, state, config);
      recent.put(unit, classes);
    }
    return classes.getOrDefault(tree, NOTHING);
  }

  /** True the first time {@code check} asks in this compilation. */
  boolean firstFailureOf(CheckId check) {
    return reportedFailures.add(check);
  }

  /** A class of the unit: its tree, its translation (null if it failed), and its failures. */
  private record Translated(
      ClassTree tree, JavacModelBuilder.Result result, List<Throwable> failures) {}

  private static Map<ClassTree, ClassAnalysis> computeUnit(
      CompilationUnitTree unit, VisitorState state, LatchkeyConfig config) {
    List<Translated> translated = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        translated.add(translate(getCurrentPath(), state, config));
        return super.visitClass(tree, null);
      }
    }.scan(unit, null);

    Program.Builder program = Program.builder();
    for (Translated cls : translated) {
      if (cls.result() != null) {
        try {
          program.add(Program.summarize(cls.result().model(), config));
        } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
          cls.failures().add(e);
        }
      }
    }
    Program whole = program.build();

    Map<String, ClassModel> models = new LinkedHashMap<>();
    for (Translated cls : translated) {
      if (cls.result() != null) {
        models.put(cls.result().model().name(), cls.result().model());
      }
    }
    Map<ClassTree, ClassAnalysis> analyses = new IdentityHashMap<>();
    for (Translated cls : translated) {
      List<ClassModel> related = cls.result() == null ? List.of() : related(cls.result(), models);
      analyses.put(cls.tree(), analyze(cls, config, whole, related));
    }
    return analyses;
  }

  /**
   * The related classes of a translated class: those of the unit ({@link RelatedClasses}), and for
   * superclasses in other files what their symbols tell (their fields).
   */
  private static List<ClassModel> related(
      JavacModelBuilder.Result result, Map<String, ClassModel> unit) {
    Map<String, ClassModel> available = new LinkedHashMap<>();
    for (ClassModel superclass : result.superclasses()) {
      available.put(superclass.name(), superclass);
    }
    available.putAll(unit);
    return RelatedClasses.of(result.model(), available);
  }

  private static Translated translate(TreePath path, VisitorState state, LatchkeyConfig config) {
    ClassTree tree = (ClassTree) path.getLeaf();
    List<Throwable> failures = new ArrayList<>();
    try {
      JavacModelBuilder.Result built = JavacModelBuilder.build(path, state.withPath(path), config);
      failures.addAll(built.failures());
      return new Translated(tree, built, failures);
    } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
      failures.add(e);
      return new Translated(tree, null, failures);
    }
  }

  private static ClassAnalysis analyze(
      Translated cls, LatchkeyConfig config, Program program, List<ClassModel> related) {
    List<Throwable> failures = cls.failures();
    if (cls.result() == null) {
      return new ClassAnalysis(List.of(), failures);
    }
    try {
      JavacModelBuilder.Result built = cls.result();
      List<Finding> findings = new ArrayList<>();
      for (Finding finding : Latchkey.analyze(built.model(), config, program, related)) {
        if (!built.suppressedAt(finding.primary().origin(), finding.check().id())) {
          findings.add(finding);
        }
      }
      return new ClassAnalysis(findings, failures);
    } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
      failures.add(e);
      return new ClassAnalysis(List.of(), failures);
    }
  }
}
