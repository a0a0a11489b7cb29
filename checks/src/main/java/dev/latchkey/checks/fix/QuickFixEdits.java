package dev.latchkey.checks.fix;

import java.util.ArrayList;
import java.util.List;

/**
 * The edits of Latchkey's suggested fixes, computed on source text from the offsets each front-end
 * reads off its own tree, so that the javac plugin and the editor make the same change.
 */
public final class QuickFixEdits {
  /** The statement InterruptSwallowed's fix puts first in the handler. */
  public static final String RESTORE = "Thread.currentThread().interrupt();";

  public static final String LOCK_INSIDE_TRY_TITLE = "Acquire the lock just before the try";

  public static final String INTERRUPT_SWALLOWED_TITLE =
      "Restore the interrupt status first thing in the handler";

  private QuickFixEdits() {}

  /**
   * LockInsideTry: move the acquisition statement {@code [start, end)}, the first of a try block,
   * to just before the {@code try} at {@code tryStart}, with the comment that ends its line; its
   * line goes when nothing else is on it.
   */
  public static List<TextEdit> moveBeforeTry(
      CharSequence source, int start, int end, int tryStart) {
    String text = source.subSequence(start, end).toString();
    int commentEnd = SourceLayout.trailingCommentEnd(source, end);
    if (commentEnd > end) {
      text = text + " " + source.subSequence(end, commentEnd).toString().trim();
      end = commentEnd;
    }
    String indent = SourceLayout.indentation(source, tryStart);
    List<TextEdit> edits = new ArrayList<>();
    edits.add(new TextEdit(tryStart, tryStart, indent != null ? text + "\n" + indent : text + " "));
    int lineStart = SourceLayout.lineStartIfBlank(source, start);
    int lineEnd = SourceLayout.lineEndIfBlank(source, end);
    edits.add(
        lineStart >= 0 && lineEnd >= 0
            ? new TextEdit(lineStart, lineEnd, "")
            : new TextEdit(start, end, ""));
    return edits;
  }

  /**
   * InterruptSwallowed: restore the interrupt first thing in the handler whose block is {@code
   * [blockStart, blockEnd)}: before its first statement at {@code firstStatement} (-1: the block
   * has none), indented like it, or alone in the block, one step deeper than the {@code catch} at
   * {@code handlerStart}.
   *
   * @param tryStart where the handler's {@code try} starts, or -1
   * @param tryBodyStart where the first statement of the try block starts, or -1: together they
   *     give the file's indentation step (two spaces when unknown)
   */
  public static List<TextEdit> restoreInterrupt(
      CharSequence source,
      int blockStart,
      int blockEnd,
      int firstStatement,
      int handlerStart,
      int tryStart,
      int tryBodyStart) {
    if (firstStatement >= 0) {
      String indent = SourceLayout.indentation(source, firstStatement);
      return List.of(
          new TextEdit(
              firstStatement,
              firstStatement,
              indent == null ? RESTORE + " " : RESTORE + "\n" + indent));
    }
    String outer =
        SourceLayout.indentation(source, SourceLayout.firstNonBlank(source, handlerStart));
    String statementIndent = (outer == null ? "" : outer) + step(source, tryStart, tryBodyStart);
    String inside = source.subSequence(blockStart + 1, blockEnd - 1).toString();
    if (inside.isBlank() && outer != null) {
      // {} or { }: a block of its own lines.
      return List.of(
          new TextEdit(
              blockStart, blockEnd, "{\n" + statementIndent + RESTORE + "\n" + outer + "}"));
    }
    // Comments only: the statement goes first, the comments stay after it.
    return List.of(new TextEdit(blockStart, blockStart + 1, "{\n" + statementIndent + RESTORE));
  }

  /** How much deeper the try block's first statement is than the {@code try}, or two spaces. */
  private static String step(CharSequence source, int tryStart, int tryBodyStart) {
    if (tryStart >= 0 && tryBodyStart >= 0) {
      String tryIndent = SourceLayout.indentation(source, tryStart);
      String bodyIndent = SourceLayout.indentation(source, tryBodyStart);
      if (tryIndent != null
          && bodyIndent != null
          && bodyIndent.length() > tryIndent.length()
          && bodyIndent.startsWith(tryIndent)) {
        return bodyIndent.substring(tryIndent.length());
      }
    }
    return "  ";
  }
}
