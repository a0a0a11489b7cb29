package dev.latchkey.inspections.source;

import com.github.javaparser.JavaToken;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;

/**
 * The lines the javac front-end reports at: where a tree starts, except that an invocation is
 * reported at its argument list (javac's preferred position, the line class files give the invoke
 * instruction) and a field access or declaration at its name.
 */
final class Lines {
  private Lines() {}

  /** The 1-based line where {@code node} starts, or -1. */
  static int of(Node node) {
    if (node == null) {
      return -1;
    }
    if (node instanceof MethodCallExpr call) {
      return invocation(call);
    }
    if (node instanceof VariableDeclarator variable) {
      return of(variable.getName());
    }
    return node.getRange().map(r -> r.begin.line).orElse(-1);
  }

  /** The line of a field access's name ({@code count}, {@code this.count}). */
  static int ofName(Node access) {
    if (access instanceof FieldAccessExpr select) {
      return of(select.getName());
    }
    return of(access);
  }

  /** The line of the {@code (} that opens an invocation's arguments. */
  private static int invocation(MethodCallExpr call) {
    JavaToken token = call.getName().getTokenRange().map(r -> r.getEnd()).orElse(null);
    for (int steps = 0; token != null && steps < 64; steps++) {
      token = token.getNextToken().orElse(null);
      if (token != null && token.getText().equals("(")) {
        return token.getRange().map(r -> r.begin.line).orElse(-1);
      }
    }
    return call.getName().getRange().map(r -> r.begin.line).orElse(-1);
  }
}
