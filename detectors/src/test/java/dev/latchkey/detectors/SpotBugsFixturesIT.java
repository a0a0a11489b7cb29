package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.fixtures.Finding;
import dev.latchkey.fixtures.FixtureComparison;
import dev.latchkey.fixtures.FixtureFile;
import dev.latchkey.fixtures.Fixtures;
import dev.latchkey.fixtures.FrontEnd;
import dev.latchkey.fixtures.HarnessConfig;
import dev.latchkey.fixtures.Scoreboard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The contract: SpotBugs 4.10.4 with the packaged plugin jar, over the compiled fixtures,
 * configured like every front-end (HarnessConfig), reports exactly what the fixtures' markers
 * expect of the bytecode front-end. Every Latchkey bug type counts; other detectors' bugs do not.
 * The JDK 21 fixtures (class file version 65) are analysed too where their class files were built,
 * and skipped where they were not.
 */
class SpotBugsFixturesIT {
  @Test
  void fixturesReportExactlyTheExpectedFindings() throws Exception {
    List<FixtureFile> fixtures = analysable(Fixtures.load());
    int release = fixtures.stream().mapToInt(FixtureFile::release).max().orElse(17);
    SpotBugsRun.Report report =
        SpotBugsRun.run(
            SpotBugsRun.pluginJar(),
            Fixtures.classFilesRoot(),
            "fixtures.-",
            HarnessConfig.spotBugsSystemProperties(),
            withSourcePath(SpotBugsRun.classLibraryOptions(release)));

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

    Set<String> analysed = new HashSet<>();
    NodeList classStats = report.xml().getElementsByTagName("ClassStats");
    for (int i = 0; i < classStats.getLength(); i++) {
      analysed.add(((Element) classStats.item(i)).getAttribute("class"));
    }
    for (FixtureFile fixture : fixtures) {
      if (fixture.release() > 17) {
        // e.g. release 21: class file version 65, read and analysed by SpotBugs.
        assertEquals(44 + fixture.release(), classFileVersion(fixture.className()), fixture.path());
        assertTrue(
            analysed.contains(fixture.className()), "SpotBugs did not analyse " + fixture.path());
      }
    }
    FixtureComparison.Result result =
        FixtureComparison.compare(FrontEnd.BYTECODE, fixtures, findings);
    Scoreboard scoreboard = new Scoreboard(fixtures).record(result);
    System.out.println(scoreboard.render());
    System.out.println(result.diff());
    result.assertExact();
  }

  /**
   * The fixtures whose class files exist. A fixture for a later Java release ({@code // release:
   * 21}) is compiled only where its JDK is installed (the {@code java21-fixtures} profile of
   * test-fixtures); without its class file it is skipped, not failed. A JDK 17 fixture without a
   * class file is an error of the build.
   */
  static List<FixtureFile> analysable(List<FixtureFile> fixtures) throws Exception {
    return analysable(fixtures, Fixtures.classFilesRoot());
  }

  /** {@link #analysable(List)} for the class files under {@code root} (a directory or jar). */
  static List<FixtureFile> analysable(List<FixtureFile> fixtures, Path root) throws Exception {
    List<FixtureFile> kept = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (FixtureFile fixture : fixtures) {
      String classFile = fixture.className().replace('.', '/') + ".class";
      boolean present;
      if (Files.isDirectory(root)) {
        present = Files.isRegularFile(root.resolve(classFile));
      } else {
        try (ZipFile jar = new ZipFile(root.toFile())) {
          present = jar.getEntry(classFile) != null;
        }
      }
      if (present) {
        kept.add(fixture);
      } else if (fixture.release() > 17) {
        skipped.add(fixture.path() + " (release " + fixture.release() + ")");
      } else {
        throw new AssertionError("no class file for the fixture " + fixture.path());
      }
    }
    if (!skipped.isEmpty()) {
      System.out.println(
          "Skipped, no class file (their JDK is not installed here): "
              + String.join(", ", skipped));
    }
    return kept;
  }

  /** The major class file version of {@code className} in the fixtures' class files. */
  static int classFileVersion(String className) throws Exception {
    Path root = Fixtures.classFilesRoot();
    String classFile = className.replace('.', '/') + ".class";
    byte[] bytes;
    if (Files.isDirectory(root)) {
      bytes = Files.readAllBytes(root.resolve(classFile));
    } else {
      try (ZipFile jar = new ZipFile(root.toFile())) {
        bytes = jar.getInputStream(jar.getEntry(classFile)).readAllBytes();
      }
    }
    return ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
  }

  private static List<String> latchkeyErrors(SpotBugsRun.Report report) {
    return report.errors().stream().filter(message -> message.contains("Latchkey")).toList();
  }

  /**
   * The fixture sources as a user's build passes its source roots ({@code -sourcepath}), so that
   * what only the source says (an empty handler's comment and variable name) is read as users get
   * it.
   */
  private static List<String> withSourcePath(List<String> options) throws IOException {
    Path sources = Files.createTempDirectory("latchkey-fixture-sources");
    Fixtures.writeSources(sources);
    List<String> all = new ArrayList<>(options);
    all.add("-sourcepath");
    all.add(sources.toString());
    return all;
  }
}
