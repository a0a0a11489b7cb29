package dev.latchkey.bugpatterns.javac;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.api.BasicJavacTask;
import com.sun.tools.javac.util.Context;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.MethodModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Test support: compiles one source file with plain javac (parse and attribute) and translates each
 * of its classes, nested and anonymous ones included, with {@link JavacModelBuilder}.
 */
final class Translations {
  private Translations() {}

  /** The models of the classes in {@code source} (a file of package {@code p}), by binary name. */
  static Map<String, ClassModel> of(String... lines) {
    String source = String.join("\n", lines);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      JavaFileObject file =
          new SimpleJavaFileObject(URI.create("string:///p/T.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return source;
            }
          };
      JavacTask task =
          (JavacTask)
              javac.getTask(
                  null,
                  files,
                  diagnostics,
                  List.of("-proc:none", "-classpath", System.getProperty("java.class.path")),
                  null,
                  List.of(file));
      List<CompilationUnitTree> units = new ArrayList<>();
      task.parse().forEach(units::add);
      task.analyze();
      if (diagnostics.getDiagnostics().stream()
          .anyMatch(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)) {
        throw new AssertionError("does not compile: " + diagnostics.getDiagnostics());
      }
      Context context = ((BasicJavacTask) task).getContext();
      Map<String, ClassModel> models = new LinkedHashMap<>();
      for (CompilationUnitTree unit : units) {
        new TreePathScanner<Void, Void>() {
          @Override
          public Void visitClass(ClassTree tree, Void unused) {
            VisitorState state =
                VisitorState.createForUtilityPurposes(context).withPath(getCurrentPath());
            JavacModelBuilder.Result result =
                JavacModelBuilder.build(getCurrentPath(), state, LatchkeyConfig.DEFAULT);
            if (!result.failures().isEmpty()) {
              throw new AssertionError("translation failed", result.failures().get(0));
            }
            models.put(result.model().name(), result.model());
            return super.visitClass(tree, null);
          }
        }.scan(unit, null);
      }
      return models;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The model of the method (or lambda body) {@code name} of class {@code p.T}. */
  static MethodModel method(Map<String, ClassModel> models, String name) {
    return method(models, "p.T", name);
  }

  static MethodModel method(Map<String, ClassModel> models, String className, String name) {
    ClassModel cls = models.get(className);
    if (cls == null) {
      throw new AssertionError("no model of " + className + " in " + models.keySet());
    }
    return cls.methods().stream()
        .filter(m -> m.ref().name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no model of "
                        + name
                        + " in "
                        + cls.methods().stream().map(m -> m.ref().name()).toList()));
  }
}
