package dev.latchkey.inspections.lsp;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The class path of a Maven project, from {@code mvn dependency:build-classpath}, run once and
 * cached in {@code target/latchkey-classpath.txt} (used again while it is newer than the {@code
 * pom.xml}). Null when the project has no {@code pom.xml} or Maven fails.
 */
final class MavenClassPath {
  static final String CACHE = "target/latchkey-classpath.txt";

  private MavenClassPath() {}

  static List<Path> of(Path root) {
    Path pom = root.resolve("pom.xml");
    if (!Files.isRegularFile(pom)) {
      return null;
    }
    Path cache = root.resolve(CACHE);
    try {
      if (!Files.isRegularFile(cache)
          || Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(pom)) < 0) {
        Files.createDirectories(cache.getParent());
        Process mvn =
            new ProcessBuilder(
                    "mvn",
                    "-q",
                    "-B",
                    "dependency:build-classpath",
                    "-Dmdep.outputFile=" + cache.toAbsolutePath())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!mvn.waitFor(10, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
          mvn.destroyForcibly();
          return null;
        }
      }
      List<Path> entries = new ArrayList<>();
      for (String entry :
          Files.readString(cache, StandardCharsets.UTF_8).trim().split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          entries.add(Path.of(entry));
        }
      }
      return entries;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
