package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.umd.cs.findbugs.DetectorFactory;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.Plugin;
import edu.umd.cs.findbugs.plan.AnalysisPass;
import edu.umd.cs.findbugs.plan.ExecutionPlan;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SpotBugs plans the packaged plugin's two detectors in two passes: {@code LatchkeySummaryDetector}
 * (non-reporting, it summarizes every application class for the whole-program checks) in an earlier
 * pass than {@code LatchkeyDetector}, which reports with those summaries; together with SpotBugs'
 * own detectors, as in a real analysis.
 */
class TwoPassIT {
  private static final String SUMMARY = "dev.latchkey.detectors.LatchkeySummaryDetector";
  private static final String REPORTING = "dev.latchkey.detectors.LatchkeyDetector";

  @Test
  void summariesAreMadeInAnEarlierPassThanTheReports() throws Exception {
    DetectorFactoryCollection collection = DetectorFactoryCollection.instance();
    Plugin latchkey = Plugin.addCustomPlugin(SpotBugsRun.pluginJar().toUri().toURL());
    assertNotNull(latchkey, "the plugin jar loads");
    ExecutionPlan plan = new ExecutionPlan();
    plan.addPlugin(collection.getCorePlugin());
    plan.addPlugin(latchkey);
    plan.build();

    Map<String, Integer> passOf = new HashMap<>();
    int index = 0;
    for (Iterator<AnalysisPass> passes = plan.passIterator(); passes.hasNext(); index++) {
      for (DetectorFactory factory : passes.next().getMembers()) {
        passOf.put(factory.getFullName(), index);
      }
    }
    assertTrue(passOf.containsKey(SUMMARY), "the first pass detector is planned: " + passOf);
    assertTrue(passOf.containsKey(REPORTING), "the reporting detector is planned");
    assertTrue(
        passOf.get(SUMMARY) < passOf.get(REPORTING),
        "summaries in pass " + passOf.get(SUMMARY) + ", reports in " + passOf.get(REPORTING));
    DetectorFactory summary = latchkey.getFactoryByShortName("LatchkeySummaryDetector");
    assertEquals(false, summary.isReportingDetector(), "the first pass reports nothing");
  }
}
