package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.fixtures.FixtureFile;
import dev.latchkey.fixtures.Fixtures;
import dev.latchkey.fixtures.HarnessConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code latchkey.checkTestCode=true} makes the plugin judge executors in test code too: the pools
 * of the HitCounterTest fixture (test code by its class name and its annotations), which the
 * fixture test expects to be left alone by default. UnboundedSubmission never depended on it; its
 * loops there run a small constant number of times.
 */
class CheckTestCodeIT {
  @Test
  void testCodeIsJudgedWhenAskedFor() throws Exception {
    Map<String, String> properties = new HashMap<>(HarnessConfig.spotBugsSystemProperties());
    properties.put(LatchkeyConfig.systemPropertyName(LatchkeyConfig.CHECK_TEST_CODE), "true");
    SpotBugsRun.Report report =
        SpotBugsRun.run(
            SpotBugsRun.pluginJar(),
            Fixtures.classFilesRoot(),
            "fixtures.executors.HitCounterTest",
            properties,
            SpotBugsRun.classLibraryOptions(
                SpotBugsFixturesIT.analysable(Fixtures.load()).stream()
                    .mapToInt(FixtureFile::release)
                    .max()
                    .orElse(17)));
    List<String> found =
        report.latchkeyBugs().stream().map(bug -> bug.type() + "@" + bug.line()).sorted().toList();
    assertEquals(
        List.of(
            "ExecutorNotShutdown@62",
            "UnboundedExecutor@39",
            "UnboundedExecutor@62",
            "UnboundedExecutor@79"),
        found);
  }
}
