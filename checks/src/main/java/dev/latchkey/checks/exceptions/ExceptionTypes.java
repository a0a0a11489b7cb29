package dev.latchkey.checks.exceptions;

import dev.latchkey.checks.model.CatchClause;
import java.util.List;
import java.util.Set;

/** Facts about exception types that the family's rules share. */
final class ExceptionTypes {
  static final String INTERRUPTED = "java.lang.InterruptedException";

  /** Types whose handlers catch nearly everything a try block can throw. */
  static final Set<String> BROAD =
      Set.of(
          "java.lang.Throwable",
          "java.lang.Exception",
          "java.lang.RuntimeException",
          "java.lang.Error");

  /** Broad types that include InterruptedException. */
  private static final Set<String> SUPERTYPES_OF_INTERRUPTED =
      Set.of("java.lang.Throwable", "java.lang.Exception");

  private ExceptionTypes() {}

  static boolean catchesBroadly(CatchClause clause) {
    return clause.caughtTypes().stream().anyMatch(BROAD::contains);
  }

  /**
   * The handler receives InterruptedException: it names it, or it names a supertype and the try
   * block calls a method that declares it.
   */
  static boolean catchesInterrupted(CatchClause clause) {
    List<String> types = clause.caughtTypes();
    return types.contains(INTERRUPTED)
        || (types.stream().anyMatch(SUPERTYPES_OF_INTERRUPTED::contains)
            && clause.tryDeclaredExceptions().contains(INTERRUPTED));
  }
}
