package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#NON_ATOMIC_UPDATE}; see docs/checks/NonAtomicUpdate.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "NonAtomicUpdate",
    summary =
        "A compound action (read-modify-write, check-then-act) on a volatile field, concurrent map or atomic is not atomic although each step is",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class NonAtomicUpdate extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public NonAtomicUpdate() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public NonAtomicUpdate(ErrorProneFlags flags) {
    super(CheckId.NON_ATOMIC_UPDATE, flags);
  }
}
