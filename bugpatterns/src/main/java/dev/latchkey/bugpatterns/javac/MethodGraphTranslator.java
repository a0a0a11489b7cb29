package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.latchkey.bugpatterns.javac.ConditionScan.Branch;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.checkerframework.errorprone.dataflow.cfg.block.Block;
import org.checkerframework.errorprone.dataflow.cfg.block.ConditionalBlock;
import org.checkerframework.errorprone.dataflow.cfg.block.ExceptionBlock;
import org.checkerframework.errorprone.dataflow.cfg.block.SingleSuccessorBlock;
import org.checkerframework.errorprone.dataflow.cfg.block.SpecialBlock;
import org.checkerframework.errorprone.dataflow.cfg.node.AssertionErrorNode;
import org.checkerframework.errorprone.dataflow.cfg.node.AssignmentNode;
import org.checkerframework.errorprone.dataflow.cfg.node.BinaryOperationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.BooleanLiteralNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ClassDeclarationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalAndNode;
import org.checkerframework.errorprone.dataflow.cfg.node.FieldAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.FunctionalInterfaceNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LambdaResultExpressionNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MarkerNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ObjectCreationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ReturnNode;
import org.checkerframework.errorprone.dataflow.cfg.node.SynchronizedNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ThrowNode;

/**
 * Translates the Checker Framework CFG of one method or lambda body (the CFG Error Prone ships)
 * into the core's method model.
 *
 * <p>Every CFG block becomes a short chain of model nodes (a NOP when it holds no event). The CFG
 * already duplicates {@code finally} code per way out of the {@code try}, routes labelled
 * break/continue and switch arms, and gives each node its exceptional successors by exception type.
 * Only invocations, object creations and throws keep their exceptional edges (notes/FRONTENDS.md);
 * the rethrow at the end of the exceptional copy of a {@code finally} continues, with normal edges,
 * to wherever the exception goes next. Conditional blocks that test a tracked variable become
 * BRANCH nodes.
 *
 * <p>For the exception checks: each copy of a {@code catch} handler starts with a CATCH node (the
 * head of the block its exceptional edges lead to) and ends with CATCH_END nodes where control
 * falls out of it or a {@code break}/{@code continue} jumps out of it ({@link HandlerCopies} says
 * which copy a block belongs to); reads of exception variables are USE nodes (a read inside a
 * lambda or class created there counts at the creation); RETURN, THROW and JUMP nodes say whether
 * they leave a {@code finally} block ({@link BodyTrees}); every CALL is described for the task
 * rules ({@link InvocationNodes#describeCalls()}).
 *
 * <p>For the executor checks ({@link ValueEvents}): ESCAPE where a reference-typed local's value
 * leaves the method's sight, and LOOP_LIMIT where a loop's condition compares an int local with an
 * integer constant. A body may be translated in pieces into one model: a constructor is preceded by
 * the field initializers it runs ({@link #translate(ClassContext, MethodModel.Builder,
 * CfgFactory.Cfg, Tree, Types, Node, Node)}).
 *
 * <p>For the race and lock-order checks: FIELD_READ, FIELD_WRITE and ARRAY_WRITE where the CFG
 * reads and stores fields and array elements ({@link FieldEvents}; no exceptional edges from them),
 * and for each {@code synchronized} block whose lock has a path a MONITOR acquisition where it
 * starts and a release on every edge that leaves it ({@link MonitorRegions}): its end, a return,
 * break or continue (after the RETURN or jump), and every exceptional edge to a handler or the
 * exceptional exit outside it (the thrower's exceptional edge leads to the release, which goes on
 * to the handler with a normal edge, as the rethrow of a {@code finally} copy does).
 */
final class MethodGraphTranslator {
  /** The model nodes of one CFG block: control enters at {@code head}, leaves from {@code tail}. */
  private record Segment(Node head, Node tail, Node thrower, boolean rethrow) {}

  private final ClassContext context;
  private final MethodModel.Builder model;

  /** The nodes the CFG's entry and (normal) exit stand for. */
  private final Node entry;

  private final Node exit;

  private final ConditionScan scan;
  private final InvocationNodes invocations;
  private final BodyTrees trees;
  private final HandlerCopies handlerCopies;
  private final FieldEvents fields;
  private final MonitorRegions monitors;
  private final ValueEvents values;

  /** The monitor releases on the edges that leave {@code synchronized} blocks, by source block. */
  private final Map<Block, Map<Node, Node>> releases = new IdentityHashMap<>();

  private final Map<Block, Segment> segments = new IdentityHashMap<>();

  /** The CATCH node of each copy of a handler, by the block where the copy starts. */
  private final Map<Block, Node> catchNodes = new IdentityHashMap<>();

  /** Variables that CFG nodes write rather than read (the targets of assignments). */
  private final Set<org.checkerframework.errorprone.dataflow.cfg.node.Node> written =
      Collections.newSetFromMap(new IdentityHashMap<>());

  /** BRANCH nodes that stand for the assignment of a constant: their only edge's value. */
  private final Map<Node, Boolean> constants = new IdentityHashMap<>();

  private MethodGraphTranslator(
      ClassContext context,
      MethodModel.Builder model,
      CfgFactory.Cfg cfg,
      Tree declaration,
      Types types,
      Node entry,
      Node exit) {
    this.context = context;
    this.model = model;
    this.entry = entry;
    this.exit = exit;
    this.scan = ConditionScan.of(cfg.graph(), context);
    this.trees = BodyTrees.of(declaration, context.catchClauses());
    this.invocations =
        new InvocationNodes(context, scan, model, cfg.artificialTrees(), trees, types);
    this.handlerCopies = HandlerCopies.of(cfg.graph(), trees);
    this.fields = new FieldEvents(context, model, trees, cfg);
    this.monitors = MonitorRegions.of(context, cfg, trees, declaration);
    this.values = new ValueEvents(context, model, trees);
  }

  /**
   * Adds the nodes and edges of {@code cfg}, the CFG of the body of {@code declaration} (a method
   * or a lambda expression), to {@code model}.
   */
  static void translate(
      ClassContext context,
      MethodModel.Builder model,
      CfgFactory.Cfg cfg,
      Tree declaration,
      Types types) {
    translate(context, model, cfg, declaration, types, model.entry(), model.exit());
  }

  /**
   * As {@link #translate(ClassContext, MethodModel.Builder, CfgFactory.Cfg, Tree, Types)}, for a
   * piece of a method: the CFG's entry and exit become {@code entry} and {@code exit} (a field
   * initializer, which runs in the constructor between two NOPs). {@code declaration} is the root
   * of the piece's trees (a method, a lambda, a field or an initializer block).
   */
  static void translate(
      ClassContext context,
      MethodModel.Builder model,
      CfgFactory.Cfg cfg,
      Tree declaration,
      Types types,
      Node entry,
      Node exit) {
    MethodGraphTranslator translator =
        new MethodGraphTranslator(context, model, cfg, declaration, types, entry, exit);
    Set<Block> blocks = cfg.graph().getAllBlocks();
    for (Block block : blocks) {
      for (org.checkerframework.errorprone.dataflow.cfg.node.Node node : block.getNodes()) {
        if (node instanceof AssignmentNode assignment) {
          translator.written.add(assignment.getTarget());
          translator.invocations.noteAssignment(assignment);
          translator.fields.noteAssignment(assignment);
        }
      }
    }
    for (Block block : blocks) {
      translator.segments.put(block, translator.segment(block));
    }
    for (Block block : blocks) {
      translator.connect(block);
    }
    translator.invocations.describeCalls();
  }

  private Segment segment(Block block) {
    switch (block.getType()) {
      case SPECIAL_BLOCK:
        Node special =
            switch (((SpecialBlock) block).getSpecialType()) {
              case ENTRY -> entry;
              case EXIT -> exit;
              case EXCEPTIONAL_EXIT -> model.exceptionalExit();
            };
        return new Segment(special, special, null, false);
      case CONDITIONAL_BLOCK:
        Branch branch = scan.branch((ConditionalBlock) block);
        Node test =
            branch == null ? model.nop(-1, null) : model.branch(-1, branch.variable(), null);
        return new Segment(test, test, null, false);
      case EXCEPTION_BLOCK:
        return exceptionSegment((ExceptionBlock) block);
      default:
        return chain(regularNodes(block));
    }
  }

  private Segment exceptionSegment(ExceptionBlock block) {
    org.checkerframework.errorprone.dataflow.cfg.node.Node node = block.getNode();
    Node event = null;
    if (node instanceof MethodInvocationNode invocation) {
      event = invocations.invocation(invocation);
    } else if (node instanceof ObjectCreationNode creation) {
      event = invocations.creation(creation);
    } else if (node instanceof ThrowNode throwNode && throwNode.getTree() != null) {
      event = throwing(throwNode.getTree());
    } else if (node instanceof ThrowNode throwNode) {
      event = assertionFailure(throwNode.getExpression());
    } else if (node instanceof AssertionErrorNode) {
      event = assertionFailure(node);
    } else if (isRethrow(node)) {
      Node rethrow = model.nop(-1, null);
      return new Segment(rethrow, rethrow, null, true);
    } else if (node instanceof FieldAccessNode access) {
      Node read = fields.read(access); // no exceptional edges from field accesses
      if (read != null) {
        return new Segment(read, read, null, false);
      }
    }
    if (event == null) {
      Node nop = model.nop(-1, null);
      return new Segment(nop, nop, null, false);
    }
    return new Segment(event, event, event, false);
  }

  /** The end of a {@code finally} copy that runs on the way out of an exception. */
  private static boolean isRethrow(org.checkerframework.errorprone.dataflow.cfg.node.Node node) {
    return node instanceof MarkerNode marker
        && marker.getMessage().startsWith("end of finally block for Throwable");
  }

  /**
   * {@code throw e} throws the local e; {@code throw new T(..)} a new T; anything else an unknown
   * value.
   */
  private Node throwing(ThrowTree tree) {
    ExpressionTree thrown = tree.getExpression();
    while (thrown instanceof ParenthesizedTree parens) {
      thrown = parens.getExpression();
    }
    String variable = null;
    String type = null;
    if (thrown instanceof IdentifierTree identifier
        && ValueEvents.isLocal(ASTHelpers.getSymbol(identifier))) {
      variable = identifier.getName().toString();
    }
    // The static type of what is thrown: a new exception's class, a cast's type, a local's type.
    if ((thrown instanceof NewClassTree || thrown instanceof TypeCastTree || variable != null)
        && ASTHelpers.getType(thrown) != null) {
      type = MethodRefs.binaryName(ASTHelpers.getType(thrown).tsym);
    }
    return model.throwing(context.line(tree), variable, type, trees.leavesFinally(tree), tree);
  }

  /**
   * The throw of a failed {@code assert} (the CFG builder's throw of its AssertionErrorNode, which
   * has no tree of its own): a new AssertionError, as in the class file.
   */
  private Node assertionFailure(org.checkerframework.errorprone.dataflow.cfg.node.Node assertion) {
    Tree tree = assertion == null ? null : assertion.getTree();
    String type = "java.lang.AssertionError";
    if (assertion != null && assertion.getType() instanceof Type t) {
      type = MethodRefs.binaryName(t.tsym);
    }
    return model.throwing(context.line(tree), null, type, false, tree);
  }

  /** The events of a regular block, each a piece of graph entered at its first node. */
  private List<Segment> regularNodes(Block block) {
    List<Segment> pieces = new ArrayList<>();
    for (org.checkerframework.errorprone.dataflow.cfg.node.Node node : block.getNodes()) {
      if (node instanceof ReturnNode ret) {
        add(pieces, values.escape(ret.getResult(), ret.getTree()));
        pieces.add(single(returnAt(ret.getTree())));
      } else if (node instanceof LambdaResultExpressionNode result) {
        add(pieces, values.escape(result.getResult(), result.getTree()));
      } else if (node instanceof MarkerNode marker) {
        marker(block, marker, pieces);
      } else if (node instanceof FieldAccessNode access) {
        Node read = fields.read(access);
        if (read != null) {
          pieces.add(single(read));
        }
      } else if (node instanceof MethodInvocationNode invocation) {
        // A call the CFG builder made up and placed outside an exception block (an enhanced for
        // loop's iterator() and hasNext()): the bytecode has it too.
        Node call = invocations.invocation(invocation);
        if (call != null) {
          pieces.add(single(call));
        }
      } else if (node instanceof SynchronizedNode sync) {
        MonitorRegions.Monitor monitor = monitors.monitor(sync);
        if (monitor != null) {
          pieces.add(
              single(sync.getIsStartOfBlock() ? monitorEnter(monitor) : monitorExit(monitor)));
        }
      } else if (node instanceof AssignmentNode assignment) {
        if (!ValueEvents.isArtificialLocal(assignment.getTarget())) {
          add(pieces, values.escape(assignment.getExpression(), assignment.getTree()));
        }
        Node write = fields.write(assignment);
        if (write != null) {
          pieces.add(single(write));
        }
        String variable = ConditionScan.trackedBoolean(assignment.getTarget());
        if (variable != null && !scan.isBinding(assignment)) {
          pieces.add(assignment(variable, assignment));
        }
      } else if (node instanceof BinaryOperationNode comparison
          && ValueEvents.isComparison(comparison)) {
        Node limit = values.loopLimit(comparison);
        if (limit != null) {
          pieces.add(single(limit));
        }
      } else if (node instanceof LocalVariableNode local
          && local.getElement().getKind() == ElementKind.EXCEPTION_PARAMETER
          && !written.contains(local)) {
        pieces.add(
            single(model.use(context.line(local.getTree()), local.getName(), local.getTree())));
      } else if (node instanceof FunctionalInterfaceNode || node instanceof ClassDeclarationNode) {
        // A lambda, method reference or class created here reads the variables it captures, and
        // their values escape into it.
        ValueEvents.Captures captures = ValueEvents.captures(node.getTree());
        int line = context.line(node.getTree());
        for (String variable : captures.exceptionVariables()) {
          pieces.add(single(model.use(line, variable, node.getTree())));
        }
        for (String variable : captures.references()) {
          pieces.add(single(model.escape(line, variable, node.getTree())));
        }
      }
    }
    return pieces;
  }

  private void marker(Block block, MarkerNode marker, List<Segment> pieces) {
    String message = marker.getMessage();
    Tree tree = marker.getTree();
    if (message.equals(CfgFactory.VOID_RETURN)) {
      pieces.add(single(returnAt(tree)));
    } else if (message.equals(CfgFactory.CATCH_START) && tree instanceof CatchTree handler) {
      Node entry = catchNode(block, handler);
      if (entry != null) {
        pieces.add(single(entry));
      }
    } else if (message.equals(CfgFactory.CATCH_END) && tree instanceof CatchTree handler) {
      Node entry = catchNode(block, handler);
      if (entry != null) {
        pieces.add(single(model.catchEnd(entry)));
      }
    } else if (message.equals(CfgFactory.JUMP)) {
      // break/continue: out of the handlers it leaves, then the jump itself when it masks.
      for (CatchTree handler : trees.catchesLeft(tree)) {
        Node entry = catchNode(block, handler);
        if (entry != null) {
          pieces.add(single(model.catchEnd(entry)));
        }
      }
      if (trees.leavesFinally(tree)) {
        pieces.add(single(model.jump(context.line(tree), true, tree)));
      }
    }
  }

  private Node returnAt(Tree tree) {
    return model.returnAt(context.line(tree), trees.leavesFinally(tree), tree);
  }

  /** The CATCH node of the copy of {@code handler} that {@code block} belongs to, or null. */
  private Node catchNode(Block block, CatchTree handler) {
    Block start = handlerCopies.startOf(block, handler);
    if (start == null || !(trees.parent(handler) instanceof TryTree tryTree)) {
      return null;
    }
    return catchNodes.computeIfAbsent(
        start,
        s ->
            model.catchEntry(
                context.startLine(handler), context.catchClauses().of(handler, tryTree), handler));
  }

  private static void add(List<Segment> pieces, Node node) {
    if (node != null) {
      pieces.add(single(node));
    }
  }

  private static Segment single(Node node) {
    return new Segment(node, node, null, false);
  }

  /**
   * {@code x = <value>} for a tracked boolean {@code x}. The model has no assignment of a value, so
   * x is forgotten (ASSIGN) and then, when the value is known on a path, a one-way BRANCH on x
   * keeps only that value: a constant on every path, another tracked value ({@code x = locked},
   * {@code x = !lock.tryLock()}) by branching on it first.
   */
  private Segment assignment(String variable, AssignmentNode assignment) {
    Node join = model.nop(context.line(assignment.getTree()), null);
    Node head =
        assignment.getExpression() instanceof BooleanLiteralNode literal
            ? oneWay(variable, literal.getValue(), join)
            : copy(scan.valueOf(assignment.getExpression()), variable, join);
    return new Segment(head, join, null, false);
  }

  private Segment chain(List<Segment> pieces) {
    if (pieces.isEmpty()) {
      Node nop = model.nop(-1, null);
      return new Segment(nop, nop, null, false);
    }
    for (int i = 1; i < pieces.size(); i++) {
      link(pieces.get(i - 1).tail(), pieces.get(i).head());
    }
    return new Segment(pieces.get(0).head(), pieces.get(pieces.size() - 1).tail(), null, false);
  }

  private void connect(Block block) {
    Segment segment = segments.get(block);
    switch (block.getType()) {
      case SPECIAL_BLOCK:
        for (Block successor : block.getSuccessors()) {
          link(segment.tail(), leaving(block, successor, entry(block, successor)));
        }
        return;
      case CONDITIONAL_BLOCK:
        connectConditional((ConditionalBlock) block, segment.tail());
        return;
      case EXCEPTION_BLOCK:
        ExceptionBlock exceptionBlock = (ExceptionBlock) block;
        Block next = exceptionBlock.getSuccessor();
        if (next != null) {
          link(segment.tail(), leaving(block, next, entry(block, next)));
        }
        if (segment.thrower() != null || segment.rethrow()) {
          for (Set<Block> handlers : exceptionBlock.getExceptionalSuccessors().values()) {
            for (Block handler : handlers) {
              Node target = leaving(block, handler, head(handler));
              if (segment.rethrow()) {
                model.edge(segment.tail(), target);
              } else {
                model.exceptionalEdge(segment.thrower(), target);
              }
            }
          }
        }
        return;
      default:
        Block successor = ((SingleSuccessorBlock) block).getSuccessor();
        if (successor != null) {
          link(segment.tail(), leaving(block, successor, entry(block, successor)));
        }
    }
  }

  private void connectConditional(ConditionalBlock block, Node test) {
    Block thenBlock = block.getThenSuccessor();
    Block elseBlock = block.getElseSuccessor();
    Node then = leaving(block, thenBlock, entry(block, thenBlock));
    Node otherwise = leaving(block, elseBlock, entry(block, elseBlock));
    if (test.kind() != NodeKind.BRANCH) {
      model.edge(test, then).edge(test, otherwise);
      return;
    }
    boolean negated = scan.branch(block).negated();
    model.trueEdge(test, negated ? otherwise : then);
    model.falseEdge(test, negated ? then : otherwise);
  }

  /**
   * Where control from {@code from} enters {@code to}: its head, except where an {@code &&} or
   * {@code ||} value is computed. The CFG joins the short-circuit path and the right operand's path
   * there; each path goes on knowing the junction's value: the short-circuit value, or the right
   * operand's when the model tracks it. When a conditional block tests the junction right away,
   * each path goes straight to the branch its value selects; otherwise the value is kept in the
   * junction's variable.
   */
  private Node entry(Block from, Block to) {
    BinaryOperationNode junction = scan.junctionStartingAt(to);
    if (junction == null) {
      return head(to);
    }
    boolean isAnd = junction instanceof ConditionalAndNode;
    boolean shortCircuit =
        from instanceof ConditionalBlock test
            && (isAnd ? test.getElseSuccessor() : test.getThenSuccessor()) == to;
    ConditionalBlock tested = scan.testOf(junction);
    if (tested == null) {
      String variable = scan.junctionVariable(junction);
      return shortCircuit
          ? oneWay(variable, !isAnd, head(to))
          : copy(scan.valueOf(junction.getRightOperand()), variable, head(to));
    }
    boolean negated = scan.branch(tested).negated();
    Block whenTrue = negated ? tested.getElseSuccessor() : tested.getThenSuccessor();
    Block whenFalse = negated ? tested.getThenSuccessor() : tested.getElseSuccessor();
    if (shortCircuit) {
      return entry(tested, isAnd ? whenFalse : whenTrue);
    }
    Branch right = scan.valueOf(junction.getRightOperand());
    if (right == null) {
      Node either = model.nop(-1, null);
      model.edge(either, entry(tested, whenTrue)).edge(either, entry(tested, whenFalse));
      return either;
    }
    Node test = model.branch(-1, right.variable(), null);
    model.trueEdge(test, entry(tested, right.negated() ? whenFalse : whenTrue));
    model.falseEdge(test, entry(tested, right.negated() ? whenTrue : whenFalse));
    return test;
  }

  /** {@code variable = source}, then on to {@code next}; unknown when the source is untracked. */
  private Node copy(Branch source, String variable, Node next) {
    if (source == null) {
      Node unknown = model.assign(-1, variable, null);
      model.edge(unknown, next);
      return unknown;
    }
    Node test = model.branch(-1, source.variable(), null);
    model.trueEdge(test, oneWay(variable, !source.negated(), next));
    model.falseEdge(test, oneWay(variable, source.negated(), next));
    return test;
  }

  /** {@code variable = value}, then on to {@code next}: ASSIGN, then a one-way BRANCH. */
  private Node oneWay(String variable, boolean value, Node next) {
    Node assign = model.assign(-1, variable, null);
    Node known = model.branch(-1, variable, null);
    constants.put(known, value);
    model.edge(assign, known);
    link(known, next);
    return assign;
  }

  /** A normal edge, or for a constant BRANCH the edge of its value. */
  private void link(Node from, Node to) {
    Boolean constant = constants.get(from);
    if (constant == null) {
      model.edge(from, to);
    } else if (constant) {
      model.trueEdge(from, to);
    } else {
      model.falseEdge(from, to);
    }
  }

  /**
   * {@code target}, preceded by the release of every monitor whose {@code synchronized} block the
   * edge from {@code from} to {@code to} leaves (a return, break or continue out of it, or an
   * exception handled outside it), innermost first.
   */
  private Node leaving(Block from, Block to, Node target) {
    List<MonitorRegions.Monitor> left = monitors.leaving(from, to);
    if (left.isEmpty()) {
      return target;
    }
    // One chain per pair of blocks: several exception types may take the same edge.
    Map<Node, Node> chains = releases.computeIfAbsent(from, b -> new IdentityHashMap<>());
    return chains.computeIfAbsent(
        target,
        t -> {
          Node next = t;
          for (int i = left.size() - 1; i >= 0; i--) {
            Node release = monitorExit(left.get(i));
            model.edge(release, next);
            next = release;
          }
          return next;
        });
  }

  private Node monitorEnter(MonitorRegions.Monitor monitor) {
    return model.monitorEnter(
        monitor.line(), monitor.lock(), monitor.rootType(), monitor.label(), monitor.tree());
  }

  private Node monitorExit(MonitorRegions.Monitor monitor) {
    return model.monitorExit(monitor.line(), monitor.lock(), monitor.rootType(), monitor.tree());
  }

  private Node head(Block block) {
    Segment segment = segments.get(block);
    if (segment == null) {
      throw new IllegalStateException("CFG block outside the graph: " + block);
    }
    return segment.head();
  }
}
