package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles a Java source held in a string with javac, with debug information ({@code -g}, like the
 * fixtures) and the test class path. Uses nothing of the plugin, so integration tests can use it.
 */
final class JavaSources {
  private JavaSources() {}

  /** Compiles the compilation unit of {@code className} and returns the class files' root. */
  static Path compile(String className, String source) {
    return compile(className, source, List.of());
  }

  /** The same with more javac options, such as {@code --release 8}. */
  static Path compile(String className, String source, List<String> extraOptions) {
    try {
      Path out = Files.createTempDirectory("latchkey-snippet");
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      JavaFileObject file =
          new SimpleJavaFileObject(
              URI.create("string:///" + className.replace('.', '/') + ".java"),
              JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return source;
            }
          };
      StringWriter errors = new StringWriter();
      List<String> options = new java.util.ArrayList<>(extraOptions);
      options.addAll(List.of("-g", "-d", out.toString(), "-classpath", SpotBugsRun.auxClassPath()));
      boolean ok = javac.getTask(errors, null, null, options, null, List.of(file)).call();
      assertTrue(ok, "source does not compile:\n" + errors);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
