package dev.latchkey.checks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
  @TempDir Path dir;

  private static Finding finding(String fingerprint) {
    return new Finding(CheckId.LOCK_NOT_RELEASED, null, List.of(), "m", List.of(), fingerprint);
  }

  @Test
  void updateAddsAndReadFilters() throws Exception {
    Path file = dir.resolve("latchkey-baseline.json");
    assertTrue(Baseline.read(file).newFindings(List.of(finding("a"))).size() == 1);
    Baseline.update(file, List.of("b", "a"));
    Baseline.update(file, List.of("c"));
    Baseline baseline = Baseline.read(file);
    assertTrue(baseline.contains(finding("a")));
    assertTrue(baseline.contains(finding("c")));
    assertFalse(baseline.contains(finding("d")));
    assertEquals(List.of(finding("d")), baseline.newFindings(List.of(finding("a"), finding("d"))));
    assertTrue(Files.readString(file).contains("\"a\",\n    \"b\",\n    \"c\""));
  }

  @Test
  void aFileThatIsNotABaselineIsAnError() throws Exception {
    Path file = dir.resolve("x.json");
    Files.writeString(file, "[1, 2]");
    assertThrows(IllegalArgumentException.class, () -> Baseline.read(file));
  }
}
