package dev.latchkey.detectors;

import dev.latchkey.checks.Finding;
import dev.latchkey.checks.RelatedLocation;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.report.Baseline;
import dev.latchkey.checks.report.SarifLog;
import dev.latchkey.checks.report.SarifResult;
import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.SourceFinder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the SpotBugs plugin reports beside SpotBugs' own reports, for one analysis: the baseline
 * that holds findings back ({@code -Dlatchkey.baseline}), Latchkey's own SARIF file ({@code
 * -Dlatchkey.sarifOutput}, with each finding's message, fingerprint and related locations, which
 * SpotBugs' SARIF cannot carry) and the baseline update ({@code -Dlatchkey.updateBaseline=true}),
 * written when the analysis ends.
 */
final class SpotBugsReports {
  private final LatchkeyConfig.Reporting reporting;
  private final Baseline baseline;
  private final Path workingDirectory = Path.of("").toAbsolutePath();
  private final List<SarifResult> results = new ArrayList<>();
  private final Set<String> analysedUris = new TreeSet<>();
  private final Set<String> fingerprints = new TreeSet<>();

  SpotBugsReports(LatchkeyConfig.Reporting reporting) {
    this.reporting = reporting;
    this.baseline = Baseline.read(reporting.baseline());
  }

  /** The findings to report: those the baseline does not hold (all count for an update). */
  List<Finding> newFindings(List<Finding> findings) {
    for (Finding finding : findings) {
      if (finding.fingerprint() != null) {
        fingerprints.add(finding.fingerprint());
      }
    }
    return baseline.newFindings(findings);
  }

  /** Records the findings reported for class {@code className}, for the SARIF file. */
  void reported(String className, String sourceFile, List<Finding> findings) {
    if (reporting.sarifOutput() == null) {
      return;
    }
    String uri = uriOf(className, sourceFile);
    analysedUris.add(uri);
    for (Finding finding : findings) {
      List<SarifResult.Location> related = new ArrayList<>();
      for (RelatedLocation location : finding.relatedLocations()) {
        String owner = location.className() != null ? location.className() : className;
        String file = owner.equals(className) ? sourceFile : sourceFileOf(location.node());
        int line = location.line() > 0 ? location.line() : lineOf(location.node());
        if (line > 0) {
          related.add(new SarifResult.Location(uriOf(owner, file), line, location.description()));
        }
      }
      if (finding.relatedLocations().isEmpty()) {
        for (Node node : finding.related()) {
          if (node.line() > 0 && node.line() != finding.primary().line()) {
            related.add(new SarifResult.Location(uri, node.line(), node.label()));
          }
        }
      }
      results.add(
          new SarifResult(
              finding.check(),
              finding.message(),
              finding.fingerprint(),
              new SarifResult.Location(uri, finding.primary().line(), null),
              related));
    }
  }

  /** Writes the SARIF file and the baseline update, if asked for. */
  void analysisFinished() {
    if (reporting.sarifOutput() != null) {
      SarifLog.write(reporting.sarifOutput(), "Latchkey (SpotBugs)", results, analysedUris);
    }
    if (reporting.updateBaseline() && reporting.baseline() != null) {
      Baseline.update(reporting.baseline(), fingerprints);
    }
  }

  private static int lineOf(Node node) {
    return node == null ? -1 : node.line();
  }

  private static String sourceFileOf(Node node) {
    return node != null && node.origin() instanceof BytecodeOrigin origin
        ? origin.sourceFile()
        : null;
  }

  /**
   * The source file of {@code className} relative to the working directory where SpotBugs' source
   * path finds it, else its package path ({@code com/acme/Pool.java}).
   */
  private String uriOf(String className, String sourceFile) {
    int dot = className.lastIndexOf('.');
    String packageName = dot < 0 ? "" : className.substring(0, dot);
    String fileName =
        sourceFile != null
            ? sourceFile
            : className.substring(dot + 1).replaceFirst("\\$.*", "") + ".java";
    String packagePath =
        (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/") + fileName;
    AnalysisContext context = AnalysisContext.currentAnalysisContext();
    if (context != null) {
      SourceFinder finder = context.getSourceFinder();
      try {
        Path found = Path.of(finder.findSourceFile(packageName, fileName).getFullFileName());
        Path absolute = found.toAbsolutePath();
        if (absolute.startsWith(workingDirectory)) {
          return workingDirectory.relativize(absolute).toString().replace('\\', '/');
        }
      } catch (IOException | RuntimeException e) {
        // Not on the source path: the package path is the best name there is.
      }
    }
    return packagePath;
  }
}
