package dev.latchkey.bugpatterns;

import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.RelatedLocation;
import dev.latchkey.checks.model.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reports the core's findings of one check as javac diagnostics at the tree each finding's primary
 * node came from, with the core's message; LockInsideTry and InterruptSwallowed also offer their
 * fixes. The same tree is reported once even when the model holds several copies of it (javac's CFG
 * duplicates {@code finally} blocks).
 */
final class JavacFindingReporter {
  private JavacFindingReporter() {}

  /**
   * The finding's message, followed by its related places (javac has no other way to point at
   * them): each related location as {@code "; related: <description> at <Class>:<line>"}, or for a
   * finding with related nodes only, the lines of those its message does not name already ({@code
   * "... (see line 12)"}).
   */
  static String withRelatedLines(Finding finding) {
    String message = finding.message();
    if (!finding.relatedLocations().isEmpty()) {
      StringBuilder text = new StringBuilder(message);
      for (RelatedLocation location : finding.relatedLocations()) {
        String cls = location.className();
        text.append("; related: ")
            .append(location.description())
            .append(" at ")
            .append(cls.substring(cls.lastIndexOf('.') + 1));
        if (location.line() > 0) {
          text.append(':').append(location.line());
        }
      }
      return text.toString();
    }
    Set<Integer> lines = new TreeSet<>();
    for (Node related : finding.related()) {
      int line = related.line();
      if (line > 0
          && line != finding.primary().line()
          && !Pattern.compile("\\bline " + line + "\\b").matcher(message).find()) {
        lines.add(line);
      }
    }
    if (lines.isEmpty()) {
      return message;
    }
    StringBuilder text = new StringBuilder(message);
    text.append(lines.size() == 1 ? " (see line " : " (see lines ");
    text.append(lines.stream().map(String::valueOf).collect(Collectors.joining(", ")));
    return text.append(')').toString();
  }

  /** Reports {@code check}'s findings among {@code findings}; returns those it reported. */
  static List<Finding> report(
      BugChecker checker, CheckId check, List<Finding> findings, VisitorState state) {
    List<Finding> shown = new ArrayList<>();
    Set<Tree> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Finding finding : findings) {
      if (finding.check() != check || !(finding.primary().origin() instanceof Tree tree)) {
        continue;
      }
      if (!reported.add(tree)) {
        continue;
      }
      Description.Builder description =
          checker
              .buildDescription(tree)
              .setMessage(withRelatedLines(finding))
              .setLinkUrl(check.docUrl());
      if (check == CheckId.LOCK_INSIDE_TRY && tree instanceof MethodInvocationTree acquisition) {
        LockInsideTryFix.of(acquisition, state).ifPresent(description::addFix);
      }
      if (check == CheckId.INTERRUPT_SWALLOWED && tree instanceof CatchTree handler) {
        InterruptSwallowedFix.of(handler, state).ifPresent(description::addFix);
      }
      state.reportMatch(description.build());
      shown.add(finding);
    }
    return shown;
  }
}
