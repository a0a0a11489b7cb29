package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#INTERRUPT_SWALLOWED}; see notes/SEMANTICS-exceptions.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "InterruptSwallowed",
    summary =
        "InterruptedException is caught and neither re-thrown nor the interrupt status restored, so"
            + " the thread can no longer be stopped",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class InterruptSwallowed extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public InterruptSwallowed() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public InterruptSwallowed(ErrorProneFlags flags) {
    super(CheckId.INTERRUPT_SWALLOWED, flags);
  }
}
