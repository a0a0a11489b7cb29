package dev.latchkey.inspections.analysis;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.symbolsolver.JavaSymbolSolver;
import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;
import com.github.javaparser.symbolsolver.resolution.typesolvers.CombinedTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.JarTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.JavaParserTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.ReflectionTypeSolver;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.Latchkey;
import dev.latchkey.checks.Program;
import dev.latchkey.checks.RelatedClasses;
import dev.latchkey.checks.RelatedLocation;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.lockorder.ClassSummary;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.report.Baseline;
import dev.latchkey.inspections.source.SourceTranslator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The source files of a project, translated file by file: each file's class models and their
 * summaries are kept, so that cross-class analyses (lock order) see the whole workspace, and a
 * cycle whose halves are in two files is reported in both. A file is re-translated when its text
 * changes ({@link #update}); its findings are computed against the current summaries of all files.
 * Thread-safe: callers may update and analyse from several threads.
 */
public final class Workspace {
  private final LatchkeyConfig config;
  private final Baseline baseline;
  private final Set<String> fingerprints = Collections.synchronizedSet(new TreeSet<>());
  private final TypeSolver solver;
  private final ParserConfiguration parserConfiguration;
  private final Map<Path, FileState> files = new TreeMap<>();
  private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
  private Program program;
  private Map<String, ClassModel> classIndex;

  /** One file: its text, tree, class models and their summaries. */
  private record FileState(
      String text, CompilationUnit unit, List<ClassModel> classes, List<ClassSummary> summaries) {}

  /**
   * @param sourceRoots directories of the project's sources (types are resolved from them)
   * @param classPath the project's dependency jars (and class directories)
   */
  public Workspace(List<Path> sourceRoots, List<Path> classPath, LatchkeyConfig config) {
    this.config = config;
    Baseline read = Baseline.NONE;
    try {
      read = Baseline.read(config.reporting().baseline());
    } catch (RuntimeException e) {
      failures.add(e); // not a baseline: every finding is reported
    }
    this.baseline = read;
    this.parserConfiguration =
        new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21);
    CombinedTypeSolver combined = new CombinedTypeSolver();
    combined.add(new ReflectionTypeSolver(true));
    for (Path root : sourceRoots) {
      if (Files.isDirectory(root)) {
        combined.add(new JavaParserTypeSolver(root, parserConfiguration));
      }
    }
    for (Path entry : classPath) {
      try {
        if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
          combined.add(new JarTypeSolver(entry));
        } else if (Files.isDirectory(entry)) {
          combined.add(
              new com.github.javaparser.symbolsolver.resolution.typesolvers.ClassLoaderTypeSolver(
                  new java.net.URLClassLoader(new java.net.URL[] {entry.toUri().toURL()}, null)));
        }
      } catch (IOException | RuntimeException e) {
        failures.add(e); // an unreadable class path entry: its types stay unknown
      }
    }
    this.solver = combined;
    parserConfiguration.setSymbolResolver(new JavaSymbolSolver(solver));
  }

  /** Every {@code .java} file under {@code roots}, sorted. */
  public static List<Path> javaFiles(List<Path> roots) {
    List<Path> found = new ArrayList<>();
    for (Path root : roots) {
      if (Files.isRegularFile(root) && root.toString().endsWith(".java")) {
        found.add(root);
        continue;
      }
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".java"))
            .forEach(found::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Collections.sort(found);
    return found;
  }

  /** Reads and translates {@code file} from disk. */
  public void load(Path file) {
    try {
      update(file, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      failures.add(e);
    }
  }

  /** Translates {@code file} with the text {@code text} (an editor's unsaved buffer). */
  public void update(Path file, String text) {
    Path key = file.toAbsolutePath().normalize();
    synchronized (this) {
      FileState known = files.get(key);
      if (known != null && known.text().equals(text)) {
        return;
      }
    }
    FileState state = translate(text);
    synchronized (this) {
      files.put(key, state);
      program = null;
      classIndex = null;
    }
  }

  /** Forgets a file (deleted). */
  public synchronized void remove(Path file) {
    files.remove(file.toAbsolutePath().normalize());
    program = null;
    classIndex = null;
  }

  public synchronized boolean contains(Path file) {
    return files.containsKey(file.toAbsolutePath().normalize());
  }

  public synchronized Set<Path> files() {
    return Set.copyOf(files.keySet());
  }

  /**
   * The fingerprints of every finding {@link #issues} computed so far, those the baseline holds
   * back included: what a baseline update adds.
   */
  public List<String> fingerprints() {
    synchronized (fingerprints) {
      return List.copyOf(fingerprints);
    }
  }

  /** What went wrong so far (unreadable files, translation and analysis failures); cleared. */
  public List<Throwable> drainFailures() {
    synchronized (failures) {
      List<Throwable> drained = new ArrayList<>(failures);
      failures.clear();
      return drained;
    }
  }

  private FileState translate(String text) {
    ParseResult<CompilationUnit> parsed;
    synchronized (parserConfiguration) {
      parsed = new JavaParser(parserConfiguration).parse(text);
    }
    CompilationUnit unit = parsed.getResult().orElse(null);
    if (unit == null) {
      return new FileState(text, null, List.of(), List.of());
    }
    SourceTranslator.Translation translation;
    synchronized (solver) {
      translation = SourceTranslator.translate(unit, solver);
      // The solver's facade caches its answers by syntax node, and the nodes of this text are not
      // asked about again: drop them rather than keep them for every version of every file.
      JavaParserFacade.clearInstances();
    }
    failures.addAll(translation.failures());
    List<ClassSummary> summaries = new ArrayList<>();
    for (ClassModel cls : translation.classes()) {
      try {
        summaries.add(Program.summarize(cls, config));
      } catch (RuntimeException | StackOverflowError e) {
        failures.add(e);
      }
    }
    return new FileState(text, unit, translation.classes(), summaries);
  }

  /** The program of every file's summaries, made once per change of any file. */
  private synchronized Program program() {
    if (program == null) {
      Program.Builder builder = Program.builder();
      for (FileState state : files.values()) {
        state.summaries().forEach(builder::add);
      }
      program = builder.build();
    }
    return program;
  }

  /** Every class model of the workspace by binary name, made once per change of any file. */
  private synchronized Map<String, ClassModel> classIndex() {
    if (classIndex == null) {
      Map<String, ClassModel> index = new HashMap<>();
      for (FileState state : files.values()) {
        for (ClassModel cls : state.classes()) {
          index.putIfAbsent(cls.name(), cls);
        }
      }
      classIndex = index;
    }
    return classIndex;
  }

  /** The file whose class models hold the class {@code binaryName}, or null. */
  public synchronized Path fileOf(String binaryName) {
    for (Map.Entry<Path, FileState> entry : files.entrySet()) {
      for (ClassModel cls : entry.getValue().classes()) {
        if (cls.name().equals(binaryName)) {
          return entry.getKey();
        }
      }
    }
    return null;
  }

  /** The findings in {@code file} (which must have been loaded or updated), ordered by line. */
  public List<Issue> issues(Path file) {
    Path key = file.toAbsolutePath().normalize();
    FileState state;
    Program whole;
    Map<String, ClassModel> available;
    synchronized (this) {
      state = files.get(key);
      whole = program();
      available = classIndex();
    }
    if (state == null) {
      return List.of();
    }
    List<Issue> issues = new ArrayList<>();
    for (ClassModel cls : state.classes()) {
      List<Finding> findings;
      try {
        // The classes whose code shares its fields (nest, superclasses): races see their accesses.
        findings = Latchkey.analyze(cls, config, whole, RelatedClasses.of(cls, available));
      } catch (RuntimeException | StackOverflowError e) {
        failures.add(e);
        continue;
      }
      Map<Object, Set<String>> reported = new IdentityHashMap<>();
      for (Finding finding : findings) {
        Object origin = finding.primary().origin();
        if (origin instanceof com.github.javaparser.ast.Node node
            && suppressedOnField(node, finding.check().id())) {
          continue;
        }
        if (origin != null
            && !reported
                .computeIfAbsent(origin, o -> new java.util.HashSet<>())
                .add(finding.check().id())) {
          continue;
        }
        if (finding.fingerprint() != null) {
          fingerprints.add(finding.fingerprint());
        }
        if (baseline.contains(finding)) {
          continue; // accepted for now by the project's baseline (LatchkeyConfig Baseline)
        }
        issues.add(issue(key, finding));
      }
    }
    issues.sort(
        (a, b) ->
            a.line() != b.line()
                ? Integer.compare(a.line(), b.line())
                : a.check().compareTo(b.check()));
    return issues;
  }

  private static boolean suppressedOnField(com.github.javaparser.ast.Node node, String id) {
    Set<String> ids = dev.latchkey.inspections.source.SourceSuppressions.onEnclosingField(node);
    return ids.contains(id) || ids.contains("*");
  }

  private Issue issue(Path file, Finding finding) {
    Node primary = finding.primary();
    int line = primary.line();
    int column = 1;
    int endLine = line;
    int endColumn = 1;
    com.github.javaparser.ast.Node origin =
        primary.origin() instanceof com.github.javaparser.ast.Node node ? node : null;
    if (origin != null && origin.getRange().isPresent()) {
      var range = origin.getRange().get();
      if (line <= 0) {
        line = range.begin.line;
      }
      column = range.begin.line == line ? range.begin.column : 1;
      endLine = range.end.line;
      endColumn = range.end.column + 1;
      if (endLine < line) {
        endLine = line;
      }
    }
    List<Issue.Related> related = new ArrayList<>();
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (RelatedLocation location : finding.relatedLocations()) {
      Path where = location.node() != null ? file : fileOf(location.className());
      related.add(new Issue.Related(where, location.line(), location.description()));
      seen.put(location.line() + location.description(), true);
    }
    if (finding.relatedLocations().isEmpty()) {
      for (Node node : finding.related()) {
        if (node.line() > 0 && node.line() != primary.line()) {
          related.add(new Issue.Related(file, node.line(), node.label()));
        }
      }
    }
    return new Issue(
        file,
        Math.max(line, 1),
        column,
        Math.max(endLine, 1),
        endColumn,
        finding.check(),
        finding.message(),
        related,
        origin,
        finding.fingerprint());
  }
}
