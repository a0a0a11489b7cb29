package dev.latchkey.inspections.lsp;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import dev.latchkey.checks.CheckId;
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
  static final String RESTORE = "Thread.currentThread().interrupt();";

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
    int start = start(statement);
    int end = end(statement);
    int tryStart = start(tryStmt);
    String text = source.substring(start, end);
    String indent = indentation(tryStart);
    int commentEnd = trailingCommentEnd(end);
    if (commentEnd > end) {
      text = text + " " + source.substring(end, commentEnd).trim();
      end = commentEnd;
    }
    List<Edit> edits = new ArrayList<>();
    edits.add(new Edit(tryStart, tryStart, indent != null ? text + "\n" + indent : text + " "));
    int lineStart = lineStartIfBlank(start);
    int lineEnd = lineEndIfBlank(end);
    edits.add(
        lineStart >= 0 && lineEnd >= 0
            ? new Edit(lineStart, lineEnd, "")
            : new Edit(start, end, ""));
    return Optional.of(new Fix("Acquire the lock just before the try", edits));
  }

  /** InterruptSwallowed's fix for a handler that names InterruptedException. */
  Optional<Fix> interruptSwallowed(Node handler) {
    if (!(handler instanceof CatchClause clause)
        || !namesInterruptedException(clause.getParameter().getType())) {
      return Optional.empty();
    }
    BlockStmt block = clause.getBody();
    int blockStart = start(block);
    int blockEnd = end(block);
    List<Edit> edits = new ArrayList<>();
    if (!block.getStatements().isEmpty()) {
      int first = start(block.getStatements().get(0));
      String indent = indentation(first);
      edits.add(new Edit(first, first, indent == null ? RESTORE + " " : RESTORE + "\n" + indent));
    } else {
      String outer = indentation(firstNonBlank(start(clause)));
      String statementIndent = (outer == null ? "" : outer) + step(clause);
      String inside = source.substring(blockStart + 1, blockEnd - 1);
      if (inside.isBlank() && outer != null) {
        edits.add(
            new Edit(blockStart, blockEnd, "{\n" + statementIndent + RESTORE + "\n" + outer + "}"));
      } else {
        edits.add(new Edit(blockStart, blockStart + 1, "{\n" + statementIndent + RESTORE));
      }
    }
    return Optional.of(new Fix("Restore the interrupt status first thing in the handler", edits));
  }

  private static boolean namesInterruptedException(Type type) {
    if (type instanceof UnionType union) {
      return union.getElements().stream().anyMatch(QuickFixes::namesInterruptedException);
    }
    String name = type.asString();
    return name.equals("InterruptedException") || name.equals("java.lang.InterruptedException");
  }

  /** How much deeper the try block's first statement is than the {@code try}, or two spaces. */
  private String step(CatchClause clause) {
    if (clause.getParentNode().orElse(null) instanceof TryStmt tryStmt
        && !tryStmt.getTryBlock().getStatements().isEmpty()) {
      String tryIndent = indentation(start(tryStmt));
      String bodyIndent = indentation(start(tryStmt.getTryBlock().getStatements().get(0)));
      if (tryIndent != null
          && bodyIndent != null
          && bodyIndent.length() > tryIndent.length()
          && bodyIndent.startsWith(tryIndent)) {
        return bodyIndent.substring(tryIndent.length());
      }
    }
    return "  ";
  }

  /** {@code @SuppressWarnings("Id")} on the declaration that holds {@code origin}. */
  Optional<Fix> suppress(Node origin, CheckId check) {
    Node declaration = origin;
    while (declaration != null
        && !(declaration instanceof BodyDeclaration<?>
            && !(declaration instanceof com.github.javaparser.ast.body.InitializerDeclaration))) {
      if (declaration instanceof LambdaExpr) {
        // a lambda's findings are suppressed on the method or field around it
      }
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
    String indent = indentation(at);
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

  /** The whitespace before {@code pos} on its line, or null when code precedes it there. */
  private String indentation(int pos) {
    int i = pos;
    while (i > 0 && source.charAt(i - 1) != '\n') {
      if (!Character.isWhitespace(source.charAt(i - 1))) {
        return null;
      }
      i--;
    }
    return source.substring(i, pos);
  }

  private int firstNonBlank(int pos) {
    int i = pos;
    while (i > 0 && source.charAt(i - 1) != '\n') {
      i--;
    }
    while (i < pos && (source.charAt(i) == ' ' || source.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private int lineStartIfBlank(int pos) {
    int i = pos;
    while (i > 0 && source.charAt(i - 1) != '\n') {
      if (!Character.isWhitespace(source.charAt(i - 1))) {
        return -1;
      }
      i--;
    }
    return i;
  }

  private int lineEndIfBlank(int pos) {
    int i = pos;
    while (i < source.length() && source.charAt(i) != '\n') {
      if (!Character.isWhitespace(source.charAt(i))) {
        return -1;
      }
      i++;
    }
    return i < source.length() ? i + 1 : i;
  }

  private int trailingCommentEnd(int pos) {
    int i = pos;
    while (i < source.length() && (source.charAt(i) == ' ' || source.charAt(i) == '\t')) {
      i++;
    }
    if (i + 1 >= source.length() || source.charAt(i) != '/' || source.charAt(i + 1) != '/') {
      return pos;
    }
    while (i < source.length() && source.charAt(i) != '\n' && source.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  static boolean isField(Node node) {
    return node instanceof FieldDeclaration;
  }
}
