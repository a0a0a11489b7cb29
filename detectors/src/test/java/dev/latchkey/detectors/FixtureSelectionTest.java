package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latchkey.fixtures.FixtureFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which fixtures the SpotBugs fixture test compares: a fixture for a later Java release whose class
 * file was not built (no JDK 25 on the machine) is skipped; a JDK 17 fixture without its class file
 * is an error.
 */
class FixtureSelectionTest {
  private static final FixtureFile PLAIN =
      FixtureFile.parse("fixtures/x/Plain.java", "package fixtures.x;\nclass Plain {}\n");
  private static final FixtureFile LATER =
      FixtureFile.parse(
          "fixtures/x21/Later.java", "// release: 21\npackage fixtures.x21;\nclass Later {}\n");

  @Test
  void aFixtureOfALaterReleaseWithoutClassFileIsSkipped() throws Exception {
    Path root = Files.createTempDirectory("latchkey-classes");
    Files.createDirectories(root.resolve("fixtures/x"));
    Files.write(root.resolve("fixtures/x/Plain.class"), new byte[] {1});
    assertEquals(List.of(PLAIN), SpotBugsFixturesIT.analysable(List.of(PLAIN, LATER), root));

    Files.createDirectories(root.resolve("fixtures/x21"));
    Files.write(root.resolve("fixtures/x21/Later.class"), new byte[] {1});
    assertEquals(List.of(PLAIN, LATER), SpotBugsFixturesIT.analysable(List.of(PLAIN, LATER), root));
  }

  @Test
  void aJdk17FixtureWithoutClassFileFails() throws Exception {
    Path root = Files.createTempDirectory("latchkey-classes");
    assertThrows(
        AssertionError.class, () -> SpotBugsFixturesIT.analysable(List.of(PLAIN, LATER), root));
  }
}
