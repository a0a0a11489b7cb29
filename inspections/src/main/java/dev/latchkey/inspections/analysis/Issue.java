package dev.latchkey.inspections.analysis;

import dev.latchkey.checks.CheckId;
import java.nio.file.Path;
import java.util.List;

/**
 * One finding in a source file, as editors and the command line show it: where (1-based lines and
 * columns of the reported code), which check, the core's message, and the related places.
 *
 * @param origin the syntax node the finding is reported at (for quick fixes), or null
 * @param fingerprint the core's fingerprint of the finding ({@link
 *     dev.latchkey.checks.Finding#fingerprint()}: baselines, SARIF), or null
 */
public record Issue(
    Path file,
    int line,
    int column,
    int endLine,
    int endColumn,
    CheckId check,
    String message,
    List<Related> related,
    com.github.javaparser.ast.Node origin,
    String fingerprint) {
  public Issue {
    related = List.copyOf(related);
  }

  /** A related place: its file (null when unknown), line and what happens there. */
  public record Related(Path file, int line, String description) {}
}
