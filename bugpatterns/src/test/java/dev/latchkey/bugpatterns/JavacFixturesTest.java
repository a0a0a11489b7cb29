package dev.latchkey.bugpatterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.fixtures.Finding;
import dev.latchkey.fixtures.FixtureComparison;
import dev.latchkey.fixtures.FixtureFile;
import dev.latchkey.fixtures.Fixtures;
import dev.latchkey.fixtures.FrontEnd;
import dev.latchkey.fixtures.HarnessConfig;
import dev.latchkey.fixtures.Scoreboard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The javac front-end over every fixture: all fixture sources in one javac run through the real
 * plugin, configured as the harness prescribes; the findings must match the markers exactly.
 * Fixtures for a newer Java release than the running JDK are skipped. {@code
 * -Dfixtures.printFindings=true} also prints every diagnostic with its message.
 */
class JavacFixturesTest {
  @Test
  void findingsMatchTheFixtureMarkers(@TempDir Path sources) {
    // Fixtures that need a newer Java than this JDK (`// release: 21`) cannot be compiled here:
    // they are left out of the compilation and of the comparison (their markers say bytecode
    // only).
    int running = Runtime.version().feature();
    List<FixtureFile> fixtures = new ArrayList<>();
    for (FixtureFile file : Fixtures.load()) {
      if (file.release() > running) {
        System.out.println(
            "skipped " + file.path() + ": needs Java " + file.release() + ", running " + running);
      } else {
        fixtures.add(file);
        ErrorProneRun.write(sources, file.path(), file.source());
      }
    }

    ErrorProneRun.Result run =
        ErrorProneRun.compile(
            sources,
            ErrorProneRun.latchkeyOnly(
                "-XepOpt:"
                    + HarnessConfig.ERROR_PRONE_ACQUIRE_OPTION
                    + "="
                    + HarnessConfig.ACQUIRE_METHODS,
                "-XepOpt:"
                    + HarnessConfig.ERROR_PRONE_RELEASE_OPTION
                    + "="
                    + HarnessConfig.RELEASE_METHODS));

    assertTrue(run.success(), () -> "the fixtures must compile:\n" + run.reports() + run.output());
    assertEquals(List.of(), run.internalErrors(), "no internal error on the fixtures");
    if (Boolean.getBoolean("fixtures.printFindings")) {
      run.reports().forEach(r -> System.out.println(r.file() + ":" + r.line() + " " + r.message()));
    }
    List<Finding> findings = new ArrayList<>(run.findings());
    Scoreboard scoreboard = new Scoreboard(fixtures);
    FixtureComparison.Result result = scoreboard.record(FrontEnd.JAVAC, findings);
    System.out.println(scoreboard.render());
    System.out.println(result.diff());
    result.assertExact();
  }
}
