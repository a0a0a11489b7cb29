package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#READ_LOCK_UPGRADE}; see notes/SEMANTICS.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "ReadLockUpgrade",
    summary =
        "The write lock of a read/write lock is acquired while its read lock is held: the thread"
            + " deadlocks with itself",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class ReadLockUpgrade extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public ReadLockUpgrade() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public ReadLockUpgrade(ErrorProneFlags flags) {
    super(CheckId.READ_LOCK_UPGRADE, flags);
  }
}
