package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#LOST_TASK_EXCEPTION}; see notes/SEMANTICS-exceptions.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "LostTaskException",
    summary =
        "The Future of an asynchronous task is discarded, so an exception thrown by the task is"
            + " never seen",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class LostTaskException extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public LostTaskException() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public LostTaskException(ErrorProneFlags flags) {
    super(CheckId.LOST_TASK_EXCEPTION, flags);
  }
}
