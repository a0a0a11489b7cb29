package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * The check ids suppressed for code at a path: the values of {@code @SuppressWarnings} and of
 * SpotBugs' {@code @SuppressFBWarnings} (no value: every check, "*") on every enclosing
 * declaration: the method or lambda's enclosing method, fields whose initializer holds a lambda,
 * and every enclosing class.
 */
public final class Suppressions {
  static final String SUPPRESS_WARNINGS = "java.lang.SuppressWarnings";
  static final String SUPPRESS_FB_WARNINGS = "edu.umd.cs.findbugs.annotations.SuppressFBWarnings";

  private Suppressions() {}

  public static Set<String> at(TreePath path) {
    Set<String> ids = new LinkedHashSet<>();
    for (Tree tree : path) {
      if (tree instanceof MethodTree || tree instanceof ClassTree || tree instanceof VariableTree) {
        Symbol sym = ASTHelpers.getSymbol(tree);
        if (sym != null) {
          addFrom(sym, ids);
        }
      }
    }
    return ids;
  }

  /** The check ids suppressed by the annotations on {@code sym} itself. */
  public static Set<String> on(Symbol sym) {
    Set<String> ids = new LinkedHashSet<>();
    addFrom(sym, ids);
    return ids;
  }

  private static void addFrom(Symbol sym, Set<String> ids) {
    for (Attribute.Compound annotation : sym.getAnnotationMirrors()) {
      String type = annotation.type.tsym.getQualifiedName().toString();
      boolean findBugs = type.equals(SUPPRESS_FB_WARNINGS);
      if (!findBugs && !type.equals(SUPPRESS_WARNINGS)) {
        continue;
      }
      Set<String> values = new LinkedHashSet<>();
      for (Map.Entry<
              ? extends ExecutableElement, ? extends javax.lang.model.element.AnnotationValue>
          entry : annotation.getElementValues().entrySet()) {
        if (entry.getKey().getSimpleName().contentEquals("value")) {
          collectStrings((Attribute) entry.getValue(), values);
        }
      }
      if (findBugs && (values.isEmpty() || values.remove(""))) {
        values.add("*");
      }
      ids.addAll(values);
    }
  }

  private static void collectStrings(Attribute value, Set<String> out) {
    if (value instanceof Attribute.Array array) {
      for (Attribute element : List.of(array.values)) {
        collectStrings(element, out);
      }
    } else if (value instanceof Attribute.Constant constant
        && constant.getValue() instanceof String text) {
      out.add(text);
    }
  }
}
