package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#GUARDED_BY_VIOLATION}; see docs/checks/GuardedByViolation.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "GuardedByViolation",
    summary = "A member annotated @GuardedBy is accessed without holding its lock",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class GuardedByViolation extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public GuardedByViolation() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public GuardedByViolation(ErrorProneFlags flags) {
    super(CheckId.GUARDED_BY_VIOLATION, flags);
  }
}
