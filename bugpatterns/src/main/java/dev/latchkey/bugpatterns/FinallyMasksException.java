package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#FINALLY_MASKS_EXCEPTION}; see notes/SEMANTICS-exceptions.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "FinallyMasksException",
    summary =
        "A return, throw, break or continue leaves a finally block and discards the exception in"
            + " flight",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class FinallyMasksException extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public FinallyMasksException() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public FinallyMasksException(ErrorProneFlags flags) {
    super(CheckId.FINALLY_MASKS_EXCEPTION, flags);
  }
}
