package dev.latchkey.bugpatterns;

import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ClassTree;
import dev.latchkey.bugpatterns.ClassAnalyses.ClassAnalysis;
import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.report.FindingReports;
import java.nio.file.Path;
import java.util.List;

/**
 * What every Latchkey checker does: on each class, get the class's shared analysis and report the
 * findings of its own check. A failure anywhere (configuration, translation, the core) is reported
 * once per checker per compilation as a warning, never as a crash.
 */
public abstract class LatchkeyChecker extends BugChecker implements ClassTreeMatcher {
  private static final long serialVersionUID = 1L;

  private final transient CheckId check;
  private final transient LatchkeyConfig config;
  private final transient RuntimeException configFailure;

  protected LatchkeyChecker(CheckId check, ErrorProneFlags flags) {
    this.check = check;
    LatchkeyConfig parsed = null;
    RuntimeException failure = null;
    try {
      // The project's latchkey.properties (in the working directory, javac's project root, or
      // -XepOpt:Latchkey:Config=...), each -XepOpt:Latchkey:... flag overriding its key.
      parsed =
          LatchkeyConfig.load(
              key -> flags.get(LatchkeyConfig.errorProneFlagName(key)).orElse(null), Path.of(""));
    } catch (RuntimeException e) {
      failure = e;
    }
    this.config = parsed;
    this.configFailure = failure;
  }

  /** The catalogue entry this checker reports. */
  public final CheckId check() {
    return check;
  }

  @Override
  public final Description matchClass(ClassTree tree, VisitorState state) {
    try {
      ClassAnalyses analyses = ClassAnalyses.instance(state.context);
      Throwable failure = configFailure;
      List<Finding> findings = List.of();
      if (failure == null) {
        ClassAnalysis analysis = analyses.analyze(tree, state, config);
        findings = analysis.findings();
        failure = analysis.failures().isEmpty() ? null : analysis.failures().get(0);
      }
      if (failure != null && analyses.firstFailureOf(check)) {
        state.reportMatch(internalError(tree, failure));
      }
      try {
        if (config != null) {
          FindingReports reports = CompilationReports.instance(state.context, config);
          List<Finding> reported =
              JavacFindingReporter.report(this, check, reports.newFindings(own(findings)), state);
          CompilationReports.reported(reports, state.getPath().getCompilationUnit(), reported);
        }
      } catch (RuntimeException e) {
        if (analyses.firstFailureOf(check)) {
          state.reportMatch(internalError(tree, e));
        }
      }
    } catch (RuntimeException | LinkageError ignored) {
      // Even reporting failed: say nothing rather than break the build.
    }
    return Description.NO_MATCH;
  }

  private List<Finding> own(List<Finding> findings) {
    return findings.stream().filter(finding -> finding.check() == check).toList();
  }

  private Description internalError(ClassTree tree, Throwable failure) {
    return buildDescription(tree)
        .setMessage(
            "Latchkey internal error in "
                + check.id()
                + ": "
                + failure
                + "; Latchkey skipped what it could not analyse, compilation continues."
                + " Please report this.")
        .overrideSeverity(SeverityLevel.WARNING) // even where the check is promoted to ERROR
        .build();
  }
}
