package dev.latchkey.inspections.source;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The locals of one class's own code that are assigned exactly once and never changed after, with
 * the expression they hold: {@code Lock l = this.lock;} makes {@code l} another name for {@code
 * this.lock} (as the javac front-end's LocalAliases).
 */
final class LocalAliases {
  private LocalAliases() {}

  static Map<Node, Expression> of(Symbols symbols, List<Node> ownCode) {
    Map<Node, List<Expression>> assigned = new IdentityHashMap<>();
    Map<Node, Boolean> changed = new IdentityHashMap<>();
    for (Node root : ownCode) {
      OwnCode.visit(
          root,
          node -> {
            if (node instanceof VariableDeclarator variable
                && variable.getParentNode().orElse(null) instanceof VariableDeclarationExpr) {
              List<Expression> values = assigned.computeIfAbsent(variable, v -> new ArrayList<>());
              variable.getInitializer().ifPresent(values::add);
            } else if (node instanceof AssignExpr assign
                && assign.getTarget() instanceof NameExpr name) {
              Scopes.Local local = symbols.local(name);
              if (local != null && local.declaration() instanceof VariableDeclarator variable) {
                assigned.computeIfAbsent(variable, v -> new ArrayList<>()).add(assign.getValue());
                if (assign.getOperator() != AssignExpr.Operator.ASSIGN) {
                  changed.put(variable, true);
                }
              }
            } else if (node instanceof UnaryExpr unary
                && unary.getExpression() instanceof NameExpr name
                && isStep(unary)) {
              Scopes.Local local = symbols.local(name);
              if (local != null) {
                changed.put(local.declaration(), true);
              }
            }
          });
    }
    Map<Node, Expression> aliases = new IdentityHashMap<>();
    assigned.forEach(
        (variable, values) -> {
          if (values.size() == 1 && !changed.containsKey(variable)) {
            aliases.put(variable, values.get(0));
          }
        });
    return aliases;
  }

  private static boolean isStep(UnaryExpr unary) {
    return switch (unary.getOperator()) {
      case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
      default -> false;
    };
  }
}
