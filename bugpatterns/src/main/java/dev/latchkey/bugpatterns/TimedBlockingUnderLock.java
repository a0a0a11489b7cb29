package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/**
 * Reports {@link CheckId#TIMED_BLOCKING_UNDER_LOCK}; see docs/checks/TimedBlockingUnderLock.md. The
 * catalogue's severity is INFO; Error Prone keeps every Latchkey check at WARNING (turn it off with
 * {@code -Xep:TimedBlockingUnderLock:OFF}).
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "TimedBlockingUnderLock",
    summary =
        "A call that waits up to a timeout is made while holding a lock, stalling every thread that needs the lock for that long",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class TimedBlockingUnderLock extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public TimedBlockingUnderLock() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public TimedBlockingUnderLock(ErrorProneFlags flags) {
    super(CheckId.TIMED_BLOCKING_UNDER_LOCK, flags);
  }
}
