package dev.latchkey.inspections.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.latchkey.inspections.Samples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir Path project;

  private Path writeSample() throws Exception {
    Files.createDirectories(project.resolve(".git"));
    Path file = project.resolve("src/main/java/demo/Counter.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, Samples.COUNTER);
    return file;
  }

  @Test
  void printsFindingsLikeCompilerWarningsAndWritesSarif() throws Exception {
    writeSample();
    Path sarif = project.resolve("out/latchkey.sarif");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {
              "check", "--sarif", sarif.toString(), project.resolve("src/main/java").toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    assertTrue(
        text.contains(
            "Counter.java:" + Samples.LOCK_INSIDE_TRY_LINE + ":7: warning: [LockInsideTry] "),
        text);
    assertTrue(
        text.contains(
            "Counter.java:"
                + Samples.INTERRUPT_SWALLOWED_LINE
                + ":7: error: [InterruptSwallowed] "),
        text);

    JsonObject log = JsonParser.parseString(Files.readString(sarif)).getAsJsonObject();
    assertEquals("2.1.0", log.get("version").getAsString());
    JsonObject run = log.getAsJsonArray("runs").get(0).getAsJsonObject();
    assertEquals(
        "Latchkey",
        run.getAsJsonObject("tool").getAsJsonObject("driver").get("name").getAsString());
    JsonObject result = run.getAsJsonArray("results").get(0).getAsJsonObject();
    assertEquals("LockInsideTry", result.get("ruleId").getAsString());
    JsonObject physical =
        result
            .getAsJsonArray("locations")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("physicalLocation");
    assertEquals(
        "src/main/java/demo/Counter.java",
        physical.getAsJsonObject("artifactLocation").get("uri").getAsString());
    assertEquals(
        "%SRCROOT%", physical.getAsJsonObject("artifactLocation").get("uriBaseId").getAsString());
    assertEquals(
        Samples.LOCK_INSIDE_TRY_LINE,
        physical.getAsJsonObject("region").get("startLine").getAsInt());
  }

  @Test
  void failsOnlyAtTheGivenSeverity() throws Exception {
    writeSample();
    String root = project.resolve("src/main/java").toString();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(1, Main.run(new String[] {"check", "--fail-on=error", root}, quiet, quiet));
    assertEquals(1, Main.run(new String[] {"check", "--fail-on=WARNING", root}, quiet, quiet));
    Files.writeString(
        project.resolve("src/main/java/demo/Counter.java"), "package demo; class Counter {}");
    assertEquals(0, Main.run(new String[] {"check", "--fail-on=INFO", root}, quiet, quiet));
    assertEquals(2, Main.run(new String[] {"check", "--fail-on=LOUD", root}, quiet, quiet));
  }

  @Test
  void readsTheProjectConfigFileAndItsBaseline() throws Exception {
    writeSample();
    String root = project.resolve("src/main/java").toString();
    Path baseline = project.resolve("latchkey-baseline.json");
    Path config = project.resolve("latchkey.properties");
    // Relative paths in the file are relative to the file's directory.
    Files.writeString(config, "baseline = latchkey-baseline.json\n");
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    assertEquals(
        0,
        Main.run(
            new String[] {"check", "--update-baseline", "--config", "Config=" + config, root},
            new PrintStream(first, true, StandardCharsets.UTF_8),
            System.err));
    assertTrue(first.toString(StandardCharsets.UTF_8).contains("[LockInsideTry]"), first::toString);
    assertTrue(Files.readString(baseline).contains("LockInsideTry"), () -> baseline.toString());

    // The baseline now holds every finding: none is reported, and --fail-on passes.
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    assertEquals(
        0,
        Main.run(
            new String[] {"check", "--fail-on=INFO", "--config", "Config=" + config, root},
            new PrintStream(second, true, StandardCharsets.UTF_8),
            System.err));
    assertTrue(
        second.toString(StandardCharsets.UTF_8).contains("0 findings in 1 files"),
        second::toString);

    // The file's disabled checks apply too.
    Files.writeString(config, "disabledChecks = LockInsideTry\n");
    ByteArrayOutputStream third = new ByteArrayOutputStream();
    Main.run(
        new String[] {"check", "--config", "Config=" + config, root},
        new PrintStream(third, true, StandardCharsets.UTF_8),
        System.err);
    String text = third.toString(StandardCharsets.UTF_8);
    assertTrue(!text.contains("[LockInsideTry]") && text.contains("[InterruptSwallowed]"), text);
  }
}
