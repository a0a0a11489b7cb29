package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#UNSAFE_LAZY_INIT}; see docs/checks/UnsafeLazyInit.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "UnsafeLazyInit",
    summary =
        "A field is lazily initialized without safe publication: double-checked locking on a non-volatile field, or an unsynchronized static lazy initialization",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class UnsafeLazyInit extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public UnsafeLazyInit() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public UnsafeLazyInit(ErrorProneFlags flags) {
    super(CheckId.UNSAFE_LAZY_INIT, flags);
  }
}
