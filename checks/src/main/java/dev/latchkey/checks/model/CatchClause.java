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
 */
public record CatchClause(
    List<String> caughtTypes,
    String variable,
    boolean emptyBody,
    Set<String> tryDeclaredExceptions,
    String tryLastCallName) {
  public CatchClause {
    caughtTypes = List.copyOf(caughtTypes);
    tryDeclaredExceptions = Set.copyOf(tryDeclaredExceptions);
  }
}
