package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#EXECUTOR_NOT_SHUTDOWN}; see notes/SEMANTICS-executors.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "ExecutorNotShutdown",
    summary =
        "An executor created by a method is neither shut down nor handed on, so its threads outlive"
            + " every call",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class ExecutorNotShutdown extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public ExecutorNotShutdown() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public ExecutorNotShutdown(ErrorProneFlags flags) {
    super(CheckId.EXECUTOR_NOT_SHUTDOWN, flags);
  }
}
