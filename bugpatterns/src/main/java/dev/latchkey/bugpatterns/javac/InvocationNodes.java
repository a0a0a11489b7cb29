package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.latchkey.checks.api.LockOperation;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ObjectCreationNode;

/**
 * Turns invocations into model nodes: a lock operation from the core's {@code LockApi} table when
 * the lock has a known path, or else a CALL of the invoked method (object creations are calls of
 * {@code <init>}). View calls ({@code readLock()}), unbound held checks, calls that only name a
 * lock, and javac's boxing calls are no events.
 */
final class InvocationNodes {
  private static final Set<String> BOXES =
      Set.of(
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Character",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double");

  private final ClassContext context;
  private final ConditionScan scan;
  private final MethodModel.Builder model;
  private final Set<Tree> artificialTrees;

  InvocationNodes(
      ClassContext context,
      ConditionScan scan,
      MethodModel.Builder model,
      Set<Tree> artificialTrees) {
    this.context = context;
    this.scan = scan;
    this.model = model;
    this.artificialTrees = artificialTrees;
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
    if (!invocation.getInSource() && BOXES.contains(MethodRefs.binaryName(method.owner))) {
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
    LockOperation operation = context.lockCalls().classify(tree);
    if (operation != null) {
      String label = (receiver == null ? "" : receiver + ".") + name + "()";
      switch (operation.action()) {
        case VIEW:
          return null;
        case HELD_CHECK:
          String held = scan.binding(invocation);
          if (receiver == null || held == null) {
            return null;
          }
          LockPath heldLock = operation.view() == null ? receiver : receiver.view(operation.view());
          return model.heldCheck(line, heldLock, held, label, origin);
        case ACQUIRE:
          if (receiver != null) {
            return model.acquire(
                line, receiver, operation.kind(), operation.interruptible(), label, origin);
          }
          break;
        case TRY_ACQUIRE:
          if (receiver != null) {
            return model.tryAcquire(
                line, receiver, operation.kind(), scan.binding(invocation), label, origin);
          }
          break;
        case RELEASE:
          if (receiver != null) {
            return model.release(line, receiver, operation.kind(), label, origin);
          }
          break;
      }
    }
    return call(line, method, receiver, tree.getArguments(), origin);
  }

  /** A CALL of the constructor {@code creation} invokes. */
  Node creation(ObjectCreationNode creation) {
    NewClassTree tree = creation.getTree();
    MethodSymbol constructor = ASTHelpers.getSymbol(tree);
    if (constructor == null) {
      return null;
    }
    return call(context.line(tree), constructor, null, tree.getArguments(), tree);
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
