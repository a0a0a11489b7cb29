package dev.latchkey.inspections.source;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.Type;

/**
 * Which local variable or parameter a simple name denotes, read from the source's scopes (no solver
 * needed, so it works on code that does not resolve): block statements before the use, loop and
 * resource variables, catch, method and lambda parameters, pattern variables of the condition that
 * guards the use. Local and anonymous classes see the locals of the code around them unless they
 * declare a field of that name.
 */
final class Scopes {
  private Scopes() {}

  /** What kind of variable a local is. */
  enum Kind {
    LOCAL,
    PARAMETER,
    CATCH_PARAMETER,
    RESOURCE,
    PATTERN
  }

  /**
   * A local variable or parameter: its declaring node (a VariableDeclarator, Parameter or
   * TypePatternExpr), name, declared type ({@code var} or an implicit lambda type included), kind.
   */
  record Local(Node declaration, String name, Type type, Kind kind) {
    /** Whether the declared type is a primitive; false when unknown. */
    boolean isPrimitive() {
      return type != null && type.isPrimitiveType();
    }
  }

  /** The local or parameter {@code name} denotes at {@code use}, or null (a field, a type...). */
  static Local local(Node use, String name) {
    Node child = use;
    for (Node parent = use.getParentNode().orElse(null);
        parent != null;
        child = parent, parent = parent.getParentNode().orElse(null)) {
      Local found = declaredIn(parent, child, name);
      if (found != null) {
        return found;
      }
      if (parent instanceof TypeDeclaration<?> type) {
        if (declaresField(type.getMembers(), name) || !isLocalClass(type)) {
          return null;
        }
      } else if (parent instanceof ObjectCreationExpr creation
          && creation.getAnonymousClassBody().isPresent()
          && child != creation.getScope().orElse(null)
          && !creation.getArguments().contains(child)
          && declaresField(creation.getAnonymousClassBody().get(), name)) {
        return null;
      }
    }
    return null;
  }

  private static boolean isLocalClass(TypeDeclaration<?> type) {
    return type.getParentNode().orElse(null) instanceof LocalClassDeclarationStmt;
  }

  private static boolean declaresField(
      NodeList<com.github.javaparser.ast.body.BodyDeclaration<?>> members, String name) {
    for (com.github.javaparser.ast.body.BodyDeclaration<?> member : members) {
      if (member instanceof FieldDeclaration field) {
        for (VariableDeclarator variable : field.getVariables()) {
          if (variable.getNameAsString().equals(name)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static Local declaredIn(Node parent, Node child, String name) {
    if (parent instanceof BlockStmt block) {
      return inStatements(block.getStatements(), child, name);
    }
    if (parent instanceof SwitchEntry entry) {
      return inStatements(entry.getStatements(), child, name);
    }
    if (parent instanceof ForStmt loop) {
      for (Expression init : loop.getInitialization()) {
        Local found = inDeclaration(init, name, Kind.LOCAL);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (parent instanceof ForEachStmt loop && child != loop.getIterable()) {
      return inDeclaration(loop.getVariable(), name, Kind.LOCAL);
    }
    if (parent instanceof TryStmt tryStmt) {
      boolean inResources = tryStmt.getResources().contains(child);
      if (child != tryStmt.getTryBlock() && !inResources) {
        return null;
      }
      for (Expression resource : tryStmt.getResources()) {
        if (resource == child) {
          break;
        }
        Local found = inDeclaration(resource, name, Kind.RESOURCE);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (parent instanceof CatchClause clause && child == clause.getBody()) {
      Parameter parameter = clause.getParameter();
      return parameter.getNameAsString().equals(name)
          ? new Local(parameter, name, parameter.getType(), Kind.CATCH_PARAMETER)
          : null;
    }
    if (parent instanceof LambdaExpr lambda) {
      return inParameters(lambda.getParameters(), name);
    }
    if (parent instanceof CallableDeclaration<?> callable) {
      Local found = inParameters(callable.getParameters(), name);
      if (found == null
          && callable instanceof com.github.javaparser.ast.body.ConstructorDeclaration
          && callable.getParentNode().orElse(null) instanceof RecordDeclaration record) {
        found = inParameters(record.getParameters(), name);
      }
      return found;
    }
    if (parent instanceof com.github.javaparser.ast.body.CompactConstructorDeclaration compact
        && compact.getParentNode().orElse(null) instanceof RecordDeclaration record) {
      return inParameters(record.getParameters(), name);
    }
    if (parent instanceof IfStmt ifStmt && child != ifStmt.getCondition()) {
      return inPatterns(ifStmt.getCondition(), name);
    }
    if (parent instanceof WhileStmt loop && child != loop.getCondition()) {
      return inPatterns(loop.getCondition(), name);
    }
    if (parent instanceof ConditionalExpr conditional && child != conditional.getCondition()) {
      return inPatterns(conditional.getCondition(), name);
    }
    if (parent instanceof BinaryExpr binary
        && child == binary.getRight()
        && (binary.getOperator() == BinaryExpr.Operator.AND
            || binary.getOperator() == BinaryExpr.Operator.OR)) {
      return inPatterns(binary.getLeft(), name);
    }
    return null;
  }

  private static Local inStatements(NodeList<Statement> statements, Node child, String name) {
    Local found = null;
    for (Statement statement : statements) {
      if (statement == child) {
        break;
      }
      if (statement instanceof ExpressionStmt expression) {
        Local declared = inDeclaration(expression.getExpression(), name, Kind.LOCAL);
        if (declared != null) {
          found = declared;
        }
      } else if (statement instanceof IfStmt ifStmt && ifStmt.getElseStmt().isEmpty()) {
        // if (!(o instanceof Foo f)) return; ... f is in scope after the if
        Local pattern = inPatterns(ifStmt.getCondition(), name);
        if (pattern != null) {
          found = pattern;
        }
      }
    }
    return found;
  }

  private static Local inDeclaration(Expression expression, String name, Kind kind) {
    if (expression instanceof VariableDeclarationExpr declaration) {
      for (VariableDeclarator variable : declaration.getVariables()) {
        if (variable.getNameAsString().equals(name)) {
          return new Local(variable, name, variable.getType(), kind);
        }
      }
    }
    return null;
  }

  private static Local inParameters(NodeList<Parameter> parameters, String name) {
    for (Parameter parameter : parameters) {
      if (parameter.getNameAsString().equals(name)) {
        return new Local(parameter, name, parameter.getType(), Kind.PARAMETER);
      }
    }
    return null;
  }

  private static Local inPatterns(Expression condition, String name) {
    for (TypePatternExpr pattern : condition.findAll(TypePatternExpr.class)) {
      if (pattern.getNameAsString().equals(name)) {
        return new Local(pattern, name, pattern.getType(), Kind.PATTERN);
      }
    }
    return null;
  }
}
