package dev.latchkey.detectors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.Fingerprints;
import dev.latchkey.checks.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Latchkey's own SARIF file and the baseline in a SpotBugs run ({@code -Dlatchkey.sarifOutput},
 * {@code -Dlatchkey.baseline}, {@code -Dlatchkey.updateBaseline}): the same fingerprints as the
 * javac plugin's.
 */
class ReportingIT {
  @TempDir Path dir;

  private static final String SOURCE =
      """
      package snip;
      import java.util.concurrent.locks.*;
      public class Pool {
        private final ReentrantLock lock = new ReentrantLock();
        private int size;
        boolean shrink(int by) {
          lock.lock();
          if (by > size) return false;
          size -= by;
          lock.unlock();
          return true;
        }
      }
      """;

  private SpotBugsRun.Report run(Map<String, String> properties) throws Exception {
    return SpotBugsRun.run(
        SpotBugsRun.pluginJar(),
        JavaSources.compile("snip.Pool", SOURCE),
        null,
        properties,
        List.of());
  }

  @Test
  void writesSarifAndHoldsBackBaselinedFindings() throws Exception {
    Path sarif = dir.resolve("latchkey-spotbugs.sarif");
    Path baseline = dir.resolve("latchkey-baseline.json");
    SpotBugsRun.Report first =
        run(
            Map.of(
                "latchkey.sarifOutput", sarif.toString(),
                "latchkey.baseline", baseline.toString(),
                "latchkey.updateBaseline", "true"));
    assertEquals(1, first.latchkeyBugs().size());

    Map<?, ?> log = (Map<?, ?>) Json.parse(Files.readString(sarif, UTF_8));
    Map<?, ?> result =
        (Map<?, ?>)
            ((List<?>) ((Map<?, ?>) ((List<?>) log.get("runs")).get(0)).get("results")).get(0);
    assertEquals(
        Map.of(Fingerprints.SARIF_KEY, "LockNotReleased:snip.Pool#shrink:this.lock"),
        result.get("partialFingerprints"));
    assertTrue(
        ((String) ((Map<?, ?>) result.get("message")).get("text")).startsWith("lock acquired"));
    assertTrue(Files.readString(baseline).contains("LockNotReleased:snip.Pool#shrink:this.lock"));

    SpotBugsRun.Report second = run(Map.of("latchkey.baseline", baseline.toString()));
    assertEquals(List.of(), second.latchkeyBugs());
  }
}
