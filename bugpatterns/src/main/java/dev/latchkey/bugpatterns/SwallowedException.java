package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#SWALLOWED_EXCEPTION}; see notes/SEMANTICS-exceptions.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "SwallowedException",
    summary =
        "A catch block discards the exception: an empty handler, or a broad handler that never uses"
            + " it",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class SwallowedException extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public SwallowedException() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public SwallowedException(ErrorProneFlags flags) {
    super(CheckId.SWALLOWED_EXCEPTION, flags);
  }
}
