package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#LOCK_NOT_RELEASED}; see notes/SEMANTICS.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "LockNotReleased",
    summary = "A lock or permit is acquired but not released on every path out of the method",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class LockNotReleased extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public LockNotReleased() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public LockNotReleased(ErrorProneFlags flags) {
    super(CheckId.LOCK_NOT_RELEASED, flags);
  }
}
