package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ElementKind;

/**
 * The locals of one class's own code (methods and lambdas, not nested classes) that are effectively
 * final and assigned exactly once, with the expression they hold: {@code Lock l = this.lock;} makes
 * {@code l} another name for {@code this.lock}.
 */
public final class LocalAliases {
  private LocalAliases() {}

  public static Map<VarSymbol, ExpressionTree> of(ClassTree cls) {
    Map<VarSymbol, List<ExpressionTree>> assigned = new HashMap<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return tree == cls ? super.visitClass(tree, null) : null;
      }

      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        VarSymbol sym = ASTHelpers.getSymbol(tree);
        if (isLocal(sym)) {
          List<ExpressionTree> values = assigned.computeIfAbsent(sym, s -> new ArrayList<>());
          if (tree.getInitializer() != null) {
            values.add(tree.getInitializer());
          }
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        Symbol sym = ASTHelpers.getSymbol(tree.getVariable());
        if (isLocal(sym)) {
          assigned
              .computeIfAbsent((VarSymbol) sym, s -> new ArrayList<>())
              .add(tree.getExpression());
        }
        return super.visitAssignment(tree, null);
      }
    }.scan(cls, null);
    Map<VarSymbol, ExpressionTree> aliases = new HashMap<>();
    assigned.forEach(
        (sym, values) -> {
          if (values.size() == 1 && ASTHelpers.isConsideredFinal(sym)) {
            aliases.put(sym, values.get(0));
          }
        });
    return aliases;
  }

  private static boolean isLocal(Symbol sym) {
    return sym instanceof VarSymbol
        && (sym.getKind() == ElementKind.LOCAL_VARIABLE
            || sym.getKind() == ElementKind.RESOURCE_VARIABLE);
  }
}
