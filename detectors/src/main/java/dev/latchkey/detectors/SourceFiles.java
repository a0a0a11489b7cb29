package dev.latchkey.detectors;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.SourceFinder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The source lines of the class being analysed, from SpotBugs' source path ({@code -sourcepath},
 * the source roots spotbugs-maven-plugin passes): what a class file does not keep (comments, the
 * name of an empty handler's variable). Null when SpotBugs has no source for the class; the one
 * file last read is kept, since a class's methods and its nested classes share it.
 */
final class SourceFiles {
  private static String lastKey;
  private static List<String> lastLines;

  private SourceFiles() {}

  /** The lines of {@code sourceFile} in the package of {@code className}, or null. */
  static synchronized List<String> lines(String className, String sourceFile) {
    if (sourceFile == null) {
      return null;
    }
    int dot = className.lastIndexOf('.');
    String pkg = dot < 0 ? "" : className.substring(0, dot);
    String key = pkg + "/" + sourceFile;
    if (!key.equals(lastKey)) {
      lastKey = key;
      lastLines = read(pkg, sourceFile);
    }
    return lastLines;
  }

  private static List<String> read(String pkg, String sourceFile) {
    AnalysisContext context = AnalysisContext.currentAnalysisContext();
    SourceFinder finder = context == null ? null : context.getSourceFinder();
    if (finder == null || !finder.hasSourceFile(pkg, sourceFile)) {
      return null;
    }
    try (InputStream in = finder.findSourceFile(pkg, sourceFile).getInputStream()) {
      byte[] bytes = in.readAllBytes();
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        text =
            new String(
                bytes, StandardCharsets.ISO_8859_1); // an older encoding: ASCII is all we read
      }
      return List.of(text.split("\r\n|\r|\n", -1));
    } catch (IOException | RuntimeException e) {
      return null; // unreadable source: the class file alone decides
    }
  }
}
