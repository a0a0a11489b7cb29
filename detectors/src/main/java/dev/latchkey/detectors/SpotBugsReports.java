package dev.latchkey.detectors;

import dev.latchkey.checks.Finding;
import dev.latchkey.checks.RelatedLocation;
import dev.latchkey.checks.report.FindingReports;
import dev.latchkey.checks.report.SarifResult;
import edu.umd.cs.findbugs.ba.AnalysisContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The SpotBugs plugin's side of {@link FindingReports} ({@code -Dlatchkey.baseline}, {@code
 * -Dlatchkey.sarifOutput}, {@code -Dlatchkey.updateBaseline}): where a class's findings and their
 * related places are in the sources. Latchkey writes its own SARIF because SpotBugs' SARIF writer
 * puts a pattern's summary in every message and has no fingerprints or related locations.
 */
final class SpotBugsReports {
  private SpotBugsReports() {}

  /** Tells {@code reports} what was reported for class {@code className}. */
  static void reported(
      FindingReports reports, String className, String sourceFile, List<Finding> findings) {
    if (!reports.wantsSarif()) {
      return;
    }
    String uri = uriOf(className, sourceFile);
    reports.reported(
        uri,
        findings.stream()
            .map(
                finding ->
                    SarifResult.of(
                        finding, uri, location -> relatedUri(location, className, sourceFile)))
            .toList());
  }

  private static String relatedUri(RelatedLocation location, String className, String sourceFile) {
    String owner = location.className() != null ? location.className() : className;
    if (owner.equals(className)) {
      return uriOf(className, sourceFile);
    }
    String file =
        location.node() != null && location.node().origin() instanceof BytecodeOrigin origin
            ? origin.sourceFile()
            : null;
    return uriOf(owner, file);
  }

  /**
   * The source file of {@code className} relative to the working directory where SpotBugs' source
   * path finds it, else its package path ({@code com/acme/Pool.java}).
   */
  private static String uriOf(String className, String sourceFile) {
    int dot = className.lastIndexOf('.');
    String packageName = dot < 0 ? "" : className.substring(0, dot);
    String fileName =
        sourceFile != null
            ? sourceFile
            : className.substring(dot + 1).replaceFirst("\\$.*", "") + ".java";
    AnalysisContext context = AnalysisContext.currentAnalysisContext();
    if (context != null) {
      try {
        Path found =
            Path.of(
                    context
                        .getSourceFinder()
                        .findSourceFile(packageName, fileName)
                        .getFullFileName())
                .toAbsolutePath();
        Path workingDirectory = Path.of("").toAbsolutePath();
        if (found.startsWith(workingDirectory)) {
          return workingDirectory.relativize(found).toString().replace('\\', '/');
        }
      } catch (IOException | RuntimeException e) {
        // Not on the source path: the package path is the best name there is.
      }
    }
    return (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/") + fileName;
  }
}
