package dev.latchkey.checks.report;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.RelatedLocation;
import dev.latchkey.checks.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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
   * {@code finding}, found in the file {@code uri}; {@code relatedUri} names the file of each of
   * its related locations (another class's, for lock order across classes), or null if unknown.
   */
  public static SarifResult of(
      Finding finding, String uri, Function<RelatedLocation, String> relatedUri) {
    List<Location> related = new ArrayList<>();
    for (RelatedLocation location : finding.relatedLocations()) {
      int line = location.line() > 0 ? location.line() : lineOf(location.node());
      String file = relatedUri.apply(location);
      if (line > 0 && file != null) {
        related.add(new Location(file, line, location.description()));
      }
    }
    if (finding.relatedLocations().isEmpty()) {
      for (Node node : finding.related()) {
        if (node.line() > 0 && node.line() != finding.primary().line()) {
          related.add(new Location(uri, node.line(), node.label()));
        }
      }
    }
    return new SarifResult(
        finding.check(),
        finding.message(),
        finding.fingerprint(),
        new Location(uri, finding.primary().line(), null),
        related);
  }

  private static int lineOf(Node node) {
    return node == null ? -1 : node.line();
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
