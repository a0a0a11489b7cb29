package dev.latchkey.bugpatterns;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.tree.JCTree;
import java.util.Optional;

/**
 * InterruptSwallowed's fix: restore the interrupt status first thing in the handler, by inserting
 * {@code Thread.currentThread().interrupt();} as the first statement of the {@code catch} block
 * (indented like the block's statements, or one step deeper than the {@code catch} when the block
 * is empty).
 */
final class InterruptSwallowedFix {
  static final String RESTORE = "Thread.currentThread().interrupt();";

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
    if (source == null || blockStart < 0 || blockEnd <= blockStart) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    if (!block.getStatements().isEmpty()) {
      StatementTree first = block.getStatements().get(0);
      int firstStart = ((JCTree) first).getStartPosition();
      String indent = firstStart < 0 ? null : indentation(source, firstStart);
      fix.prefixWith(first, indent == null ? RESTORE + " " : RESTORE + "\n" + indent);
    } else {
      String outer =
          indentation(source, lineStartOf(source, ((JCTree) handler).getStartPosition()));
      String statementIndent = (outer == null ? "" : outer) + step(handler, state, source);
      String inside = source.subSequence(blockStart + 1, blockEnd - 1).toString();
      if (inside.isBlank() && outer != null) {
        // {} or { }: a block of its own lines.
        fix.replace(block, "{\n" + statementIndent + RESTORE + "\n" + outer + "}");
      } else {
        // Comments only: the statement goes first, the comments stay after it.
        fix.replace(blockStart, blockStart + 1, "{\n" + statementIndent + RESTORE);
      }
    }
    return Optional.of(
        fix.setShortDescription("Restore the interrupt status first thing in the handler").build());
  }

  /**
   * One indentation step: how much deeper the first statement of the {@code try} block is than the
   * {@code try} keyword, or two spaces.
   */
  private static String step(CatchTree handler, VisitorState state, CharSequence source) {
    TreePath path = TreePath.getPath(state.getPath().getCompilationUnit(), handler);
    Tree parent =
        path == null || path.getParentPath() == null ? null : path.getParentPath().getLeaf();
    if (parent instanceof TryTree tryTree && !tryTree.getBlock().getStatements().isEmpty()) {
      String tryIndent = indentation(source, ((JCTree) tryTree).getStartPosition());
      String bodyIndent =
          indentation(
              source, ((JCTree) tryTree.getBlock().getStatements().get(0)).getStartPosition());
      if (tryIndent != null
          && bodyIndent != null
          && bodyIndent.length() > tryIndent.length()
          && bodyIndent.startsWith(tryIndent)) {
        return bodyIndent.substring(tryIndent.length());
      }
    }
    return "  ";
  }

  /** The whitespace before {@code pos} on its line, or null when code precedes it there. */
  private static String indentation(CharSequence source, int pos) {
    if (pos < 0) {
      return null;
    }
    int i = pos;
    while (i > 0 && source.charAt(i - 1) != '\n') {
      if (!Character.isWhitespace(source.charAt(i - 1))) {
        return null;
      }
      i--;
    }
    return source.subSequence(i, pos).toString();
  }

  /** The position of the first non-whitespace character of {@code pos}'s line. */
  private static int lineStartOf(CharSequence source, int pos) {
    if (pos < 0) {
      return -1;
    }
    int i = pos;
    while (i > 0 && source.charAt(i - 1) != '\n') {
      i--;
    }
    while (i < pos && (source.charAt(i) == ' ' || source.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
