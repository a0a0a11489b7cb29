package dev.latchkey.inspections.source;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.resolution.types.ResolvedType;
import dev.latchkey.checks.model.FieldRef;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.Node;
import dev.latchkey.inspections.source.Frames.JumpFrame;
import java.util.List;

/**
 * Translates expressions in evaluation order: field reads and writes, array stores, uses and
 * escapes of locals, loop limits, captures of lambdas and classes, and conditions (tracked booleans
 * and conditional lock operations become BRANCH nodes; {@code &&}, {@code ||}, {@code !} and {@code
 * ?:} route each path to the branch its value selects). Invocations and creations are {@link
 * Invocations}'.
 */
final class Expressions {
  private final BodyTranslator body;
  final Invocations invocations;
  private final ValueEvents values;

  Expressions(BodyTranslator body) {
    this.body = body;
    this.invocations = new Invocations(body);
    this.values = new ValueEvents(body);
  }

  private ClassTranslation cls() {
    return body.cls;
  }

  /** An expression whose value is dropped (a statement, a for loop's init or update). */
  Node statementExpression(Expression e, Node cur) {
    return eval(e, cur);
  }

  Node eval(Expression e, Node cur) {
    if (e instanceof EnclosedExpr enclosed) {
      return eval(enclosed.getInner(), cur);
    }
    if (e instanceof CastExpr cast) {
      return eval(cast.getExpression(), cur);
    }
    if (e instanceof NameExpr name) {
      return name(name, cur);
    }
    if (Symbols.isSimpleTypeExpr(e)) {
      return name(e, cur);
    }
    if (e instanceof FieldAccessExpr access) {
      return fieldAccess(access, cur);
    }
    if (e instanceof MethodCallExpr call) {
      return invocations.call(call, cur, null);
    }
    if (e instanceof ObjectCreationExpr creation) {
      return invocations.creation(creation, cur);
    }
    if (e instanceof AssignExpr assign) {
      return assign(assign, cur);
    }
    if (e instanceof VariableDeclarationExpr declaration) {
      Node at = cur;
      for (VariableDeclarator variable : declaration.getVariables()) {
        at = declare(variable, at);
      }
      return at;
    }
    if (e instanceof UnaryExpr unary) {
      return unary(unary, cur);
    }
    if (e instanceof BinaryExpr binary) {
      return binary(binary, cur);
    }
    if (e instanceof ConditionalExpr conditional) {
      Node then = body.model.nop(-1, null);
      Node otherwise = body.model.nop(-1, null);
      Node join = body.model.nop(-1, null);
      condition(conditional.getCondition(), cur, then, otherwise);
      if (body.reachedNode(then) != null) {
        body.edge(eval(conditional.getThenExpr(), then), join);
      }
      if (body.reachedNode(otherwise) != null) {
        body.edge(eval(conditional.getElseExpr(), otherwise), join);
      }
      return join;
    }
    if (e instanceof LambdaExpr lambda) {
      return values.captures(lambda, cur);
    }
    if (e instanceof MethodReferenceExpr reference) {
      Node at = cur;
      if (isValue(reference.getScope())) {
        at = eval(reference.getScope(), at);
      }
      return values.captures(reference, at);
    }
    if (e instanceof InstanceOfExpr instanceOf) {
      return eval(instanceOf.getExpression(), cur);
    }
    if (e instanceof ArrayAccessExpr access) {
      return eval(access.getIndex(), eval(access.getName(), cur));
    }
    if (e instanceof ArrayCreationExpr creation) {
      Node at = cur;
      for (var level : creation.getLevels()) {
        if (level.getDimension().isPresent()) {
          at = eval(level.getDimension().get(), at);
        }
      }
      return creation.getInitializer().isPresent() ? eval(creation.getInitializer().get(), at) : at;
    }
    if (e instanceof ArrayInitializerExpr initializer) {
      Node at = cur;
      for (Expression value : initializer.getValues()) {
        at = eval(value, at);
      }
      return at;
    }
    if (e instanceof SwitchExpr switchExpr) {
      Node at = eval(switchExpr.getSelector(), cur);
      Node after = body.model.nop(-1, null);
      Node end =
          body.inFrame(
              new JumpFrame(null, null, false, false, after, null),
              () -> body.entries(switchExpr.getEntries(), at, after, true));
      if (end != null) {
        body.edge(end, after);
      }
      return after;
    }
    return cur; // literals, this, class literals, types: no events
  }

  /** A field's initializer, run in a constructor or {@code <clinit>}: its value, then the store. */
  Node fieldInitializer(VariableDeclarator variable, Node cur) {
    Expression value = variable.getInitializer().orElseThrow();
    Node at = eval(value, cur);
    Symbols.FieldSymbol field =
        variable.getParentNode().orElse(null)
                instanceof com.github.javaparser.ast.body.FieldDeclaration declaration
            ? cls().fieldOf(declaration, variable)
            : null;
    if (field == null || (field.isStatic() && field.constant())) {
      return at;
    }
    LockPath path = cls().paths().fieldPath(field);
    boolean readModifyWrite = values.readsField(value, field, path);
    return body.append(
        at,
        body.model.fieldAccess(
            Lines.of(variable), true, ref(field), path, readModifyWrite, label(field), variable));
  }

  /** Whether an expression (a call's scope) is a value rather than a type or package name. */
  boolean isValue(Expression scope) {
    if (scope == null || (scope.isTypeExpr() && !Symbols.isSimpleTypeExpr(scope))) {
      return false;
    }
    if (scope instanceof NameExpr || scope instanceof FieldAccessExpr || scope.isTypeExpr()) {
      Symbols.Symbol symbol = cls().symbols().of(scope);
      return !(symbol instanceof Symbols.TypeSymbol) && symbol != null;
    }
    return true;
  }

  private Node name(Expression name, Node cur) {
    Symbols.Symbol symbol = cls().symbols().of(name);
    if (symbol instanceof Symbols.LocalSymbol local
        && local.local().kind() == Scopes.Kind.CATCH_PARAMETER) {
      return body.append(cur, body.model.use(Lines.of(name), local.local().name(), name));
    }
    if (symbol instanceof Symbols.FieldSymbol field && !field.constant()) {
      return fieldRead(name, field, cur);
    }
    return cur;
  }

  private Node fieldAccess(FieldAccessExpr access, Node cur) {
    Symbols.Symbol symbol = cls().symbols().of(access);
    if (symbol instanceof Symbols.TypeSymbol) {
      return cur;
    }
    Node at =
        isValue(access.getScope())
                || !(access.getScope() instanceof NameExpr
                    || access.getScope() instanceof FieldAccessExpr)
            ? eval(access.getScope(), cur)
            : cur;
    if (symbol instanceof Symbols.FieldSymbol field && !field.constant()) {
      return fieldRead(access, field, at);
    }
    return at;
  }

  /** A FIELD_READ of {@code access}, which reads {@code field}. */
  Node fieldRead(Expression access, Symbols.FieldSymbol field, Node cur) {
    LockPath path = cls().paths().fieldAccessPath(access);
    return body.append(
        cur,
        body.model.fieldAccess(
            Lines.ofName(access), false, ref(field), path, false, label(field), access));
  }

  static FieldRef ref(Symbols.FieldSymbol field) {
    return new FieldRef(field.owner(), field.name(), field.descriptor());
  }

  static String label(Symbols.FieldSymbol field) {
    if (!field.isStatic()) {
      return field.name();
    }
    String owner = field.owner();
    owner = owner.substring(Math.max(owner.lastIndexOf('.'), owner.lastIndexOf('$')) + 1);
    return owner + "." + field.name();
  }

  private Node unary(UnaryExpr unary, Node cur) {
    Expression operand = unary.getExpression();
    boolean step =
        switch (unary.getOperator()) {
          case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
          default -> false;
        };
    if (!step) {
      if (unary.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
        Node yes = body.model.nop(-1, null);
        Node no = body.model.nop(-1, null);
        Node join = body.model.nop(-1, null);
        condition(unary, cur, yes, no);
        if (body.reachedNode(yes) != null) {
          body.edge(yes, join);
        }
        if (body.reachedNode(no) != null) {
          body.edge(no, join);
        }
        return join;
      }
      return eval(operand, cur);
    }
    return store(operand, null, unary, true, cur);
  }

  private Node binary(BinaryExpr binary, Node cur) {
    if (binary.getOperator() == BinaryExpr.Operator.AND
        || binary.getOperator() == BinaryExpr.Operator.OR) {
      Node yes = body.model.nop(-1, null);
      Node no = body.model.nop(-1, null);
      Node join = body.model.nop(-1, null);
      condition(binary, cur, yes, no);
      if (body.reachedNode(yes) != null) {
        body.edge(yes, join);
      }
      if (body.reachedNode(no) != null) {
        body.edge(no, join);
      }
      return join;
    }
    Node at = eval(binary.getRight(), eval(binary.getLeft(), cur));
    Node limit = values.loopLimit(binary);
    return limit == null ? at : body.append(at, limit);
  }

  private Node assign(AssignExpr assign, Node cur) {
    boolean compound = assign.getOperator() != AssignExpr.Operator.ASSIGN;
    return store(assign.getTarget(), assign.getValue(), assign, compound, cur);
  }

  /**
   * A store of {@code value} (null for {@code ++}/{@code --}) into {@code target}; {@code compound}
   * when the target's old value is read first.
   */
  private Node store(
      Expression target, Expression value, Expression origin, boolean compound, Node cur) {
    Expression written = LockPaths.strip(target);
    Symbols.Symbol symbol =
        written instanceof NameExpr || written instanceof FieldAccessExpr
            ? cls().symbols().of(written)
            : null;
    if (symbol instanceof Symbols.FieldSymbol field) {
      Node at = cur;
      if (written instanceof FieldAccessExpr access && isValue(access.getScope())) {
        at = eval(access.getScope(), at);
      }
      if (compound && !field.constant()) {
        at = fieldRead(written, field, at);
      }
      if (value != null) {
        at = eval(value, at);
        if (!compound) {
          at = escape(value, at, origin);
        }
      }
      if (field.isStatic() && field.constant()) {
        return at;
      }
      LockPath path = cls().paths().fieldAccessPath(written);
      boolean readModifyWrite = compound || values.readsField(value, field, path);
      return body.append(
          at,
          body.model.fieldAccess(
              Lines.ofName(written),
              true,
              ref(field),
              path,
              readModifyWrite,
              label(field),
              written));
    }
    if (written instanceof ArrayAccessExpr element) {
      Node at = eval(element.getIndex(), eval(element.getName(), cur));
      if (value != null) {
        at = eval(value, at);
        if (!compound) {
          at = escape(value, at, origin);
        }
      }
      LockPath array = cls().paths().fieldAccessPath(element.getName());
      boolean readModifyWrite = compound || values.readsElementOf(value, array);
      return body.append(
          at,
          body.model.arrayWrite(
              Lines.of(element), array, readModifyWrite, element.getName() + "[]", element));
    }
    if (symbol instanceof Symbols.LocalSymbol local) {
      if (value == null) {
        return cur;
      }
      if (isTrackedBoolean(local.local()) && !compound) {
        return assignTracked(local.local().name(), value, cur, origin);
      }
      Node at = eval(value, cur);
      if (isTrackedBoolean(local.local())) {
        return body.append(at, body.model.assign(Lines.of(origin), local.local().name(), origin));
      }
      return compound ? at : escape(value, at, origin);
    }
    Node at = eval(target, cur);
    return value == null ? at : eval(value, at);
  }

  /** A local variable's declaration with its initializer. */
  private Node declare(VariableDeclarator variable, Node cur) {
    if (variable.getInitializer().isEmpty()) {
      return cur;
    }
    Expression value = variable.getInitializer().get();
    Scopes.Local local =
        new Scopes.Local(
            variable, variable.getNameAsString(), variable.getType(), Scopes.Kind.LOCAL);
    if (isTrackedBoolean(local)) {
      return assignTracked(local.name(), value, cur, variable);
    }
    Node at = eval(value, cur);
    return escape(value, at, variable);
  }

  /** A local or parameter of type boolean: its value is tracked through BRANCH nodes. */
  static boolean isTrackedBoolean(Scopes.Local local) {
    return local != null
        && (local.kind() == Scopes.Kind.LOCAL || local.kind() == Scopes.Kind.PARAMETER)
        && local.type() != null
        && local.type().isPrimitiveType()
        && local.type().asString().equals("boolean");
  }

  /**
   * {@code x = value} for a tracked boolean {@code x}: a conditional lock operation binds its
   * result to x; a constant or another tracked value is kept on each path (ASSIGN, then a one-way
   * BRANCH); anything else is forgotten (ASSIGN).
   */
  private Node assignTracked(
      String variable, Expression value, Node cur, com.github.javaparser.ast.Node origin) {
    Expression v = value;
    while (v instanceof EnclosedExpr enclosed) {
      v = enclosed.getInner();
    }
    if (v instanceof MethodCallExpr call && invocations.isConditionalLockOperation(call)) {
      return invocations.call(call, cur, variable);
    }
    Node join = body.model.nop(Lines.of(origin), null);
    if (v instanceof BooleanLiteralExpr literal) {
      body.edge(oneWay(variable, literal.getValue(), cur), join);
      return join;
    }
    if (isTrackedValue(v)) {
      Node yes = body.model.nop(-1, null);
      Node no = body.model.nop(-1, null);
      condition(v, cur, yes, no);
      if (body.reachedNode(yes) != null) {
        body.edge(oneWay(variable, true, yes), join);
      }
      if (body.reachedNode(no) != null) {
        body.edge(oneWay(variable, false, no), join);
      }
      return join;
    }
    Node at = eval(value, cur);
    return body.append(at, body.model.assign(Lines.of(origin), variable, null));
  }

  /** ASSIGN of {@code variable} after {@code cur}, then a BRANCH that keeps only {@code value}. */
  private Node oneWay(String variable, boolean value, Node cur) {
    Node assign = body.append(cur, body.model.assign(-1, variable, null));
    Node known = body.model.branch(-1, variable, null);
    body.edge(assign, known);
    Node next = body.model.nop(-1, null);
    if (value) {
      body.trueEdge(known, next);
    } else {
      body.falseEdge(known, next);
    }
    return next;
  }

  private boolean isTrackedValue(Expression value) {
    Expression v = value;
    while (v instanceof EnclosedExpr
        || (v instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT)) {
      v =
          v instanceof EnclosedExpr enclosed
              ? enclosed.getInner()
              : ((UnaryExpr) v).getExpression();
    }
    if (v instanceof BinaryExpr binary) {
      return binary.getOperator() == BinaryExpr.Operator.AND
          || binary.getOperator() == BinaryExpr.Operator.OR;
    }
    if (v instanceof MethodCallExpr call) {
      return invocations.isConditionalLockOperation(call);
    }
    return v instanceof NameExpr name && isTrackedBoolean(cls().symbols().local(name));
  }

  /**
   * Control goes from {@code cur} to {@code whenTrue} or {@code whenFalse} by {@code e}'s value.
   */
  void condition(Expression e, Node cur, Node whenTrue, Node whenFalse) {
    if (e instanceof EnclosedExpr enclosed) {
      condition(enclosed.getInner(), cur, whenTrue, whenFalse);
      return;
    }
    if (e instanceof UnaryExpr unary
        && unary.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
      condition(unary.getExpression(), cur, whenFalse, whenTrue);
      return;
    }
    if (e instanceof BinaryExpr binary
        && (binary.getOperator() == BinaryExpr.Operator.AND
            || binary.getOperator() == BinaryExpr.Operator.OR)) {
      Node middle = body.model.nop(-1, null);
      if (binary.getOperator() == BinaryExpr.Operator.AND) {
        condition(binary.getLeft(), cur, middle, whenFalse);
      } else {
        condition(binary.getLeft(), cur, whenTrue, middle);
      }
      if (body.reachedNode(middle) != null) {
        condition(binary.getRight(), middle, whenTrue, whenFalse);
      }
      return;
    }
    if (e instanceof ConditionalExpr conditional) {
      Node then = body.model.nop(-1, null);
      Node otherwise = body.model.nop(-1, null);
      condition(conditional.getCondition(), cur, then, otherwise);
      if (body.reachedNode(then) != null) {
        condition(conditional.getThenExpr(), then, whenTrue, whenFalse);
      }
      if (body.reachedNode(otherwise) != null) {
        condition(conditional.getElseExpr(), otherwise, whenTrue, whenFalse);
      }
      return;
    }
    String variable = null;
    Node at = cur;
    if (e instanceof MethodCallExpr call && invocations.isConditionalLockOperation(call)) {
      variable = "#c" + cls().nextSynthetic();
      at = invocations.call(call, cur, variable);
    } else if (e instanceof NameExpr name && isTrackedBoolean(cls().symbols().local(name))) {
      variable = name.getNameAsString();
    } else {
      at = eval(e, cur);
    }
    if (variable == null) {
      body.edge(at, whenTrue);
      body.edge(at, whenFalse);
      return;
    }
    Node test = body.append(at, body.model.branch(-1, variable, null));
    body.trueEdge(test, whenTrue);
    body.falseEdge(test, whenFalse);
  }

  /** ESCAPE of the local {@code value} names, when it is of a reference type. */
  Node escape(Expression value, Node cur, com.github.javaparser.ast.Node origin) {
    return values.escape(value, cur, origin);
  }

  Node resource(Expression resource, Node cur) {
    return eval(resource, cur);
  }

  Node close(Expression resource, VariableDeclarator variable, TryStmt statement, Node cur) {
    return invocations.close(resource, variable, statement, cur);
  }

  boolean isArray(Expression iterable) {
    ResolvedType type = cls().types().typeOf(iterable);
    if (type != null) {
      return type.isArray();
    }
    Scopes.Local local =
        LockPaths.strip(iterable) instanceof NameExpr name ? cls().symbols().local(name) : null;
    return local != null && local.type() != null && local.type().isArrayType();
  }

  Node iteratorCall(ForEachStmt loop, Node cur) {
    return invocations.iteratorCall(loop, cur);
  }

  Node hasNextCall(ForEachStmt loop, Node cur) {
    return invocations.iteratorStep(loop, cur, "hasNext", "()Z");
  }

  Node nextCall(ForEachStmt loop, Node cur) {
    return invocations.iteratorStep(loop, cur, "next", "()Ljava/lang/Object;");
  }

  Node constructorCall(ExplicitConstructorInvocationStmt call, Node cur) {
    return invocations.constructorCall(call, cur);
  }

  List<Expression> noArguments() {
    return List.of();
  }
}
