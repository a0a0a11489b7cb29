package dev.latchkey.inspections.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Fingerprints;
import dev.latchkey.inspections.analysis.Issue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes findings as a SARIF 2.1.0 log: one rule per check of the catalogue (summary, help link,
 * default level), one result per finding with its region and related locations, file paths relative
 * to the repository root ({@code %SRCROOT%}) so the log is the same on every machine.
 */
final class Sarif {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private Sarif() {}

  /** The root of the git repository around {@code path}, or null. */
  static Path repositoryRoot(Path path) {
    for (Path p = path; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) {
        return p;
      }
    }
    return null;
  }

  static void write(List<Issue> issues, Path base, Path target) throws IOException {
    JsonObject log = new JsonObject();
    log.addProperty("$schema", SCHEMA);
    log.addProperty("version", "2.1.0");
    JsonObject run = new JsonObject();
    JsonObject driver = new JsonObject();
    driver.addProperty("name", "Latchkey");
    driver.addProperty("informationUri", "https://github.com/latchkey-dev/latchkey");
    JsonArray rules = new JsonArray();
    for (CheckId check : CheckId.values()) {
      JsonObject rule = new JsonObject();
      rule.addProperty("id", check.id());
      rule.addProperty("name", check.id());
      rule.add("shortDescription", text(check.summary()));
      rule.add("help", text(check.fixHint()));
      rule.addProperty("helpUri", check.docUrl());
      JsonObject configuration = new JsonObject();
      configuration.addProperty("level", level(check));
      rule.add("defaultConfiguration", configuration);
      rules.add(rule);
    }
    driver.add("rules", rules);
    JsonObject tool = new JsonObject();
    tool.add("driver", driver);
    run.add("tool", tool);
    JsonObject root = new JsonObject();
    JsonObject srcRoot = new JsonObject();
    srcRoot.addProperty("uri", base.toUri().toString());
    root.add("%SRCROOT%", srcRoot);
    run.add("originalUriBaseIds", root);
    JsonArray results = new JsonArray();
    for (Issue issue : issues) {
      JsonObject result = new JsonObject();
      result.addProperty("ruleId", issue.check().id());
      result.addProperty("ruleIndex", issue.check().ordinal());
      result.addProperty("level", level(issue.check()));
      result.add("message", text(issue.message()));
      JsonArray locations = new JsonArray();
      locations.add(
          location(
              base,
              issue.file(),
              issue.line(),
              issue.column(),
              issue.endLine(),
              issue.endColumn(),
              null));
      result.add("locations", locations);
      if (issue.fingerprint() != null) {
        JsonObject fingerprints = new JsonObject();
        fingerprints.addProperty(Fingerprints.SARIF_KEY, issue.fingerprint());
        result.add("partialFingerprints", fingerprints);
      }
      if (!issue.related().isEmpty()) {
        JsonArray related = new JsonArray();
        int id = 1;
        for (Issue.Related place : issue.related()) {
          if (place.file() == null || place.line() <= 0) {
            continue;
          }
          JsonObject location =
              location(base, place.file(), place.line(), 0, 0, 0, place.description());
          location.addProperty("id", id++);
          related.add(location);
        }
        if (!related.isEmpty()) {
          result.add("relatedLocations", related);
        }
      }
      results.add(result);
    }
    run.add("results", results);
    JsonArray runs = new JsonArray();
    runs.add(run);
    log.add("runs", runs);
    if (target.toAbsolutePath().getParent() != null) {
      Files.createDirectories(target.toAbsolutePath().getParent());
    }
    Files.writeString(
        target,
        new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(log) + "\n",
        StandardCharsets.UTF_8);
  }

  private static JsonObject location(
      Path base, Path file, int line, int column, int endLine, int endColumn, String message) {
    JsonObject artifact = new JsonObject();
    Path absolute = file.toAbsolutePath().normalize();
    Path normalBase = base.toAbsolutePath().normalize();
    if (absolute.startsWith(normalBase)) {
      artifact.addProperty("uri", normalBase.relativize(absolute).toString().replace('\\', '/'));
      artifact.addProperty("uriBaseId", "%SRCROOT%");
    } else {
      artifact.addProperty("uri", absolute.toUri().toString());
    }
    JsonObject region = new JsonObject();
    region.addProperty("startLine", line);
    if (column > 0) {
      region.addProperty("startColumn", column);
    }
    if (endLine >= line && endColumn > 0) {
      region.addProperty("endLine", endLine);
      region.addProperty("endColumn", endColumn);
    }
    JsonObject physical = new JsonObject();
    physical.add("artifactLocation", artifact);
    physical.add("region", region);
    JsonObject location = new JsonObject();
    location.add("physicalLocation", physical);
    if (message != null) {
      location.add("message", text(message));
    }
    return location;
  }

  private static JsonObject text(String value) {
    JsonObject text = new JsonObject();
    text.addProperty("text", value);
    return text;
  }

  /** SARIF levels: ERROR → error, WARNING → warning, INFO → note. */
  static String level(CheckId check) {
    return switch (check.severity()) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }
}
