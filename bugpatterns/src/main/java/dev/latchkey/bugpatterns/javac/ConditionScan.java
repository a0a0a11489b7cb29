package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Symbol;
import dev.latchkey.checks.api.LockOperation;
import dev.latchkey.checks.api.LockOperation.Action;
import dev.latchkey.checks.model.LockPath;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.block.Block;
import org.checkerframework.errorprone.dataflow.cfg.block.ConditionalBlock;
import org.checkerframework.errorprone.dataflow.cfg.node.AssignmentNode;
import org.checkerframework.errorprone.dataflow.cfg.node.BinaryOperationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalAndNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalNotNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalOrNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;

/**
 * A first pass over a method's CFG that finds what the translation must know before it reaches it:
 *
 * <ul>
 *   <li>which conditional lock operations ({@code tryLock()}, {@code isHeldByCurrentThread()}) bind
 *       their result to a variable: the tracked boolean local it is stored in, or a synthetic
 *       {@code #cN} when the result is tested;
 *   <li>which conditional blocks branch on a tracked value;
 *   <li>the {@code &&}/{@code ||} values: the CFG computes each in a block where the short-circuit
 *       path and the right operand's path meet; when a conditional block tests it right away the
 *       translation routes each path straight to the branch its value selects, otherwise the value
 *       is kept in a variable of its own;
 *   <li>which no-argument calls only name a lock ({@code getLock()} in {@code getLock().unlock()})
 *       and are no event.
 * </ul>
 */
final class ConditionScan {
  /** A tracked variable a condition tests; {@code negated} swaps the successors. */
  record Branch(String variable, boolean negated) {}

  private final ClassContext context;
  private final Map<MethodInvocationNode, String> bindings = new IdentityHashMap<>();
  private final Map<ConditionalBlock, Branch> branches = new IdentityHashMap<>();
  private final Set<AssignmentNode> bindingAssignments =
      Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Tree> pathCalls = Collections.newSetFromMap(new IdentityHashMap<>());

  /** {@code &&}/{@code ||} values, each with the variable that holds it when it must be kept. */
  private final Map<Node, String> junctions = new IdentityHashMap<>();

  /** The block where each junction's value is computed, keyed by that block. */
  private final Map<Block, BinaryOperationNode> merges = new IdentityHashMap<>();

  /** Junctions a conditional block tests right after computing them. */
  private final Map<BinaryOperationNode, ConditionalBlock> tests = new IdentityHashMap<>();

  private int synthetic;

  private ConditionScan(ClassContext context) {
    this.context = context;
  }

  static ConditionScan of(ControlFlowGraph cfg, ClassContext context) {
    ConditionScan scan = new ConditionScan(context);
    Set<Block> blocks = cfg.getAllBlocks();
    for (Block block : blocks) {
      for (Node node : block.getNodes()) {
        if (node instanceof ConditionalAndNode || node instanceof ConditionalOrNode) {
          scan.visitJunction((BinaryOperationNode) node);
        }
      }
    }
    for (Block block : blocks) {
      for (Node node : block.getNodes()) {
        scan.visitNode(node);
      }
    }
    for (Block block : blocks) {
      if (block instanceof ConditionalBlock conditional) {
        scan.visitConditional(conditional);
      }
    }
    return scan;
  }

  /** The variable a tryLock/held check binds its result to, or null. */
  String binding(MethodInvocationNode invocation) {
    return bindings.get(invocation);
  }

  /** What the conditional block tests, or null when it tests nothing the model tracks. */
  Branch branch(ConditionalBlock block) {
    return branches.get(block);
  }

  /** Whether this assignment stores a bound lock-operation result (it is no ASSIGN event). */
  boolean isBinding(AssignmentNode assignment) {
    return bindingAssignments.contains(assignment);
  }

  /** Whether this invocation only names a lock a lock operation acts on. */
  boolean isPathCall(Tree invocation) {
    return pathCalls.contains(invocation);
  }

  /** The {@code &&}/{@code ||} whose value is computed where {@code block} starts, or null. */
  BinaryOperationNode junctionStartingAt(Block block) {
    return merges.get(block);
  }

  /** The variable that holds the value of an {@code &&}/{@code ||}. */
  String junctionVariable(BinaryOperationNode junction) {
    return junctions.get(junction);
  }

  /** The conditional block that tests {@code junction} as soon as it is computed, or null. */
  ConditionalBlock testOf(BinaryOperationNode junction) {
    return tests.get(junction);
  }

  /**
   * The tracked variable whose value {@code value} is, negations counted, or null: a tryLock/held
   * check on a known lock (bound to a synthetic variable if it was not stored), a tracked boolean
   * local, or an {@code &&}/{@code ||}.
   */
  Branch valueOf(Node value) {
    Node node = value;
    boolean negated = false;
    while (node instanceof ConditionalNotNode not) {
      node = not.getOperand();
      negated = !negated;
    }
    String variable;
    if (node instanceof MethodInvocationNode invocation && isConditionalLockOperation(invocation)) {
      variable = bindings.computeIfAbsent(invocation, i -> "#c" + synthetic++);
    } else if (junctions.containsKey(node)) {
      variable = junctions.get(node);
    } else {
      variable = trackedBoolean(node);
    }
    return variable == null ? null : new Branch(variable, negated);
  }

  /** The name of the tracked boolean local or parameter {@code node} reads, or null. */
  static String trackedBoolean(Node node) {
    if (node instanceof LocalVariableNode local
        && local.getType().getKind() == TypeKind.BOOLEAN
        && (local.getElement().getKind() == ElementKind.LOCAL_VARIABLE
            || local.getElement().getKind() == ElementKind.PARAMETER)) {
      return local.getName();
    }
    return null;
  }

  private void visitJunction(BinaryOperationNode junction) {
    // Not a Java identifier, and not "#": the core forgets "#" variables once tested.
    junctions.put(junction, (junction instanceof ConditionalAndNode ? "&&" : "||") + synthetic++);
    Block block = junction.getBlock();
    if (block != null && !block.getNodes().isEmpty() && block.getNodes().get(0) == junction) {
      merges.put(block, junction);
    }
  }

  private void visitNode(Node node) {
    if (node instanceof MethodInvocationNode invocation && invocation.getTree() != null) {
      notePathCalls(invocation.getTree());
    }
    if (node instanceof BinaryOperationNode junction && junctions.containsKey(junction)) {
      valueOf(junction.getRightOperand()); // a tryLock() on the right gets its variable
    }
    if (node instanceof AssignmentNode assignment) {
      String variable = trackedBoolean(assignment.getTarget());
      if (variable == null) {
        return;
      }
      if (assignment.getExpression() instanceof MethodInvocationNode invocation
          && isConditionalLockOperation(invocation)) {
        bindings.put(invocation, variable);
        bindingAssignments.add(assignment);
      } else {
        valueOf(assignment.getExpression()); // copied into the local by the translation
      }
    }
  }

  private void visitConditional(ConditionalBlock block) {
    if (block.getPredecessors().size() != 1) {
      return;
    }
    Block computed = block.getPredecessors().iterator().next();
    Branch branch = valueOf(computed.getLastNode());
    if (branch == null) {
      return;
    }
    branches.put(block, branch);
    BinaryOperationNode junction = merges.get(computed);
    if (junction != null && onlyJunctionAndNegations(computed.getNodes())) {
      tests.put(junction, block);
    }
  }

  private static boolean onlyJunctionAndNegations(List<Node> nodes) {
    for (int i = 1; i < nodes.size(); i++) {
      if (!(nodes.get(i) instanceof ConditionalNotNode)) {
        return false;
      }
    }
    return true;
  }

  private boolean isConditionalLockOperation(MethodInvocationNode invocation) {
    MethodInvocationTree tree = invocation.getTree();
    if (tree == null) {
      return false;
    }
    LockOperation operation = context.lockCalls().classify(tree);
    return operation != null
        && (operation.action() == Action.TRY_ACQUIRE || operation.action() == Action.HELD_CHECK)
        && receiverPath(tree) != null;
  }

  private LockPath receiverPath(MethodInvocationTree tree) {
    ExpressionTree receiver = LockCalls.receiver(tree);
    if (receiver != null) {
      return context.resolver().resolve(receiver);
    }
    Symbol method = ASTHelpers.getSymbol((Tree) tree);
    return method == null ? null : context.resolver().implicitReceiver(method);
  }

  /** Marks the calls inside a lock operation's receiver when the receiver names a known lock. */
  private void notePathCalls(MethodInvocationTree tree) {
    LockOperation operation = context.lockCalls().classify(tree);
    if (operation == null || receiverPath(tree) == null) {
      return;
    }
    ExpressionTree receiver = LockCalls.receiver(tree);
    while (receiver != null) {
      if (receiver instanceof ParenthesizedTree parens) {
        receiver = parens.getExpression();
      } else if (receiver instanceof TypeCastTree cast) {
        receiver = cast.getExpression();
      } else if (receiver instanceof MethodInvocationTree call) {
        pathCalls.add(call);
        receiver = LockCalls.receiver(call);
      } else if (receiver instanceof MemberSelectTree select) {
        receiver = select.getExpression();
      } else {
        receiver = null;
      }
    }
  }
}
