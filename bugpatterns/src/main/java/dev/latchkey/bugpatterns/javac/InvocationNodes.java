package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Types;
import dev.latchkey.checks.api.BoxingCalls;
import dev.latchkey.checks.api.LockApi;
import dev.latchkey.checks.api.LockOperation;
import dev.latchkey.checks.model.BlockingOperation;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.ResultUse;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeKind;
import org.checkerframework.errorprone.dataflow.cfg.node.ArrayCreationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.AssignmentNode;
import org.checkerframework.errorprone.dataflow.cfg.node.FieldAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ObjectCreationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.TypeCastNode;

/**
 * Turns invocations into model nodes: a lock operation from the core's {@code LockApi} table when
 * the lock has a known path, or else a CALL of the invoked method (object creations are calls of
 * {@code <init>}). View calls ({@code readLock()}), unbound held checks, calls that only name a
 * lock, and javac's boxing calls are no events.
 *
 * <p>Once every node of the body exists, {@link #describeCalls()} tells the core about each CALL
 * what the task rules need: what the caller does with the result (from the parent tree), what the
 * core's {@code TaskApi} table says the call is (constructor calls included), the CALL that
 * produced its receiver ({@code a().b()}, {@code new Thread(..).start()}), and the lambdas and
 * method references of this class passed to it; and what the executor rules need: the local or
 * field its result is stored into directly (from the CFG's assignments, {@link #noteAssignment}),
 * and per argument the CALL that produced it and its integer constant value. Bound receivers of
 * method references go alongside the task bodies ({@code results::add}: {@code List.add} on {@code
 * results}, wherever the method is declared). Lock events carry the static type of their lock's
 * root, and every invocation's node what the core's {@code BlockingApi} says about it.
 */
final class InvocationNodes {
  /**
   * A CALL waiting for {@link #describeCalls()}; {@code invocation} is null for a creation, {@code
   * cfgNode} is the invocation or the creation.
   */
  private record Pending(
      Node call,
      MethodInvocationNode invocation,
      org.checkerframework.errorprone.dataflow.cfg.node.Node cfgNode,
      Tree tree,
      MethodSymbol method) {}

  private final ClassContext context;
  private final ConditionScan scan;
  private final MethodModel.Builder model;
  private final Set<Tree> artificialTrees;
  private final BodyTrees trees;
  private final CallShapes shapes;
  private final Map<MethodInvocationNode, Node> calls = new IdentityHashMap<>();
  private final Map<ObjectCreationNode, Node> creations = new IdentityHashMap<>();
  private final List<Pending> pending = new ArrayList<>();

  /** Where the value of an invocation or creation is stored directly: a local or a field. */
  private final Map<org.checkerframework.errorprone.dataflow.cfg.node.Node, LockPath> stores =
      new IdentityHashMap<>();

  InvocationNodes(
      ClassContext context,
      ConditionScan scan,
      MethodModel.Builder model,
      Set<Tree> artificialTrees,
      BodyTrees trees,
      Types types) {
    this.context = context;
    this.scan = scan;
    this.model = model;
    this.artificialTrees = artificialTrees;
    this.trees = trees;
    this.shapes = new CallShapes(context, trees, types);
  }

  /**
   * Whether the value of {@code check} is asserted: the condition of an {@code assert}, or the
   * first argument of a method that fails unless it is true ({@code checkState(..)}, {@link
   * LockApi#assertsFirstArgument}).
   */
  private boolean asserted(ExpressionTree check) {
    Tree child = check;
    Tree parent = trees.parent(child);
    while (parent instanceof ParenthesizedTree) {
      child = parent;
      parent = trees.parent(child);
    }
    if (parent instanceof AssertTree assertion) {
      return assertion.getCondition() == child;
    }
    return parent instanceof MethodInvocationTree call
        && !call.getArguments().isEmpty()
        && call.getArguments().get(0) == child
        && ASTHelpers.getSymbol(call) != null
        && ASTHelpers.getSymbol(call).isStatic()
        && LockApi.assertsFirstArgument(ASTHelpers.getSymbol(call).getSimpleName().toString());
  }

  /** The node for {@code invocation}, or null when it is no event. */
  Node invocation(MethodInvocationNode invocation) {
    MethodInvocationTree tree = invocation.getTree();
    if (tree == null || scan.isPathCall(tree)) {
      return null;
    }
    Symbol symbol = ASTHelpers.getSymbol((Tree) tree);
    if (!(symbol instanceof MethodSymbol method)) {
      return null;
    }
    if (!invocation.getInSource() && BoxingCalls.isWrapper(MethodRefs.binaryName(method.owner))) {
      return null;
    }
    Tree origin = origin(invocation);
    int line = context.line(origin);
    ExpressionTree receiverTree = LockCalls.receiver(tree);
    LockPath receiver =
        receiverTree == null
            ? context.resolver().implicitReceiver(method)
            : context.resolver().resolve(receiverTree);
    if (receiver != null
        && receiver.rootKind() == LockPath.RootKind.LOCAL
        && receiver.root().contains("#")) {
      receiver = null; // a variable the CFG builder made up (an enhanced for's iterator)
    }
    String name = method.getSimpleName().toString();
    if (method.isStatic()
        && LockApi.isHoldsLock(MethodRefs.binaryName(method.owner), name)
        && tree.getArguments().size() == 1
        && asserted(tree)) {
      // assert Thread.holdsLock(lock): the monitor of the argument
      LockPath monitor = context.resolver().resolve(tree.getArguments().get(0));
      return monitor == null
          ? null
          : model.heldAssertion(
              line, monitor, LockKind.MONITOR, "Thread.holdsLock(" + monitor + ")", origin);
    }
    LockOperation operation = context.lockCalls().classify(tree);
    if (operation != null) {
      String label = (receiver == null ? "" : receiver + ".") + name + "()";
      switch (operation.action()) {
        case VIEW:
          return null;
        case HELD_CHECK:
          if (receiver != null && asserted(tree)) {
            LockPath asserted =
                operation.view() == null ? receiver : receiver.view(operation.view());
            return model.heldAssertion(line, asserted, LockKind.LOCK, label, origin);
          }
          String held = scan.binding(invocation);
          if (receiver == null || held == null) {
            return null;
          }
          LockPath heldLock = operation.view() == null ? receiver : receiver.view(operation.view());
          return model.heldCheck(line, heldLock, held, label, origin);
        case ACQUIRE:
          if (receiver != null) {
            Node acquire =
                model.acquire(
                    line, receiver, operation.kind(), operation.interruptible(), label, origin);
            return blocking(rooted(acquire, receiverTree), tree, method);
          }
          break;
        case TRY_ACQUIRE:
          if (receiver != null) {
            Node tryAcquire =
                model.tryAcquire(
                    line, receiver, operation.kind(), scan.binding(invocation), label, origin);
            return blocking(rooted(tryAcquire, receiverTree), tree, method);
          }
          break;
        case RELEASE:
          if (receiver != null) {
            return rooted(
                model.release(line, receiver, operation.kind(), label, origin), receiverTree);
          }
          break;
      }
    }
    Node call = call(line, method, receiver, tree.getArguments(), origin);
    calls.put(invocation, call);
    pending.add(new Pending(call, invocation, invocation, tree, method));
    return blocking(call, tree, method);
  }

  /**
   * {@code node}, the event of {@code tree}, with how the call can wait (BlockingApi), if it can.
   */
  private Node blocking(Node node, MethodInvocationTree tree, MethodSymbol method) {
    BlockingOperation operation =
        context.lockCalls().blocking(tree, context.methodRefs().of(method).descriptor());
    if (operation != null) {
      model.describeBlocking(node, operation);
    }
    return node;
  }

  /** {@code lockEvent} with the static type of its lock's root, from {@code receiverTree}. */
  private Node rooted(Node lockEvent, ExpressionTree receiverTree) {
    model.rootType(lockEvent, context.resolver().rootType(receiverTree, lockEvent.lock()));
    return lockEvent;
  }

  /** A CALL of the constructor {@code creation} invokes. */
  Node creation(ObjectCreationNode creation) {
    NewClassTree tree = creation.getTree();
    MethodSymbol constructor = ASTHelpers.getSymbol(tree);
    if (constructor == null) {
      return null;
    }
    Node call = call(context.line(tree), constructor, null, tree.getArguments(), tree);
    creations.put(creation, call);
    pending.add(new Pending(call, null, creation, tree, constructor));
    return call;
  }

  /**
   * Notes an assignment of the CFG: when it stores the value of an invocation or creation directly
   * into a local ({@code T x = call()}, {@code x = call()}) or a field ({@code this.f = call()},
   * {@code F = call()}, a field initializer), that is where the call's result is stored.
   */
  void noteAssignment(AssignmentNode assignment) {
    org.checkerframework.errorprone.dataflow.cfg.node.Node value = assignment.getExpression();
    if (!(value instanceof MethodInvocationNode || value instanceof ObjectCreationNode)) {
      return;
    }
    LockPath target = null;
    org.checkerframework.errorprone.dataflow.cfg.node.Node written = assignment.getTarget();
    if (written instanceof LocalVariableNode local) {
      // Not a variable the CFG builder made up (an enhanced for loop's iterator).
      target = local.getName().contains("#") ? null : LockPath.ofLocal(local.getName());
    } else if (written instanceof FieldAccessNode field) {
      if (field.getTree() instanceof VariableTree && field.getElement() instanceof VarSymbol var) {
        target = context.resolver().fieldPath(var); // a field initializer
      } else if (field.getTree() instanceof ExpressionTree expression) {
        target = context.resolver().resolve(expression);
      }
    }
    if (target != null) {
      stores.put(value, target);
    }
  }

  /** Describes every CALL made so far for the task rules; call once all nodes exist. */
  void describeCalls() {
    for (Pending p : pending) {
      describeValues(p);
      if (p.invocation() == null) {
        NewClassTree creation = (NewClassTree) p.tree();
        boolean inSource = trees.contains(creation);
        CallShapes.TaskBodies bodies =
            inSource ? shapes.taskBodies(creation.getArguments()) : CallShapes.TaskBodies.NONE;
        model.describeCall(
            p.call(),
            inSource ? shapes.resultUse(creation) : ResultUse.OTHER,
            inSource ? context.lockCalls().taskOperation(creation) : null,
            null,
            bodies.refs());
        model.describeBoundReceivers(p.call(), bodies.receivers());
        continue;
      }
      MethodInvocationTree tree = (MethodInvocationTree) p.tree();
      boolean inSource = trees.contains(tree) && !artificialTrees.contains(tree);
      boolean returnsValue =
          p.method().getReturnType() != null
              && p.method().getReturnType().getKind() != TypeKind.VOID;
      CallShapes.TaskBodies bodies =
          inSource ? shapes.taskBodies(tree.getArguments()) : CallShapes.TaskBodies.NONE;
      // A call the CFG builder made up still does what its method does: the close() of
      // try-with-resources shuts an ExecutorService down.
      boolean translated = trees.contains(tree) || artificialTrees.contains(tree);
      model.describeCall(
          p.call(),
          inSource && returnsValue ? shapes.resultUse(tree) : ResultUse.OTHER,
          translated ? context.lockCalls().taskOperation(tree) : null,
          receiverCall(p.invocation()),
          bodies.refs());
      model.describeBoundReceivers(p.call(), bodies.receivers());
    }
  }

  /**
   * Tells the core where the call's result is stored, and per argument the CALL that produced it
   * and its integer constant value.
   */
  private void describeValues(Pending p) {
    List<? extends ExpressionTree> argumentTrees =
        p.tree() instanceof MethodInvocationTree invocation
            ? invocation.getArguments()
            : ((NewClassTree) p.tree()).getArguments();
    List<org.checkerframework.errorprone.dataflow.cfg.node.Node> cfgArguments = new ArrayList<>();
    List<org.checkerframework.errorprone.dataflow.cfg.node.Node> given =
        p.cfgNode() instanceof MethodInvocationNode invocation
            ? invocation.getArguments()
            : ((ObjectCreationNode) p.cfgNode()).getArguments();
    for (org.checkerframework.errorprone.dataflow.cfg.node.Node argument : given) {
      cfgArguments.add(argument);
      if (argument instanceof ArrayCreationNode varargs) {
        cfgArguments.addAll(varargs.getInitializers()); // the array javac makes for varargs
      }
    }
    List<Node> producers = new ArrayList<>();
    List<Long> constants = new ArrayList<>();
    for (ExpressionTree argument : argumentTrees) {
      producers.add(producer(argument, cfgArguments));
      constants.add(ValueEvents.integerConstant(argument));
    }
    model.describeValues(p.call(), stores.get(p.cfgNode()), producers, constants);
  }

  /** The CALL whose value {@code argument} is, when the argument is a call or creation. */
  private Node producer(
      ExpressionTree argument,
      List<org.checkerframework.errorprone.dataflow.cfg.node.Node> cfgArguments) {
    ExpressionTree value = argument;
    while (value instanceof ParenthesizedTree || value instanceof TypeCastTree) {
      value =
          value instanceof ParenthesizedTree parens
              ? parens.getExpression()
              : ((TypeCastTree) value).getExpression();
    }
    if (!(value instanceof MethodInvocationTree || value instanceof NewClassTree)) {
      return null;
    }
    for (org.checkerframework.errorprone.dataflow.cfg.node.Node node : cfgArguments) {
      while (node instanceof TypeCastNode cast) {
        node = cast.getOperand();
      }
      if (node.getTree() != value) {
        continue;
      }
      if (node instanceof MethodInvocationNode invocation) {
        return calls.get(invocation);
      }
      if (node instanceof ObjectCreationNode creation) {
        return creations.get(creation);
      }
    }
    return null;
  }

  /** The CALL whose value is the receiver of {@code invocation} ({@code a().b()}), or null. */
  private Node receiverCall(MethodInvocationNode invocation) {
    MethodAccessNode target = invocation.getTarget();
    org.checkerframework.errorprone.dataflow.cfg.node.Node receiver =
        target == null ? null : target.getReceiver();
    while (receiver instanceof TypeCastNode cast) {
      receiver = cast.getOperand();
    }
    if (receiver instanceof ObjectCreationNode creation) {
      return creations.get(creation); // new Thread(..).start()
    }
    return receiver instanceof MethodInvocationNode call ? calls.get(call) : null;
  }

  private Node call(
      int line,
      MethodSymbol method,
      LockPath receiver,
      List<? extends ExpressionTree> argumentTrees,
      Tree origin) {
    List<LockPath> arguments = new ArrayList<>();
    for (ExpressionTree argument : argumentTrees) {
      arguments.add(context.resolver().resolve(argument));
    }
    String name = method.getSimpleName().toString();
    boolean showReceiver = receiver != null && !receiver.equals(LockPath.ofThis());
    String label =
        name.equals("<init>")
            ? "new " + method.owner.getSimpleName() + "()"
            : (showReceiver ? receiver + "." : "") + name + "()";
    return model.call(line, context.methodRefs().of(method), receiver, arguments, label, origin);
  }

  /**
   * The source tree to report at: the invocation, or for a call the CFG builder made up while
   * desugaring (the {@code close()} of try-with-resources, an enhanced for loop's {@code next()})
   * the statement it comes from.
   */
  private Tree origin(MethodInvocationNode invocation) {
    if (!artificialTrees.contains(invocation.getTree()) || invocation.getTreePath() == null) {
      return invocation.getTree();
    }
    for (Tree enclosing : invocation.getTreePath()) {
      if (!artificialTrees.contains(enclosing)) {
        return enclosing;
      }
    }
    return invocation.getTree();
  }
}
