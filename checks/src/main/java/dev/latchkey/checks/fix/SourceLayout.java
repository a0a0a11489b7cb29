package dev.latchkey.checks.fix;

/**
 * Where lines, indentation and trailing comments are in source text, so that a fix's edits keep the
 * author's layout. Offsets are character indexes into the text.
 */
public final class SourceLayout {
  private SourceLayout() {}

  /** The whitespace before {@code pos} on its line, or null when code precedes it there. */
  public static String indentation(CharSequence source, int pos) {
    int start = lineStartIfBlank(source, pos);
    return start < 0 ? null : source.subSequence(start, pos).toString();
  }

  /** The start of {@code pos}'s line when only whitespace precedes {@code pos} on it, else -1. */
  static int lineStartIfBlank(CharSequence source, int pos) {
    if (pos < 0) {
      return -1;
    }
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
  static int lineEndIfBlank(CharSequence source, int pos) {
    int i = pos;
    while (i < source.length() && source.charAt(i) != '\n') {
      if (!Character.isWhitespace(source.charAt(i))) {
        return -1;
      }
      i++;
    }
    return i < source.length() ? i + 1 : i;
  }

  /** The first character of {@code pos}'s line that is not a space or tab. */
  static int firstNonBlank(CharSequence source, int pos) {
    int i = pos;
    while (i > 0 && source.charAt(i - 1) != '\n') {
      i--;
    }
    while (i < pos && (source.charAt(i) == ' ' || source.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** The end of a {@code //} comment that follows {@code pos} on its line, or {@code pos}. */
  static int trailingCommentEnd(CharSequence source, int pos) {
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
}
