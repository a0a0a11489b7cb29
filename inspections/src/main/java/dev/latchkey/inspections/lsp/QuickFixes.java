package dev.latchkey.inspections.lsp;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.fix.QuickFixEdits;
import dev.latchkey.checks.fix.SourceLayout;
import dev.latchkey.checks.fix.TextEdit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The edits of Latchkey's quick fixes on source text, the same as the javac plugin's: LockInsideTry
 * moves the acquisition from the start of the try block to just before the {@code try};
 * InterruptSwallowed restores the interrupt status first thing in a handler that catches
 * InterruptedException by name; and every finding can be suppressed with {@code @SuppressWarnings}
 * on the declaration around it.
 */
final class QuickFixes {
  /** A replacement of the text between two offsets. */
  record Edit(int start, int end, String text) {}

  /** A titled set of edits. */
  record Fix(String title, List<Edit> edits) {}

  private final String source;
  private final int[] lineStarts;

  QuickFixes(String source) {
    this.source = source;
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < source.length(); i++) {
      if (source.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The offset of a JavaParser position (1-based line and column). */
  int offset(Position position) {
    int line = Math.min(Math.max(position.line, 1), lineStarts.length);
    return Math.min(lineStarts[line - 1] + position.column - 1, source.length());
  }

  private int start(Node node) {
    return offset(node.getBegin().orElseThrow());
  }

  private int end(Node node) {
    return offset(node.getEnd().orElseThrow()) + 1;
  }

  /** LockInsideTry's fix for an acquisition that is the first statement of a try block. */
  Optional<Fix> lockInsideTry(Node acquisition) {
    if (!(acquisition instanceof MethodCallExpr call)
        || !(call.getParentNode().orElse(null) instanceof ExpressionStmt statement)
        || !(statement.getParentNode().orElse(null) instanceof BlockStmt block)
        || block.getStatements().isEmpty()
        || block.getStatements().get(0) != statement
        || !(block.getParentNode().orElse(null) instanceof TryStmt tryStmt)
        || tryStmt.getTryBlock() != block
        || !tryStmt.getResources().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Fix(
            QuickFixEdits.LOCK_INSIDE_TRY_TITLE,
            edits(
                QuickFixEdits.moveBeforeTry(
                    source, start(statement), end(statement), start(tryStmt)))));
  }

  /** InterruptSwallowed's fix for a handler that names InterruptedException. */
  Optional<Fix> interruptSwallowed(Node handler) {
    if (!(handler instanceof CatchClause clause)
        || !namesInterruptedException(clause.getParameter().getType())) {
      return Optional.empty();
    }
    BlockStmt block = clause.getBody();
    int first = block.getStatements().isEmpty() ? -1 : start(block.getStatements().get(0));
    int tryStart = -1;
    int tryBodyStart = -1;
    if (clause.getParentNode().orElse(null) instanceof TryStmt tryStmt
        && !tryStmt.getTryBlock().getStatements().isEmpty()) {
      tryStart = start(tryStmt);
      tryBodyStart = start(tryStmt.getTryBlock().getStatements().get(0));
    }
    return Optional.of(
        new Fix(
            QuickFixEdits.INTERRUPT_SWALLOWED_TITLE,
            edits(
                QuickFixEdits.restoreInterrupt(
                    source,
                    start(block),
                    end(block),
                    first,
                    start(clause),
                    tryStart,
                    tryBodyStart))));
  }

  private static List<Edit> edits(List<TextEdit> edits) {
    return edits.stream().map(e -> new Edit(e.start(), e.end(), e.text())).toList();
  }

  private static boolean namesInterruptedException(Type type) {
    if (type instanceof UnionType union) {
      return union.getElements().stream().anyMatch(QuickFixes::namesInterruptedException);
    }
    String name = type.asString();
    return name.equals("InterruptedException") || name.equals("java.lang.InterruptedException");
  }

  /**
   * {@code @SuppressWarnings("Id")} on the declaration that holds {@code origin} (a lambda's
   * findings on the method or field around it).
   */
  Optional<Fix> suppress(Node origin, CheckId check) {
    Node declaration = origin;
    while (declaration != null
        && !(declaration instanceof BodyDeclaration<?>
            && !(declaration instanceof com.github.javaparser.ast.body.InitializerDeclaration))) {
      declaration = declaration.getParentNode().orElse(null);
    }
    if (!(declaration instanceof NodeWithAnnotations<?> annotated)
        || declaration.getBegin().isEmpty()) {
      return Optional.empty();
    }
    String title = "Suppress " + check.id() + " with @SuppressWarnings";
    for (AnnotationExpr annotation : annotated.getAnnotations()) {
      if (annotation.getName().getIdentifier().equals("SuppressWarnings")) {
        Set<String> values = new LinkedHashSet<>(annotationValues(annotation));
        values.add(check.id());
        String text = "@SuppressWarnings(" + literal(values) + ")";
        return Optional.of(
            new Fix(title, List.of(new Edit(start(annotation), end(annotation), text))));
      }
    }
    int at = start(declaration);
    String indent = SourceLayout.indentation(source, at);
    String text =
        "@SuppressWarnings(\"" + check.id() + "\")" + (indent == null ? " " : "\n" + indent);
    return Optional.of(new Fix(title, List.of(new Edit(at, at, text))));
  }

  private static List<String> annotationValues(AnnotationExpr annotation) {
    List<String> values = new ArrayList<>();
    for (var literal : annotation.findAll(com.github.javaparser.ast.expr.StringLiteralExpr.class)) {
      values.add(literal.asString());
    }
    return values;
  }

  private static String literal(Set<String> values) {
    List<String> quoted = values.stream().map(v -> "\"" + v + "\"").toList();
    return quoted.size() == 1 ? quoted.get(0) : "{" + String.join(", ", quoted) + "}";
  }

  static boolean isField(Node node) {
    return node instanceof FieldDeclaration;
  }
}
