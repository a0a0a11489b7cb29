package dev.latchkey.checks.report;

import dev.latchkey.checks.CheckId;
import java.util.List;

/**
 * One finding as a SARIF file shows it, in the front-end's terms: where it is (a path relative to
 * the directory the report is written from, with {@code /}), and where its related places are.
 *
 * @param fingerprint the finding's {@link dev.latchkey.checks.Finding#fingerprint()}
 */
public record SarifResult(
    CheckId check, String message, String fingerprint, Location primary, List<Location> related) {
  public SarifResult {
    related = List.copyOf(related);
  }

  /**
   * A place in a source file.
   *
   * @param uri the file, relative to the report's base directory ({@code src/main/java/...})
   * @param line its line, from 1
   * @param message what happens there, or null (the primary location has none)
   */
  public record Location(String uri, int line, String message) {}
}
