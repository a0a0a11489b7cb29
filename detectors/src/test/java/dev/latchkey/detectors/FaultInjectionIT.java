package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.fixtures.FixtureFile;
import dev.latchkey.fixtures.Fixtures;
import dev.latchkey.fixtures.FrontEnd;
import dev.latchkey.fixtures.HarnessConfig;
import dev.latchkey.fixtures.Marker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * An internal failure while analysing one class (injected with {@code latchkey.failOnClass}) is
 * logged once as a SpotBugs analysis error naming the class, and SpotBugs still completes and
 * reports the findings of every other class.
 */
class FaultInjectionIT {
  private static final String FAILING = "fixtures.locks.EarlyReturnLeak";

  @Test
  void oneClassFailsTheOthersAreStillReported() throws Exception {
    Map<String, String> properties = new HashMap<>(HarnessConfig.spotBugsSystemProperties());
    properties.put(LatchkeyConfig.systemPropertyName(LatchkeyConfig.FAIL_ON_CLASS), FAILING);

    List<FixtureFile> fixtures = SpotBugsFixturesIT.analysable(Fixtures.load());
    int release = fixtures.stream().mapToInt(FixtureFile::release).max().orElse(17);
    SpotBugsRun.Report report =
        SpotBugsRun.run(
            SpotBugsRun.pluginJar(),
            Fixtures.classFilesRoot(),
            "fixtures.-",
            properties,
            SpotBugsRun.classLibraryOptions(release));

    List<String> internal =
        report.errors().stream().filter(e -> e.contains("Latchkey internal error")).toList();
    assertEquals(1, internal.size(), "one internal error, got " + report.errors());
    String message = internal.get(0);
    assertTrue(message.contains(FAILING), message);
    for (CheckId check : CheckId.values()) {
      assertTrue(message.contains(check.id()), "names the checks: " + message);
    }

    List<SpotBugsRun.Bug> bugs = report.latchkeyBugs();
    assertTrue(
        bugs.stream().noneMatch(bug -> FAILING.equals(bug.className())),
        "no finding from the failed class");
    assertFalse(bugs.isEmpty(), "the other classes are still analysed");
    assertTrue(
        bugs.stream().map(SpotBugsRun.Bug::className).distinct().count() > 10,
        "findings in many other classes: " + bugs);
    // Every check some other fixture expects of SpotBugs is still reported.
    Set<String> expectedElsewhere = new TreeSet<>();
    for (FixtureFile fixture : fixtures) {
      if (!fixture.className().equals(FAILING)) {
        for (Marker marker : fixture.markers(FrontEnd.BYTECODE)) {
          if (marker.kind() == Marker.Kind.EXPECT) {
            expectedElsewhere.add(marker.checkId());
          }
        }
      }
    }
    assertFalse(expectedElsewhere.isEmpty());
    for (String check : expectedElsewhere) {
      assertTrue(
          bugs.stream().anyMatch(bug -> bug.type().equals(check)),
          "every check is still reported elsewhere: " + check);
    }
  }
}
