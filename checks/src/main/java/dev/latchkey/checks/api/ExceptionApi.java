package dev.latchkey.checks.api;

import java.util.Set;

/**
 * What the swallowed-exception family knows of exception types: the one table both front-ends read.
 */
public final class ExceptionApi {
  /**
   * Narrow failures that only say "not this way": a parse of text that is not a number or a date, a
   * file that is already gone or already there, a class, method or field a probe did not find, an
   * optional capability the platform lacks. An empty handler of one of these around an attempt that
   * returns its result is a fallback (SwallowedException). {@code IOException} is not among them:
   * it also ends work half-done (an import that stopped midway), and a fallback then hides that.
   */
  private static final Set<String> EXPECTED_FAILURES =
      Set.of(
          "java.lang.NumberFormatException",
          "java.lang.IllegalArgumentException",
          "java.time.format.DateTimeParseException",
          "java.text.ParseException",
          "java.net.URISyntaxException",
          "java.net.MalformedURLException",
          "java.nio.file.NoSuchFileException",
          "java.nio.file.FileAlreadyExistsException",
          "java.nio.file.DirectoryNotEmptyException",
          "java.io.FileNotFoundException",
          "java.lang.ClassNotFoundException",
          "java.lang.NoSuchMethodException",
          "java.lang.NoSuchFieldException",
          "java.lang.CloneNotSupportedException",
          "java.lang.SecurityException",
          "java.lang.UnsupportedOperationException",
          "java.io.UnsupportedEncodingException",
          "java.nio.charset.CharacterCodingException",
          "java.nio.charset.UnsupportedCharsetException",
          "java.nio.charset.IllegalCharsetNameException",
          "java.util.NoSuchElementException",
          "java.util.MissingResourceException");

  /**
   * Exceptions that carry an interrupt on by their type: code that catches them knows the thread
   * was interrupted ({@code InterruptedIOException}, the channel's {@code
   * ClosedByInterruptException}).
   */
  private static final Set<String> INTERRUPT_CARRIERS =
      Set.of(
          "java.io.InterruptedIOException",
          "java.nio.channels.ClosedByInterruptException",
          "java.nio.channels.FileLockInterruptionException");

  private ExceptionApi() {}

  /** Whether {@code binaryName} is a narrow failure that a fallback may drop. */
  public static boolean isExpectedFailure(String binaryName) {
    return EXPECTED_FAILURES.contains(binaryName);
  }

  /** Whether throwing {@code binaryName} tells the caller that the thread was interrupted. */
  public static boolean carriesInterrupt(String binaryName) {
    return INTERRUPT_CARRIERS.contains(binaryName);
  }
}
