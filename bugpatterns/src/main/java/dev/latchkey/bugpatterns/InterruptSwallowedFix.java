package dev.latchkey.bugpatterns;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.tree.JCTree;
import dev.latchkey.checks.fix.QuickFixEdits;
import dev.latchkey.checks.fix.TextEdit;
import java.util.Optional;

/**
 * InterruptSwallowed's fix: restore the interrupt status first thing in the handler, by inserting
 * {@code Thread.currentThread().interrupt();} as the first statement of the {@code catch} block
 * (the edits: {@link QuickFixEdits#restoreInterrupt}).
 */
final class InterruptSwallowedFix {
  private InterruptSwallowedFix() {}

  private static boolean namesInterruptedException(CatchTree handler, VisitorState state) {
    com.sun.tools.javac.code.Type interrupted =
        state.getTypeFromString("java.lang.InterruptedException");
    com.sun.tools.javac.code.Type caught =
        com.google.errorprone.util.ASTHelpers.getType(handler.getParameter());
    if (interrupted == null || caught == null) {
      return false;
    }
    if (caught.isUnion()) {
      for (com.sun.tools.javac.code.Type alternative :
          ((com.sun.tools.javac.code.Type.UnionClassType) caught).getAlternativeTypes()) {
        if (state.getTypes().isSameType(alternative, interrupted)) {
          return true;
        }
      }
      return false;
    }
    return state.getTypes().isSameType(caught, interrupted);
  }

  static Optional<SuggestedFix> of(CatchTree handler, VisitorState state) {
    // In a broad handler (catch (Exception e)) restoring the interrupt on every failure would be
    // wrong: the fix is only offered where InterruptedException is caught by name.
    if (!namesInterruptedException(handler, state)) {
      return Optional.empty();
    }
    CharSequence source = state.getSourceCode();
    BlockTree block = handler.getBlock();
    int blockStart = ((JCTree) block).getStartPosition();
    int blockEnd = state.getEndPosition(block);
    int handlerStart = ((JCTree) handler).getStartPosition();
    if (source == null || blockStart < 0 || blockEnd <= blockStart || handlerStart < 0) {
      return Optional.empty();
    }
    int first =
        block.getStatements().isEmpty()
            ? -1
            : ((JCTree) block.getStatements().get(0)).getStartPosition();
    int tryStart = -1;
    int tryBodyStart = -1;
    TreePath path = TreePath.getPath(state.getPath().getCompilationUnit(), handler);
    Tree parent =
        path == null || path.getParentPath() == null ? null : path.getParentPath().getLeaf();
    if (parent instanceof TryTree tryTree && !tryTree.getBlock().getStatements().isEmpty()) {
      tryStart = ((JCTree) tryTree).getStartPosition();
      tryBodyStart = ((JCTree) tryTree.getBlock().getStatements().get(0)).getStartPosition();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    for (TextEdit edit :
        QuickFixEdits.restoreInterrupt(
            source, blockStart, blockEnd, first, handlerStart, tryStart, tryBodyStart)) {
      fix.replace(edit.start(), edit.end(), edit.text());
    }
    return Optional.of(fix.setShortDescription(QuickFixEdits.INTERRUPT_SWALLOWED_TITLE).build());
  }
}
