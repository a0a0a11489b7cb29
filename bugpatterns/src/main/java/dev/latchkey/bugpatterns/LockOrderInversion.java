package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#LOCK_ORDER_INVERSION}; see docs/checks/LockOrderInversion.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "LockOrderInversion",
    summary =
        "Two code paths acquire the same locks in opposite order, so two threads can deadlock",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class LockOrderInversion extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public LockOrderInversion() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public LockOrderInversion(ErrorProneFlags flags) {
    super(CheckId.LOCK_ORDER_INVERSION, flags);
  }
}
