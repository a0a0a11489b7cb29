package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import dev.latchkey.checks.api.LockApi;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.config.MethodPattern;
import java.util.HashSet;
import java.util.Set;

/**
 * A cheap test, before any CFG is built, of whether code can matter to the lock checks: a finding
 * needs a lock operation (by the names in the core's table), a configured wrapper, or a call of a
 * helper of the same class whose summary acquires or releases. Code without any of them would
 * translate to a model without lock events, so it is not translated at all.
 */
final class LockRelevance {
  private final ClassSymbol cls;
  private final Set<String> wrapperNames = new HashSet<>();

  LockRelevance(ClassSymbol cls, LatchkeyConfig config) {
    this.cls = cls;
    for (MethodPattern pattern : config.acquireMethods()) {
      wrapperNames.add(pattern.methodName());
    }
    for (MethodPattern pattern : config.releaseMethods()) {
      wrapperNames.add(pattern.methodName());
    }
  }

  /** Whether the class's own code (lambdas included, nested classes not) names a lock operation. */
  boolean classMayMatter(ClassTree tree) {
    return scan(tree, tree, false, true);
  }

  /** Whether one body (not counting the lambdas inside it) may hold a lock event. */
  boolean bodyMayMatter(Tree body) {
    return scan(body, null, true, false);
  }

  private boolean scan(Tree root, ClassTree ownClass, boolean ownCalls, boolean intoLambdas) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return found[0] ? null : super.scan(tree, null);
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return tree == ownClass ? super.visitClass(tree, null) : null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return intoLambdas || tree == root ? super.visitLambdaExpression(tree, null) : null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        Symbol sym = ASTHelpers.getSymbol((Tree) tree);
        if (sym != null) {
          String name = sym.getSimpleName().toString();
          if (LockApi.mayBeLockMethod(name)
              || wrapperNames.contains(name)
              || (ownCalls && sym.owner == cls)) {
            found[0] = true;
            return null;
          }
        }
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(root, null);
    return found[0];
  }
}
