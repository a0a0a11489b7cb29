package dev.latchkey.checks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Fingerprints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifLogTest {
  @TempDir Path dir;

  private static SarifResult result(String uri, int line) {
    return new SarifResult(
        CheckId.UNLOCK_NOT_HELD,
        "this.permits is released \"here\"",
        "UnlockNotHeld:a.B#m:this.permits",
        new SarifResult.Location(uri, line, null),
        List.of(new SarifResult.Location(uri, line - 2, "acquired here")));
  }

  private static List<?> results(Path file) throws Exception {
    Map<?, ?> log = (Map<?, ?>) Json.parse(Files.readString(file));
    return (List<?>) ((Map<?, ?>) ((List<?>) log.get("runs")).get(0)).get("results");
  }

  @Test
  void writesMessageLevelFingerprintAndRelatedLocations() throws Exception {
    Path file = dir.resolve("out.sarif");
    SarifLog.write(file, "Latchkey", List.of(result("src/A.java", 9)), Set.of("src/A.java"));
    Map<?, ?> only = (Map<?, ?>) results(file).get(0);
    assertEquals(
        "this.permits is released \"here\"", ((Map<?, ?>) only.get("message")).get("text"));
    assertEquals("error", only.get("level"));
    assertEquals(
        Map.of(Fingerprints.SARIF_KEY, "UnlockNotHeld:a.B#m:this.permits"),
        only.get("partialFingerprints"));
    Map<?, ?> related = (Map<?, ?>) ((List<?>) only.get("relatedLocations")).get(0);
    assertEquals("acquired here", ((Map<?, ?>) related.get("message")).get("text"));
  }

  @Test
  void keepsResultsOfFilesThisRunDidNotAnalyse() throws Exception {
    Path file = dir.resolve("out.sarif");
    SarifLog.write(
        file,
        "Latchkey",
        List.of(result("src/A.java", 9), result("src/B.java", 5)),
        Set.of("src/A.java", "src/B.java"));
    // An incremental compile of A alone: A's findings are replaced, B's kept.
    SarifLog.write(file, "Latchkey", List.of(result("src/A.java", 12)), Set.of("src/A.java"));
    List<?> results = results(file);
    assertEquals(2, results.size());
    String text = Files.readString(file);
    assertEquals(1, text.split("\"startLine\": 12,?", -1).length - 1);
    assertEquals(1, text.split("\"uri\": \"src/B.java\"", -1).length - 2);
  }
}
