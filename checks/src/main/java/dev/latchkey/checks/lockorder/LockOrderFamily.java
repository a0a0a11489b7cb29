package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.Finding;
import dev.latchkey.checks.Program;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.lockset.ClassHeldLocks;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.MethodModel;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lock-order family over one class: LockOrderInversion against the program-wide lock-order
 * graph (the class's own summary is recomputed from its model, so sites map to its nodes), and
 * BlockingUnderLock / TimedBlockingUnderLock within the class.
 */
public final class LockOrderFamily {
  private LockOrderFamily() {}

  /** Each method's findings of the family in {@code cls}, before suppressions. */
  public static Map<MethodModel, List<Finding>> analyze(
      ClassModel cls, LatchkeyConfig config, Program program) {
    ClassHeldLocks held = ClassHeldLocks.of(cls, config);
    ClassSummary summary = Summarizer.summarize(cls, held, config);
    Program whole = program.summary(cls.name()) == null ? program.plus(summary) : program;
    LockOrderIndex index = LockOrderIndex.of(whole);
    Map<MethodModel, List<Finding>> findings = new IdentityHashMap<>();
    merge(findings, LockOrderInversionRule.apply(cls, summary, index));
    merge(findings, BlockingUnderLockRule.apply(cls, config, held, index));
    return findings;
  }

  private static void merge(
      Map<MethodModel, List<Finding>> into, Map<MethodModel, List<Finding>> more) {
    more.forEach(
        (method, list) -> into.computeIfAbsent(method, m -> new ArrayList<>()).addAll(list));
  }
}
