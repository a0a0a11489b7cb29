package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.CheckId;
import dev.latchkey.fixtures.Progress;
import edu.umd.cs.findbugs.FindBugs;
import edu.umd.cs.findbugs.FindBugs2;
import edu.umd.cs.findbugs.TextUICommandLine;
import java.io.File;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Runs SpotBugs 4.10.4 in this JVM the way its command line does ({@code TextUICommandLine}, {@code
 * FindBugs.processCommandLine}, {@code FindBugs.runMain}), with a plugin jar, and reads its XML
 * report. SpotBugs keeps global state, so the integration tests run one JVM per test class.
 */
final class SpotBugsRun {
  /** Latchkey's SpotBugs bug types: the catalogue's ids. */
  static final Set<String> LATCHKEY_TYPES =
      Stream.of(CheckId.values()).map(CheckId::id).collect(Collectors.toUnmodifiableSet());

  /** One reported bug. */
  record Bug(
      String type,
      String className,
      String methodName,
      String sourcePath,
      int line,
      int rank,
      String priority,
      String message) {}

  /** The parsed report. */
  record Report(List<Bug> bugs, List<String> errors, Document xml) {
    List<Bug> latchkeyBugs() {
      return bugs.stream().filter(bug -> LATCHKEY_TYPES.contains(bug.type())).toList();
    }
  }

  private SpotBugsRun() {}

  /** The packaged plugin jar under test (set by the failsafe configuration). */
  static Path pluginJar() {
    String jar = System.getProperty("latchkey.it.pluginJar");
    assertTrue(jar != null, "system property latchkey.it.pluginJar is not set (run with failsafe)");
    Path path = Paths.get(jar);
    assertTrue(Files.isRegularFile(path), "no plugin jar at " + path + " (run after package)");
    return path;
  }

  /**
   * Analyses {@code classes} (a directory or jar), restricted to {@code onlyAnalyze} (SpotBugs
   * syntax, e.g. {@code fixtures.-}), with the given system properties set for the run.
   */
  static Report run(
      Path plugin,
      Path classes,
      String onlyAnalyze,
      Map<String, String> properties,
      List<String> extraArguments)
      throws Exception {
    Path xml = Files.createTempFile("spotbugs", ".xml");
    List<String> args = new ArrayList<>();
    args.add("-pluginList");
    args.add(plugin.toAbsolutePath().toString());
    args.add("-effort:max");
    args.add("-low");
    args.add("-xml:withMessages");
    args.add("-output");
    args.add(xml.toString());
    args.add("-auxclasspath");
    args.add(auxClassPath());
    if (onlyAnalyze != null) {
      args.add("-onlyAnalyze");
      args.add(onlyAnalyze);
    }
    args.addAll(extraArguments);
    args.add(classes.toAbsolutePath().toString());

    Map<String, String> previous = new HashMap<>();
    properties.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
    try {
      Progress.during(
          "SpotBugs on " + classes.getFileName(),
          () -> {
            FindBugs2 engine = new FindBugs2();
            TextUICommandLine commandLine = new TextUICommandLine();
            FindBugs.processCommandLine(commandLine, args.toArray(new String[0]), engine);
            FindBugs.runMain(engine, commandLine);
            return null;
          });
    } finally {
      previous.forEach(
          (key, value) -> {
            if (value == null) {
              System.clearProperty(key);
            } else {
              System.setProperty(key, value);
            }
          });
    }
    return parse(xml);
  }

  /**
   * SpotBugs options that add the class library of a JDK of at least {@code release} to the
   * auxiliary class path, when the JDK running the tests is older: class files compiled for a later
   * release call APIs the running JDK lacks (virtual threads), and SpotBugs would report those
   * classes missing. The classes of that JDK's modules that the running JDK does not have are
   * copied into a directory (read through the running JDK's jrt file system, which opens another
   * JDK's image given its {@code java.home}). The JDK is the system property {@code
   * latchkey.it.jdkHome}, or one found under /usr/lib/jvm.
   */
  static List<String> classLibraryOptions(int release) throws Exception {
    if (release <= Runtime.version().feature()) {
      return List.of();
    }
    List<Path> candidates = new ArrayList<>();
    String configured = System.getProperty("latchkey.it.jdkHome");
    if (configured != null && !configured.isBlank()) {
      candidates.add(Paths.get(configured));
    }
    Path installed = Paths.get("/usr/lib/jvm");
    if (Files.isDirectory(installed)) {
      try (Stream<Path> homes = Files.list(installed)) {
        homes.sorted().forEach(candidates::add);
      }
    }
    for (Path home : candidates) {
      if (Files.isRegularFile(home.resolve("lib").resolve("jrt-fs.jar"))
          && featureVersion(home) >= release) {
        return List.of("-auxclasspath", newerClasses(home).toString());
      }
    }
    throw new AssertionError(
        "no JDK "
            + release
            + "+ found for the class files of release "
            + release
            + " (set latchkey.it.jdkHome)");
  }

  /**
   * The classes of the JDK at {@code home} that the running JDK lacks, in a directory under the
   * build's {@code target/} (made once, then reused; written to a fresh directory and renamed, so
   * that an interrupted copy is never taken for a complete one).
   */
  private static synchronized Path newerClasses(Path home) throws Exception {
    String name = "jdk" + featureVersion(home) + "-classes-for-jdk" + Runtime.version().feature();
    Path out = pluginJar().toAbsolutePath().resolveSibling(name); // in the build's target/
    if (Files.isDirectory(out)) {
      return out;
    }
    Files.createDirectories(out.getParent());
    Path partial = Files.createTempDirectory(out.getParent(), name + "-partial");
    FileSystem running = FileSystems.getFileSystem(URI.create("jrt:/"));
    try (FileSystem other =
            FileSystems.newFileSystem(
                URI.create("jrt:/"), Map.of("java.home", home.toAbsolutePath().toString()));
        Stream<Path> modules = Files.list(other.getPath("/modules"))) {
      for (Path module : modules.toList()) {
        try (Stream<Path> files = Files.walk(module)) {
          for (Path file : files.toList()) {
            String path = file.toString();
            if (!path.endsWith(".class")
                || path.endsWith("module-info.class")
                || Files.exists(running.getPath(path))) {
              continue; // not a class, or the running JDK has it
            }
            Path target = partial.resolve(module.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
          }
        }
      }
    }
    try {
      Files.move(partial, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (java.io.IOException e) {
      if (!Files.isDirectory(out)) {
        throw e;
      }
    }
    return out;
  }

  /** The feature version of the JDK at {@code home}, from its {@code release} file, or -1. */
  private static int featureVersion(Path home) throws Exception {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return -1;
    }
    for (String line : Files.readAllLines(release)) {
      if (line.startsWith("JAVA_VERSION=")) {
        String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
        String feature = version.split("[.+-]")[0];
        return feature.equals("1") ? 8 : Integer.parseInt(feature);
      }
    }
    return -1;
  }

  /**
   * The test class path as SpotBugs' auxiliary class path, with the entries of a manifest-only jar
   * (how surefire/failsafe pass a long class path) spelled out.
   */
  static String auxClassPath() throws Exception {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.add(entry);
      Path path = Paths.get(entry);
      if (!entry.endsWith(".jar") || !Files.isRegularFile(path)) {
        continue;
      }
      try (JarFile jar = new JarFile(path.toFile())) {
        Manifest manifest = jar.getManifest();
        String classPath =
            manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
        if (classPath == null) {
          continue;
        }
        for (String reference : classPath.trim().split("\\s+")) {
          URI uri = path.toUri().resolve(reference);
          if ("file".equals(uri.getScheme())) {
            entries.add(Paths.get(uri).toString());
          }
        }
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  static Report parse(Path xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    Document document = factory.newDocumentBuilder().parse(xml.toFile());
    List<Bug> bugs = new ArrayList<>();
    NodeList instances = document.getElementsByTagName("BugInstance");
    for (int i = 0; i < instances.getLength(); i++) {
      Element bug = (Element) instances.item(i);
      Element sourceLine = firstChild(bug, "SourceLine");
      Element cls = firstChild(bug, "Class");
      Element method = firstChild(bug, "Method");
      Element longMessage = firstChild(bug, "LongMessage");
      bugs.add(
          new Bug(
              bug.getAttribute("type"),
              cls == null ? null : cls.getAttribute("classname"),
              method == null ? null : method.getAttribute("name"),
              sourceLine == null ? null : sourceLine.getAttribute("sourcepath"),
              sourceLine == null || sourceLine.getAttribute("start").isEmpty()
                  ? -1
                  : Integer.parseInt(sourceLine.getAttribute("start")),
              bug.getAttribute("rank").isEmpty() ? -1 : Integer.parseInt(bug.getAttribute("rank")),
              bug.getAttribute("priority"),
              longMessage == null ? null : longMessage.getTextContent()));
    }
    List<String> errors = new ArrayList<>();
    NodeList messages = document.getElementsByTagName("ErrorMessage");
    for (int i = 0; i < messages.getLength(); i++) {
      errors.add(messages.item(i).getTextContent());
    }
    return new Report(bugs, errors, document);
  }

  /** The first direct child element named {@code name}. */
  private static Element firstChild(Element parent, String name) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && element.getTagName().equals(name)) {
        return element;
      }
    }
    return null;
  }
}
