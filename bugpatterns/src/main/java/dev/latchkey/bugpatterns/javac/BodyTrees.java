package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source structure of one method or lambda (its declaration and everything in it): each tree's
 * parent, and what the exception checks ask of it — whether a tree lies inside a {@code catch}
 * clause, which handlers a {@code break}/{@code continue} leaves, and whether a jump leaves a
 * {@code finally} block. The CFG copies {@code finally} code, so these questions are answered on
 * the trees, which every copy shares.
 */
final class BodyTrees {
  private final Tree root;
  private final Map<Tree, Tree> parents = new IdentityHashMap<>();
  private final CatchClauses clauses;

  private BodyTrees(Tree root, CatchClauses clauses) {
    this.root = root;
    this.clauses = clauses;
  }

  /** The structure under {@code root}, a method or a lambda expression. */
  static BodyTrees of(Tree root, CatchClauses clauses) {
    BodyTrees trees = new BodyTrees(root, clauses);
    new TreeScanner<Void, Tree>() {
      @Override
      public Void scan(Tree tree, Tree parent) {
        if (tree == null) {
          return null;
        }
        trees.parents.put(tree, parent);
        return tree.accept(this, tree);
      }
    }.scan(root, null);
    return trees;
  }

  /** Whether {@code tree} is part of this body (javac made it; the CFG builder did not). */
  boolean contains(Tree tree) {
    return tree != null && parents.containsKey(tree);
  }

  /** The enclosing tree, or null at the root or for a tree outside the body. */
  Tree parent(Tree tree) {
    return parents.get(tree);
  }

  /** Whether {@code tree} is {@code ancestor} or lies inside it. */
  boolean isInside(Tree tree, Tree ancestor) {
    for (Tree t = tree; t != null; t = parents.get(t)) {
      if (t == ancestor) {
        return true;
      }
    }
    return false;
  }

  /**
   * The {@code catch} clauses whose block a {@code break} or {@code continue} jumps out of,
   * innermost first.
   */
  List<CatchTree> catchesLeft(Tree jump) {
    List<CatchTree> left = new ArrayList<>();
    Tree target = target(jump);
    Tree child = jump;
    for (Tree parent = parents.get(jump); parent != null; parent = parents.get(parent)) {
      if (parent == target || isBoundary(parent)) {
        break;
      }
      if (parent instanceof CatchTree handler && child == handler.getBlock()) {
        left.add(handler);
      }
      child = parent;
    }
    return left;
  }

  /**
   * Whether a {@code return}, {@code throw}, {@code break} or {@code continue} completes a {@code
   * finally} block abruptly: it is written inside one (not inside a lambda or class declared there)
   * and its target lies outside it; a {@code throw} caught by a {@code try} inside the same {@code
   * finally} block does not leave it.
   */
  boolean leavesFinally(Tree jump) {
    Tree target = target(jump);
    Type thrown =
        jump instanceof ThrowTree throwTree ? ASTHelpers.getType(throwTree.getExpression()) : null;
    Tree child = jump;
    for (Tree parent = parents.get(jump); parent != null; parent = parents.get(parent)) {
      if (parent == target || isBoundary(parent)) {
        return false;
      }
      if (parent instanceof TryTree tryTree) {
        if (child == tryTree.getFinallyBlock()) {
          return true;
        }
        if (thrown != null
            && (child == tryTree.getBlock() || tryTree.getResources().contains(child))
            && clauses.catchesSurely(tryTree, thrown)) {
          return false;
        }
      }
      child = parent;
    }
    return false;
  }

  /** Code inside these runs as another method: no jump crosses them. */
  private boolean isBoundary(Tree tree) {
    return tree instanceof LambdaExpressionTree
        || tree instanceof ClassTree
        || tree instanceof MethodTree
        || tree == root;
  }

  /** The statement a {@code break}/{@code continue} jumps to (javac's attribution), or null. */
  private static Tree target(Tree jump) {
    if (jump instanceof BreakTree && jump instanceof JCTree.JCBreak jcBreak) {
      return jcBreak.target;
    }
    if (jump instanceof ContinueTree && jump instanceof JCTree.JCContinue jcContinue) {
      return jcContinue.target;
    }
    return null;
  }
}
