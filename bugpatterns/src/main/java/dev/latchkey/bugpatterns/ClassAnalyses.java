package dev.latchkey.bugpatterns;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.tools.javac.util.Context;
import dev.latchkey.bugpatterns.javac.JavacModelBuilder;
import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.Latchkey;
import dev.latchkey.checks.config.LatchkeyConfig;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-compilation memory Latchkey's checkers share, kept in javac's {@link Context}: each class
 * is translated and analysed once (every checker then reports only its own check), and each checker
 * reports an internal failure at most once per compilation.
 */
final class ClassAnalyses {
  private static final Context.Key<ClassAnalyses> KEY = new Context.Key<>();

  /**
   * Error Prone runs every checker on a class before it goes into the class's members, so a few
   * recent classes are enough; an evicted class is simply analysed again.
   */
  private static final int RECENT_CLASSES = 32;

  /** The findings of one class, and what went wrong while computing them. */
  record ClassAnalysis(List<Finding> findings, List<Throwable> failures) {}

  private final Map<ClassTree, ClassAnalysis> recent =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ClassTree, ClassAnalysis> eldest) {
          return size() > RECENT_CLASSES;
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

  /** The analysis of the class at {@code state}'s path; never throws. */
  ClassAnalysis analyze(ClassTree tree, VisitorState state, LatchkeyConfig config) {
    ClassAnalysis known = recent.get(tree);
    if (known == null) {
      known = compute(state, config);
      recent.put(tree, known);
    }
    return known;
  }

  /** True the first time {@code check} asks in this compilation. */
  boolean firstFailureOf(CheckId check) {
    return reportedFailures.add(check);
  }

  private static ClassAnalysis compute(VisitorState state, LatchkeyConfig config) {
    List<Throwable> failures = new ArrayList<>();
    try {
      JavacModelBuilder.Result built = JavacModelBuilder.build(state.getPath(), state, config);
      failures.addAll(built.failures());
      List<Finding> findings = new ArrayList<>();
      for (Finding finding : Latchkey.analyze(built.model(), config)) {
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
