package dev.latchkey.bugpatterns;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.tools.javac.api.BasicJavacTask;
import com.sun.tools.javac.util.Context;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.report.FindingReports;
import dev.latchkey.checks.report.SarifResult;
import java.nio.file.Path;
import java.util.List;

/**
 * The javac plugin's {@link FindingReports} for one compilation ({@code -XepOpt:Latchkey:Baseline},
 * {@code SarifOutput}, {@code UpdateBaseline}), kept in javac's {@link Context} and finished when
 * javac finishes the compilation. Every related place of a javac finding is in its own file: the
 * plugin's program is one compilation unit.
 */
final class CompilationReports {
  private static final Context.Key<FindingReports> KEY = new Context.Key<>();

  private CompilationReports() {}

  /** This compilation's reports, made on first use with {@code config}'s settings. */
  static FindingReports instance(Context context, LatchkeyConfig config) {
    FindingReports reports = context.get(KEY);
    if (reports == null) {
      reports = new FindingReports(config.reporting());
      context.put(KEY, reports);
      if (reports.writesFiles()) {
        FindingReports finished = reports;
        BasicJavacTask.instance(context)
            .addTaskListener(
                new TaskListener() {
                  @Override
                  public void finished(TaskEvent event) {
                    if (event.getKind() == TaskEvent.Kind.COMPILATION) {
                      finished.finish("Latchkey (javac)");
                    }
                  }
                });
      }
    }
    return reports;
  }

  /** Tells {@code reports} what was reported in {@code unit}. */
  static void reported(FindingReports reports, CompilationUnitTree unit, List<Finding> findings) {
    if (reports.wantsSarif()) {
      String uri = uriOf(unit);
      reports.reported(
          uri, findings.stream().map(f -> SarifResult.of(f, uri, location -> uri)).toList());
    }
  }

  /** The unit's file relative to the working directory, with {@code /}. */
  private static String uriOf(CompilationUnitTree unit) {
    Path file;
    try {
      file = Path.of(unit.getSourceFile().toUri()).toAbsolutePath();
    } catch (RuntimeException e) {
      return unit.getSourceFile().getName();
    }
    Path workingDirectory = Path.of("").toAbsolutePath();
    Path shown = file.startsWith(workingDirectory) ? workingDirectory.relativize(file) : file;
    return shown.toString().replace('\\', '/');
  }
}
