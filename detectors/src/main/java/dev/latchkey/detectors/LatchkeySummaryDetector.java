package dev.latchkey.detectors;

import dev.latchkey.checks.Program;
import dev.latchkey.checks.config.LatchkeyConfig;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.NonReportingDetector;
import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.ClassContext;
import org.apache.bcel.classfile.JavaClass;

/**
 * Latchkey's first pass (notes/FRONTENDS-races-lockorder.md, item 7): builds the model of every
 * application class and stores its summary ({@link Program#summarize}) in the analysis's {@link
 * ProgramSummaries}, so that the reporting pass ({@link LatchkeyDetector}, ordered after it by a
 * {@code SplitPass} constraint in findbugs.xml) sees the whole program. SpotBugs runs a first pass
 * over every referenced class, libraries and the JDK included: only application classes are
 * summarized. It reports nothing: a class it cannot translate is reported by the reporting pass.
 * The model it builds is kept for the reporting pass, which then does not translate the class
 * again.
 */
public class LatchkeySummaryDetector implements Detector, NonReportingDetector {
  private final LatchkeyConfig config;

  /**
   * What is known of the classes the analysed code uses (hierarchy, declared exceptions, fields),
   * kept for every class this detector instance visits: SpotBugs makes one instance per analysis
   * and visits its classes one at a time.
   */
  private final ClassFacts facts = new ClassFacts(LatchkeyDetector::lookupClass);

  public LatchkeySummaryDetector(BugReporter bugReporter) {
    this.config = LatchkeyDetector.readConfig(bugReporter);
  }

  @Override
  public void visitClassContext(ClassContext classContext) {
    JavaClass cls = classContext.getJavaClass();
    AnalysisContext context = AnalysisContext.currentAnalysisContext();
    ProgramSummaries summaries = ProgramSummaries.current();
    if (context == null || summaries == null || !context.isApplicationClass(cls)) {
      return;
    }
    try {
      BytecodeModelBuilder.Result built = new BytecodeModelBuilder(cls, facts).build(false);
      summaries.add(Program.summarize(built.model(), config));
      summaries.keepModel(cls.getClassName(), built);
    } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
      // The reporting pass translates the class again and reports the failure once.
    }
  }

  @Override
  public void report() {
    // Nothing to report: the summaries are read by LatchkeyDetector.
  }
}
