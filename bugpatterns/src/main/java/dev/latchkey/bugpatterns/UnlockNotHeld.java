package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#UNLOCK_NOT_HELD}; see notes/SEMANTICS.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "UnlockNotHeld",
    summary = "A lock or permit is released on a path where this method does not hold it",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class UnlockNotHeld extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public UnlockNotHeld() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public UnlockNotHeld(ErrorProneFlags flags) {
    super(CheckId.UNLOCK_NOT_HELD, flags);
  }
}
