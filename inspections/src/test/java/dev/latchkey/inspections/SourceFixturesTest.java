package dev.latchkey.inspections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.fixtures.Finding;
import dev.latchkey.fixtures.FixtureComparison;
import dev.latchkey.fixtures.FixtureFile;
import dev.latchkey.fixtures.Fixtures;
import dev.latchkey.fixtures.FrontEnd;
import dev.latchkey.fixtures.HarnessConfig;
import dev.latchkey.fixtures.Scoreboard;
import dev.latchkey.inspections.analysis.Issue;
import dev.latchkey.inspections.analysis.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source front-end over every fixture: all fixture sources as one workspace (so lock order
 * across files is seen, as SpotBugs sees it), configured as the harness prescribes, the fixtures'
 * dependencies (annotations, JUnit) on the class path; the findings must match the markers exactly.
 * Fixtures for a newer Java than the running JDK are left out, as for javac: the solver reads the
 * JDK's own classes (CI runs the JDK 21 set on JDK 25).
 */
class SourceFixturesTest {
  @Test
  void findingsMatchTheFixtureMarkers(@TempDir Path sources) {
    List<FixtureFile> fixtures = new ArrayList<>();
    int running = Runtime.version().feature();
    for (FixtureFile file : Fixtures.load()) {
      if (file.release() <= running) {
        fixtures.add(file);
      } else {
        System.out.println(
            "skipped " + file.path() + ": needs Java " + file.release() + ", running " + running);
      }
    }
    Fixtures.writeSources(sources);
    Workspace workspace = new Workspace(List.of(sources), TestClassPath.jars(), harnessConfig());
    for (int i = 0; i < fixtures.size(); i++) {
      workspace.load(sources.resolve(fixtures.get(i).path()));
      if (i % 50 == 49) {
        System.out.println("translated " + (i + 1) + " of " + fixtures.size() + " fixture files");
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (FixtureFile fixture : fixtures) {
      for (Issue issue : workspace.issues(sources.resolve(fixture.path()))) {
        findings.add(new Finding(fixture.path(), issue.line(), issue.check().id()));
        if (Boolean.getBoolean("fixtures.printFindings")) {
          System.out.println(fixture.path() + ":" + issue.line() + " " + issue.message());
        }
      }
    }
    List<Throwable> failures = workspace.drainFailures();
    failures.forEach(Throwable::printStackTrace);
    Scoreboard scoreboard = new Scoreboard(fixtures);
    FixtureComparison.Result result = scoreboard.record(FrontEnd.SOURCE, findings);
    System.out.println(scoreboard.render());
    System.out.println(result.diff());
    assertEquals(
        List.of(),
        failures.stream().map(String::valueOf).toList(),
        "no internal error on the fixtures");
    result.assertExact();
  }

  static LatchkeyConfig harnessConfig() {
    return LatchkeyConfig.from(
        key ->
            switch (key) {
              case LatchkeyConfig.ACQUIRE_METHODS -> HarnessConfig.ACQUIRE_METHODS;
              case LatchkeyConfig.RELEASE_METHODS -> HarnessConfig.RELEASE_METHODS;
              default -> null;
            });
  }
}
