package dev.latchkey.inspections;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The jars of the test's class path that fixtures use: their annotations and JUnit. */
final class TestClassPath {
  private TestClassPath() {}

  static List<Path> jars() {
    List<Path> jars = new ArrayList<>();
    // The stand-ins the fixtures compile against (androidx.annotation, Guava's Monitor).
    jars.add(dev.latchkey.fixtures.Fixtures.location());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = new File(entry).getName();
      if (name.endsWith(".jar")
          && (name.startsWith("jsr305")
              || name.startsWith("jcip")
              || name.startsWith("error_prone_annotations")
              || name.startsWith("checker-qual")
              || name.startsWith("spotbugs-annotations")
              || name.startsWith("junit-jupiter-api"))) {
        jars.add(Path.of(entry));
      }
    }
    return jars;
  }
}
