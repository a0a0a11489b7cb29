package dev.latchkey.checks.model;

import java.util.List;
import java.util.Locale;

/**
 * What the source text says about one {@code catch} clause, for front-ends whose host does not keep
 * it (a class file has no comments, and no variable name for an empty handler): the variable's name
 * and the text between the handler's braces. Read from the lines of the source file; comments and
 * string literals are skipped when matching parentheses and braces.
 *
 * @param variable the exception variable's name
 * @param block the text between the handler's braces
 */
public record CatchSource(String variable, String block) {
  /** Lines before the handler's line searched for its {@code catch} keyword. */
  private static final int LINES_BEFORE = 2;

  /** Lines after it read for the handler's block: an empty block with its comment is short. */
  private static final int LINES_AFTER = 40;

  /**
   * The catch clause of {@code caughtType} (a binary name) whose handler javac places at {@code
   * line} (1-based) of {@code lines}: its {@code catch} keyword is on that line or shortly before,
   * and its parentheses name the type's simple name. Null when not found.
   */
  public static CatchSource find(List<String> lines, int line, String caughtType) {
    if (lines == null || line < 1 || line > lines.size() || caughtType == null) {
      return null;
    }
    String simple =
        caughtType.substring(
            Math.max(caughtType.lastIndexOf('.'), caughtType.lastIndexOf('$')) + 1);
    int first = Math.max(1, line - LINES_BEFORE);
    int last = Math.min(lines.size(), line + LINES_AFTER);
    StringBuilder text = new StringBuilder();
    int[] lineStart = new int[last - first + 2];
    for (int i = first; i <= last; i++) {
      lineStart[i - first] = text.length();
      text.append(lines.get(i - 1)).append('\n');
    }
    lineStart[last - first + 1] = text.length();
    int from = lineStart[line - first];
    int to = lineStart[line - first + 1];
    CatchSource found = null;
    for (int at = codeIndexOf(text, "catch", lineStart[0]); at >= 0 && at < to; ) {
      CatchSource candidate = parse(text, at, simple);
      if (candidate != null) {
        found = candidate;
        if (at >= from) {
          return found; // on the handler's own line: the closest match
        }
      }
      at = codeIndexOf(text, "catch", at + 5);
    }
    return found;
  }

  /**
   * Whether the block holds a comment that says something ({@code // already gone}, a bare {@code
   * // ignore}): one with a word in it that is not only a to-do marker ({@code // TODO handle}).
   */
  public static boolean hasComment(String block) {
    if (block == null) {
      return false;
    }
    String[] parts = block.split("//|/\\*");
    for (int i = 1; i < parts.length; i++) { // parts[0] is the code before the first comment
      String text = parts[i].replace("*/", " ").strip();
      String word = text.split("[^\\p{L}]+", 2)[0].toUpperCase(Locale.ROOT);
      boolean toDo = word.equals("TODO") || word.equals("FIXME") || word.equals("XXX");
      if (!toDo && text.chars().anyMatch(Character::isLetter)) {
        return true;
      }
    }
    return false;
  }

  /** {@code catch (Type | Other name) { block }} starting at {@code at}, if it names the type. */
  private static CatchSource parse(CharSequence text, int at, String simpleType) {
    if (at > 0 && Character.isJavaIdentifierPart(text.charAt(at - 1))) {
      return null;
    }
    int open = skipSpace(text, at + 5);
    if (open >= text.length() || text.charAt(open) != '(') {
      return null;
    }
    int close = matching(text, open, '(', ')');
    if (close < 0) {
      return null;
    }
    String header = text.subSequence(open + 1, close).toString().trim();
    String[] words = header.split("[^\\p{javaJavaIdentifierPart}]+");
    if (words.length < 2 || !List.of(words).subList(0, words.length - 1).contains(simpleType)) {
      return null;
    }
    int brace = skipSpace(text, close + 1);
    if (brace >= text.length() || text.charAt(brace) != '{') {
      return null;
    }
    int end = matching(text, brace, '{', '}');
    if (end < 0) {
      return null;
    }
    return new CatchSource(words[words.length - 1], text.subSequence(brace + 1, end).toString());
  }

  private static int skipSpace(CharSequence text, int at) {
    int i = at;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (startsWith(text, i, "//")) {
        i = lineEnd(text, i);
      } else if (startsWith(text, i, "/*")) {
        i = commentEnd(text, i);
      } else {
        break;
      }
    }
    return i;
  }

  /** The index of the bracket closing the one at {@code open}, or -1. */
  private static int matching(CharSequence text, int open, char left, char right) {
    int depth = 0;
    int i = open;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (startsWith(text, i, "//")) {
        i = lineEnd(text, i);
        continue;
      }
      if (startsWith(text, i, "/*")) {
        i = commentEnd(text, i);
        continue;
      }
      if (c == '"' || c == '\'') {
        i = literalEnd(text, i, c);
        continue;
      }
      if (c == left) {
        depth++;
      } else if (c == right && --depth == 0) {
        return i;
      }
      i++;
    }
    return -1;
  }

  /** The next occurrence of {@code word} outside comments and literals, or -1. */
  private static int codeIndexOf(CharSequence text, String word, int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (startsWith(text, i, "//")) {
        i = lineEnd(text, i);
      } else if (startsWith(text, i, "/*")) {
        i = commentEnd(text, i);
      } else if (c == '"' || c == '\'') {
        i = literalEnd(text, i, c);
      } else if (startsWith(text, i, word)) {
        return i;
      } else {
        i++;
      }
    }
    return -1;
  }

  private static boolean startsWith(CharSequence text, int at, String prefix) {
    if (at + prefix.length() > text.length()) {
      return false;
    }
    for (int k = 0; k < prefix.length(); k++) {
      if (text.charAt(at + k) != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int lineEnd(CharSequence text, int at) {
    int i = at;
    while (i < text.length() && text.charAt(i) != '\n') {
      i++;
    }
    return i;
  }

  private static int commentEnd(CharSequence text, int at) {
    for (int i = at + 2; i + 1 < text.length(); i++) {
      if (text.charAt(i) == '*' && text.charAt(i + 1) == '/') {
        return i + 2;
      }
    }
    return text.length();
  }

  private static int literalEnd(CharSequence text, int at, char quote) {
    int i = at + 1;
    while (i < text.length() && text.charAt(i) != quote && text.charAt(i) != '\n') {
      i += text.charAt(i) == '\\' ? 2 : 1;
    }
    return i + 1;
  }
}
