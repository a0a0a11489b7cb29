package dev.latchkey.bugpatterns;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import javax.inject.Inject;

/** Reports {@link CheckId#UNBOUNDED_EXECUTOR}; see notes/SEMANTICS-executors.md. */
@AutoService(BugChecker.class)
@BugPattern(
    name = "UnboundedExecutor",
    summary =
        "An executor is created with an unbounded number of threads or an unbounded work queue",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE) // the link comes from the catalogue (CheckId.docUrl())
public final class UnboundedExecutor extends LatchkeyChecker {
  private static final long serialVersionUID = 1L;

  /** For ServiceLoader, which needs a public no-argument constructor to list plugins. */
  public UnboundedExecutor() {
    this(ErrorProneFlags.empty());
  }

  /** What Error Prone calls, with the {@code -XepOpt:Latchkey:...} flags. */
  @Inject
  public UnboundedExecutor(ErrorProneFlags flags) {
    super(CheckId.UNBOUNDED_EXECUTOR, flags);
  }
}
