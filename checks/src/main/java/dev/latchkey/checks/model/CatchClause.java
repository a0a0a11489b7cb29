package dev.latchkey.checks.model;

import java.util.List;
import java.util.Set;

/**
 * What a front-end knows about one {@code catch} clause, carried by its {@link NodeKind#CATCH}
 * node.
 *
 * @param caughtTypes binary names of the caught types (several for a multi-catch)
 * @param variable the exception variable's name, or null when unknown (no debug information)
 * @param emptyBody the handler has no statements at all (comments are not code)
 * @param tryDeclaredExceptions binary names of the checked exceptions that the methods called in
 *     the {@code try} block declare
 * @param tryLastCallName the name of the last method called in the {@code try} block, or null
 * @param tryEndsInReturnOrThrow the {@code try} block ends in a {@code return} or a {@code throw}
 *     on every branch of its last statement and no {@code break}/{@code continue} leaves it:
 *     control reaches the code after the {@code try} statement only through a handler
 * @param blockSource the source text between the handler's braces, comments included, when the
 *     front-end can read the source; null when it cannot
 */
public record CatchClause(
    List<String> caughtTypes,
    String variable,
    boolean emptyBody,
    Set<String> tryDeclaredExceptions,
    String tryLastCallName,
    boolean tryEndsInReturnOrThrow,
    String blockSource) {
  public CatchClause {
    caughtTypes = List.copyOf(caughtTypes);
    tryDeclaredExceptions = Set.copyOf(tryDeclaredExceptions);
  }

  /** A clause whose source text is not known. */
  public CatchClause(
      List<String> caughtTypes,
      String variable,
      boolean emptyBody,
      Set<String> tryDeclaredExceptions,
      String tryLastCallName,
      boolean tryEndsInReturnOrThrow) {
    this(
        caughtTypes,
        variable,
        emptyBody,
        tryDeclaredExceptions,
        tryLastCallName,
        tryEndsInReturnOrThrow,
        null);
  }

  /** A clause whose {@code try} block may complete normally (not known to return or throw). */
  public CatchClause(
      List<String> caughtTypes,
      String variable,
      boolean emptyBody,
      Set<String> tryDeclaredExceptions,
      String tryLastCallName) {
    this(caughtTypes, variable, emptyBody, tryDeclaredExceptions, tryLastCallName, false);
  }
}
