package dev.latchkey.inspections.source;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import java.util.function.Consumer;

/**
 * The code of one class: everything under its members except the bodies of nested, local and
 * anonymous classes (each is a class of its own), visited in source order, parents first.
 */
final class OwnCode {
  private OwnCode() {}

  static void visit(Node root, Consumer<Node> visitor) {
    visitor.accept(root);
    for (Node child : root.getChildNodes()) {
      if (child instanceof TypeDeclaration<?>
          || child instanceof LocalClassDeclarationStmt
          || child instanceof LocalRecordDeclarationStmt) {
        continue;
      }
      if (root instanceof ObjectCreationExpr creation
          && creation.getAnonymousClassBody().map(b -> b.contains(child)).orElse(false)) {
        continue;
      }
      visit(child, visitor);
    }
  }
}
