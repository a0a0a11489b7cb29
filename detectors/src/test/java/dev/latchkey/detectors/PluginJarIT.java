package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged plugin jar is what a user adds to spotbugs-maven-plugin's {@code <plugins>}: the
 * descriptors at its root, the detector, and the core shaded in; SpotBugs itself is not bundled.
 */
class PluginJarIT {
  @Test
  void jarHoldsDescriptorsDetectorAndTheShadedCore() throws Exception {
    try (ZipFile jar = new ZipFile(SpotBugsRun.pluginJar().toFile())) {
      for (String entry :
          List.of(
              "findbugs.xml",
              "messages.xml",
              "bugrank.txt",
              "dev/latchkey/detectors/LatchkeyDetector.class",
              "dev/latchkey/detectors/BytecodeModelBuilder.class",
              "dev/latchkey/detectors/Handlers.class",
              // the core, shaded in
              "dev/latchkey/checks/Latchkey.class",
              "dev/latchkey/checks/CheckId.class",
              "dev/latchkey/checks/model/MethodModel.class",
              "dev/latchkey/checks/api/LockApi.class",
              "dev/latchkey/checks/config/LatchkeyConfig.class",
              "dev/latchkey/checks/api/TaskApi.class",
              "dev/latchkey/checks/locks/LockFamily.class",
              "dev/latchkey/checks/exceptions/ExceptionFamily.class",
              "dev/latchkey/checks/executors/ExecutorFamily.class")) {
        assertNotNull(jar.getEntry(entry), "missing from the plugin jar: " + entry);
      }
      assertTrue(
          jar.stream().map(ZipEntry::getName).noneMatch(name -> name.startsWith("edu/umd/cs/")),
          "SpotBugs must not be bundled (it is provided by the host)");
      assertTrue(
          jar.stream()
              .map(ZipEntry::getName)
              .noneMatch(name -> name.startsWith("org/apache/bcel/")),
          "BCEL comes with SpotBugs and must not be bundled");
      assertTrue(
          jar.stream().map(ZipEntry::getName).noneMatch(name -> name.startsWith("fixtures/")),
          "test fixtures must not leak into the plugin");
    }
  }

  @Test
  void installedPomDoesNotAskForTheCore() throws Exception {
    Path reduced = SpotBugsRun.pluginJar().resolveSibling("dependency-reduced-pom.xml");
    assertTrue(Files.isRegularFile(reduced), "no dependency-reduced pom at " + reduced);
    String pom = Files.readString(reduced);
    assertFalse(pom.contains("<artifactId>latchkey-checks</artifactId>"), pom);
    assertEquals(1, count(pom, "<artifactId>latchkey-detectors</artifactId>"));
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }
}
