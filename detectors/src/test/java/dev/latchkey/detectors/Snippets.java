package dev.latchkey.detectors;

import dev.latchkey.checks.Finding;
import dev.latchkey.checks.Latchkey;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.bcel.classfile.ClassParser;
import org.apache.bcel.classfile.JavaClass;

/**
 * Compiles small Java sources with javac ({@code -g}, like the fixtures), translates every class
 * file with {@link BytecodeModelBuilder} and runs the core, without SpotBugs: for unit tests of the
 * translation. Classes are looked up in the output directory first, then on the test class path
 * (the JDK included).
 */
final class Snippets {
  private final Path classes;
  private final ClassFacts facts;

  private Snippets(Path classes) {
    this.classes = classes;
    this.facts = new ClassFacts(this::load);
  }

  /** Compiles {@code source} (a compilation unit named after its first public class). */
  static Snippets compile(String className, String source) {
    return new Snippets(JavaSources.compile(className, source));
  }

  /** Compiles {@code source} with more javac options ({@code --release 8}). */
  static Snippets compile(String className, String source, List<String> javacOptions) {
    return new Snippets(JavaSources.compile(className, source, javacOptions));
  }

  /** The directory holding the compiled class files. */
  Path classes() {
    return classes;
  }

  JavaClass javaClass(String binaryName) {
    JavaClass cls = load(binaryName);
    if (cls == null) {
      throw new IllegalArgumentException("no class " + binaryName);
    }
    return cls;
  }

  ClassFacts facts() {
    return facts;
  }

  ClassModel model(String binaryName) {
    BytecodeModelBuilder.Result result =
        new BytecodeModelBuilder(javaClass(binaryName), facts).build(true);
    if (!result.failures().isEmpty()) {
      throw new AssertionError("translation failed", result.failures().get(0).cause());
    }
    return result.model();
  }

  /** Every finding in every compiled class, as "line CheckId", sorted. */
  List<String> findings() {
    return findings(LatchkeyConfig.DEFAULT);
  }

  List<String> findings(LatchkeyConfig config) {
    TreeSet<String> result = new TreeSet<>();
    for (String name : classNames()) {
      for (Finding finding : Latchkey.analyze(model(name), config)) {
        result.add(String.format("%3d %s", finding.primary().line(), finding.check().id()));
      }
    }
    return new ArrayList<>(result);
  }

  /** The findings with their messages, for diagnosis. */
  Map<String, String> messages() {
    Map<String, String> result = new TreeMap<>();
    for (String name : classNames()) {
      for (Finding finding : Latchkey.analyze(model(name), LatchkeyConfig.DEFAULT)) {
        result.put(
            String.format("%3d %s", finding.primary().line(), finding.check().id()),
            finding.message());
      }
    }
    return result;
  }

  private List<String> classNames() {
    try (Stream<Path> files = Files.walk(classes)) {
      return files
          .filter(path -> path.toString().endsWith(".class"))
          .map(path -> classes.relativize(path).toString())
          .map(path -> path.substring(0, path.length() - ".class".length()).replace('/', '.'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JavaClass load(String binaryName) {
    String resource = binaryName.replace('.', '/') + ".class";
    Path local = classes.resolve(resource);
    try {
      if (Files.exists(local)) {
        return new ClassParser(local.toString()).parse();
      }
      try (InputStream in = ClassLoader.getSystemResourceAsStream(resource)) {
        return in == null ? null : new ClassParser(in, resource).parse();
      }
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The lines marked {@code // expect: A, B} in {@code source}, as "line CheckId", sorted: the same
   * marker syntax as the fixtures.
   */
  static List<String> expected(String source) {
    TreeSet<String> result = new TreeSet<>();
    Pattern marker = Pattern.compile("//\\s*expect:\\s*(.*)$");
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher matcher = marker.matcher(lines[i]);
      if (matcher.find()) {
        for (String id : matcher.group(1).split(",")) {
          result.add(String.format("%3d %s", i + 1, id.trim()));
        }
      }
    }
    return new ArrayList<>(result);
  }
}
