package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#UNGUARDED_FIELD_ACCESS}; see docs/checks/UnguardedFieldAccess.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "UnguardedFieldAccess",
    summary = "A field that is written under a lock elsewhere is accessed here without that lock",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class UnguardedFieldAccess extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public UnguardedFieldAccess() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public UnguardedFieldAccess(ErrorProneFlags flags) {
    super(CheckId.UNGUARDED_FIELD_ACCESS, flags);
  }
}
