package dev.latchkey.checks;

import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.exceptions.ExceptionFamily;
import dev.latchkey.checks.executors.ExecutorFamily;
import dev.latchkey.checks.lockorder.LockOrderFamily;
import dev.latchkey.checks.locks.LockFamily;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.races.RaceFamily;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The core's entry point: every check over one class model. Front-ends call only this. */
public final class Latchkey {
  private Latchkey() {}

  /**
   * All findings in {@code cls}, suppressions and checks turned off applied, one per check and
   * line, ordered by line, each with its {@link Finding#fingerprint()}. May throw on an internal
   * failure; front-ends catch it, report it once, and carry on.
   */
  public static List<Finding> analyze(ClassModel cls, LatchkeyConfig config) {
    return analyze(cls, config, Program.of(List.of(cls), config));
  }

  /**
   * As {@link #analyze(ClassModel, LatchkeyConfig)}, with what is known of the other classes of the
   * program (cross-class lock order); {@code program} may or may not contain {@code cls}.
   */
  public static List<Finding> analyze(ClassModel cls, LatchkeyConfig config, Program program) {
    return analyze(cls, config, program, List.of());
  }

  /**
   * As {@link #analyze(ClassModel, LatchkeyConfig, Program)}, with the classes whose code shares
   * the fields of {@code cls}: the other classes of its nest (the top-level class and the classes
   * nested in it, inner, local and anonymous ones included) and its superclasses, as far as the
   * front-end has their models. The race checks judge their accesses with the class's own (the
   * outer object's field written from an anonymous task, an inherited field); findings are still
   * reported only in {@code cls}.
   */
  public static List<Finding> analyze(
      ClassModel cls, LatchkeyConfig config, Program program, List<ClassModel> related) {
    config.injectFault(cls.name());
    List<Map<MethodModel, List<Finding>>> families =
        List.of(
            LockFamily.analyze(cls, config),
            ExceptionFamily.analyze(cls, config),
            ExecutorFamily.analyze(cls, config),
            RaceFamily.analyze(cls, related, config, program),
            LockOrderFamily.analyze(cls, config, program));
    List<Finding> findings = new ArrayList<>();
    Map<Finding, MethodModel> methodOf = new IdentityHashMap<>();
    for (MethodModel method : cls.methods()) {
      Set<String> reported = new HashSet<>();
      for (Map<MethodModel, List<Finding>> family : families) {
        for (Finding finding : family.getOrDefault(method, List.of())) {
          // Code that runs on several paths (a finally block) is one defect, reported once.
          if (config.enabled(finding.check())
              && !suppressed(method, finding.check())
              && reported.add(finding.check().id() + "@" + lineOrNode(finding.primary()))) {
            findings.add(finding);
            methodOf.put(finding, method);
          }
        }
      }
    }
    findings.sort(Comparator.comparingInt(finding -> finding.primary().line()));
    return Fingerprints.assign(cls.name(), findings, methodOf);
  }

  private static boolean suppressed(MethodModel method, CheckId check) {
    return method.suppressions().contains(check.id()) || method.suppressions().contains("*");
  }

  private static String lineOrNode(Node node) {
    return node.line() > 0 ? "line " + node.line() : "node " + node.id();
  }
}
