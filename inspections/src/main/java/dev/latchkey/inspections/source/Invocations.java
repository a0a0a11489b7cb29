package dev.latchkey.inspections.source;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.AssertStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.resolution.declarations.ResolvedMethodDeclaration;
import com.github.javaparser.resolution.types.ResolvedType;
import dev.latchkey.checks.api.LockApi;
import dev.latchkey.checks.api.LockOperation;
import dev.latchkey.checks.api.TaskApi;
import dev.latchkey.checks.model.BlockingOperation;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.ResultUse;
import dev.latchkey.checks.model.TaskOperation;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Invocations and creations: a lock operation from the core's {@code LockApi} table when the lock
 * has a path (calls that only name that lock are no events), or else a CALL of the invoked method
 * ({@code <init>} for a creation), described for the task, executor and blocking rules as soon as
 * it exists (its receiver and arguments were translated before it).
 */
final class Invocations {
  private final BodyTranslator body;
  private final CallShapes shapes;

  /** The latest CALL node of each invocation or creation (a receiver's or an argument's). */
  private final Map<com.github.javaparser.ast.Node, Node> callNodes = new IdentityHashMap<>();

  Invocations(BodyTranslator body) {
    this.body = body;
    this.shapes = new CallShapes(body.cls);
  }

  private ClassTranslation cls() {
    return body.cls;
  }

  /** A tryLock or held check on a lock with a path: its result can be bound to a variable. */
  boolean isConditionalLockOperation(MethodCallExpr call) {
    LockOperation operation = Calls.lockOperation(cls().calls().of(call));
    return operation != null
        && (operation.action() == LockOperation.Action.TRY_ACQUIRE
            || operation.action() == LockOperation.Action.HELD_CHECK && !asserted(call))
        && receiverPath(call, cls().calls().of(call)) != null;
  }

  /**
   * Whether the value of {@code check} is asserted: the condition of an {@code assert}, or the
   * first argument of a static method that fails unless it is true ({@code checkState(..)}, {@link
   * LockApi#assertsFirstArgument}), as the javac front-end reads it.
   */
  private boolean asserted(Expression check) {
    com.github.javaparser.ast.Node child = check;
    com.github.javaparser.ast.Node parent = child.getParentNode().orElse(null);
    while (parent instanceof EnclosedExpr) {
      child = parent;
      parent = child.getParentNode().orElse(null);
    }
    if (parent instanceof AssertStmt assertion) {
      return assertion.getCheck() == child;
    }
    if (parent instanceof MethodCallExpr call
        && !call.getArguments().isEmpty()
        && call.getArguments().get(0) == child) {
      Calls.Call resolved = cls().calls().of(call);
      return resolved != null
          && resolved.isStatic()
          && LockApi.assertsFirstArgument(resolved.name());
    }
    return false;
  }

  private LockPath receiverPath(MethodCallExpr call, Calls.Call resolved) {
    Expression scope = call.getScope().orElse(null);
    if (scope == null) {
      return resolved == null
          ? null
          : cls().paths().implicitReceiver(resolved.ref().owner(), resolved.isStatic());
    }
    if (!body.expressions.isValue(scope) && !Calls.isThisOrSuper(scope)) {
      return null;
    }
    return cls().paths().resolve(scope);
  }

  /** {@code call}; a tryLock or held check binds its result to {@code binding} (may be null). */
  Node call(MethodCallExpr call, Node cur, String binding) {
    Calls.Call resolved = cls().calls().of(call);
    LockOperation operation = Calls.lockOperation(resolved);
    LockPath receiver = receiverPath(call, resolved);
    Expression scope = call.getScope().orElse(null);
    Node at = cur;
    if (operation != null && receiver != null && scope != null) {
      at = pathReceiver(scope, at);
    } else if (scope != null && body.expressions.isValue(scope)) {
      at = body.expressions.eval(scope, at);
    }
    for (Expression argument : call.getArguments()) {
      at = body.expressions.eval(argument, at);
    }
    int line = Lines.of(call);
    String name = call.getNameAsString();
    if (resolved != null
        && resolved.isStatic()
        && LockApi.isHoldsLock(resolved.ref().owner(), name)
        && call.getArguments().size() == 1
        && asserted(call)) {
      // assert Thread.holdsLock(lock): the monitor of the argument
      LockPath monitor = cls().paths().resolve(call.getArguments().get(0));
      if (monitor == null) {
        return at;
      }
      return thrower(
          at,
          body.model.heldAssertion(
              line, monitor, LockKind.MONITOR, "Thread.holdsLock(" + monitor + ")", call),
          resolved);
    }
    if (operation != null) {
      String label = (receiver == null ? "" : receiver + ".") + name + "()";
      switch (operation.action()) {
        case VIEW:
          return at;
        case HELD_CHECK:
          if (receiver != null && asserted(call)) {
            LockPath asserted =
                operation.view() == null ? receiver : receiver.view(operation.view());
            return thrower(
                at, body.model.heldAssertion(line, asserted, LockKind.LOCK, label, call), resolved);
          }
          if (receiver == null || binding == null) {
            return at;
          }
          LockPath held = operation.view() == null ? receiver : receiver.view(operation.view());
          return thrower(at, body.model.heldCheck(line, held, binding, label, call), resolved);
        case ACQUIRE:
          if (receiver != null) {
            Node acquire =
                body.model.acquire(
                    line, receiver, operation.kind(), operation.interruptible(), label, call);
            return thrower(at, blocking(rooted(acquire, scope), resolved), resolved);
          }
          break;
        case TRY_ACQUIRE:
          if (receiver != null) {
            Node tryAcquire =
                body.model.tryAcquire(line, receiver, operation.kind(), binding, label, call);
            return thrower(at, blocking(rooted(tryAcquire, scope), resolved), resolved);
          }
          break;
        case RELEASE:
          if (receiver != null) {
            Node release = body.model.release(line, receiver, operation.kind(), label, call);
            return thrower(at, rooted(release, scope), resolved);
          }
          break;
      }
    }
    MethodRef ref = resolved == null ? new MethodRef("", name, "()V") : resolved.ref();
    Node node = callNode(line, ref, receiver, call.getArguments(), call, false);
    blocking(node, resolved);
    shapes.describe(body.model, node, call, resolved, callNodes);
    return thrower(at, node, resolved);
  }

  /** The receiver of a lock operation: calls that only name the lock are no events. */
  private Node pathReceiver(Expression scope, Node cur) {
    Expression e = LockPaths.strip(scope);
    if (e instanceof MethodCallExpr call) {
      return call.getScope().isPresent() ? pathReceiver(call.getScope().get(), cur) : cur;
    }
    if (e instanceof FieldAccessExpr access) {
      Symbols.Symbol symbol = cls().symbols().of(access);
      Node at =
          body.expressions.isValue(access.getScope()) ? pathReceiver(access.getScope(), cur) : cur;
      return symbol instanceof Symbols.FieldSymbol field && !field.constant()
          ? body.expressions.fieldRead(access, field, at)
          : at;
    }
    return body.expressions.eval(e, cur);
  }

  private Node thrower(Node cur, Node node, Calls.Call resolved) {
    body.append(cur, node);
    body.throwsFrom(node, Calls.thrown(resolved));
    return node;
  }

  private Node blocking(Node node, Calls.Call resolved) {
    BlockingOperation operation = Calls.blocking(resolved);
    if (operation != null) {
      body.model.describeBlocking(node, operation);
    }
    return node;
  }

  private Node rooted(Node lockEvent, Expression scope) {
    body.model.rootType(lockEvent, cls().paths().rootType(scope, lockEvent.lock()));
    return lockEvent;
  }

  private Node callNode(
      int line,
      MethodRef ref,
      LockPath receiver,
      List<Expression> argumentTrees,
      com.github.javaparser.ast.Node origin,
      boolean creation) {
    List<LockPath> arguments = new ArrayList<>();
    for (Expression argument : argumentTrees) {
      arguments.add(cls().paths().resolve(argument));
    }
    boolean showReceiver = receiver != null && !receiver.equals(LockPath.ofThis());
    String simpleOwner =
        ref.owner()
            .substring(Math.max(ref.owner().lastIndexOf('.'), ref.owner().lastIndexOf('$')) + 1);
    String label =
        creation
            ? "new " + simpleOwner + "()"
            : (showReceiver ? receiver + "." : "") + ref.name() + "()";
    Node node = body.model.call(line, ref, receiver, arguments, label, origin);
    callNodes.put(origin, node);
    return node;
  }

  /** {@code new T(..)}: the arguments, a class body's captures, then the CALL of {@code <init>}. */
  Node creation(ObjectCreationExpr creation, Node cur) {
    Node at = cur;
    if (creation.getScope().isPresent()) {
      at = body.expressions.eval(creation.getScope().get(), at);
    }
    for (Expression argument : creation.getArguments()) {
      at = body.expressions.eval(argument, at);
    }
    if (creation.getAnonymousClassBody().isPresent()) {
      at = new ValueEvents(body).captures(creation, at);
    }
    Calls.Call resolved = cls().calls().creation(creation);
    if (resolved == null) {
      return at;
    }
    Node node =
        callNode(Lines.of(creation), resolved.ref(), null, creation.getArguments(), creation, true);
    shapes.describe(body.model, node, creation, resolved, callNodes);
    return thrower(at, node, resolved);
  }

  /** {@code this(..)} or {@code super(..)}: a CALL of that constructor on {@code this}. */
  Node constructorCall(ExplicitConstructorInvocationStmt call, Node cur) {
    Node at = cur;
    for (Expression argument : call.getArguments()) {
      at = body.expressions.eval(argument, at);
    }
    Calls.Call resolved = cls().calls().constructor(call, cls().types().constructor(call), null);
    if (resolved == null) {
      return at;
    }
    Node node =
        callNode(
            Lines.of(call), resolved.ref(), LockPath.ofThis(), call.getArguments(), call, false);
    shapes.describe(body.model, node, call, resolved, callNodes);
    return thrower(at, node, resolved);
  }

  /** The implicit {@code super()} javac puts first in a constructor. */
  Node implicitSuper(
      String superclass, String descriptor, com.github.javaparser.ast.Node origin, Node cur) {
    MethodRef ref = new MethodRef(superclass, "<init>", descriptor);
    Node node =
        body.model.call(Lines.of(origin), ref, LockPath.ofThis(), List.of(), "super()", origin);
    body.model.describeCall(node, ResultUse.OTHER, null, null, List.of());
    body.model.describeValues(node, null, List.of(), List.of());
    body.append(cur, node);
    body.throwsFrom(node, Calls.thrown(null));
    return node;
  }

  /** The {@code close()} of a resource, on its variable, at the {@code try}. */
  Node close(Expression resource, VariableDeclarator variable, TryStmt statement, Node cur) {
    Expression closed = variable != null ? new NameExpr(variable.getNameAsString()) : resource;
    LockPath receiver = cls().paths().resolve(resource);
    if (variable != null) {
      Expression alias = cls().aliases().get(variable);
      LockPath aliased = alias == null ? null : cls().paths().resolve(alias);
      receiver = aliased != null ? aliased : LockPath.ofLocal(variable.getNameAsString());
    }
    ResolvedType type =
        variable != null
            ? cls().types().resolve(variable.getType())
            : cls().types().typeOf(resource);
    if (type == null && variable != null && variable.getInitializer().isPresent()) {
      type = cls().types().typeOf(variable.getInitializer().get());
    }
    String owner = cls().types().binaryName(type);
    MethodRef ref =
        new MethodRef(owner == null ? "java.lang.AutoCloseable" : owner, "close", "()V");
    List<String> thrown = new ArrayList<>();
    ResolvedMethodDeclaration close = cls().types().noArgumentMethod(type, "close");
    if (close != null) {
      String declaring = cls().types().binaryName(close.declaringType());
      ref = new MethodRef(declaring == null ? ref.owner() : declaring, "close", "()V");
      thrown.addAll(cls().types().declaredExceptions(close));
    }
    Node node =
        body.model.call(
            Lines.of(statement), ref, receiver, List.of(), closed + ".close()", statement);
    // As for a written call: closing an ExecutorService (JDK 19+) shuts it down.
    Set<String> receiverTypes = cls().types().supertypes(type);
    TaskOperation task = TaskApi.classify("close", receiverTypes::contains);
    body.model.describeCall(node, ResultUse.OTHER, task, null, List.of());
    body.model.describeValues(node, null, List.of(), List.of());
    thrown.add(dev.latchkey.inspections.source.SourceTypes.RUNTIME_EXCEPTION);
    thrown.add(dev.latchkey.inspections.source.SourceTypes.ERROR);
    body.append(cur, node);
    body.throwsFrom(node, thrown);
    return node;
  }

  /** An enhanced for loop's {@code iterator()} on the iterated expression. */
  Node iteratorCall(ForEachStmt loop, Node cur) {
    ResolvedType type = cls().types().typeOf(loop.getIterable());
    ResolvedMethodDeclaration method = cls().types().noArgumentMethod(type, "iterator");
    String owner = method == null ? null : cls().types().binaryName(method.declaringType());
    MethodRef ref =
        new MethodRef(
            owner == null ? "java.lang.Iterable" : owner, "iterator", "()Ljava/util/Iterator;");
    LockPath receiver = cls().paths().resolve(loop.getIterable());
    Node node = body.model.call(Lines.of(loop), ref, receiver, List.of(), "iterator()", loop);
    body.model.describeCall(node, ResultUse.OTHER, null, null, List.of());
    body.model.describeValues(node, null, List.of(), List.of());
    body.append(cur, node);
    body.throwsFrom(node, Calls.thrown(null));
    return node;
  }

  /** An enhanced for loop's {@code hasNext()} or {@code next()} on its iterator. */
  Node iteratorStep(ForEachStmt loop, Node cur, String name, String descriptor) {
    MethodRef ref = new MethodRef("java.util.Iterator", name, descriptor);
    Node node = body.model.call(Lines.of(loop), ref, null, List.of(), name + "()", loop);
    body.model.describeCall(node, ResultUse.OTHER, null, null, List.of());
    LockPath stored =
        name.equals("next")
            ? LockPath.ofLocal(loop.getVariableDeclarator().getNameAsString())
            : null;
    body.model.describeValues(node, stored, List.of(), List.of());
    body.append(cur, node);
    body.throwsFrom(node, Calls.thrown(null));
    return node;
  }
}
