package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#BLOCKING_UNDER_LOCK}; see docs/checks/BlockingUnderLock.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "BlockingUnderLock",
    summary =
        "A call that can block indefinitely is made while holding a lock, stalling every thread that needs the lock",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class BlockingUnderLock extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public BlockingUnderLock() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public BlockingUnderLock(ErrorProneFlags flags) {
    super(CheckId.BLOCKING_UNDER_LOCK, flags);
  }
}
