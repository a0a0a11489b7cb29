package dev.latchkey.checks.report;

import dev.latchkey.checks.Finding;
import dev.latchkey.checks.config.LatchkeyConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a front-end reports beside its host's own output, for one run (a compilation, an analysis):
 * the baseline that holds findings back, the SARIF file and the baseline update, both written by
 * {@link #finish} when the run ends. The front-end passes its findings and their files; this
 * decides what is new and writes the files.
 */
public final class FindingReports {
  private final LatchkeyConfig.Reporting reporting;
  private final Baseline baseline;
  private final List<SarifResult> results = new ArrayList<>();
  private final Set<String> analysedUris = new TreeSet<>();
  private final Set<String> fingerprints = new TreeSet<>();

  public FindingReports(LatchkeyConfig.Reporting reporting) {
    this.reporting = reporting;
    this.baseline = Baseline.read(reporting.baseline());
  }

  /** Whether {@link #finish} writes anything. */
  public boolean writesFiles() {
    return wantsSarif() || (reporting.updateBaseline() && reporting.baseline() != null);
  }

  /** Whether a SARIF file is asked for (so {@link #reported} needs to be told). */
  public boolean wantsSarif() {
    return reporting.sarifOutput() != null;
  }

  /**
   * The findings to report: those the baseline does not hold. All of them count for a baseline
   * update.
   */
  public List<Finding> newFindings(List<Finding> findings) {
    for (Finding finding : findings) {
      if (finding.fingerprint() != null) {
        fingerprints.add(finding.fingerprint());
      }
    }
    return baseline.newFindings(findings);
  }

  /** Records that the file {@code uri} was analysed and {@code reported} was reported in it. */
  public void reported(String uri, List<SarifResult> reported) {
    analysedUris.add(uri);
    results.addAll(reported);
  }

  /** Writes the SARIF file (for tool {@code toolName}) and the baseline update, if asked for. */
  public void finish(String toolName) {
    if (wantsSarif()) {
      SarifLog.write(reporting.sarifOutput(), toolName, results, analysedUris);
    }
    if (reporting.updateBaseline() && reporting.baseline() != null) {
      Baseline.update(reporting.baseline(), fingerprints);
    }
  }
}
