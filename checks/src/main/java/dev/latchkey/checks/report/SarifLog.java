package dev.latchkey.checks.report;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Fingerprints;
import dev.latchkey.checks.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a front-end's findings as a SARIF 2.1.0 log that code scanning accepts: one run, one rule
 * per check (with its summary, fix and page), each result with the finding's own message, the level
 * of the check's severity, {@code partialFingerprints} ({@link Fingerprints#SARIF_KEY}) and related
 * locations. A file already there is merged: its results for files this run did not analyse are
 * kept, so several compilations (main and test sources, modules, incremental builds) can write one
 * file.
 */
public final class SarifLog {
  private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private SarifLog() {}

  /**
   * Writes {@code results} to {@code file} for tool {@code toolName}, keeping the results {@code
   * file} already holds for files that are not in {@code analysedUris}.
   */
  public static void write(
      Path file, String toolName, Collection<SarifResult> results, Set<String> analysedUris) {
    List<String> kept = new ArrayList<>();
    if (Files.exists(file)) {
      for (Object old : previousResults(file)) {
        if (!analysedUris.contains(uriOf(old))) {
          kept.add(toJson(old));
        }
      }
    }
    List<SarifResult> sorted = new ArrayList<>(results);
    sorted.sort(
        Comparator.comparing((SarifResult r) -> r.primary().uri())
            .thenComparingInt(r -> r.primary().line())
            .thenComparing(r -> r.check().id()));
    for (SarifResult result : sorted) {
      kept.add(result(result));
    }
    StringBuilder out = new StringBuilder();
    out.append("{\n  \"$schema\": ").append(Json.quote(SCHEMA)).append(",\n");
    out.append("  \"version\": \"2.1.0\",\n  \"runs\": [{\n");
    out.append("    \"tool\": {\"driver\": {\"name\": ").append(Json.quote(toolName));
    out.append(", \"informationUri\": ").append(Json.quote(CheckId.docsIndexUrl()));
    out.append(", \"rules\": [\n");
    CheckId[] checks = CheckId.values();
    for (int i = 0; i < checks.length; i++) {
      out.append("      ").append(rule(checks[i])).append(i + 1 < checks.length ? ",\n" : "\n");
    }
    out.append("    ]}},\n");
    out.append("    \"originalUriBaseIds\": {\"SRCROOT\": {\"description\": {\"text\": ")
        .append(Json.quote("the directory the build ran in"))
        .append("}}},\n");
    out.append("    \"results\": [");
    for (int i = 0; i < kept.size(); i++) {
      out.append(i == 0 ? "\n      " : ",\n      ").append(kept.get(i));
    }
    out.append(kept.isEmpty() ? "]\n" : "\n    ]\n").append("  }]\n}\n");
    writeAtomically(file, out.toString());
  }

  /** The SARIF level of a severity. */
  static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  private static String rule(CheckId check) {
    StringBuilder rule = new StringBuilder();
    rule.append("{\"id\": ").append(Json.quote(check.id()));
    rule.append(", \"name\": ").append(Json.quote(check.id()));
    rule.append(", \"shortDescription\": {\"text\": ").append(Json.quote(check.summary()));
    rule.append("}, \"fullDescription\": {\"text\": ")
        .append(Json.quote(check.summary() + ". " + check.fixHint() + "."));
    rule.append("}, \"help\": {\"text\": ").append(Json.quote(check.fixHint() + "."));
    rule.append("}, \"helpUri\": ").append(Json.quote(check.docUrl()));
    rule.append(", \"defaultConfiguration\": {\"level\": ")
        .append(Json.quote(level(check.severity())));
    rule.append("}, \"properties\": {\"tags\": [\"concurrency\", ")
        .append(Json.quote(check.family().title()))
        .append("]}}");
    return rule.toString();
  }

  private static String result(SarifResult result) {
    StringBuilder json = new StringBuilder();
    json.append("{\"ruleId\": ").append(Json.quote(result.check().id()));
    json.append(", \"ruleIndex\": ").append(result.check().ordinal());
    json.append(", \"level\": ").append(Json.quote(level(result.check().severity())));
    json.append(", \"message\": {\"text\": ").append(Json.quote(result.message())).append('}');
    json.append(", \"locations\": [").append(location(result.primary(), -1)).append(']');
    if (result.fingerprint() != null) {
      json.append(", \"partialFingerprints\": {")
          .append(Json.quote(Fingerprints.SARIF_KEY))
          .append(": ")
          .append(Json.quote(result.fingerprint()))
          .append('}');
    }
    if (!result.related().isEmpty()) {
      json.append(", \"relatedLocations\": [");
      for (int i = 0; i < result.related().size(); i++) {
        json.append(i == 0 ? "" : ", ").append(location(result.related().get(i), i));
      }
      json.append(']');
    }
    return json.append('}').toString();
  }

  private static String location(SarifResult.Location location, int id) {
    StringBuilder json = new StringBuilder("{");
    if (id >= 0) {
      json.append("\"id\": ").append(id).append(", ");
    }
    json.append("\"physicalLocation\": {\"artifactLocation\": {\"uri\": ")
        .append(Json.quote(location.uri()))
        .append(", \"uriBaseId\": \"SRCROOT\"}");
    if (location.line() > 0) {
      json.append(", \"region\": {\"startLine\": ").append(location.line()).append('}');
    }
    json.append('}');
    if (location.message() != null) {
      json.append(", \"message\": {\"text\": ").append(Json.quote(location.message())).append('}');
    }
    return json.append('}').toString();
  }

  private static List<?> previousResults(Path file) {
    try {
      Object log = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
      if (log instanceof Map<?, ?> map
          && map.get("runs") instanceof List<?> runs
          && !runs.isEmpty()
          && runs.get(0) instanceof Map<?, ?> run
          && run.get("results") instanceof List<?> results) {
        return results;
      }
      return List.of();
    } catch (IOException | IllegalArgumentException e) {
      return List.of(); // not ours or damaged: this run's results replace it
    }
  }

  private static String uriOf(Object result) {
    try {
      Map<?, ?> location = (Map<?, ?>) ((List<?>) ((Map<?, ?>) result).get("locations")).get(0);
      Map<?, ?> physical = (Map<?, ?>) location.get("physicalLocation");
      return (String) ((Map<?, ?>) physical.get("artifactLocation")).get("uri");
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A parsed value written back as JSON (numbers that are whole as integers). */
  static String toJson(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String text) {
      return Json.quote(text);
    }
    if (value instanceof Double number) {
      return number == Math.rint(number) ? String.valueOf(number.longValue()) : number.toString();
    }
    if (value instanceof Boolean) {
      return value.toString();
    }
    StringBuilder out = new StringBuilder();
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(out.length() == 1 ? "" : ", ")
            .append(Json.quote((String) entry.getKey()))
            .append(": ")
            .append(toJson(entry.getValue()));
      }
      return out.append('}').toString();
    }
    out.append('[');
    for (Object element : (List<?>) value) {
      out.append(out.length() == 1 ? "" : ", ").append(toJson(element));
    }
    return out.append(']').toString();
  }

  static void writeAtomically(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Latchkey: cannot write " + file.toAbsolutePath(), e);
    }
  }
}
