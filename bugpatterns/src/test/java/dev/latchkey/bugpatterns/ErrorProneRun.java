package dev.latchkey.bugpatterns;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.latchkey.checks.CheckId;
import dev.latchkey.fixtures.Finding;
import dev.latchkey.fixtures.Progress;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * One javac run with Error Prone and the Latchkey checkers loaded the way a user's build loads
 * them: {@code -Xplugin:ErrorProne}, with the processor path (where Error Prone looks for plugin
 * checkers through ServiceLoader) and class path both set to this JVM's class path.
 */
final class ErrorProneRun {
  /** A diagnostic reduced to what the tests look at. */
  record Report(String file, int line, Diagnostic.Kind kind, String message) {
    /** The check id in Error Prone's {@code [Id] message} prefix, or null. */
    String checkId() {
      if (!message.startsWith("[")) {
        return null;
      }
      int close = message.indexOf(']');
      return close < 0 ? null : message.substring(1, close);
    }

    boolean isInternalError() {
      return checkId() != null
          && message.startsWith(
              "[" + checkId() + "] Latchkey internal error in " + checkId() + ":");
    }
  }

  /** The outcome: whether javac succeeded, every diagnostic, and javac's other output. */
  record Result(boolean success, List<Report> reports, String output) {
    /** Latchkey's findings, internal errors excluded, as the fixture harness counts them. */
    List<Finding> findings() {
      List<Finding> findings = new ArrayList<>();
      for (Report report : reports) {
        String id = report.checkId();
        if (id != null
            && CheckId.byId(id) != null
            && !report.isInternalError()
            && report.line() > 0) {
          findings.add(new Finding(report.file(), report.line(), id));
        }
      }
      return findings;
    }

    List<Report> internalErrors() {
      return reports.stream().filter(Report::isInternalError).toList();
    }
  }

  private ErrorProneRun() {}

  /** Every Latchkey check enabled at WARNING, every other Error Prone check disabled. */
  static List<String> latchkeyOnly(String... extraFlags) {
    List<String> flags = new ArrayList<>();
    flags.add("-XepDisableAllChecks");
    for (CheckId check : CheckId.values()) {
      flags.add("-Xep:" + check.id() + ":WARN");
    }
    flags.addAll(List.of(extraFlags));
    return flags;
  }

  /** Compiles every {@code .java} file under {@code sourceRoot} in one javac run. */
  static Result compile(Path sourceRoot, List<String> errorProneFlags) {
    return compile(sourceRoot, errorProneFlags, List.of());
  }

  /** As {@link #compile(Path, List)}, with more javac options. */
  static Result compile(Path sourceRoot, List<String> errorProneFlags, List<String> javacOptions) {
    List<Path> sources;
    try (var walk = Files.walk(sourceRoot)) {
      sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter output = new StringWriter();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      Path classes = Files.createTempDirectory("latchkey-classes");
      String classPath = System.getProperty("java.class.path");
      List<String> options = new ArrayList<>(javacOptions);
      options.addAll(
          List.of(
              "-d",
              classes.toString(),
              "-classpath",
              classPath,
              "-processorpath",
              classPath,
              // javac drops warnings after the 100th by default; the fixtures have more.
              "-Xmaxwarns",
              "100000",
              "-Xmaxerrs",
              "100000",
              "-XDcompilePolicy=simple",
              "--should-stop=ifError=FLOW",
              "-Xplugin:ErrorProne " + String.join(" ", errorProneFlags)));
      boolean success =
          Progress.during(
              "javac with Error Prone on " + sources.size() + " files",
              () ->
                  javac
                      .getTask(
                          output,
                          files,
                          diagnostics,
                          options,
                          null,
                          files.getJavaFileObjectsFromPaths(sources))
                      .call());
      List<Report> reports = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        String file = "";
        if (d.getSource() != null) {
          file =
              sourceRoot.relativize(Path.of(d.getSource().toUri())).toString().replace('\\', '/');
        }
        reports.add(
            new Report(file, (int) d.getLineNumber(), d.getKind(), d.getMessage(Locale.ROOT)));
      }
      return new Result(success, reports, output.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code source} to {@code root}/{@code relativePath}. */
  static void write(Path root, String relativePath, String source) {
    try {
      Path target = root.resolve(relativePath);
      Files.createDirectories(target.getParent());
      Files.writeString(target, source, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
