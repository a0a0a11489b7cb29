package dev.latchkey.detectors;

import dev.latchkey.checks.model.CatchClause;
import dev.latchkey.checks.model.CatchSource;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.GotoInstruction;
import org.apache.bcel.generic.IFNE;
import org.apache.bcel.generic.IFNULL;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.IfInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ReturnInstruction;

/**
 * The graph of one method: a segment of nodes per reachable instruction (ESCAPEs, then the
 * instruction's event, or a NOP), joined by the instruction's normal, branch and exceptional edges;
 * a CATCH before the entry of each source {@code catch} clause and a CATCH_END on each normal edge
 * that leaves a catch block.
 */
final class GraphBuilder {
  private final MethodContext context;
  private final Handlers handlers;
  private final SyntheticCalls synthetic;
  private final BooleanTracking booleans;
  private final Invocations invocations;
  private final Escapes escapes;
  private final LoopLimits loopLimits;
  private final Monitors monitors;
  private final FieldAccesses fields;

  GraphBuilder(
      MethodContext context,
      Handlers handlers,
      SyntheticCalls synthetic,
      BooleanTracking booleans,
      Invocations invocations,
      Escapes escapes,
      LoopLimits loopLimits) {
    this.context = context;
    this.handlers = handlers;
    this.synthetic = synthetic;
    this.booleans = booleans;
    this.invocations = invocations;
    this.escapes = escapes;
    this.loopLimits = loopLimits;
    this.monitors = new Monitors(context);
    this.fields = new FieldAccesses(context);
  }

  /** The model nodes of one instruction: control enters at {@code head}, leaves from tail. */
  private record Segment(Node head, Node tail) {}

  /** How control leaves one instruction's node. */
  private record Exits(
      List<InstructionHandle> normal,
      InstructionHandle onTrue,
      InstructionHandle onFalse,
      List<InstructionHandle> exceptional,
      boolean toExceptionalExit,
      boolean toExit) {
    static Exits normal(List<InstructionHandle> successors) {
      return new Exits(successors, null, null, List.of(), false, false);
    }
  }

  void build(MethodModel.Builder builder, InstructionList list) {
    Map<Integer, InstructionHandle> byPc = new HashMap<>();
    for (InstructionHandle handle : context.handles) {
      byPc.put(handle.getPosition(), handle);
    }
    Map<InstructionHandle, Segment> segments = new IdentityHashMap<>();
    Map<InstructionHandle, Exits> exits = new IdentityHashMap<>();
    Deque<InstructionHandle> work = new ArrayDeque<>();
    InstructionHandle first = list.getStart();
    segments.put(first, segment(builder, first));
    work.add(first);
    while (!work.isEmpty()) {
      InstructionHandle handle = work.poll();
      Exits out = exits(handle, segments.get(handle).tail(), byPc);
      exits.put(handle, out);
      List<InstructionHandle> targets = new ArrayList<>(out.normal());
      if (out.onTrue() != null) {
        targets.add(out.onTrue());
        targets.add(out.onFalse());
      }
      targets.addAll(out.exceptional());
      for (InstructionHandle target : targets) {
        if (!segments.containsKey(target)) {
          if (context.frame(target) == null) {
            throw new IllegalStateException("no operand stack state at pc " + target.getPosition());
          }
          segments.put(target, segment(builder, target));
          work.add(target);
        }
      }
    }
    builder.edge(builder.entry(), segments.get(first).head());
    for (Map.Entry<InstructionHandle, Exits> entry : exits.entrySet()) {
      InstructionHandle source = entry.getKey();
      Segment from = segments.get(source);
      Exits out = entry.getValue();
      Boolean constant = booleans.constantAssignAt(source);
      for (InstructionHandle target : out.normal()) {
        Node to = enter(builder, segments, source, target);
        if (constant == null) {
          builder.edge(from.tail(), to);
        } else if (constant) {
          builder.trueEdge(from.tail(), to);
        } else {
          builder.falseEdge(from.tail(), to);
        }
      }
      if (out.onTrue() != null) {
        builder.trueEdge(from.tail(), enter(builder, segments, source, out.onTrue()));
        builder.falseEdge(from.tail(), enter(builder, segments, source, out.onFalse()));
      }
      for (InstructionHandle target : out.exceptional()) {
        builder.exceptionalEdge(from.tail(), segments.get(target).head());
      }
      if (out.toExceptionalExit()) {
        builder.exceptionalEdge(from.tail(), builder.exceptionalExit());
      }
      if (out.toExit()) {
        builder.edge(from.tail(), builder.exit());
      }
    }
    Map<InstructionHandle, Node> tails = new IdentityHashMap<>();
    segments.forEach((handle, segment) -> tails.put(handle, segment.tail()));
    invocations.describeCalls(builder, tails);
  }

  /**
   * The node control reaches on the normal edge {@code source} -> {@code target}: the target's,
   * after a CATCH_END for each catch block the edge leaves (inner blocks first).
   */
  private Node enter(
      MethodModel.Builder builder,
      Map<InstructionHandle, Segment> segments,
      InstructionHandle source,
      InstructionHandle target) {
    Node to = segments.get(target).head();
    List<Handlers.Handler> left = handlers.catchesLeft(source, target);
    Node first = null;
    Node last = null;
    for (Handlers.Handler handler : left) {
      Segment entry = segments.get(context.handles[handler.index]);
      if (entry == null || entry.head().kind() != NodeKind.CATCH) {
        continue;
      }
      Node end = builder.catchEnd(entry.head());
      if (last == null) {
        first = end;
      } else {
        builder.edge(last, end);
      }
      last = end;
    }
    if (first == null) {
      return to;
    }
    builder.edge(last, to);
    return first;
  }

  /**
   * javac's {@code if (r != null)} before closing a try-with-resources resource that an expression
   * other than {@code new} initialised ({@code aload r; ifnull skip; aload r; r.close()}). The
   * model keeps only the path that closes it, like the javac front-end, whose CFG has no such test.
   */
  private boolean isResourceNullCheck(InstructionHandle handle) {
    if (!(handle.getInstruction() instanceof IFNULL)
        || !(handle.getPrev() != null && handle.getPrev().getInstruction() instanceof ALOAD before)
        || !(handle.getNext() != null && handle.getNext().getInstruction() instanceof ALOAD after)
        || before.getIndex() != after.getIndex()) {
      return false;
    }
    InstructionHandle close = handle.getNext().getNext();
    return close != null && handlers.isResourceClose(close);
  }

  private Exits exits(InstructionHandle handle, Node node, Map<Integer, InstructionHandle> byPc) {
    Instruction instruction = handle.getInstruction();
    int pc = handle.getPosition();
    if (instruction instanceof ReturnInstruction) {
      return new Exits(List.of(), null, null, List.of(), false, true);
    }
    if (instruction instanceof ATHROW) {
      Value thrown = context.frame(handle).top(0);
      return exceptional(List.of(), context.exceptions.forThrow(pc, thrown.type()), byPc);
    }
    if (booleans.branchAt(handle) != null) {
      InstructionHandle jump = ((IfInstruction) instruction).getTarget();
      InstructionHandle fall = ControlFlow.fallThrough(handle);
      // ifne jumps when the value is true; ifeq when it is false.
      boolean jumpsWhenTrue = instruction instanceof IFNE;
      return new Exits(
          List.of(),
          jumpsWhenTrue ? jump : fall,
          jumpsWhenTrue ? fall : jump,
          List.of(),
          false,
          false);
    }
    if (isResourceNullCheck(handle)) {
      return Exits.normal(List.of(ControlFlow.fallThrough(handle)));
    }
    List<InstructionHandle> normal = ControlFlow.successors(handle);
    // Monitors and field accesses have no exceptional edges (notes/FRONTENDS.md).
    if (instruction instanceof InvokeInstruction invoke
        && (node.kind() == NodeKind.CALL || isLockEvent(node))) {
      List<String> declared =
          context.facts.declaredExceptions(
              context.owner(invoke),
              invoke.getMethodName(context.cpg),
              invoke.getSignature(context.cpg));
      return exceptional(normal, context.exceptions.forCall(pc, declared), byPc);
    }
    return Exits.normal(normal);
  }

  private static boolean isLockEvent(Node node) {
    return switch (node.kind()) {
      case ACQUIRE, TRY_ACQUIRE, RELEASE, HELD_CHECK, HELD_ASSERTION -> true;
      default -> false;
    };
  }

  private static Exits exceptional(
      List<InstructionHandle> normal,
      ExceptionEdges.Targets targets,
      Map<Integer, InstructionHandle> byPc) {
    List<InstructionHandle> handlers = new ArrayList<>();
    for (int handlerPc : targets.handlerPcs()) {
      handlers.add(byPc.get(handlerPc));
    }
    return new Exits(normal, null, null, handlers, targets.escapes(), false);
  }

  private Segment segment(MethodModel.Builder builder, InstructionHandle handle) {
    Handlers.Handler handler = handlers.catchAt(handle);
    if (handler == null) {
      return instructionSegment(builder, handle);
    }
    // A catch clause: its CATCH node, then the instruction that stores the exception.
    int pc = handle.getPosition();
    Node entry = builder.catchEntry(context.line(pc), clause(handler), context.origin(pc));
    Segment store = instructionSegment(builder, handle);
    builder.edge(entry, store.head());
    return new Segment(entry, store.tail());
  }

  /** What the model knows about a catch clause (notes/FRONTENDS-context.exceptions.md, item 1). */
  private CatchClause clause(Handlers.Handler handler) {
    Set<String> declared = new LinkedHashSet<>();
    String lastCall = null;
    for (InstructionHandle handle : handlers.tryBlock(handler)) {
      if (!(handle.getInstruction() instanceof InvokeInstruction invoke)
          || invoke instanceof INVOKEDYNAMIC) {
        continue;
      }
      String name = invoke.getMethodName(context.cpg);
      List<String> thrown =
          context.facts.declaredExceptions(
              context.owner(invoke), name, invoke.getSignature(context.cpg));
      if (thrown != null) {
        thrown.stream().filter(this::isChecked).forEach(declared::add);
      }
      if (!synthetic.isSynthetic(handle)
          && !invocations.isPathCall(handle.getPosition())
          && !handlers.isResourceClose(handle)) {
        lastCall = name;
      }
    }
    boolean empty = handlers.emptyBody(handler);
    CatchSource source = empty ? source(handler) : null;
    return new CatchClause(
        handler.types(),
        handler.variable != null || source == null ? handler.variable : source.variable(),
        empty,
        declared,
        lastCall,
        handler.tryEndsInReturnOrThrow,
        source == null ? null : source.block());
  }

  /**
   * What the source file says about an empty handler (javac writes no LocalVariableTable entry for
   * its variable, and no class file keeps comments), or null without a source file.
   */
  private CatchSource source(Handlers.Handler handler) {
    List<String> types = handler.types();
    if (types.isEmpty()) {
      return null;
    }
    List<String> lines = SourceFiles.lines(context.className, context.sourceFile);
    return CatchSource.find(lines, context.line(handler.pc), types.get(0));
  }

  /** Not surely a RuntimeException or an Error (a {@code throws} clause may list those too). */
  private boolean isChecked(String exception) {
    return !context.facts.isSurelySubtype(exception, "java.lang.RuntimeException")
        && !context.facts.isSurelySubtype(exception, "java.lang.Error");
  }

  /** The nodes of one instruction: ESCAPEs of the locals it lets escape, then its event. */
  private Segment instructionSegment(MethodModel.Builder builder, InstructionHandle handle) {
    Segment event = eventSegment(builder, handle);
    Node head = event.head();
    List<String> escaped = escapes.at(handle);
    for (int i = escaped.size() - 1; i >= 0; i--) {
      int pc = handle.getPosition();
      Node escape = builder.escape(context.line(pc), escaped.get(i), context.origin(pc));
      builder.edge(escape, head);
      head = escape;
    }
    return new Segment(head, event.tail());
  }

  /**
   * The static type of what an {@code athrow} throws: the class of a {@code new} exception, else
   * the type of the value on the stack (a local's, a cast's), as javac's front-end reports it; or
   * null.
   */
  private String thrownType(InstructionHandle athrow) {
    String created = Handlers.newThrown(athrow, context.cpg);
    if (created != null) {
      return created;
    }
    OperandStackPaths.Frame frame = context.frame(athrow);
    return frame == null || frame.stack().length == 0 ? null : frame.top(0).type();
  }

  private Segment eventSegment(MethodModel.Builder builder, InstructionHandle handle) {
    Instruction instruction = handle.getInstruction();
    int pc = handle.getPosition();
    int line = context.line(pc);
    BytecodeOrigin origin = context.origin(pc);
    Node node;
    if (instruction instanceof ReturnInstruction) {
      node = builder.returnAt(line, handlers.leavesFinally(handle), origin);
    } else if (instruction instanceof ATHROW) {
      node =
          builder.throwing(
              line,
              thrownVariable(handle),
              thrownType(handle),
              handlers.leavesFinally(handle),
              origin);
    } else if (instruction instanceof GotoInstruction && handlers.leavesFinally(handle)) {
      node = builder.jump(line, true, origin);
    } else if (handlers.useAt(handle) != null) {
      node = builder.use(line, handlers.useAt(handle), origin);
    } else if (booleans.branchAt(handle) != null) {
      node = builder.branch(line, booleans.branchAt(handle), origin);
    } else if (booleans.assignAt(handle) != null) {
      String variable = booleans.assignAt(handle);
      Node assign = builder.assign(line, variable, origin);
      if (booleans.constantAssignAt(handle) != null) {
        // x = true: forget x, then let only the path where it is true through.
        Node constant = builder.branch(line, variable, origin);
        builder.edge(assign, constant);
        return new Segment(assign, constant);
      }
      node = assign;
    } else if (instruction instanceof InvokeInstruction invoke
        && !(invoke instanceof INVOKEDYNAMIC)
        && !invocations.isPathCall(pc)
        && !synthetic.isSynthetic(handle)) {
      node = invocations.invocation(builder, handle, invoke, line, origin);
    } else if (loopLimits.limitAt(handle) != null) {
      node = builder.loopLimit(line, loopLimits.limitAt(handle), origin);
    } else {
      node = monitors.nodeAt(builder, handle, line, origin);
      if (node == null) {
        node = fields.nodeAt(builder, handle, line, origin);
      }
      if (node == null) {
        node = builder.nop(line, origin);
      }
    }
    return new Segment(node, node);
  }

  /**
   * The local variable {@code throw x} throws ({@code aload x; athrow}), by its declared name; null
   * for other throws and for the compiler's temporaries (javac's rethrow at the end of a {@code
   * finally}).
   */
  private String thrownVariable(InstructionHandle athrow) {
    if (handlers.isSyntheticRethrow(athrow)
        || athrow.hasTargeters()
        || athrow.getPrev() == null
        || !(athrow.getPrev().getInstruction() instanceof ALOAD load)) {
      return null;
    }
    LocalVariables.Var variable =
        context.locals.at(load.getIndex(), athrow.getPrev().getPosition());
    return variable == null ? null : variable.name();
  }
}
