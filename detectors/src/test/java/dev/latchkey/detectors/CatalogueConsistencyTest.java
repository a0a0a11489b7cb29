package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.CheckId;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.NonReportingDetector;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The plugin's descriptors agree with the catalogue ({@link CheckId}): one BugPattern per check,
 * named by its id, in its category (MT_CORRECTNESS for threading defects, unbounded executors
 * included; BAD_PRACTICE for swallowed or masked exceptions), its summary as ShortDescription, a
 * link to its page, and a visible rank in bugrank.txt; one detector that reports them all, after a
 * non-reporting first pass; nothing else.
 */
class CatalogueConsistencyTest {
  private static final Set<String> IDS =
      Arrays.stream(CheckId.values()).map(CheckId::id).collect(Collectors.toSet());

  private static Document xml(String resource) throws Exception {
    try (InputStream in = CatalogueConsistencyTest.class.getResourceAsStream("/" + resource)) {
      assertNotNull(in, resource + " is not on the class path");
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
  }

  private static List<Element> elements(Document document, String tag) {
    List<Element> result = new ArrayList<>();
    NodeList nodes = document.getElementsByTagName(tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      result.add((Element) nodes.item(i));
    }
    return result;
  }

  private static String childText(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }

  @Test
  void findbugsXmlDeclaresExactlyTheCatalogue() throws Exception {
    Document plugin = xml("findbugs.xml");
    assertEquals("dev.latchkey", plugin.getDocumentElement().getAttribute("pluginid"));
    Set<String> types = new TreeSet<>();
    for (Element pattern : elements(plugin, "BugPattern")) {
      String type = pattern.getAttribute("type");
      assertTrue(types.add(type), "BugPattern declared twice: " + type);
      assertNotNull(CheckId.byId(type), "BugPattern that is no check: " + type);
      assertEquals(category(CheckId.byId(type)), pattern.getAttribute("category"), type);
      assertEquals("LK", pattern.getAttribute("abbrev"), type);
    }
    assertEquals(new TreeSet<>(IDS), types);

    List<Element> detectors = elements(plugin, "Detector");
    assertEquals(2, detectors.size());
    Element summaries = detectors.get(0);
    assertEquals(LatchkeySummaryDetector.class.getName(), summaries.getAttribute("class"));
    assertEquals("", summaries.getAttribute("reports"), "the first pass reports nothing");
    Element detector = detectors.get(1);
    assertEquals(LatchkeyDetector.class.getName(), detector.getAttribute("class"));
    Set<String> reported =
        new HashSet<>(Arrays.asList(detector.getAttribute("reports").split(",")));
    assertEquals(IDS, reported, "the detector reports every check");
    List<Element> splits = elements(plugin, "SplitPass");
    assertEquals(1, splits.size(), "the summaries are made in an earlier pass");
    assertEquals(
        LatchkeySummaryDetector.class.getName(),
        ((Element) splits.get(0).getElementsByTagName("Earlier").item(0)).getAttribute("class"));
    assertEquals(
        LatchkeyDetector.class.getName(),
        ((Element) splits.get(0).getElementsByTagName("Later").item(0)).getAttribute("class"));
  }

  /**
   * The SpotBugs category of each check: threading defects are MT_CORRECTNESS (unbounded executors
   * included: threads and queued tasks that grow with load, and leaked pools, are defects, not
   * inefficiencies for PERFORMANCE); a swallowed or masked exception is not one as such, so
   * BAD_PRACTICE (like SpotBugs' DE_MIGHT_IGNORE). A new check must be placed here.
   */
  private static String category(CheckId check) {
    return switch (check) {
      case LOCK_NOT_RELEASED,
          LOCK_INSIDE_TRY,
          UNLOCK_NOT_HELD,
          READ_LOCK_UPGRADE,
          INTERRUPT_SWALLOWED,
          LOST_TASK_EXCEPTION,
          UNBOUNDED_EXECUTOR,
          UNBOUNDED_SUBMISSION,
          EXECUTOR_NOT_SHUTDOWN,
          UNGUARDED_FIELD_ACCESS,
          GUARDED_BY_VIOLATION,
          RACY_TASK_MUTATION,
          NON_ATOMIC_UPDATE,
          UNSAFE_LAZY_INIT,
          LOCK_ORDER_INVERSION,
          BLOCKING_UNDER_LOCK,
          TIMED_BLOCKING_UNDER_LOCK ->
          "MT_CORRECTNESS";
      case SWALLOWED_EXCEPTION, FINALLY_MASKS_EXCEPTION -> "BAD_PRACTICE";
      default -> "no category decided for " + check.id() + ": add it here";
    };
  }

  @Test
  void messagesXmlDescribesExactlyTheCatalogue() throws Exception {
    Document messages = xml("messages.xml");
    Map<String, Element> patterns = new HashMap<>();
    for (Element pattern : elements(messages, "BugPattern")) {
      assertTrue(
          patterns.put(pattern.getAttribute("type"), pattern) == null,
          "described twice: " + pattern.getAttribute("type"));
    }
    assertEquals(IDS, patterns.keySet());
    for (CheckId check : CheckId.values()) {
      Element pattern = patterns.get(check.id());
      assertEquals(check.summary(), childText(pattern, "ShortDescription"), check.id());
      assertTrue(
          childText(pattern, "LongDescription").contains("{2}"),
          check.id() + ": LongDescription shows the core's message");
      String details = childText(pattern, "Details").replaceAll("\\s+", " ");
      assertTrue(details.contains(check.docUrl()), check.id() + ": Details link " + check.docUrl());
      assertTrue(details.contains(check.fixHint()), check.id() + ": Details give the fix hint");
    }
    List<String> codes = new ArrayList<>();
    elements(messages, "BugCode").forEach(code -> codes.add(code.getAttribute("abbrev")));
    assertEquals(List.of("LK"), codes);
    List<String> detectors = new ArrayList<>();
    elements(messages, "Detector").forEach(d -> detectors.add(d.getAttribute("class")));
    assertEquals(
        Set.of(LatchkeySummaryDetector.class.getName(), LatchkeyDetector.class.getName()),
        new HashSet<>(detectors));
    Element plugin = elements(messages, "Plugin").get(0);
    assertNotNull(childText(plugin, "ShortDescription"));
    assertTrue(
        childText(plugin, "BugsUrl").startsWith(CheckId.DOCS_BASE_URL),
        "SARIF help links point into the check pages");
  }

  @Test
  void bugrankTxtRanksEveryCheckAbsolutely() throws Exception {
    Map<String, Integer> ranks = new HashMap<>();
    try (InputStream in = CatalogueConsistencyTest.class.getResourceAsStream("/bugrank.txt")) {
      assertNotNull(in, "bugrank.txt is not on the class path");
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.trim().split(" ");
        assertEquals(3, parts.length, "SpotBugs reads 'rank kind name': " + line);
        assertEquals("BugPattern", parts[1], line);
        assertTrue(Character.isDigit(parts[0].charAt(0)), "an absolute rank: " + line);
        ranks.put(parts[2], Integer.parseInt(parts[0]));
      }
    }
    assertEquals(IDS, ranks.keySet());
    for (CheckId check : CheckId.values()) {
      // SpotBugs adds 0, 2 or 5 for HIGH, NORMAL or LOW priority (BugRanker).
      int priority = BugReports.priority(check);
      int adjustment =
          priority == Detector.HIGH_PRIORITY ? 0 : priority == Detector.NORMAL_PRIORITY ? 2 : 5;
      int rank = ranks.get(check.id()) + adjustment;
      assertTrue(rank >= 1 && rank <= 20, check.id() + " must rank as visible (1..20): " + rank);
    }
  }

  @Test
  void detectorHasTheConstructorSpotBugsCalls() throws Exception {
    assertTrue(Detector.class.isAssignableFrom(LatchkeyDetector.class));
    assertNotNull(LatchkeyDetector.class.getConstructor(BugReporter.class));
    assertTrue(Detector.class.isAssignableFrom(LatchkeySummaryDetector.class));
    assertTrue(NonReportingDetector.class.isAssignableFrom(LatchkeySummaryDetector.class));
    assertNotNull(LatchkeySummaryDetector.class.getConstructor(BugReporter.class));
  }

  @Test
  void severityMapsToPriority() {
    assertEquals(Detector.HIGH_PRIORITY, BugReports.priority(CheckId.LOCK_ORDER_INVERSION));
    assertEquals(Detector.NORMAL_PRIORITY, BugReports.priority(CheckId.BLOCKING_UNDER_LOCK));
    assertEquals(Detector.LOW_PRIORITY, BugReports.priority(CheckId.TIMED_BLOCKING_UNDER_LOCK));
  }
}
