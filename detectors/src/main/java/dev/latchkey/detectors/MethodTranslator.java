package dev.latchkey.detectors;

import dev.latchkey.checks.api.LockOperation;
import dev.latchkey.checks.api.TaskApi;
import dev.latchkey.checks.model.CatchClause;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import dev.latchkey.checks.model.ResultUse;
import dev.latchkey.checks.model.TaskOperation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.LineNumberTable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.CHECKCAST;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.GotoInstruction;
import org.apache.bcel.generic.IFEQ;
import org.apache.bcel.generic.IFNE;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.ISTORE;
import org.apache.bcel.generic.IfInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.POP;
import org.apache.bcel.generic.POP2;
import org.apache.bcel.generic.PUTFIELD;
import org.apache.bcel.generic.PUTSTATIC;
import org.apache.bcel.generic.ReturnInstruction;
import org.apache.bcel.generic.StackInstruction;
import org.apache.bcel.generic.StoreInstruction;
import org.apache.bcel.generic.Type;

/**
 * Translates one method body into the core's model: a graph with a node per reachable instruction
 * (notes/FRONTENDS.md, notes/FRONTENDS-exceptions.md).
 *
 * <ul>
 *   <li>An invocation becomes a lock operation (the core's {@code LockApi}) when its lock has a
 *       known path, or else a CALL, with exceptional edges to the handlers that may catch what it
 *       throws ({@link ExceptionEdges}). Calls javac adds for constructs without a call in the
 *       source ({@link SyntheticCalls}) and no-argument calls that only name the lock of a lock
 *       operation ({@code getLock()} in {@code getLock().unlock()}) are no events. Every CALL is
 *       described for the task rules: what consumes its result, the core's {@code TaskApi} meaning,
 *       the CALL that produced its receiver, the lambda bodies and method references of this class
 *       passed to it.
 *   <li>{@code athrow} becomes THROW (with the local it throws, or the type of {@code new T(..)});
 *       a return RETURN, then EXIT. Those, and a {@code goto} (a JUMP), are marked when they leave
 *       a {@code finally} block ({@link Handlers}).
 *   <li>The entry of a source {@code catch} clause is preceded by a CATCH node with its clause;
 *       normal edges out of the catch block go through a CATCH_END; reads of its variable in it are
 *       USE nodes ({@link Handlers}). javac's handlers for {@code finally}, try-with-resources and
 *       {@code synchronized} are plain bytecode.
 *   <li>Boolean locals and parameters are tracked: a {@code tryLock()} result stored into one binds
 *       it, a conditional jump on one (or directly on a {@code tryLock()} result, through a
 *       synthetic {@code #c<pc>} variable) is a BRANCH, any other store is an ASSIGN (followed, for
 *       the constants {@code true}/{@code false}, by a BRANCH that takes only that value).
 *   <li>Everything else is a NOP that only carries control flow.
 * </ul>
 */
final class MethodTranslator {
  private final String className;
  private final Method method;
  private final ConstantPoolGen cpg;
  private final ClassFacts facts;
  private final LambdaSites lambdas;
  private final List<LockPath> capturedPaths;
  private final LineNumberTable lines;

  private InstructionHandle[] handles;
  private LocalVariables locals;
  private ExceptionEdges exceptions;
  private OperandStackPaths paths;
  private SyntheticCalls synthetic;
  private Handlers handlers;
  private Map<Integer, InstructionHandle> handleByPc;

  /** tryLock()/isHeldByCurrentThread() pc -> the boolean local its result is stored in. */
  private final Map<Integer, LocalVariables.Var> bindings = new HashMap<>();

  /** tryLock()/isHeldByCurrentThread() pcs whose result a conditional jump tests directly. */
  private final Set<Integer> tested = new HashSet<>();

  /** Conditional jumps that are BRANCHes, with the variable they test. */
  private final Map<InstructionHandle, String> branches = new IdentityHashMap<>();

  /** Stores into boolean locals that are ASSIGNs, with the variable. */
  private final Map<InstructionHandle, String> assigns = new IdentityHashMap<>();

  /** Of those, the stores of a constant, with its value. */
  private final Map<InstructionHandle, Boolean> constantAssigns = new IdentityHashMap<>();

  /** pcs of no-argument calls that only name the lock of a lock operation. */
  private final Set<Integer> pathCalls = new HashSet<>();

  /** Invocation pc -> what consumes the value it pushes (absent: nothing seen, OTHER). */
  private final Map<Integer, ResultUse> resultUses = new HashMap<>();

  /** pcs of invocations whose result is an operand of a string concatenation. */
  private final Set<Integer> concatenated = new HashSet<>();

  /**
   * @param capturedPaths for a lambda body, the lock paths of its captured values in the method
   *     that creates it (see {@link OperandStackPaths#run}); empty otherwise
   */
  MethodTranslator(
      String className,
      Method method,
      ConstantPoolGen cpg,
      ClassFacts facts,
      LambdaSites lambdas,
      List<LockPath> capturedPaths) {
    this.className = className;
    this.method = method;
    this.cpg = cpg;
    this.facts = facts;
    this.lambdas = lambdas;
    this.capturedPaths = capturedPaths;
    this.lines = method.getLineNumberTable();
  }

  /** Adds the method's nodes and edges to {@code builder} (which holds ENTRY, EXIT, ...). */
  void translate(MethodModel.Builder builder) {
    Code code = method.getCode();
    InstructionList list = new InstructionList(code.getCode());
    list.setPositions();
    handles = list.getInstructionHandles();
    locals = new LocalVariables(method, handles);
    exceptions = new ExceptionEdges(code.getExceptionTable(), method.getConstantPool(), facts);
    paths =
        OperandStackPaths.run(
            method, className, cpg, handles, locals, exceptions, facts, capturedPaths);
    synthetic =
        new SyntheticCalls(
            cpg,
            locals,
            method.getLineNumberTable(),
            handle -> handlers.inTryWithResourcesHandler(handle),
            handle -> concatenated.contains(handle.getPosition()));
    handlers =
        new Handlers(
            handles,
            cpg,
            locals,
            exceptions,
            this::line,
            this::thrownType,
            synthetic::isAssertionFailure);
    findPathCalls();
    findBooleans();
    findResultUses();
    buildGraph(builder, list);
  }

  /** The static type of the value an {@code athrow} throws, or null. */
  private String thrownType(InstructionHandle athrow) {
    OperandStackPaths.Frame frame = paths.in(athrow);
    return frame == null || frame.stack().length == 0 ? null : frame.top(0).type();
  }

  /**
   * The lock paths, in this method, of the values each lambda created here captures: lambda body
   * key -> paths of its leading parameters (the receiver of an instance lambda body excluded).
   */
  Map<String, List<LockPath>> lambdaCaptures() {
    Map<String, List<LockPath>> captures = new HashMap<>();
    for (InstructionHandle handle : handles) {
      OperandStackPaths.Frame frame = paths.in(handle);
      if (frame == null || !(handle.getInstruction() instanceof INVOKEDYNAMIC invoke)) {
        continue;
      }
      String target = lambdas.target(invoke);
      Method body = target == null ? null : lambdas.method(target);
      if (body == null) {
        continue;
      }
      List<LockPath> captured = new ArrayList<>();
      Type[] arguments = invoke.getArgumentTypes(cpg);
      int depth = 0;
      for (Type argument : arguments) {
        depth += argument.getSize();
      }
      for (Type argument : arguments) {
        depth -= argument.getSize();
        Value value = frame.top(depth + argument.getSize() - 1);
        captured.add(argument.getSize() == 1 ? value.path() : null);
      }
      if (!body.isStatic() && !captured.isEmpty()) {
        captured.remove(0); // the receiver, this
      }
      captures.putIfAbsent(target, captured);
    }
    return captures;
  }

  /** The parameter names the model should carry. */
  static List<String> parameterNames(Method method) {
    Code code = method.getCode();
    InstructionHandle[] handles =
        code == null
            ? new InstructionHandle[0]
            : new InstructionList(code.getCode()).getInstructionHandles();
    return new LocalVariables(method, handles).parameterNames();
  }

  // ---------------------------------------------------------------- first passes

  /** The calls inside the receiver of a lock operation whose lock has a known path. */
  private void findPathCalls() {
    for (InstructionHandle handle : handles) {
      OperandStackPaths.Frame frame = paths.in(handle);
      if (frame == null
          || !(handle.getInstruction() instanceof InvokeInstruction invoke)
          || invoke instanceof INVOKEDYNAMIC
          || invoke.getOpcode() == Const.INVOKESTATIC) {
        continue;
      }
      if (facts.lockOperation(invoke.getReferenceType(cpg).toString(), invoke.getMethodName(cpg))
          == null) {
        continue;
      }
      Value receiver = frame.top(argumentWords(invoke));
      if (receiver.path() != null) {
        pathCalls.addAll(receiver.pathCalls());
      }
    }
  }

  private void findBooleans() {
    // tryLock() results stored into boolean locals, and results tested directly.
    for (InstructionHandle handle : handles) {
      OperandStackPaths.Frame frame = paths.in(handle);
      if (frame == null) {
        continue;
      }
      Instruction instruction = handle.getInstruction();
      if (instruction instanceof ISTORE store) {
        Value stored = frame.top(0);
        LocalVariables.Var variable = storedVariable(handle, store.getIndex());
        if (stored.isResult() && variable != null && variable.isBoolean()) {
          bindings.putIfAbsent(stored.resultPc(), variable);
        }
      } else if (isBooleanTest(instruction) && frame.top(0).isResult()) {
        tested.add(frame.top(0).resultPc());
      }
    }
    for (InstructionHandle handle : handles) {
      OperandStackPaths.Frame frame = paths.in(handle);
      if (frame == null) {
        continue;
      }
      Instruction instruction = handle.getInstruction();
      if (isBooleanTest(instruction)) {
        // A conditional jump on a result, or on a boolean local or parameter.
        Value condition = frame.top(0);
        if (condition.isResult()) {
          branches.put(handle, resultVariable(condition.resultPc()));
        } else if (condition.booleanLocal() != null) {
          branches.put(handle, condition.booleanLocal().name());
        }
      } else if (instruction instanceof ISTORE store) {
        // Any store into a boolean local other than a binding forgets what the model knew.
        LocalVariables.Var variable = storedVariable(handle, store.getIndex());
        if (variable == null || !variable.isBoolean()) {
          continue;
        }
        Value stored = frame.top(0);
        if (stored.isResult() && variable.equals(bindings.get(stored.resultPc()))) {
          continue;
        }
        assigns.put(handle, variable.name());
        if (stored.constant() != null) {
          constantAssigns.put(handle, stored.constant() != 0);
        }
      }
    }
  }

  private LocalVariables.Var storedVariable(InstructionHandle handle, int slot) {
    int pc = handle.getPosition();
    return locals.storedAt(slot, pc, pc + handle.getInstruction().getLength());
  }

  private static boolean isBooleanTest(Instruction instruction) {
    return instruction instanceof IFEQ || instruction instanceof IFNE;
  }

  /** The variable a TRY_ACQUIRE/HELD_CHECK at {@code pc} binds, or null when none is tracked. */
  private String resultVariable(int pc) {
    LocalVariables.Var bound = bindings.get(pc);
    if (bound != null) {
      return bound.name();
    }
    return tested.contains(pc) ? "#c" + pc : null;
  }

  private int argumentWords(InvokeInstruction invoke) {
    int words = 0;
    for (Type argument : invoke.getArgumentTypes(cpg)) {
      words += argument.getSize();
    }
    return words;
  }

  /**
   * What the code does with each invocation's result: the instruction that takes the value off the
   * operand stack ({@code checkcast} and {@code dup}s pass it on). {@code pop} discards it; a store
   * into a local, field or array element stores it; a return returns it; an invocation takes it as
   * its receiver or an argument; anything else (a condition, an operand, a lambda's captured value,
   * a string concatenation) is OTHER. When several instructions take copies of it, any but {@code
   * pop} wins.
   */
  private void findResultUses() {
    Map<Integer, List<ResultUse>> roles = new HashMap<>();
    for (InstructionHandle handle : handles) {
      OperandStackPaths.Frame frame = paths.in(handle);
      if (frame == null) {
        continue;
      }
      Instruction instruction = handle.getInstruction();
      if (instruction instanceof CHECKCAST
          || (instruction instanceof StackInstruction
              && !(instruction instanceof POP || instruction instanceof POP2))) {
        continue; // dup, swap, checkcast: pass the value on
      }
      int words;
      if (instruction instanceof InvokeInstruction invoke) {
        words = argumentWords(invoke) + (hasReceiver(invoke) ? 1 : 0);
      } else {
        words = instruction.consumeStack(cpg);
      }
      words = Math.min(words, frame.stack().length);
      boolean concatenation =
          instruction instanceof INVOKEDYNAMIC invoke
              && invoke.getMethodName(cpg).startsWith("makeConcat");
      for (int depth = 0; depth < words; depth++) {
        Value value = frame.top(depth);
        if (value.isProduced()) {
          roles
              .computeIfAbsent(value.producerPc(), pc -> new ArrayList<>())
              .add(role(instruction, depth));
          if (concatenation) {
            concatenated.add(value.producerPc());
          }
        }
      }
    }
    roles.forEach(
        (pc, found) ->
            resultUses.put(
                pc,
                found.stream()
                    .filter(role -> role != ResultUse.DISCARDED)
                    .findFirst()
                    .orElse(ResultUse.DISCARDED)));
  }

  private static boolean isArrayStore(Instruction instruction) {
    int opcode = instruction.getOpcode();
    return opcode >= Const.IASTORE && opcode <= Const.SASTORE;
  }

  private static boolean hasReceiver(InvokeInstruction invoke) {
    return !(invoke instanceof INVOKEDYNAMIC) && invoke.getOpcode() != Const.INVOKESTATIC;
  }

  /** What {@code instruction} does with the operand {@code depth} words below the top. */
  private ResultUse role(Instruction instruction, int depth) {
    if (instruction instanceof POP || instruction instanceof POP2) {
      return ResultUse.DISCARDED;
    }
    if (instruction instanceof ReturnInstruction) {
      return ResultUse.RETURNED;
    }
    if (instruction instanceof StoreInstruction || instruction instanceof PUTSTATIC) {
      return ResultUse.STORED;
    }
    if (instruction instanceof PUTFIELD || isArrayStore(instruction)) {
      return depth == 0 ? ResultUse.STORED : ResultUse.OTHER; // the value, not the object
    }
    if (instruction instanceof InvokeInstruction invoke && !(invoke instanceof INVOKEDYNAMIC)) {
      return depth == argumentWords(invoke) ? ResultUse.RECEIVER : ResultUse.ARGUMENT;
    }
    return ResultUse.OTHER;
  }

  // ---------------------------------------------------------------- graph

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

  private void buildGraph(MethodModel.Builder builder, InstructionList list) {
    Map<Integer, InstructionHandle> byPc = new HashMap<>();
    for (InstructionHandle handle : handles) {
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
          if (paths.in(target) == null) {
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
      Boolean constant = constantAssigns.get(source);
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
    describeCalls(builder, segments);
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
      Segment entry = segments.get(handles[handler.index]);
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

  /** What the task rules need about each CALL (notes/FRONTENDS-exceptions.md, item 6). */
  private void describeCalls(
      MethodModel.Builder builder, Map<InstructionHandle, Segment> segments) {
    for (Map.Entry<InstructionHandle, Segment> entry : segments.entrySet()) {
      Node call = entry.getValue().tail();
      if (call.kind() != NodeKind.CALL
          || !(entry.getKey().getInstruction() instanceof InvokeInstruction invoke)) {
        continue;
      }
      InstructionHandle handle = entry.getKey();
      OperandStackPaths.Frame frame = paths.in(handle);
      String owner = invoke.getReferenceType(cpg).toString();
      TaskOperation operation =
          TaskApi.classify(invoke.getMethodName(cpg), type -> facts.isSurelySubtype(owner, type));
      Node receiverCall = null;
      int words = argumentWords(invoke);
      if (hasReceiver(invoke) && frame.top(words).isProduced()) {
        InstructionHandle producer = handleAt(frame.top(words).producerPc());
        Segment receiver = producer == null ? null : segments.get(producer);
        if (receiver != null && receiver.tail().kind() == NodeKind.CALL) {
          receiverCall = receiver.tail();
        }
      }
      List<MethodRef> bodies = new ArrayList<>();
      int depth = words;
      for (Type argument : invoke.getArgumentTypes(cpg)) {
        depth -= argument.getSize();
        Value value = frame.top(depth + argument.getSize() - 1);
        InstructionHandle producer = value.isProduced() ? handleAt(value.producerPc()) : null;
        if (argument.getSize() == 1
            && producer != null
            && producer.getInstruction() instanceof INVOKEDYNAMIC lambda) {
          MethodRef body = lambdas.implementation(lambda);
          if (body != null && body.owner().equals(className)) {
            bodies.add(body);
          }
        }
      }
      builder.describeCall(
          call,
          resultUses.getOrDefault(handle.getPosition(), ResultUse.OTHER),
          operation,
          receiverCall,
          bodies);
    }
  }

  private InstructionHandle handleAt(int pc) {
    if (handleByPc == null) {
      handleByPc = new HashMap<>();
      for (InstructionHandle handle : handles) {
        handleByPc.put(handle.getPosition(), handle);
      }
    }
    return handleByPc.get(pc);
  }

  private Exits exits(InstructionHandle handle, Node node, Map<Integer, InstructionHandle> byPc) {
    Instruction instruction = handle.getInstruction();
    int pc = handle.getPosition();
    if (instruction instanceof ReturnInstruction) {
      return new Exits(List.of(), null, null, List.of(), false, true);
    }
    if (instruction instanceof ATHROW) {
      Value thrown = paths.in(handle).top(0);
      return exceptional(List.of(), exceptions.forThrow(pc, thrown.type()), byPc);
    }
    if (branches.containsKey(handle)) {
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
    List<InstructionHandle> normal = ControlFlow.successors(handle);
    if (node.kind() == NodeKind.CALL || isLockEvent(node)) {
      InvokeInstruction invoke = (InvokeInstruction) instruction;
      List<String> declared =
          facts.declaredExceptions(
              invoke.getReferenceType(cpg).toString(),
              invoke.getMethodName(cpg),
              invoke.getSignature(cpg));
      return exceptional(normal, exceptions.forCall(pc, declared), byPc);
    }
    return Exits.normal(normal);
  }

  private static boolean isLockEvent(Node node) {
    return switch (node.kind()) {
      case ACQUIRE, TRY_ACQUIRE, RELEASE, HELD_CHECK -> true;
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
    Node entry = builder.catchEntry(line(pc), clause(handler), new BytecodeOrigin(method, pc));
    Segment store = instructionSegment(builder, handle);
    builder.edge(entry, store.head());
    return new Segment(entry, store.tail());
  }

  /** What the model knows about a catch clause (notes/FRONTENDS-exceptions.md, item 1). */
  private CatchClause clause(Handlers.Handler handler) {
    Set<String> declared = new LinkedHashSet<>();
    String lastCall = null;
    for (InstructionHandle handle : handlers.tryBlock(handler)) {
      if (!(handle.getInstruction() instanceof InvokeInstruction invoke)
          || invoke instanceof INVOKEDYNAMIC) {
        continue;
      }
      String name = invoke.getMethodName(cpg);
      List<String> thrown =
          facts.declaredExceptions(
              invoke.getReferenceType(cpg).toString(), name, invoke.getSignature(cpg));
      if (thrown != null) {
        thrown.stream().filter(this::isChecked).forEach(declared::add);
      }
      if (!synthetic.isSynthetic(handle)
          && !pathCalls.contains(handle.getPosition())
          && !handlers.isResourceClose(handle)) {
        lastCall = name;
      }
    }
    return new CatchClause(
        handler.types(), handler.variable, handlers.emptyBody(handler), declared, lastCall);
  }

  /** Not surely a RuntimeException or an Error (a {@code throws} clause may list those too). */
  private boolean isChecked(String exception) {
    return !facts.isSurelySubtype(exception, "java.lang.RuntimeException")
        && !facts.isSurelySubtype(exception, "java.lang.Error");
  }

  private Segment instructionSegment(MethodModel.Builder builder, InstructionHandle handle) {
    Instruction instruction = handle.getInstruction();
    int pc = handle.getPosition();
    int line = line(pc);
    BytecodeOrigin origin = new BytecodeOrigin(method, pc);
    Node node;
    if (instruction instanceof ReturnInstruction) {
      node = builder.returnAt(line, handlers.leavesFinally(handle), origin);
    } else if (instruction instanceof ATHROW) {
      node =
          builder.throwing(
              line,
              thrownVariable(handle),
              Handlers.newThrown(handle, cpg),
              handlers.leavesFinally(handle),
              origin);
    } else if (instruction instanceof GotoInstruction && handlers.leavesFinally(handle)) {
      node = builder.jump(line, true, origin);
    } else if (handlers.useAt(handle) != null) {
      node = builder.use(line, handlers.useAt(handle), origin);
    } else if (branches.containsKey(handle)) {
      node = builder.branch(line, branches.get(handle), origin);
    } else if (assigns.containsKey(handle)) {
      String variable = assigns.get(handle);
      Node assign = builder.assign(line, variable, origin);
      if (constantAssigns.containsKey(handle)) {
        // x = true: forget x, then let only the path where it is true through.
        Node constant = builder.branch(line, variable, origin);
        builder.edge(assign, constant);
        return new Segment(assign, constant);
      }
      node = assign;
    } else if (instruction instanceof InvokeInstruction invoke
        && !(invoke instanceof INVOKEDYNAMIC)
        && !pathCalls.contains(pc)
        && !synthetic.isSynthetic(handle)) {
      node = invocation(builder, handle, invoke, line, origin);
    } else {
      node = builder.nop(line, origin);
    }
    return new Segment(node, node);
  }

  private int line(int pc) {
    return lines == null ? -1 : lines.getSourceLine(pc);
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
    LocalVariables.Var variable = locals.at(load.getIndex(), athrow.getPrev().getPosition());
    return variable == null ? null : variable.name();
  }

  private Node invocation(
      MethodModel.Builder builder,
      InstructionHandle handle,
      InvokeInstruction invoke,
      int line,
      BytecodeOrigin origin) {
    OperandStackPaths.Frame frame = paths.in(handle);
    String owner = invoke.getReferenceType(cpg).toString();
    String name = invoke.getMethodName(cpg);
    Type[] argumentTypes = invoke.getArgumentTypes(cpg);
    boolean isStatic = invoke.getOpcode() == Const.INVOKESTATIC;

    // Arguments sit on top of the stack, the receiver just below them.
    int words = argumentWords(invoke);
    List<LockPath> arguments = new ArrayList<>();
    int depth = words;
    for (Type argument : argumentTypes) {
      depth -= argument.getSize();
      Value value = frame.top(depth + argument.getSize() - 1);
      arguments.add(argument.getSize() == 1 ? value.path() : null);
    }
    LockPath receiver = isStatic ? null : frame.top(words).path();

    LockOperation operation = isStatic ? null : facts.lockOperation(owner, name);
    if (operation != null) {
      String label = (receiver == null ? "" : receiver + ".") + name + "()";
      switch (operation.action()) {
        case VIEW:
          return builder.nop(line, origin); // views only build paths
        case HELD_CHECK:
          {
            String variable = resultVariable(handle.getPosition());
            if (receiver == null || variable == null) {
              return builder.nop(line, origin); // an unbound ownership query is no event
            }
            LockPath lock = operation.view() == null ? receiver : receiver.view(operation.view());
            return builder.heldCheck(line, lock, variable, label, origin);
          }
        case ACQUIRE:
          if (receiver != null) {
            return builder.acquire(
                line, receiver, operation.kind(), operation.interruptible(), label, origin);
          }
          break;
        case TRY_ACQUIRE:
          if (receiver != null) {
            return builder.tryAcquire(
                line,
                receiver,
                operation.kind(),
                resultVariable(handle.getPosition()),
                label,
                origin);
          }
          break;
        case RELEASE:
          if (receiver != null) {
            return builder.release(line, receiver, operation.kind(), label, origin);
          }
          break;
        default:
          break;
      }
    }
    MethodRef callee = new MethodRef(owner, name, invoke.getSignature(cpg));
    return builder.call(
        line, callee, receiver, arguments, callLabel(owner, name, receiver, isStatic), origin);
  }

  private static String callLabel(String owner, String name, LockPath receiver, boolean isStatic) {
    String simpleOwner = owner.substring(owner.lastIndexOf('.') + 1).replace('$', '.');
    if (name.equals("<init>")) {
      return "new " + simpleOwner + "()";
    }
    if (isStatic) {
      return simpleOwner + "." + name + "()";
    }
    boolean showReceiver = receiver != null && !receiver.equals(LockPath.ofThis());
    return (showReceiver ? receiver + "." : "") + name + "()";
  }
}
