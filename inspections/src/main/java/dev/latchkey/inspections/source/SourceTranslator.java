package dev.latchkey.inspections.source;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.resolution.TypeSolver;
import dev.latchkey.checks.model.ClassModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The source front-end's entry point: every class of a compilation unit (nested, local and
 * anonymous ones, named as javac names them) translated into the core's model. Never throws for the
 * code it is given: what does not parse or resolve has no model, and translation failures are
 * returned with the models.
 */
public final class SourceTranslator {
  /** The classes of one file: their models, and what went wrong translating them. */
  public record Translation(List<ClassModel> classes, List<RuntimeException> failures) {}

  private SourceTranslator() {}

  public static Translation translate(CompilationUnit unit, TypeSolver solver) {
    SourceTypes types = new SourceTypes(solver);
    Symbols symbols = new Symbols(types, solver);
    List<ClassScope> scopes = new ArrayList<>();
    try {
      collect(unit, null, types, scopes, new HashMap<>());
    } catch (RuntimeException | StackOverflowError e) {
      return new Translation(List.of(), List.of(new IllegalStateException(e)));
    }
    List<ClassModel> classes = new ArrayList<>();
    List<RuntimeException> failures = new ArrayList<>();
    FieldViews views = FieldViews.of(scopes, symbols);
    for (ClassScope scope : scopes) {
      try {
        ClassModelBuilder.Result result = ClassModelBuilder.build(scope, symbols, views);
        classes.add(result.model());
        failures.addAll(result.failures());
      } catch (RuntimeException | StackOverflowError e) {
        failures.add(e instanceof RuntimeException re ? re : new IllegalStateException(e));
      }
    }
    return new Translation(classes, failures);
  }

  /** Finds the classes under {@code node}, naming local and anonymous ones as javac does. */
  private static void collect(
      Node node,
      ClassScope current,
      SourceTypes types,
      List<ClassScope> out,
      Map<String, Integer> counters) {
    if (node instanceof TypeDeclaration<?> type) {
      boolean local =
          type.getParentNode().orElse(null) instanceof LocalClassDeclarationStmt
              || type.getParentNode().orElse(null) instanceof LocalRecordDeclarationStmt;
      String name =
          local && current != null
              ? current.binaryName()
                  + "$"
                  + next(counters, current, type.getNameAsString())
                  + type.getNameAsString()
              : types.sourceName(type);
      if (name == null) {
        return;
      }
      types.nameSourceClass(type, name);
      ClassScope scope =
          new ClassScope(type, name, current, ClassScope.hasOuterInstance(type, current), types);
      out.add(scope);
      for (Node child : type.getChildNodes()) {
        collect(child, scope, types, out, counters);
      }
      return;
    }
    if (node instanceof ObjectCreationExpr creation
        && creation.getAnonymousClassBody().isPresent()
        && current != null) {
      creation.getScope().ifPresent(s -> collect(s, current, types, out, counters));
      creation.getArguments().forEach(a -> collect(a, current, types, out, counters));
      String name = current.binaryName() + "$" + next(counters, current, "");
      types.nameSourceClass(creation, name);
      ClassScope scope =
          new ClassScope(
              creation, name, current, ClassScope.hasOuterInstance(creation, current), types);
      out.add(scope);
      for (var member : creation.getAnonymousClassBody().get()) {
        collect(member, scope, types, out, counters);
      }
      return;
    }
    for (Node child : node.getChildNodes()) {
      collect(child, current, types, out, counters);
    }
  }

  private static int next(Map<String, Integer> counters, ClassScope enclosing, String name) {
    return counters.merge(enclosing.binaryName() + "\u0000" + name, 1, Integer::sum);
  }
}
