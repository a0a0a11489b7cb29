package dev.latchkey.inspections.source;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import dev.latchkey.checks.api.ConcurrencyAnnotations;
import dev.latchkey.checks.api.TestCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Annotations as the javac front-end reads them, from the source: their binary names (through
 * imports and the solver; the written name when neither knows it), the lock of a
 * {@code @GuardedBy}, test annotations, and the check ids {@code @SuppressWarnings} and
 * {@code @SuppressFBWarnings} (no value: every check, "*") suppress on a declaration and around it.
 */
final class Annotations {
  private final Symbols symbols;

  Annotations(Symbols symbols) {
    this.symbols = symbols;
  }

  String binaryName(AnnotationExpr annotation) {
    String written = annotation.getNameAsString();
    String resolved = symbols.typeNamed(annotation, written);
    if (resolved != null) {
      return resolved;
    }
    if (written.contains(".")) {
      var type = symbols.types().typeNamed(written);
      return type == null ? written : symbols.types().binaryName(type);
    }
    // Not on the class path: the import still names it.
    var unit = annotation.findCompilationUnit().orElse(null);
    if (unit != null) {
      for (var declaration : unit.getImports()) {
        if (!declaration.isAsterisk()
            && !declaration.isStatic()
            && declaration.getName().getIdentifier().equals(written)) {
          return declaration.getNameAsString();
        }
      }
    }
    return written;
  }

  Set<String> names(NodeWithAnnotations<?> declaration) {
    Set<String> names = new LinkedHashSet<>();
    for (AnnotationExpr annotation : declaration.getAnnotations()) {
      String name = binaryName(annotation);
      names.add(name);
      if (annotation instanceof NormalAnnotationExpr normal) {
        // as javac reports an element set to the constant false (ConcurrencyAnnotations)
        for (MemberValuePair pair : normal.getPairs()) {
          Expression value = pair.getValue();
          while (value instanceof com.github.javaparser.ast.expr.EnclosedExpr enclosed) {
            value = enclosed.getInner();
          }
          if (value instanceof com.github.javaparser.ast.expr.BooleanLiteralExpr literal
              && !literal.getValue()) {
            names.add(ConcurrencyAnnotations.falseElement(name, pair.getNameAsString()));
          }
        }
      }
    }
    return names;
  }

  /** The lock a supported {@code @GuardedBy} on the declaration names, or null. */
  String guardedBy(NodeWithAnnotations<?> declaration) {
    for (AnnotationExpr annotation : declaration.getAnnotations()) {
      if (!ConcurrencyAnnotations.isGuardedBy(binaryName(annotation))) {
        continue;
      }
      List<String> values = values(annotation);
      if (!values.isEmpty()) {
        return values.get(0);
      }
    }
    return null;
  }

  static boolean isTestCode(NodeWithAnnotations<?> method) {
    for (AnnotationExpr annotation : method.getAnnotations()) {
      String name = annotation.getName().getIdentifier();
      if (TestCode.isTestAnnotation(name)) {
        return true;
      }
    }
    return false;
  }

  /** The string values of an annotation's {@code value} element. */
  static List<String> values(AnnotationExpr annotation) {
    List<String> out = new ArrayList<>();
    if (annotation instanceof SingleMemberAnnotationExpr single) {
      strings(single.getMemberValue(), out);
    } else if (annotation instanceof NormalAnnotationExpr normal) {
      for (MemberValuePair pair : normal.getPairs()) {
        if (pair.getNameAsString().equals("value")) {
          strings(pair.getValue(), out);
        }
      }
    }
    return out;
  }

  private static void strings(Expression value, List<String> out) {
    if (value instanceof StringLiteralExpr literal) {
      out.add(literal.asString());
    } else if (value instanceof ArrayInitializerExpr array) {
      for (Expression element : array.getValues()) {
        strings(element, out);
      }
    }
  }

  /** The check ids suppressed on {@code declaration} itself. */
  static Set<String> suppressionsOn(NodeWithAnnotations<?> declaration) {
    Set<String> ids = new LinkedHashSet<>();
    for (AnnotationExpr annotation : declaration.getAnnotations()) {
      String name = annotation.getName().getIdentifier();
      boolean findBugs = name.equals("SuppressFBWarnings");
      if (!findBugs && !name.equals("SuppressWarnings")) {
        continue;
      }
      Set<String> values = new LinkedHashSet<>(values(annotation));
      if (findBugs && (values.isEmpty() || values.remove(""))) {
        values.add("*");
      }
      ids.addAll(values);
    }
    return ids;
  }

  /**
   * The check ids suppressed for code at {@code node}: on every enclosing method, class, field and
   * local variable declaration.
   */
  static Set<String> suppressionsAt(Node node) {
    Set<String> ids = new LinkedHashSet<>();
    for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof CallableDeclaration<?>
          || n instanceof TypeDeclaration<?>
          || n instanceof FieldDeclaration
          || n instanceof VariableDeclarationExpr) {
        ids.addAll(suppressionsOn((NodeWithAnnotations<?>) n));
      }
    }
    return ids;
  }

  /** Suppressions written on a field whose initializer holds {@code node}. */
  static Set<String> fieldSuppressionsAt(Node node) {
    for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof FieldDeclaration field) {
        return suppressionsOn(field);
      }
      if (n instanceof CallableDeclaration<?> || n instanceof TypeDeclaration<?>) {
        return Set.of();
      }
    }
    return Set.of();
  }
}
