package dev.latchkey.detectors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.filter.Filter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shipped exclude filter of SpotBugs patterns Latchkey supersedes is a filter SpotBugs reads,
 * names real patterns of the SpotBugs release Latchkey is built with, and README's table lists
 * each.
 */
class SupersededPatternsTest {
  private static final String RESOURCE = "/dev/latchkey/spotbugs-exclude.xml";

  @Test
  void everyExcludedPatternIsRealAndExplained() throws Exception {
    String xml;
    try (InputStream in = getClass().getResourceAsStream(RESOURCE)) {
      xml = new String(in.readAllBytes(), UTF_8);
    }
    try (InputStream in = getClass().getResourceAsStream(RESOURCE)) {
      assertNotNull(new Filter(in));
    }
    Matcher bug = Pattern.compile("<Bug pattern=\"([^\"]+)\"").matcher(xml);
    assertTrue(bug.find(), xml);
    String readme = Files.readString(Path.of("..", "README.md"), UTF_8);
    DetectorFactoryCollection spotbugs = DetectorFactoryCollection.instance();
    for (String pattern : bug.group(1).split(",")) {
      assertNotNull(spotbugs.lookupBugPattern(pattern), pattern + " is not a SpotBugs pattern");
      assertTrue(
          readme.contains("`" + pattern + "`"), "README's table does not explain " + pattern);
    }
  }
}
