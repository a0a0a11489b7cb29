package dev.latchkey.bugpatterns;

import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.latchkey.bugpatterns.javac.FieldViews;
import dev.latchkey.bugpatterns.javac.LocalAliases;
import dev.latchkey.bugpatterns.javac.LockCalls;
import dev.latchkey.bugpatterns.javac.LockPathResolver;
import dev.latchkey.checks.model.LockPath;

/**
 * Test-only checker: reports, at every {@code lock()} call, the lock path the resolver gives its
 * receiver, as {@code path=<rootKind> <root> <path>} or {@code path=unknown}.
 */
@BugPattern(
    name = "LockPathProbe",
    summary = "Shows the lock path of every lock() receiver",
    severity = SeverityLevel.WARNING)
public class LockPathProbe extends BugChecker implements MethodInvocationTreeMatcher {
  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (!ASTHelpers.getSymbol(tree).getSimpleName().contentEquals("lock")) {
      return Description.NO_MATCH;
    }
    ClassTree cls = null;
    for (Tree enclosing : state.getPath()) {
      if (enclosing instanceof ClassTree c) {
        cls = c;
        break;
      }
    }
    LockCalls lockCalls = new LockCalls(state.getTypes());
    LockPathResolver resolver =
        new LockPathResolver(
            ASTHelpers.getSymbol(cls),
            state.getTypes(),
            LocalAliases.of(cls),
            FieldViews.of(state.getPath().getCompilationUnit(), lockCalls),
            lockCalls);
    ExpressionTree receiver = LockCalls.receiver(tree);
    LockPath path =
        receiver == null
            ? resolver.implicitReceiver(ASTHelpers.getSymbol(tree))
            : resolver.resolve(receiver);
    String text =
        path == null ? "path=unknown" : "path=" + path.rootKind() + " " + path.root() + " " + path;
    return buildDescription(tree).setMessage(text).build();
  }
}
