package dev.latchkey.bugpatterns;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.tools.javac.api.BasicJavacTask;
import com.sun.tools.javac.util.Context;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.RelatedLocation;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.report.Baseline;
import dev.latchkey.checks.report.SarifLog;
import dev.latchkey.checks.report.SarifResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the javac plugin reports beside its diagnostics, for one compilation: the baseline that
 * holds findings back ({@code -XepOpt:Latchkey:Baseline}), the SARIF file ({@code
 * -XepOpt:Latchkey:SarifOutput}) and the baseline update ({@code
 * -XepOpt:Latchkey:UpdateBaseline=true}), both written once when the compilation ends. Kept in
 * javac's {@link Context}.
 */
final class CompilationReports {
  private static final Context.Key<CompilationReports> KEY = new Context.Key<>();

  private final LatchkeyConfig.Reporting reporting;
  private final Baseline baseline;
  private final Path workingDirectory = Path.of("").toAbsolutePath();
  private final List<SarifResult> results = new ArrayList<>();
  private final Set<String> analysedUris = new TreeSet<>();
  private final Set<String> fingerprints = new TreeSet<>();

  private CompilationReports(LatchkeyConfig.Reporting reporting) {
    this.reporting = reporting;
    this.baseline = Baseline.read(reporting.baseline());
  }

  /**
   * This compilation's reports, made on first use with {@code config}'s settings (every checker has
   * the same flags); their files are written when javac finishes the compilation.
   */
  static CompilationReports instance(Context context, LatchkeyConfig config) {
    CompilationReports reports = context.get(KEY);
    if (reports == null) {
      reports = new CompilationReports(config.reporting());
      context.put(KEY, reports);
      if (reports.writesFiles()) {
        CompilationReports written = reports;
        JavacTask task = BasicJavacTask.instance(context);
        task.addTaskListener(
            new TaskListener() {
              @Override
              public void finished(TaskEvent event) {
                if (event.getKind() == TaskEvent.Kind.COMPILATION) {
                  written.writeFiles();
                }
              }
            });
      }
    }
    return reports;
  }

  private boolean writesFiles() {
    return reporting.sarifOutput() != null
        || (reporting.updateBaseline() && reporting.baseline() != null);
  }

  /**
   * The findings of {@code findings} to report (those the baseline does not hold); all of them
   * count for a baseline update.
   */
  List<Finding> newFindings(List<Finding> findings) {
    for (Finding finding : findings) {
      if (finding.fingerprint() != null) {
        fingerprints.add(finding.fingerprint());
      }
    }
    return baseline.newFindings(findings);
  }

  /** Records the findings reported in {@code unit}, for the SARIF file. */
  void reported(CompilationUnitTree unit, List<Finding> findings) {
    if (reporting.sarifOutput() == null) {
      return;
    }
    String uri = uriOf(unit);
    analysedUris.add(uri);
    for (Finding finding : findings) {
      results.add(sarifResult(uri, finding));
    }
  }

  private void writeFiles() {
    if (reporting.sarifOutput() != null) {
      SarifLog.write(reporting.sarifOutput(), "Latchkey (javac)", results, analysedUris);
    }
    if (reporting.updateBaseline() && reporting.baseline() != null) {
      Baseline.update(reporting.baseline(), fingerprints);
    }
  }

  private static SarifResult sarifResult(String uri, Finding finding) {
    List<SarifResult.Location> related = new ArrayList<>();
    if (!finding.relatedLocations().isEmpty()) {
      // javac's program is one compilation unit: every related place is in this file.
      for (RelatedLocation location : finding.relatedLocations()) {
        int line = location.line() > 0 ? location.line() : lineOf(location.node());
        if (line > 0) {
          related.add(new SarifResult.Location(uri, line, location.description()));
        }
      }
    } else {
      for (Node node : finding.related()) {
        if (node.line() > 0 && node.line() != finding.primary().line()) {
          related.add(new SarifResult.Location(uri, node.line(), node.label()));
        }
      }
    }
    return new SarifResult(
        finding.check(),
        finding.message(),
        finding.fingerprint(),
        new SarifResult.Location(uri, finding.primary().line(), null),
        related);
  }

  private static int lineOf(Node node) {
    return node == null ? -1 : node.line();
  }

  /** The unit's file relative to the working directory, with {@code /}. */
  private String uriOf(CompilationUnitTree unit) {
    Path file;
    try {
      file = Path.of(unit.getSourceFile().toUri()).toAbsolutePath();
    } catch (RuntimeException e) {
      return unit.getSourceFile().getName();
    }
    Path shown = file.startsWith(workingDirectory) ? workingDirectory.relativize(file) : file;
    return shown.toString().replace('\\', '/');
  }
}
