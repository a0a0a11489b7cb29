package dev.latchkey.inspections.source;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.resolution.declarations.ResolvedMethodDeclaration;
import com.github.javaparser.resolution.types.ResolvedType;
import dev.latchkey.checks.api.TaskApi;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.ResultUse;
import dev.latchkey.checks.model.TaskOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the source around a call says about it (as the javac front-end's CallShapes and
 * describeCalls): what the caller does with its value, what the task table says it is, the call
 * that produced its receiver, the task bodies among its arguments with the receivers method
 * references are bound to, where its result is stored, and per argument the call that produced it
 * and its integer constant value.
 */
final class CallShapes {
  private final ClassTranslation cls;

  CallShapes(ClassTranslation cls) {
    this.cls = cls;
  }

  void describe(
      MethodModel.Builder model,
      dev.latchkey.checks.model.Node node,
      Node call,
      Calls.Call resolved,
      Map<Node, dev.latchkey.checks.model.Node> callNodes) {
    List<Expression> arguments = arguments(call);
    List<dev.latchkey.checks.model.Node> producers = new ArrayList<>();
    List<Long> constants = new ArrayList<>();
    for (Expression argument : arguments) {
      Expression value = LockPaths.strip(argument);
      producers.add(
          value instanceof MethodCallExpr || value instanceof ObjectCreationExpr
              ? callNodes.get(value)
              : null);
      constants.add(cls.symbols().constants().integerValue(argument));
    }
    model.describeValues(node, storedTo(call), producers, constants);
    boolean creation = call instanceof ObjectCreationExpr;
    boolean returnsValue = creation || (resolved != null && !resolved.returnsVoid());
    TaskOperation task = null;
    if (resolved != null) {
      task =
          creation
              ? TaskApi.classify("<init>", resolved.receiverTypes()::contains)
              : Calls.taskOperation(resolved);
    }
    dev.latchkey.checks.model.Node receiverCall = null;
    if (call instanceof MethodCallExpr invocation && invocation.getScope().isPresent()) {
      Expression receiver = LockPaths.strip(invocation.getScope().get());
      receiverCall = callNodes.get(receiver);
    }
    List<MethodRef> bodies = new ArrayList<>();
    List<LockPath> receivers = new ArrayList<>();
    if (!(call instanceof ExplicitConstructorInvocationStmt)) {
      taskBodies(arguments, bodies, receivers);
    }
    model.describeCall(
        node,
        returnsValue && !(call instanceof ExplicitConstructorInvocationStmt)
            ? resultUse(call)
            : ResultUse.OTHER,
        call instanceof ExplicitConstructorInvocationStmt ? null : task,
        receiverCall,
        bodies);
    model.describeBoundReceivers(node, receivers);
  }

  private static List<Expression> arguments(Node call) {
    if (call instanceof MethodCallExpr invocation) {
      return invocation.getArguments();
    }
    if (call instanceof ObjectCreationExpr creation) {
      return creation.getArguments();
    }
    if (call instanceof ExplicitConstructorInvocationStmt explicit) {
      return explicit.getArguments();
    }
    return List.of();
  }

  /** What the code around {@code call} does with its value. */
  ResultUse resultUse(Node call) {
    Node child = call;
    Node parent = child.getParentNode().orElse(null);
    while (parent instanceof EnclosedExpr) {
      child = parent;
      parent = parent.getParentNode().orElse(null);
    }
    if (parent instanceof ExpressionStmt statement) {
      if (statement.getParentNode().orElse(null) instanceof LambdaExpr lambda
          && lambda.getExpressionBody().isPresent()) {
        return returnsValue(lambda) ? ResultUse.RETURNED : ResultUse.DISCARDED;
      }
      return ResultUse.DISCARDED;
    }
    if ((parent instanceof VariableDeclarator variable
            && variable.getInitializer().orElse(null) == child)
        || (parent instanceof AssignExpr assign
            && assign.getOperator() == AssignExpr.Operator.ASSIGN
            && assign.getValue() == child)) {
      return ResultUse.STORED;
    }
    if (parent instanceof ReturnStmt) {
      return ResultUse.RETURNED;
    }
    if ((parent instanceof MethodCallExpr invocation && invocation.getArguments().contains(child))
        || (parent instanceof ObjectCreationExpr creation
            && creation.getArguments().contains(child))
        || (parent instanceof ExplicitConstructorInvocationStmt explicit
            && explicit.getArguments().contains(child))) {
      return ResultUse.ARGUMENT;
    }
    if (parent instanceof MethodCallExpr outer && outer.getScope().orElse(null) == child) {
      return ResultUse.RECEIVER;
    }
    return ResultUse.OTHER;
  }

  private boolean returnsValue(LambdaExpr lambda) {
    ResolvedType type = cls.types().typeOf(lambda);
    if (type == null || !type.isReferenceType()) {
      return true;
    }
    Boolean returns =
        SourceTypes.quietly(
            () ->
                com.github.javaparser.resolution.logic.FunctionalInterfaceLogic.getFunctionalMethod(
                        type)
                    .map(m -> !m.returnType().isVoid())
                    .orElse(true));
    return returns == null || returns;
  }

  /** Where the value of {@code call} is stored directly: a local or a field; else null. */
  private LockPath storedTo(Node call) {
    Node child = call;
    Node parent = child.getParentNode().orElse(null);
    while (parent instanceof EnclosedExpr) {
      child = parent;
      parent = parent.getParentNode().orElse(null);
    }
    if (parent instanceof VariableDeclarator variable
        && variable.getInitializer().orElse(null) == child) {
      if (variable.getParentNode().orElse(null) instanceof FieldDeclaration field) {
        Symbols.FieldSymbol symbol = cls.fieldOf(field, variable);
        return symbol == null ? null : cls.paths().fieldPath(symbol);
      }
      return LockPath.ofLocal(variable.getNameAsString());
    }
    if (parent instanceof AssignExpr assign
        && assign.getOperator() == AssignExpr.Operator.ASSIGN
        && assign.getValue() == child) {
      Expression target = assign.getTarget();
      Symbols.Symbol symbol = cls.symbols().of(target);
      if (symbol instanceof Symbols.LocalSymbol local) {
        return LockPath.ofLocal(local.local().name());
      }
      if (symbol instanceof Symbols.FieldSymbol) {
        return cls.paths().resolve(target);
      }
    }
    return null;
  }

  /**
   * The methods that run as the lambdas, method references and anonymous classes among {@code
   * arguments}: a lambda's model, a referenced method of this class, or one with a bound receiver
   * wherever it is declared, and the instance methods an anonymous class declares that others can
   * call ({@code run()} of a {@code new Runnable() {..}}), as javac's front-end names them.
   */
  private void taskBodies(
      List<Expression> arguments, List<MethodRef> bodies, List<LockPath> receivers) {
    for (Expression argument : arguments) {
      Expression value = LockPaths.strip(argument);
      if (value instanceof LambdaExpr lambda) {
        MethodRef ref = cls.lambdaRef(lambda);
        if (ref != null) {
          bodies.add(ref);
          receivers.add(null);
        }
      } else if (value instanceof ObjectCreationExpr creation
          && creation.getAnonymousClassBody().isPresent()) {
        String anonymous = cls.types().sourceName(creation);
        if (anonymous == null) {
          continue;
        }
        for (BodyDeclaration<?> member : creation.getAnonymousClassBody().get()) {
          if (member instanceof MethodDeclaration method
              && !method.isStatic()
              && !method.isPrivate()) {
            bodies.add(new MethodRef(anonymous, method.getNameAsString(), descriptor(method)));
            receivers.add(null);
          }
        }
      } else if (value instanceof MethodReferenceExpr reference) {
        if (reference.getIdentifier().equals("new")) {
          continue;
        }
        Expression qualifier = reference.getScope();
        ResolvedType qualifierType =
            cls.symbols().of(qualifier) instanceof Symbols.TypeSymbol type
                ? SourceTypes.quietly(
                    () -> {
                      var decl = cls.types().typeNamed(type.binaryName());
                      return decl == null
                          ? null
                          : new com.github.javaparser.resolution.model.typesystem.ReferenceTypeImpl(
                              decl);
                    })
                : cls.types().typeOf(qualifier);
        ResolvedMethodDeclaration method = cls.types().method(reference, qualifierType);
        if (method == null) {
          continue;
        }
        String owner = cls.types().binaryName(method.declaringType());
        if (owner == null) {
          continue;
        }
        LockPath bound = boundReceiver(reference, method);
        if (owner.equals(cls.scope().binaryName()) || bound != null) {
          bodies.add(new MethodRef(owner, method.getName(), cls.types().descriptor(method)));
          receivers.add(bound);
        }
      }
    }
  }

  private LockPath boundReceiver(MethodReferenceExpr reference, ResolvedMethodDeclaration method) {
    Expression qualifier = reference.getScope();
    if (Boolean.TRUE.equals(SourceTypes.quietly(method::isStatic))
        || (qualifier.isTypeExpr() && !Symbols.isSimpleTypeExpr(qualifier))
        || (qualifier instanceof NameExpr
                || Symbols.isSimpleTypeExpr(qualifier)
                || qualifier instanceof com.github.javaparser.ast.expr.FieldAccessExpr)
            && cls.symbols().of(qualifier) instanceof Symbols.TypeSymbol) {
      return null;
    }
    return cls.paths().resolve(qualifier);
  }

  private String descriptor(MethodDeclaration method) {
    StringBuilder out = new StringBuilder("(");
    for (Parameter parameter : method.getParameters()) {
      String type = cls.types().descriptor(parameter.getType());
      out.append(parameter.isVarArgs() ? "[" + type : type);
    }
    return out.append(')').append(cls.types().descriptor(method.getType())).toString();
  }
}
