package dev.latchkey.checks;

import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.locks.LockFamily;
import dev.latchkey.checks.model.ClassModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The core's entry point: every check over one class model. Front-ends call only this. */
public final class Latchkey {
  private Latchkey() {}

  /**
   * All findings in {@code cls}, suppressions applied, ordered by line. May throw on an internal
   * failure; front-ends catch it, report it once, and carry on.
   */
  public static List<Finding> analyze(ClassModel cls, LatchkeyConfig config) {
    config.injectFault(cls.name());
    List<Finding> findings = new ArrayList<>(LockFamily.analyze(cls, config));
    findings.sort(Comparator.comparingInt(finding -> finding.primary().line()));
    return findings;
  }
}
