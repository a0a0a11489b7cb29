package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Same input, same output (issue 15): SpotBugs runs twice over a generated program that exceeds
 * every bound of the lock-order analysis — a ring of more classes than the chain bound, a method
 * reaching more locks than the per-method bound, an interface call with more implementations than
 * dispatch follows — and Latchkey's findings (type, class, method, lines, messages, related
 * locations) are byte for byte the same. Each run is its own JVM, as two command-line runs are:
 * hash seeds and identity hash codes differ between them.
 */
class LockOrderDeterminismIT {
  static final int RING = 40;
  static final int LOCKS = 80;
  static final int HANDLERS = 12;

  static String program() {
    StringBuilder s = new StringBuilder("package gen;\npublic class Big {\n");
    for (int i = 0; i < RING; i++) {
      s.append("  public static class R")
          .append(i)
          .append(" {\n")
          .append("    R")
          .append((i + 1) % RING)
          .append(" next;\n")
          .append("    public synchronized void step() { next.step(); }\n  }\n");
    }
    for (int i = 0; i < LOCKS; i++) {
      s.append("  static final Object L").append(i).append(" = new Object();\n");
      s.append("  static void t")
          .append(i)
          .append("(Hub hub) { synchronized (L")
          .append(i)
          .append(") { hub.ping(); } }\n");
    }
    s.append("  public static class Hub {\n    public synchronized void ping() {}\n")
        .append("    public synchronized void takeAll() {\n");
    for (int i = 0; i < LOCKS; i++) {
      s.append("      t").append(i).append("(this);\n");
    }
    s.append("    }\n  }\n");
    s.append("  public interface Handler { void handle(Registry registry); }\n");
    s.append("  public static class Registry {\n")
        .append("    java.util.List<Handler> handlers = new java.util.ArrayList<>();\n")
        .append("    public synchronized int size() { return handlers.size(); }\n")
        .append(
            "    public synchronized void fire() { for (Handler h : handlers) h.handle(this); }\n")
        .append("  }\n");
    for (int i = 0; i < HANDLERS; i++) {
      s.append("  public static class H")
          .append(i)
          .append(" implements Handler {\n")
          .append("    int seen;\n")
          .append("    public synchronized void handle(Registry registry) { seen = 1; }\n")
          .append("    public synchronized int count(Registry registry) {")
          .append(" return registry.size() + seen; }\n  }\n");
    }
    return s.append("}\n").toString();
  }

  @Test
  void twoRunsOverAProgramBeyondEveryBoundReportTheSameBytes() throws Exception {
    Path classes = JavaSources.compile("gen.Big", program());
    List<String> first = latchkeyBugs(classes);
    List<String> second = latchkeyBugs(classes);
    assertTrue(
        first.stream().filter(bug -> bug.contains("LockOrderInversion")).count() > RING / 2,
        "the generated cycles are reported: " + first.size());
    assertEquals(String.join("\n", first), String.join("\n", second));
  }

  private static List<String> latchkeyBugs(Path classes) throws Exception {
    Path xml = Files.createTempFile("determinism", ".xml");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "edu.umd.cs.findbugs.FindBugs2",
                "-quiet",
                "-pluginList",
                SpotBugsRun.pluginJar().toAbsolutePath().toString(),
                "-effort:max",
                "-low",
                "-xml:withMessages",
                "-output",
                xml.toString(),
                "-auxclasspath",
                SpotBugsRun.auxClassPath(),
                "-onlyAnalyze",
                "gen.-",
                classes.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertEquals(0, process.waitFor(), "SpotBugs exit status");
    Document report = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    Transformer transformer = TransformerFactory.newInstance().newTransformer();
    transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
    List<String> bugs = new ArrayList<>();
    NodeList nodes = report.getElementsByTagName("BugInstance");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element bug = (Element) nodes.item(i);
      if (SpotBugsRun.LATCHKEY_TYPES.contains(bug.getAttribute("type"))) {
        StringWriter text = new StringWriter();
        transformer.transform(new DOMSource(bug), new StreamResult(text));
        bugs.add(text.toString());
      }
    }
    return bugs;
  }
}
