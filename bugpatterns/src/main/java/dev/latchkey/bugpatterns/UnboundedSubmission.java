package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#UNBOUNDED_SUBMISSION}; see notes/SEMANTICS-executors.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "UnboundedSubmission",
    summary =
        "A thread or task is started for every item of a loop with nothing bounding how many run or"
            + " wait at once",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class UnboundedSubmission extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public UnboundedSubmission() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public UnboundedSubmission(ErrorProneFlags flags) {
    super(CheckId.UNBOUNDED_SUBMISSION, flags);
  }
}
