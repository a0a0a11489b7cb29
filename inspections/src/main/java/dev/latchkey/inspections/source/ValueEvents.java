package dev.latchkey.inspections.source;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.resolution.types.ResolvedType;
import dev.latchkey.checks.model.LockPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What a body does with the values of its locals (as the javac front-end's ValueEvents): ESCAPE
 * where a reference-typed local's value is returned, stored or captured, LOOP_LIMIT where a loop's
 * condition compares an int local with a constant, USE of exception variables a lambda or class
 * captures, and whether a stored value reads the location it is stored into.
 */
final class ValueEvents {
  private final BodyTranslator body;

  ValueEvents(BodyTranslator body) {
    this.body = body;
  }

  /** ESCAPE of the local {@code value} reads, when it is one of a reference type. */
  dev.latchkey.checks.model.Node escape(
      Expression value, dev.latchkey.checks.model.Node cur, Node origin) {
    Expression v = LockPaths.strip(value);
    if (!(v instanceof NameExpr name)) {
      return cur;
    }
    Scopes.Local local = body.cls.symbols().local(name);
    if (local == null || !isReference(local)) {
      return cur;
    }
    return body.append(cur, body.model.escape(Lines.of(origin), local.name(), origin));
  }

  private boolean isReference(Scopes.Local local) {
    if (local.type() != null && !local.type().isVarType() && !local.type().isUnknownType()) {
      return !local.type().isPrimitiveType();
    }
    if (local.declaration() instanceof com.github.javaparser.ast.body.VariableDeclarator variable
        && variable.getInitializer().isPresent()) {
      ResolvedType type = body.cls.types().typeOf(variable.getInitializer().get());
      return type == null || !type.isPrimitive();
    }
    if (local.declaration() instanceof com.github.javaparser.ast.body.Parameter parameter) {
      ResolvedType type = SourceTypes.quietly(() -> parameter.resolve().getType());
      return type == null || !type.isPrimitive();
    }
    return true;
  }

  /**
   * At a lambda, method reference or class creation: USE of each captured exception variable, then
   * ESCAPE of each captured local of a reference type.
   */
  dev.latchkey.checks.model.Node captures(Node creation, dev.latchkey.checks.model.Node cur) {
    Map<String, Scopes.Local> free = freeLocals(body.cls.symbols(), creation);
    int line = Lines.of(creation);
    dev.latchkey.checks.model.Node at = cur;
    for (Scopes.Local local : free.values()) {
      if (local.kind() == Scopes.Kind.CATCH_PARAMETER) {
        at = body.append(at, body.model.use(line, local.name(), creation));
      }
    }
    for (Scopes.Local local : free.values()) {
      if (isReference(local)) {
        at = body.append(at, body.model.escape(line, local.name(), creation));
      }
    }
    return at;
  }

  /** The locals declared outside {@code tree} that code inside it reads, in order of first use. */
  static Map<String, Scopes.Local> freeLocals(Symbols symbols, Node tree) {
    Map<String, Scopes.Local> used = new LinkedHashMap<>();
    for (Expression name :
        tree.findAll(Expression.class, e -> e instanceof NameExpr || Symbols.isSimpleTypeExpr(e))) {
      Scopes.Local local = symbols.local(name);
      if (local != null
          && local.declaration() != tree
          && !local.declaration().isDescendantOf(tree)) {
        used.putIfAbsent(local.name(), local);
      }
    }
    return used;
  }

  /** The names of the enclosing code's locals a lambda reads, in order of first use. */
  static List<String> capturedNames(Symbols symbols, LambdaExpr lambda) {
    return new ArrayList<>(new LinkedHashSet<>(freeLocals(symbols, lambda).keySet()));
  }

  /**
   * LOOP_LIMIT for a loop condition (or a top-level conjunct of one) comparing an int local with a
   * non-zero integer constant, or null.
   */
  dev.latchkey.checks.model.Node loopLimit(BinaryExpr comparison) {
    switch (comparison.getOperator()) {
      case LESS, LESS_EQUALS, GREATER, GREATER_EQUALS, EQUALS, NOT_EQUALS:
        break;
      default:
        return null;
    }
    if (!isLoopCondition(comparison)) {
      return null;
    }
    Long constant = null;
    Constants constants = body.cls.symbols().constants();
    if (isIntLocal(comparison.getLeft())) {
      constant = constants.integerValue(comparison.getRight());
    } else if (isIntLocal(comparison.getRight())) {
      constant = constants.integerValue(comparison.getLeft());
    }
    return constant == null || constant == 0
        ? null
        : body.model.loopLimit(Lines.of(comparison), constant, comparison);
  }

  private static boolean isLoopCondition(Expression tree) {
    Node child = tree;
    Node parent = child.getParentNode().orElse(null);
    while (parent instanceof EnclosedExpr
        || (parent instanceof BinaryExpr binary
            && binary.getOperator() == BinaryExpr.Operator.AND)) {
      child = parent;
      parent = child.getParentNode().orElse(null);
    }
    return (parent instanceof ForStmt loop && loop.getCompare().orElse(null) == child)
        || (parent instanceof WhileStmt whileLoop && whileLoop.getCondition() == child)
        || (parent instanceof DoStmt doWhile && doWhile.getCondition() == child);
  }

  private boolean isIntLocal(Expression e) {
    if (!(e instanceof NameExpr name)) {
      return false;
    }
    Scopes.Local local = body.cls.symbols().local(name);
    if (local == null || local.type() == null) {
      return false;
    }
    if (local.type().isVarType()) {
      ResolvedType type = body.cls.types().typeOf(name);
      return type != null && type.isPrimitive() && type.describe().equals("int");
    }
    return local.type().isPrimitiveType() && local.type().asString().equals("int");
  }

  /** Whether the value a plain assignment stores reads {@code field} at {@code path}. */
  boolean readsField(Expression value, Symbols.FieldSymbol field, LockPath path) {
    if (value == null || path == null) {
      return false;
    }
    for (Expression access : runningWith(value)) {
      if ((access instanceof NameExpr || access instanceof FieldAccessExpr)
          && body.cls.symbols().of(access) instanceof Symbols.FieldSymbol read
          && read.owner().equals(field.owner())
          && read.name().equals(field.name())
          && path.equals(body.cls.paths().fieldAccessPath(access))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the value a plain assignment stores reads an element of the array at {@code array}. */
  boolean readsElementOf(Expression value, LockPath array) {
    if (value == null || array == null) {
      return false;
    }
    for (Expression access : runningWith(value)) {
      if (access instanceof ArrayAccessExpr element
          && array.equals(body.cls.paths().fieldAccessPath(element.getName()))) {
        return true;
      }
    }
    return false;
  }

  /** The expressions of {@code value} that run with it: not in lambdas or class bodies. */
  private static List<Expression> runningWith(Expression value) {
    List<Expression> out = new ArrayList<>();
    collect(value, out);
    return out;
  }

  private static void collect(Node node, List<Expression> out) {
    if (node instanceof LambdaExpr) {
      return;
    }
    if (node instanceof Expression e) {
      out.add(e);
    }
    for (Node child : node.getChildNodes()) {
      if (node instanceof ObjectCreationExpr creation
          && creation.getAnonymousClassBody().map(b -> b.contains(child)).orElse(false)) {
        continue;
      }
      collect(child, out);
    }
  }
}
