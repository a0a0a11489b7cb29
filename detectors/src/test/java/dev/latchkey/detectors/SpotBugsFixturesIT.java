package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.latchkey.fixtures.Finding;
import dev.latchkey.fixtures.FixtureComparison;
import dev.latchkey.fixtures.FixtureFile;
import dev.latchkey.fixtures.Fixtures;
import dev.latchkey.fixtures.FrontEnd;
import dev.latchkey.fixtures.HarnessConfig;
import dev.latchkey.fixtures.Scoreboard;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract: SpotBugs 4.10.4 with the packaged plugin jar, over the compiled fixtures,
 * configured like every front-end (HarnessConfig), reports exactly what the fixtures' markers
 * expect of the bytecode front-end. Every Latchkey bug type counts; other detectors' bugs do not.
 */
class SpotBugsFixturesIT {
  @Test
  void fixturesReportExactlyTheExpectedFindings() throws Exception {
    SpotBugsRun.Report report =
        SpotBugsRun.run(
            SpotBugsRun.pluginJar(),
            Fixtures.classFilesRoot(),
            "fixtures.-",
            HarnessConfig.spotBugsSystemProperties(),
            List.of());

    assertEquals(List.of(), latchkeyErrors(report), "Latchkey logged analysis errors");
    assertEquals(
        0,
        report.xml().getElementsByTagName("MissingClass").getLength(),
        "classes missing from the analysis class path");
    List<Finding> findings = new ArrayList<>();
    for (SpotBugsRun.Bug bug : report.latchkeyBugs()) {
      assertFalse(bug.sourcePath() == null || bug.line() < 1, "bug without a source line: " + bug);
      findings.add(new Finding(bug.sourcePath(), bug.line(), bug.type()));
    }

    List<FixtureFile> fixtures = Fixtures.load();
    FixtureComparison.Result result =
        FixtureComparison.compare(FrontEnd.BYTECODE, fixtures, findings);
    Scoreboard scoreboard = new Scoreboard(fixtures).record(result);
    System.out.println(scoreboard.render());
    System.out.println(result.diff());
    result.assertExact();
  }

  private static List<String> latchkeyErrors(SpotBugsRun.Report report) {
    return report.errors().stream().filter(message -> message.contains("Latchkey")).toList();
  }
}
