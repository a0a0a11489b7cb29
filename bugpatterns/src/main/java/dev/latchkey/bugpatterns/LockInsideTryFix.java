package dev.latchkey.bugpatterns;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.tree.JCTree;
import dev.latchkey.checks.fix.QuickFixEdits;
import dev.latchkey.checks.fix.TextEdit;
import java.util.Optional;

/**
 * LockInsideTry's fix: move the acquisition statement from the start of the {@code try} block to
 * just before the {@code try}. Offered only for exactly that shape: the acquisition is a statement
 * of its own, the first of the block of a {@code try} without resources.
 */
final class LockInsideTryFix {
  private LockInsideTryFix() {}

  static Optional<SuggestedFix> of(MethodInvocationTree acquisition, VisitorState state) {
    TreePath path = TreePath.getPath(state.getPath().getCompilationUnit(), acquisition);
    if (path == null || path.getParentPath() == null) {
      return Optional.empty();
    }
    Tree statement = path.getParentPath().getLeaf();
    TreePath blockPath = path.getParentPath().getParentPath();
    if (!(statement instanceof ExpressionStatementTree)
        || blockPath == null
        || !(blockPath.getLeaf() instanceof BlockTree block)
        || block.getStatements().isEmpty()
        || block.getStatements().get(0) != statement
        || blockPath.getParentPath() == null
        || !(blockPath.getParentPath().getLeaf() instanceof TryTree tryTree)
        || tryTree.getBlock() != block
        || !tryTree.getResources().isEmpty()) {
      return Optional.empty();
    }
    CharSequence source = state.getSourceCode();
    int start = ((JCTree) statement).getStartPosition();
    int end = state.getEndPosition(statement);
    int tryStart = ((JCTree) tryTree).getStartPosition();
    if (source == null || start < 0 || end < start || tryStart < 0) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    for (TextEdit edit : QuickFixEdits.moveBeforeTry(source, start, end, tryStart)) {
      fix.replace(edit.start(), edit.end(), edit.text());
    }
    return Optional.of(fix.setShortDescription(QuickFixEdits.LOCK_INSIDE_TRY_TITLE).build());
  }
}
