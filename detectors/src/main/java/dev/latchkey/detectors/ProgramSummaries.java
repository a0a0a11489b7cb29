package dev.latchkey.detectors;

import dev.latchkey.checks.Program;
import dev.latchkey.checks.lockorder.ClassSummary;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.IAnalysisCache;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The summaries of the application's classes that {@link LatchkeySummaryDetector} makes in the
 * first pass and {@link LatchkeyDetector} reads in the reporting pass: the whole program as the
 * core's {@link Program}. One instance per analysis, held by SpotBugs' analysis cache as a database
 * (never in a static field, so that analyses in one JVM never see each other's classes).
 */
final class ProgramSummaries {
  private final Map<String, ClassSummary> summaries = new ConcurrentHashMap<>();
  private final Map<String, BytecodeModelBuilder.Result> models = new ConcurrentHashMap<>();
  private volatile Program program;

  /** The summaries of the current analysis, created on first use; null outside an analysis. */
  static ProgramSummaries current() {
    IAnalysisCache cache = Global.getAnalysisCache();
    if (cache == null) {
      return null;
    }
    synchronized (cache) {
      ProgramSummaries summaries = cache.getOptionalDatabase(ProgramSummaries.class);
      if (summaries == null) {
        summaries = new ProgramSummaries();
        cache.eagerlyPutDatabase(ProgramSummaries.class, summaries);
      }
      return summaries;
    }
  }

  /** Adds (or replaces) the summary of one class. */
  void add(ClassSummary summary) {
    summaries.put(summary.className(), summary);
    program = null;
  }

  /**
   * Keeps the model the first pass built of a class (without suppressions) for the reporting pass:
   * one translation per class and analysis.
   */
  void keepModel(String className, BytecodeModelBuilder.Result built) {
    models.put(className, built);
  }

  /** The first pass's model of the class, handed over once (then forgotten), or null. */
  BytecodeModelBuilder.Result takeModel(String className) {
    return models.remove(className);
  }

  boolean isEmpty() {
    return summaries.isEmpty();
  }

  /** Every summary so far, as the core's program (made once, after the first pass). */
  Program program() {
    Program known = program;
    if (known == null) {
      Program.Builder builder = Program.builder();
      summaries.values().forEach(builder::add);
      known = builder.build();
      program = known;
    }
    return known;
  }
}
