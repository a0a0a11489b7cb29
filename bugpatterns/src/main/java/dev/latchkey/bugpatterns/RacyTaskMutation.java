package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#RACY_TASK_MUTATION}; see docs/checks/RacyTaskMutation.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "RacyTaskMutation",
    summary =
        "Code that runs on another thread (a task, a thread, a parallel stream) mutates shared state without synchronization",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class RacyTaskMutation extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public RacyTaskMutation() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public RacyTaskMutation(ErrorProneFlags flags) {
    super(CheckId.RACY_TASK_MUTATION, flags);
  }
}
