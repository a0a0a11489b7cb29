package dev.latchkey.inspections.source;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the core knows about a {@code catch} clause ({@link dev.latchkey.checks.model.CatchClause}),
 * read from the source as the javac front-end reads it: caught types, the variable's name, whether
 * the body is empty, the checked exceptions the calls of the {@code try} declare, the last call of
 * the {@code try} block, and whether the block ends in a return or throw with no jump out of it.
 */
final class CatchFacts {
  private final SourceTypes types;
  private final Calls calls;
  private final Map<CatchClause, dev.latchkey.checks.model.CatchClause> clauses =
      new IdentityHashMap<>();

  CatchFacts(SourceTypes types, Calls calls) {
    this.types = types;
    this.calls = calls;
  }

  /** The binary names of the types a clause catches (several for a multi-catch). */
  List<String> caughtTypes(CatchClause clause) {
    return typesOf(clause.getParameter().getType());
  }

  /** The declared types of a local (the alternatives of a multi-catch parameter). */
  List<String> typesOf(Scopes.Local local) {
    return local.type() == null ? List.of() : typesOf(local.type());
  }

  private List<String> typesOf(Type type) {
    List<String> names = new ArrayList<>();
    if (type instanceof UnionType union) {
      for (Type alternative : union.getElements()) {
        String name = types.binaryName(types.resolve(alternative));
        if (name != null) {
          names.add(name);
        }
      }
    } else {
      String name = types.binaryName(types.resolve(type));
      if (name != null) {
        names.add(name);
      }
    }
    return names;
  }

  dev.latchkey.checks.model.CatchClause of(CatchClause clause, TryStmt statement) {
    return clauses.computeIfAbsent(clause, c -> compute(c, statement));
  }

  private dev.latchkey.checks.model.CatchClause compute(CatchClause clause, TryStmt statement) {
    boolean empty = clause.getBody().getStatements().stream().allMatch(s -> s instanceof EmptyStmt);
    return new dev.latchkey.checks.model.CatchClause(
        caughtTypes(clause),
        clause.getParameter().getNameAsString(),
        empty,
        declaredExceptions(statement),
        lastCallName(statement.getTryBlock()),
        endsInReturnOrThrow(statement.getTryBlock()) && !jumpsOut(statement.getTryBlock()),
        empty ? blockSource(clause.getBody()) : null);
  }

  /**
   * The comments between the handler's braces, as the javac front-end reads the block's text (only
   * comments can be in an empty block besides whitespace and semicolons).
   */
  static String blockSource(BlockStmt block) {
    List<com.github.javaparser.ast.comments.Comment> comments =
        new ArrayList<>(block.getAllContainedComments());
    comments.sort(
        java.util.Comparator.comparing(
            c -> c.getBegin().orElse(com.github.javaparser.Position.HOME)));
    StringBuilder text = new StringBuilder();
    for (com.github.javaparser.ast.comments.Comment comment : comments) {
      if (comment.isLineComment()) {
        text.append("//").append(comment.getContent()).append('\n');
      } else if (comment.isJavadocComment()) {
        text.append("/**").append(comment.getContent()).append("*/\n");
      } else {
        text.append("/*").append(comment.getContent()).append("*/\n");
      }
    }
    return text.toString();
  }

  /** A break or continue in the block whose target is outside it. */
  private static boolean jumpsOut(BlockStmt block) {
    List<Statement> jumps = new ArrayList<>();
    collectJumps(block, jumps);
    for (Statement jump : jumps) {
      Statement target = target(jump);
      if (target == null || !(target == block || target.isDescendantOf(block))) {
        return true;
      }
    }
    return false;
  }

  private static void collectJumps(Node node, List<Statement> out) {
    if (node instanceof LambdaExpr || node instanceof TypeDeclaration<?>) {
      return;
    }
    if (node instanceof BreakStmt || node instanceof ContinueStmt) {
      out.add((Statement) node);
    }
    for (Node child : node.getChildNodes()) {
      if (node instanceof ObjectCreationExpr creation
          && creation.getAnonymousClassBody().map(b -> b.contains(child)).orElse(false)) {
        continue;
      }
      collectJumps(child, out);
    }
  }

  /** The statement a break or continue jumps to, or null. */
  static Statement target(Statement jump) {
    String label =
        (jump instanceof BreakStmt b ? b.getLabel() : ((ContinueStmt) jump).getLabel())
            .map(n -> n.asString())
            .orElse(null);
    boolean isBreak = jump instanceof BreakStmt;
    for (Node n = jump.getParentNode().orElse(null);
        n != null;
        n = n.getParentNode().orElse(null)) {
      if (n instanceof LambdaExpr
          || n instanceof TypeDeclaration<?>
          || n instanceof com.github.javaparser.ast.body.CallableDeclaration<?>) {
        return null;
      }
      if (label != null) {
        if (n instanceof LabeledStmt labeled && labeled.getLabel().asString().equals(label)) {
          return isBreak ? labeled : labeled.getStatement();
        }
      } else if (n instanceof WhileStmt
          || n instanceof DoStmt
          || n instanceof ForStmt
          || n instanceof ForEachStmt
          || (isBreak && (n instanceof SwitchStmt))) {
        return (Statement) n;
      }
    }
    return null;
  }

  /** Ends in a return or throw on every branch of its last statement (loops, switches: no). */
  static boolean endsInReturnOrThrow(Statement statement) {
    if (statement instanceof ReturnStmt || statement instanceof ThrowStmt) {
      return true;
    }
    if (statement instanceof BlockStmt block) {
      List<Statement> statements =
          block.getStatements().stream().filter(s -> !(s instanceof EmptyStmt)).toList();
      return !statements.isEmpty() && endsInReturnOrThrow(statements.get(statements.size() - 1));
    }
    if (statement instanceof IfStmt ifStmt) {
      return ifStmt.getElseStmt().isPresent()
          && endsInReturnOrThrow(ifStmt.getThenStmt())
          && endsInReturnOrThrow(ifStmt.getElseStmt().get());
    }
    if (statement instanceof SynchronizedStmt sync) {
      return endsInReturnOrThrow(sync.getBody());
    }
    if (statement instanceof TryStmt tryStmt) {
      if (tryStmt.getFinallyBlock().isPresent()
          && endsInReturnOrThrow(tryStmt.getFinallyBlock().get())) {
        return true;
      }
      return endsInReturnOrThrow(tryStmt.getTryBlock())
          && tryStmt.getCatchClauses().stream().allMatch(c -> endsInReturnOrThrow(c.getBody()));
    }
    return false;
  }

  /**
   * The checked exceptions the calls of the resources and block declare (and resources' close()).
   */
  private Set<String> declaredExceptions(TryStmt statement) {
    Set<String> declared = new LinkedHashSet<>();
    for (Expression resource : statement.getResources()) {
      collectThrown(resource, declared);
      var type =
          resource instanceof VariableDeclarationExpr declaration
              ? types.resolve(declaration.getVariables().get(0).getType())
              : types.typeOf(resource);
      if (type == null && resource instanceof VariableDeclarationExpr declaration) {
        type = declaration.getVariables().get(0).getInitializer().map(types::typeOf).orElse(null);
      }
      for (String thrown : types.declaredExceptions(types.noArgumentMethod(type, "close"))) {
        if (types.isChecked(thrown)) {
          declared.add(thrown);
        }
      }
    }
    collectThrown(statement.getTryBlock(), declared);
    return declared;
  }

  private void collectThrown(Node node, Set<String> declared) {
    if (node instanceof LambdaExpr || node instanceof TypeDeclaration<?>) {
      return;
    }
    List<String> thrown = List.of();
    if (node instanceof MethodCallExpr call) {
      Calls.Call resolved = calls.of(call);
      thrown = resolved == null ? List.of() : resolved.declaredExceptions();
    } else if (node instanceof ObjectCreationExpr creation) {
      Calls.Call resolved = calls.creation(creation);
      thrown = resolved == null ? List.of() : resolved.declaredExceptions();
    } else if (node
        instanceof com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt call) {
      thrown = types.declaredExceptions(types.constructor(call));
    }
    for (String type : thrown) {
      if (types.isChecked(type)) {
        declared.add(type);
      }
    }
    for (Node child : node.getChildNodes()) {
      if (node instanceof ObjectCreationExpr creation
          && creation.getAnonymousClassBody().map(b -> b.contains(child)).orElse(false)) {
        continue;
      }
      collectThrown(child, declared);
    }
  }

  /** The name of the method the last statement of {@code block} invokes last (outermost). */
  private static String lastCallName(BlockStmt block) {
    if (block.getStatements().isEmpty()) {
      return null;
    }
    Statement last = block.getStatements().get(block.getStatements().size() - 1);
    Expression expression = null;
    if (last instanceof ExpressionStmt statement) {
      expression = statement.getExpression();
    } else if (last instanceof ReturnStmt ret) {
      expression = ret.getExpression().orElse(null);
    } else if (last instanceof ThrowStmt throwStmt) {
      expression = throwStmt.getExpression();
    }
    if (expression instanceof VariableDeclarationExpr declaration) {
      var variables = declaration.getVariables();
      expression = variables.get(variables.size() - 1).getInitializer().orElse(null);
    }
    expression = expression == null ? null : LockPaths.strip(expression);
    if (expression instanceof AssignExpr assign) {
      expression = assign.getValue();
    }
    if (expression instanceof MethodCallExpr call) {
      return call.getNameAsString();
    }
    if (expression instanceof ObjectCreationExpr) {
      return "<init>";
    }
    return null;
  }
}
