package dev.latchkey.inspections.cli;

import dev.latchkey.checks.Severity;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.report.Baseline;
import dev.latchkey.inspections.analysis.Issue;
import dev.latchkey.inspections.analysis.Workspace;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code check} command: every {@code .java} file under the given roots is translated (types
 * from the roots, the JDK and {@code --classpath}), analysed as one program, and each finding
 * printed like a compiler warning ({@code path:line:column: warning: [CheckId] message}); {@code
 * --sarif} (or the configuration's {@code SarifOutput}) also writes a SARIF 2.1.0 log with
 * repository-relative paths. The configuration is the project's {@code latchkey.properties} (the
 * working directory's, or {@code --config Config=FILE}) under the {@code --config KEY=VALUE}
 * overrides, as for the other front-ends: its {@code Baseline} holds findings back, {@code
 * --update-baseline} adds the current ones to it. The exit code is 0 unless {@code --fail-on} names
 * a severity that a finding reaches (1), or the arguments are wrong (2).
 */
final class CheckCommand {
  private CheckCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    Path sarif = null;
    Severity failOn = null;
    List<Path> classPath = new ArrayList<>();
    List<Path> roots = new ArrayList<>();
    Map<String, String> settings = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--sarif") && i + 1 < args.length) {
        sarif = Path.of(args[++i]);
      } else if (arg.startsWith("--sarif=")) {
        sarif = Path.of(arg.substring("--sarif=".length()));
      } else if (arg.equals("--update-baseline")) {
        settings.put(LatchkeyConfig.UPDATE_BASELINE, "true");
      } else if (arg.startsWith("--fail-on=")) {
        try {
          failOn = Severity.valueOf(arg.substring("--fail-on=".length()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          err.println("unknown severity in " + arg + "; use ERROR, WARNING or INFO");
          return 2;
        }
      } else if ((arg.equals("--classpath") || arg.equals("-cp")) && i + 1 < args.length) {
        for (String entry : args[++i].split(File.pathSeparator)) {
          if (!entry.isBlank()) {
            classPath.add(Path.of(entry));
          }
        }
      } else if (arg.equals("--config") && i + 1 < args.length && args[i + 1].contains("=")) {
        String setting = args[++i];
        settings.put(
            setting.substring(0, setting.indexOf('=')),
            setting.substring(setting.indexOf('=') + 1));
      } else if (arg.startsWith("-")) {
        err.println("unknown option " + arg);
        err.println(Main.USAGE);
        return 2;
      } else {
        roots.add(Path.of(arg));
      }
    }
    if (roots.isEmpty()) {
      err.println(Main.USAGE);
      return 2;
    }
    if (sarif != null) {
      settings.put(LatchkeyConfig.SARIF_OUTPUT, sarif.toString());
    }
    LatchkeyConfig config;
    try {
      // The project's latchkey.properties (in the working directory, or --config Config=FILE), as
      // for the javac and SpotBugs front-ends; each --config KEY=VALUE overrides its key.
      config = LatchkeyConfig.load(settings::get, Path.of(""));
    } catch (RuntimeException e) {
      err.println("invalid configuration: " + e.getMessage());
      return 2;
    }
    sarif = config.reporting().sarifOutput();
    List<Path> sourceRoots = new ArrayList<>();
    for (Path root : roots) {
      sourceRoots.add(Files.isDirectory(root) ? root : root.toAbsolutePath().getParent());
    }
    Workspace workspace = new Workspace(sourceRoots, classPath, config);
    List<Path> files = Workspace.javaFiles(roots);
    for (Path file : files) {
      workspace.load(file);
    }
    // Paths in SARIF are relative to the repository of the analysed sources (else the directory
    // the command runs in), so the log reads the same on every machine.
    Path base = Sarif.repositoryRoot(roots.get(0).toAbsolutePath().normalize());
    if (base == null) {
      base = Path.of("").toAbsolutePath();
    }
    List<Issue> all = new ArrayList<>();
    for (Path file : files) {
      for (Issue issue : workspace.issues(file)) {
        all.add(issue);
        out.println(
            display(issue.file())
                + ":"
                + issue.line()
                + ":"
                + issue.column()
                + ": "
                + issue.check().severity().name().toLowerCase(Locale.ROOT)
                + ": ["
                + issue.check().id()
                + "] "
                + issue.message());
      }
    }
    List<Throwable> failures = workspace.drainFailures();
    if (!failures.isEmpty()) {
      err.println(
          "Latchkey internal error: "
              + failures.get(0)
              + " (and "
              + (failures.size() - 1)
              + " more); what could not be analysed has no finding. Please report this.");
    }
    out.println(
        all.size()
            + (all.size() == 1 ? " finding" : " findings")
            + " in "
            + files.size()
            + " files");
    if (sarif != null) {
      Sarif.write(all, base, sarif);
    }
    LatchkeyConfig.Reporting reporting = config.reporting();
    if (reporting.updateBaseline() && reporting.baseline() != null) {
      Baseline.update(reporting.baseline(), workspace.fingerprints());
      out.println("baseline updated: " + reporting.baseline());
    }
    if (failOn != null) {
      for (Issue issue : all) {
        if (issue.check().severity().compareTo(failOn) <= 0) {
          return 1;
        }
      }
    }
    return 0;
  }

  private static String display(Path file) {
    Path cwd = Path.of("").toAbsolutePath();
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
  }
}
