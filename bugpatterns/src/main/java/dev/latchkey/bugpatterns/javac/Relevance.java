package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.latchkey.checks.api.LockApi;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.config.MethodPattern;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A cheap test, before any CFG is built, of whether code can matter to any check. The lock checks
 * need a lock operation (by the names in the core's table), a configured wrapper, or a call of a
 * helper of the same class whose summary acquires or releases; the exception checks need a {@code
 * catch} clause, a {@code finally} block with a jump in it, or a call the core's task table knows;
 * the executor checks need a call or object creation that table knows (an executor or thread
 * created, a task submitted, a thread started, a forEach, a wait). A task body (a lambda, or a
 * method of this class named by a method reference, passed to such a call) is translated too, since
 * the core looks at it, and so is a body that creates a lambda that is translated (the core may ask
 * which call the lambda is passed to). Other code would translate to a model without any event a
 * check reads, so it is not translated at all.
 */
final class Relevance {
  private final ClassSymbol cls;
  private final LockCalls lockCalls;
  private final Set<String> wrapperNames = new HashSet<>();
  private final Set<Tree> taskLambdas = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Symbol> taskMethods = Collections.newSetFromMap(new IdentityHashMap<>());

  Relevance(ClassSymbol cls, LatchkeyConfig config, LockCalls lockCalls) {
    this.cls = cls;
    this.lockCalls = lockCalls;
    for (MethodPattern pattern : config.acquireMethods()) {
      wrapperNames.add(pattern.methodName());
    }
    for (MethodPattern pattern : config.releaseMethods()) {
      wrapperNames.add(pattern.methodName());
    }
  }

  /**
   * Whether the class's own code (lambdas included, nested classes not) may matter; also notes its
   * task bodies. Call first.
   */
  boolean classMayMatter(ClassTree tree) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree nested, Void unused) {
        return nested == tree ? super.visitClass(nested, null) : null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (lockRelevant(call, false)) {
          found[0] = true;
        }
        if (lockCalls.taskOperation(call) != null) {
          found[0] = true;
          noteTaskBodies(call);
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree creation, Void unused) {
        if (lockCalls.taskOperation(creation) != null) {
          found[0] = true;
        }
        return super.visitNewClass(creation, null);
      }

      @Override
      public Void visitTry(TryTree tryTree, Void unused) {
        if (exceptionRelevant(tryTree)) {
          found[0] = true;
        }
        return super.visitTry(tryTree, null);
      }
    }.scan(tree, null);
    return found[0];
  }

  /** Whether one body (not counting the lambdas inside it) may hold an event a check reads. */
  boolean bodyMayMatter(Tree body) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return found[0] ? null : super.scan(tree, null);
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        if (tree == body) {
          return super.visitLambdaExpression(tree, null);
        }
        // A body that creates a translated lambda is translated too, so that the core sees the
        // call the lambda is passed to (assertThrows(..), submit(..)).
        if (isTaskBody(tree) || bodyMayMatter(tree)) {
          found[0] = true;
        }
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        if (lockRelevant(tree, true) || lockCalls.taskOperation(tree) != null) {
          found[0] = true;
          return null;
        }
        return super.visitMethodInvocation(tree, null);
      }

      @Override
      public Void visitNewClass(NewClassTree tree, Void unused) {
        if (lockCalls.taskOperation(tree) != null) {
          found[0] = true;
          return null;
        }
        return super.visitNewClass(tree, null);
      }

      @Override
      public Void visitTry(TryTree tree, Void unused) {
        if (exceptionRelevant(tree)) {
          found[0] = true;
          return null;
        }
        return super.visitTry(tree, null);
      }
    }.scan(body, null);
    return found[0];
  }

  /** Whether {@code lambda} is passed to a call of the task table. */
  boolean isTaskBody(LambdaExpressionTree lambda) {
    return taskLambdas.contains(lambda);
  }

  /** Whether a method reference to {@code method} is passed to a call of the task table. */
  boolean isTaskBody(MethodSymbol method) {
    return taskMethods.contains(method);
  }

  private boolean lockRelevant(MethodInvocationTree tree, boolean ownCalls) {
    Symbol sym = ASTHelpers.getSymbol((Tree) tree);
    if (sym == null) {
      return false;
    }
    String name = sym.getSimpleName().toString();
    return LockApi.mayBeLockMethod(name)
        || wrapperNames.contains(name)
        || (ownCalls && sym.owner == cls);
  }

  /** A {@code catch} clause, or a {@code finally} block with a jump that may leave it. */
  private static boolean exceptionRelevant(TryTree tree) {
    return !tree.getCatches().isEmpty()
        || (tree.getFinallyBlock() != null && containsJump(tree.getFinallyBlock()));
  }

  private static boolean containsJump(Tree tree) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree node, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitThrow(ThrowTree node, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitBreak(BreakTree node, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitContinue(ContinueTree node, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null;
      }
    }.scan(tree, null);
    return found[0];
  }

  private void noteTaskBodies(MethodInvocationTree call) {
    for (ExpressionTree argument : call.getArguments()) {
      ExpressionTree value = argument;
      while (value instanceof ParenthesizedTree || value instanceof TypeCastTree) {
        value =
            value instanceof ParenthesizedTree parens
                ? parens.getExpression()
                : ((TypeCastTree) value).getExpression();
      }
      if (value instanceof LambdaExpressionTree lambda) {
        taskLambdas.add(lambda);
      } else if (value instanceof MemberReferenceTree reference) {
        MethodSymbol method = ASTHelpers.getSymbol(reference);
        if (method != null && method.owner == cls) {
          taskMethods.add(method);
        }
      }
    }
  }
}
