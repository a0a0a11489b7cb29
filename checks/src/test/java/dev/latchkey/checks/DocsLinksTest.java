package dev.latchkey.checks;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every link a finding shows is the build's one base URL plus a page that exists in {@code
 * docs/checks/} (and in the jar), and every anchor a link uses exists on its page.
 */
class DocsLinksTest {
  private static final Path DOCS = Path.of("..", "docs", "checks");

  @Test
  void everyCheckLinksAnExistingPageUnderTheBaseUrl() throws Exception {
    assertTrue(CheckId.DOCS_BASE_URL.startsWith("https://"), CheckId.DOCS_BASE_URL);
    for (CheckId check : CheckId.values()) {
      String url = check.docUrl();
      assertTrue(url.startsWith(CheckId.DOCS_BASE_URL) && !url.contains("#"), url);
      String page = url.substring(CheckId.DOCS_BASE_URL.length());
      assertTrue(Files.isRegularFile(DOCS.resolve(page)), "no page " + page + " for " + url);
      try (InputStream shipped =
          getClass().getResourceAsStream("/META-INF/latchkey/docs/checks/" + page)) {
        assertNotNull(shipped, page + " is not shipped in latchkey-checks");
      }
    }
  }

  @Test
  void theIndexHasAnAnchorForEveryCheck() throws Exception {
    String index = CheckId.docsIndexUrl().substring(CheckId.DOCS_BASE_URL.length());
    String text = Files.readString(DOCS.resolve(index), StandardCharsets.UTF_8);
    for (CheckId check : CheckId.values()) {
      assertTrue(text.contains("<a id=\"" + check.id() + "\"></a>"), "no anchor " + check.id());
    }
  }
}
