package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#LOCK_INSIDE_TRY}; see notes/SEMANTICS.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "LockInsideTry",
    summary =
        "The lock is acquired inside the try whose finally releases it, so a failed acquisition"
            + " releases a lock that is not held",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class LockInsideTry extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public LockInsideTry() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public LockInsideTry(ErrorProneFlags flags) {
    super(CheckId.LOCK_INSIDE_TRY, flags);
  }
}
