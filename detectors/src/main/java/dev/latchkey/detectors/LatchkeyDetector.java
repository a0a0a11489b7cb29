package dev.latchkey.detectors;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.Latchkey;
import dev.latchkey.checks.Program;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.report.FindingReports;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.SuppressionMatcher;
import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.ClassContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.bcel.classfile.JavaClass;

/**
 * Latchkey in SpotBugs: every check of the catalogue, the unreleased-lock family (LockNotReleased,
 * LockInsideTry, UnlockNotHeld, ReadLockUpgrade), the swallowed-exception family
 * (SwallowedException, InterruptSwallowed, LostTaskException, FinallyMasksException) and the
 * unbounded-executor family (UnboundedExecutor, UnboundedSubmission, ExecutorNotShutdown), the
 * data-race family (UnguardedFieldAccess, GuardedByViolation, RacyTaskMutation, NonAtomicUpdate,
 * UnsafeLazyInit) and the lock-order family (LockOrderInversion, BlockingUnderLock,
 * TimedBlockingUnderLock). For each class it takes the core's model that the first pass built (or
 * builds it from bytecode when there was none), lets the core decide with the summaries of the
 * whole program that {@link LatchkeySummaryDetector} made in the first pass, and reports the core's
 * findings. It holds no policy of its own. One detector for all checks, because the model is the
 * same for every family; select checks with SpotBugs' filters on the bug types.
 *
 * <p>Configuration comes from system properties ({@code latchkey.acquireMethods}, {@code
 * latchkey.releaseMethods}, {@code latchkey.checkTestCode}). A failure while analysing a class is
 * logged once as an analysis error and the analysis goes on with the next class.
 */
public class LatchkeyDetector implements Detector {
  /** The checks this detector reports, as named in internal-error messages. */
  static final String CHECKS =
      Arrays.stream(CheckId.values()).map(CheckId::id).collect(Collectors.joining(", "));

  private final BugReporter bugReporter;
  private final LatchkeyConfig config;
  private final FindingReports reports;

  /**
   * What is known of the classes the analysed code uses (hierarchy, declared exceptions, fields),
   * kept for every class this detector instance visits: SpotBugs makes one instance per analysis
   * and visits its classes one at a time.
   */
  private final ClassFacts facts = new ClassFacts(LatchkeyDetector::lookupClass);

  /** The models of the nest and superclasses of the classes visited lately. */
  private final RelatedModels related = new RelatedModels(facts);

  public LatchkeyDetector(BugReporter bugReporter) {
    this.bugReporter = bugReporter;
    this.config = readConfig(bugReporter);
    this.reports = new FindingReports(config.reporting());
  }

  /**
   * The project's {@code latchkey.properties} (in the working directory, or {@code
   * -Dlatchkey.config=...}) under the {@code latchkey.*} system properties.
   */
  static LatchkeyConfig readConfig(BugReporter bugReporter) {
    try {
      return LatchkeyConfig.fromSystemProperties();
    } catch (RuntimeException e) {
      bugReporter.logError(
          "Latchkey: invalid configuration, analysing with the defaults: " + e.getMessage(), e);
      return LatchkeyConfig.DEFAULT;
    }
  }

  @Override
  public void visitClassContext(ClassContext classContext) {
    JavaClass cls = classContext.getJavaClass();
    try {
      analyze(cls);
    } catch (VirtualMachineError e) {
      if (!(e instanceof StackOverflowError)) {
        throw e;
      }
      internalError(cls.getClassName(), e);
    } catch (Exception | LinkageError | AssertionError e) {
      internalError(cls.getClassName(), e);
    }
  }

  private void analyze(JavaClass cls) {
    BytecodeModelBuilder builder = new BytecodeModelBuilder(cls, facts);
    ProgramSummaries summaries = ProgramSummaries.current();
    // The first pass's model (without suppressions), when it built one: translate only once.
    BytecodeModelBuilder.Result plain =
        summaries == null ? null : summaries.takeModel(cls.getClassName());
    boolean suppressed = builder.hasSuppressions();
    BytecodeModelBuilder.Result built = plain != null && !suppressed ? plain : builder.build(true);
    ClassModel model = built.model();
    Program program = program(model);
    List<ClassModel> relatedModels = related.of(cls, model);
    List<Finding> findings =
        this.reports.newFindings(Latchkey.analyze(model, config, program, relatedModels));
    BugReports reports = new BugReports(this, bugReporter, cls, facts);
    reports.report(findings);
    SpotBugsReports.reported(this.reports, cls.getClassName(), cls.getSourceFileName(), findings);
    if (suppressed) {
      ClassModel unsuppressed = (plain != null ? plain : builder.build(false)).model();
      List<Finding> all = Latchkey.analyze(unsuppressed, config, program, relatedModels);
      reports.noteSuppressed(suppressedAmong(all, findings), builder.suppressions(), matcher());
    }
    if (!built.failures().isEmpty()) {
      BytecodeModelBuilder.Failure first = built.failures().get(0);
      internalError(
          cls.getClassName(),
          new IllegalStateException(
              "could not translate "
                  + built.failures().size()
                  + " method(s), first "
                  + first.method().getName()
                  + first.method().getSignature()
                  + ": "
                  + first.cause(),
              first.cause()));
    }
  }

  /**
   * The whole program as the first pass summarized it; without a first pass (a host that ran only
   * this detector) the class alone.
   */
  private Program program(ClassModel model) {
    ProgramSummaries summaries = ProgramSummaries.current();
    if (summaries == null || summaries.isEmpty()) {
      return Program.of(List.of(model), config);
    }
    return summaries.program();
  }

  /** The findings of {@code all} that are not among {@code reported}. */
  private static List<Finding> suppressedAmong(List<Finding> all, List<Finding> reported) {
    Set<String> kept = new HashSet<>();
    for (Finding finding : reported) {
      kept.add(key(finding));
    }
    List<Finding> suppressed = new ArrayList<>();
    for (Finding finding : all) {
      if (!kept.contains(key(finding))) {
        suppressed.add(finding);
      }
    }
    return suppressed;
  }

  private static String key(Finding finding) {
    BytecodeOrigin origin = (BytecodeOrigin) finding.primary().origin();
    return finding.check().id()
        + " "
        + origin.method().getName()
        + origin.method().getSignature()
        + " "
        + origin.pc();
  }

  private static SuppressionMatcher matcher() {
    AnalysisContext context = AnalysisContext.currentAnalysisContext();
    return context == null ? null : context.getSuppressionMatcher();
  }

  static JavaClass lookupClass(String className) {
    AnalysisContext context = AnalysisContext.currentAnalysisContext();
    if (context == null) {
      return null;
    }
    try {
      return context.lookupClass(className);
    } catch (ClassNotFoundException | RuntimeException e) {
      return null;
    }
  }

  private void internalError(String className, Throwable e) {
    bugReporter.logError(
        "Latchkey internal error in " + CHECKS + " while analysing " + className + ": " + e, e);
  }

  @Override
  public void report() {
    // Findings are reported per class; Latchkey's own files are written once, at the end.
    try {
      reports.finish("Latchkey (SpotBugs)");
    } catch (RuntimeException e) {
      bugReporter.logError("Latchkey: could not write its report: " + e.getMessage(), e);
    }
  }
}
