package dev.latchkey.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's table of checks and the doc pages agree with the catalogue. */
class CatalogueDocumentsTest {
  private static final Pattern ROW =
      Pattern.compile(
          "^\\| \\[(\\w+)\\]\\(docs/checks/(\\w+)\\.md\\) \\| ([^|]+) \\| (\\w+) \\| ([^|]+) \\|$");

  @Test
  void readmeTableMatchesCatalogue() throws IOException {
    String readme = Files.readString(repositoryRoot().resolve("README.md"));
    String table =
        readme.substring(
            readme.indexOf("<!-- catalogue:start"), readme.indexOf("<!-- catalogue:end"));
    List<String> ids = new ArrayList<>();
    for (String line : table.split("\n")) {
      Matcher row = ROW.matcher(line.trim());
      if (!row.matches()) {
        continue;
      }
      CheckId check = CheckId.byId(row.group(1));
      assertNotNull(check, "README lists an unknown check: " + row.group(1));
      assertEquals(check.id(), row.group(2), "link of " + check.id());
      assertEquals(check.family().title(), row.group(3).trim(), "family of " + check.id());
      assertEquals(check.severity().name(), row.group(4), "severity of " + check.id());
      assertEquals(check.summary(), row.group(5).trim(), "summary of " + check.id());
      ids.add(check.id());
    }
    List<String> catalogue = new ArrayList<>();
    for (CheckId check : CheckId.values()) {
      catalogue.add(check.id());
    }
    assertEquals(catalogue, ids, "README rows, in catalogue order");
  }

  @Test
  void everyCheckHasADocPageWithItsSummary() throws IOException {
    for (CheckId check : CheckId.values()) {
      Path page = repositoryRoot().resolve(check.docPath());
      assertTrue(Files.exists(page), "missing " + check.docPath());
      String text = Files.readString(page);
      assertTrue(text.contains(check.summary()), check.docPath() + " lacks the summary");
      assertTrue(text.contains("```java"), check.docPath() + " lacks code examples");
    }
  }

  @Test
  void idsAreUniqueAndWellFormed() {
    // Clashes with Error Prone's built-in names are tested in bugpatterns, against Error Prone.
    Set<String> seen = new HashSet<>();
    for (CheckId check : CheckId.values()) {
      assertTrue(seen.add(check.id()), "duplicate id " + check.id());
      assertTrue(check.id().matches("[A-Z][A-Za-z]+"), "ids are UpperCamelCase: " + check.id());
      assertFalse(check.summary().endsWith("."), "summaries have no trailing period");
    }
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("checks").resolve("pom.xml"))) {
      dir = dir.getParent();
    }
    assertNotNull(dir, "repository root not found");
    return dir;
  }
}
