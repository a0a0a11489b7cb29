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
    String text = state.getSourceForNode(statement);
    int start = ((JCTree) statement).getStartPosition();
    int end = state.getEndPosition(statement);
    int tryStart = ((JCTree) tryTree).getStartPosition();
    if (source == null || text == null || start < 0 || end < start || tryStart < 0) {
      return Optional.empty();
    }
    String indent = indentation(source, tryStart);
    SuggestedFix.Builder fix = SuggestedFix.builder();
    int commentEnd = trailingCommentEnd(source, end);
    if (commentEnd > end) {
      text = text + " " + source.subSequence(end, commentEnd).toString().trim();
      end = commentEnd;
    }
    int lineStart = lineStart(source, start);
    int lineEnd = lineEnd(source, end);
    if (lineStart >= 0 && lineEnd >= 0) {
      fix.replace(lineStart, lineEnd, ""); // the statement's whole line, with its comment
    } else {
      fix.delete(statement);
    }
    if (indent != null) {
      fix.prefixWith(tryTree, text + "\n" + indent);
    } else {
      fix.prefixWith(tryTree, text + " ");
    }
    return Optional.of(fix.setShortDescription("Acquire the lock just before the try").build());
  }

  /** The end of a {@code //} comment that follows {@code pos} on its line, or {@code pos}. */
  private static int trailingCommentEnd(CharSequence source, int pos) {
    int i = pos;
    while (i < source.length() && (source.charAt(i) == ' ' || source.charAt(i) == '\t')) {
      i++;
    }
    if (i + 1 >= source.length() || source.charAt(i) != '/' || source.charAt(i + 1) != '/') {
      return pos;
    }
    while (i < source.length() && source.charAt(i) != '\n' && source.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  /** The whitespace before {@code pos} on its line, or null when code precedes it there. */
  private static String indentation(CharSequence source, int pos) {
    int start = lineStart(source, pos);
    return start < 0 ? null : source.subSequence(start, pos).toString();
  }

  /** The start of {@code pos}'s line when only whitespace precedes {@code pos} on it, else -1. */
  private static int lineStart(CharSequence source, int pos) {
    int i = pos;
    while (i > 0 && source.charAt(i - 1) != '\n') {
      if (!Character.isWhitespace(source.charAt(i - 1))) {
        return -1;
      }
      i--;
    }
    return i;
  }

  /** Just past the newline ending {@code pos}'s line when only whitespace follows, else -1. */
  private static int lineEnd(CharSequence source, int pos) {
    int i = pos;
    while (i < source.length() && source.charAt(i) != '\n') {
      if (!Character.isWhitespace(source.charAt(i))) {
        return -1;
      }
      i++;
    }
    return i < source.length() ? i + 1 : i;
  }
}
