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
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.EnclosingMethod;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.LineNumberTable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ANEWARRAY;
import org.apache.bcel.generic.ASTORE;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.ArrayType;
import org.apache.bcel.generic.CHECKCAST;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.GotoInstruction;
import org.apache.bcel.generic.IFEQ;
import org.apache.bcel.generic.IFNE;
import org.apache.bcel.generic.IFNULL;
import org.apache.bcel.generic.ILOAD;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.INVOKESPECIAL;
import org.apache.bcel.generic.ISTORE;
import org.apache.bcel.generic.IfInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.NEW;
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
 *   <li>For the executor rules (notes/FRONTENDS-executors.md): every CALL, object creations
 *       included, also tells where its result is stored, and per argument (a varargs call's array
 *       counted as its elements) the CALL that produced it and its integer constant; an instruction
 *       that returns a local's value, stores it into a field, an array element or another local, or
 *       captures it in a lambda or a local class is preceded by an ESCAPE; a loop condition
 *       comparing an int local with a constant is a LOOP_LIMIT; javac's null test before closing a
 *       try-with-resources resource has only its closing branch.
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
   * Producer pc (an invocation, or the {@code new} of an object creation) -> the local or field the
   * instruction consuming its value stores it into.
   */
  private final Map<Integer, LockPath> storedTo = new HashMap<>();

  /** pc of a {@code new} -> the {@code invokespecial <init>} that constructs its object. */
  private final Map<Integer, InstructionHandle> constructorOf = new HashMap<>();

  /** Loop conditions comparing an int local with a constant, with the constant. */
  private final Map<InstructionHandle, Long> loopLimits = new IdentityHashMap<>();

  /**
   * pcs of the {@code StringBuilder} calls javac made for a string concatenation in class files
   * older than Java 9 (no {@code invokedynamic} concatenation there).
   */
  private final Set<Integer> builderConcatenation = new HashSet<>();

  private final boolean inlineConcatenation;

  /** Per instruction index, its strongly connected component; computed when first needed. */
  private int[] componentOf;

  private Map<Integer, Integer> indexByPc;

  /** {@code anewarray} pc -> index -> the value javac stores there right after creating it. */
  private final Map<Integer, Map<Integer, Value>> arrayElements = new HashMap<>();

  /** Invocation pc -> the {@code anewarray} pc of the array javac made for its varargs. */
  private final Map<Integer, Integer> varargsCalls = new HashMap<>();

  /** {@code anewarray} pcs of the arrays javac made for varargs calls. */
  private final Set<Integer> varargsArrays = new HashSet<>();

  /**
   * @param capturedPaths for a lambda body, the lock paths of its captured values in the method
   *     that creates it (see {@link OperandStackPaths#run}); empty otherwise
   * @param inlineConcatenation whether javac compiled string concatenation into {@code
   *     StringBuilder} calls (class files before Java 9)
   */
  MethodTranslator(
      String className,
      Method method,
      ConstantPoolGen cpg,
      ClassFacts facts,
      LambdaSites lambdas,
      List<LockPath> capturedPaths,
      boolean inlineConcatenation) {
    this.inlineConcatenation = inlineConcatenation;
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
            handle -> concatenated.contains(handle.getPosition()),
            handle -> builderConcatenation.contains(handle.getPosition()));
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
    findConstructors();
    findArrays();
    findBuilderConcatenation();
    findResultUses();
    findLoopLimits();
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

  /** Which {@code invokespecial <init>} constructs the object of each {@code new}. */
  private void findConstructors() {
    for (InstructionHandle handle : handles) {
      OperandStackPaths.Frame frame = paths.in(handle);
      if (frame == null
          || !(handle.getInstruction() instanceof INVOKESPECIAL invoke)
          || !invoke.getMethodName(cpg).equals("<init>")) {
        continue;
      }
      Value receiver = frame.top(argumentWords(invoke));
      InstructionHandle producer = receiver.isProduced() ? handleAt(receiver.producerPc()) : null;
      if (producer != null && producer.getInstruction() instanceof NEW) {
        constructorOf.putIfAbsent(receiver.producerPc(), handle);
      }
    }
  }

  /**
   * In class files before Java 9, javac compiles {@code "a" + x} into {@code new
   * StringBuilder().append("a").append(x).toString()}: calls on a builder that no variable holds.
   * Like the {@code invokedynamic} of later class files they are no calls of the source.
   */
  private void findBuilderConcatenation() {
    if (!inlineConcatenation) {
      return;
    }
    Set<Integer> builders = new HashSet<>(); // the news of concatenation builders
    for (InstructionHandle handle : handles) { // in code order: a chain's calls come in order
      OperandStackPaths.Frame frame = paths.in(handle);
      if (frame == null
          || !(handle.getInstruction() instanceof InvokeInstruction invoke)
          || !hasReceiver(invoke)
          || !isStringBuilder(invoke.getReferenceType(cpg).toString())
          || !Set.of("append", "toString").contains(invoke.getMethodName(cpg))) {
        continue;
      }
      Value receiver = frame.top(argumentWords(invoke));
      InstructionHandle producer = receiver.isProduced() ? handleAt(receiver.producerPc()) : null;
      if (producer == null) {
        continue;
      }
      if (producer.getInstruction() instanceof NEW allocation
          && isStringBuilder(allocation.getLoadClassType(cpg).getClassName())) {
        builders.add(producer.getPosition()); // new StringBuilder().append(..): never in a variable
        builderConcatenation.add(handle.getPosition());
      } else if (builderConcatenation.contains(producer.getPosition())) {
        builderConcatenation.add(handle.getPosition());
      }
    }
    for (int builder : builders) {
      InstructionHandle constructor = constructorOf.get(builder);
      if (constructor != null) {
        builderConcatenation.add(constructor.getPosition());
      }
    }
  }

  private static boolean isStringBuilder(String type) {
    return type.equals("java.lang.StringBuilder") || type.equals("java.lang.StringBuffer");
  }

  /**
   * What the code does with each invocation's result, and with each created object: the instruction
   * that takes the value off the operand stack ({@code checkcast} and {@code dup}s pass it on; the
   * constructor call of a {@code new} does not count). {@code pop} discards it; a store into a
   * local, field or array element stores it (and tells where: {@link #storedTo}); a return returns
   * it; an invocation takes it as its receiver or an argument; anything else (a condition, an
   * operand, a lambda's captured value, a string concatenation) is OTHER. When several instructions
   * take copies of it, any but {@code pop} wins.
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
        if (!value.isProduced() || isConstruction(handle, depth, value)) {
          continue;
        }
        ResultUse role = role(instruction, depth, frame);
        roles.computeIfAbsent(value.producerPc(), pc -> new ArrayList<>()).add(role);
        if (role == ResultUse.STORED && !storedTo.containsKey(value.producerPc())) {
          LockPath target = storeTarget(handle, frame);
          if (target != null) {
            storedTo.put(value.producerPc(), target);
          }
        }
        if (concatenation) {
          concatenated.add(value.producerPc());
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
    // An object creation's result is the value its new pushed.
    constructorOf.forEach(
        (newPc, constructor) -> {
          int pc = constructor.getPosition();
          if (resultUses.containsKey(newPc)) {
            resultUses.put(pc, resultUses.get(newPc));
          }
          if (storedTo.containsKey(newPc)) {
            storedTo.put(pc, storedTo.get(newPc));
          }
        });
  }

  /** Whether {@code handle} is the constructor call that takes the new object {@code value}. */
  private boolean isConstruction(InstructionHandle handle, int depth, Value value) {
    return handle.getInstruction() instanceof INVOKESPECIAL invoke
        && depth == argumentWords(invoke)
        && constructorOf.get(value.producerPc()) == handle;
  }

  /**
   * The local ({@code x = ..}) or field ({@code this.f = ..}, {@code Cls.F = ..}) a store
   * instruction writes, or null (an array element, a compiler temporary, a field of an unknown
   * object).
   */
  private LockPath storeTarget(InstructionHandle handle, OperandStackPaths.Frame frame) {
    Instruction instruction = handle.getInstruction();
    if (instruction instanceof StoreInstruction store) {
      LocalVariables.Var variable = storedVariable(handle, store.getIndex());
      return variable == null ? null : LockPath.ofLocal(variable.name());
    }
    if (instruction instanceof PUTSTATIC put) {
      String name = put.getFieldName(cpg);
      String owner = facts.fieldOwner(put.getReferenceType(cpg).toString(), name);
      return LockPath.ofStaticField(owner, name);
    }
    if (instruction instanceof PUTFIELD put && frame.stack().length >= 2) {
      LockPath object = frame.top(1).path(); // below the (one-word) value
      return object == null ? null : object.field(put.getFieldName(cpg));
    }
    return null;
  }

  /**
   * LOOP_LIMIT: a loop condition {@code i < C} (any {@code if_icmp*}) that compares an int local
   * just loaded with an integer constant just pushed, one of whose branches leaves the loop and the
   * other stays in it.
   */
  private void findLoopLimits() {
    for (InstructionHandle handle : handles) {
      int opcode = handle.getInstruction().getOpcode();
      if (opcode < Const.IF_ICMPEQ
          || opcode > Const.IF_ICMPLE
          || paths.in(handle) == null
          || handle.hasTargeters()) {
        continue;
      }
      InstructionHandle second = handle.getPrev();
      InstructionHandle first = second == null ? null : second.getPrev();
      if (first == null || second.hasTargeters()) {
        continue;
      }
      Long constant = null;
      if (isIntLocalLoad(first)) {
        constant = paths.integerConstant(second.getInstruction());
      } else if (isIntLocalLoad(second)) {
        constant = paths.integerConstant(first.getInstruction());
      }
      // javac compares with a zero right operand without pushing it (ifgt); the javac front-end
      // leaves every comparison with zero out (a countdown, i > 0, has no constant trip count).
      if (constant != null && constant != 0 && leavesLoopOnOneBranch(handle)) {
        loopLimits.put(handle, constant);
      }
    }
  }

  private boolean isIntLocalLoad(InstructionHandle handle) {
    if (!(handle.getInstruction() instanceof ILOAD load)) {
      return false;
    }
    LocalVariables.Var variable = locals.at(load.getIndex(), handle.getPosition());
    return variable != null && "I".equals(variable.signature());
  }

  /** Exactly one of the two successors of a conditional jump leads back to it. */
  private boolean leavesLoopOnOneBranch(InstructionHandle jump) {
    List<InstructionHandle> successors = ControlFlow.successors(jump);
    if (successors.size() != 2) {
      return false;
    }
    int[] component = components();
    int own = component[indexOf(jump)];
    boolean first = component[indexOf(successors.get(0))] == own;
    boolean second = component[indexOf(successors.get(1))] == own;
    return first != second;
  }

  /**
   * The strongly connected component of each instruction over normal control flow (Tarjan's
   * algorithm, iterative): a successor leads back to an instruction when both share one.
   */
  private int[] components() {
    if (componentOf != null) {
      return componentOf;
    }
    int size = handles.length;
    int[] index = new int[size];
    int[] low = new int[size];
    int[] component = new int[size];
    int[] cursor = new int[size];
    boolean[] onStack = new boolean[size];
    java.util.Arrays.fill(index, -1);
    List<List<Integer>> successors = new ArrayList<>();
    for (InstructionHandle handle : handles) {
      List<Integer> next = new ArrayList<>();
      for (InstructionHandle successor : ControlFlow.successors(handle)) {
        next.add(indexOf(successor));
      }
      successors.add(next);
    }
    Deque<Integer> stack = new ArrayDeque<>();
    int counter = 0;
    int components = 0;
    for (int root = 0; root < size; root++) {
      if (index[root] >= 0) {
        continue;
      }
      Deque<Integer> calls = new ArrayDeque<>();
      calls.push(root);
      index[root] = low[root] = counter++;
      stack.push(root);
      onStack[root] = true;
      while (!calls.isEmpty()) {
        int node = calls.peek();
        if (cursor[node] < successors.get(node).size()) {
          int next = successors.get(node).get(cursor[node]++);
          if (index[next] < 0) {
            index[next] = low[next] = counter++;
            stack.push(next);
            onStack[next] = true;
            calls.push(next);
          } else if (onStack[next]) {
            low[node] = Math.min(low[node], index[next]);
          }
          continue;
        }
        calls.pop();
        if (!calls.isEmpty()) {
          low[calls.peek()] = Math.min(low[calls.peek()], low[node]);
        }
        if (low[node] == index[node]) {
          int member;
          do {
            member = stack.pop();
            onStack[member] = false;
            component[member] = components;
          } while (member != node);
          components++;
        }
      }
    }
    componentOf = component;
    return component;
  }

  private int indexOf(InstructionHandle handle) {
    if (indexByPc == null) {
      indexByPc = new HashMap<>();
      for (int i = 0; i < handles.length; i++) {
        indexByPc.put(handles[i].getPosition(), i);
      }
    }
    return indexByPc.get(handle.getPosition());
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

  /**
   * The locals whose value the instruction lets escape (notes/FRONTENDS-executors.md, item 3): the
   * value just loaded from a declared local that it returns, stores into a field, an array element
   * or another declared local, or that a lambda or method reference it creates captures. String
   * concatenation and passing it as an argument are no escapes.
   */
  private List<String> escapes(InstructionHandle handle) {
    OperandStackPaths.Frame frame = paths.in(handle);
    Instruction instruction = handle.getInstruction();
    if (frame == null || frame.stack().length == 0) {
      return List.of();
    }
    String top = frame.top(0).local();
    if (instruction.getOpcode() == Const.AASTORE && isFreshArray(frame.top(2))) {
      return List.of(); // an array initializer or varargs: no variable holds the array yet
    }
    if (instruction instanceof ReturnInstruction
        || instruction instanceof PUTFIELD
        || instruction instanceof PUTSTATIC
        || instruction.getOpcode() == Const.AASTORE) {
      return top == null ? List.of() : List.of(top);
    }
    if (instruction instanceof ASTORE store) {
      LocalVariables.Var target = storedVariable(handle, store.getIndex());
      return top == null || target == null || target.name().equals(top) ? List.of() : List.of(top);
    }
    if (instruction instanceof INVOKESPECIAL invoke && isLocalClassCreation(invoke)) {
      // A local or anonymous class gets the locals it captures as constructor arguments.
      Set<String> captured = new LinkedHashSet<>();
      for (Argument argument : arguments(handle, invoke)) {
        if (argument.value().local() != null) {
          captured.add(argument.value().local());
        }
      }
      return new ArrayList<>(captured);
    }
    if (instruction instanceof INVOKEDYNAMIC invoke && lambdas.implementation(invoke) != null) {
      Set<String> captured = new LinkedHashSet<>();
      int depth = argumentWords(invoke);
      for (Type argument : invoke.getArgumentTypes(cpg)) {
        depth -= argument.getSize();
        String local = frame.top(depth + argument.getSize() - 1).local();
        if (argument.getSize() == 1 && local != null) {
          captured.add(local);
        }
      }
      return new ArrayList<>(captured);
    }
    return List.of();
  }

  private static boolean isArrayStore(Instruction instruction) {
    int opcode = instruction.getOpcode();
    return opcode >= Const.IASTORE && opcode <= Const.SASTORE;
  }

  private static boolean hasReceiver(InvokeInstruction invoke) {
    return !(invoke instanceof INVOKEDYNAMIC) && invoke.getOpcode() != Const.INVOKESTATIC;
  }

  /** What {@code instruction} does with the operand {@code depth} words below the top. */
  private ResultUse role(Instruction instruction, int depth, OperandStackPaths.Frame frame) {
    if (instruction.getOpcode() == Const.AASTORE && depth == 0 && isFreshArray(frame.top(2))) {
      // An element of a varargs call's array is an argument; of an array initializer, neither.
      return varargsArrays.contains(frame.top(2).producerPc())
          ? ResultUse.ARGUMENT
          : ResultUse.OTHER;
    }
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

  /**
   * What the task and executor rules need about each CALL (notes/FRONTENDS-exceptions.md, item 6;
   * notes/FRONTENDS-executors.md, items 1 and 2).
   */
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
      if (hasReceiver(invoke)) {
        receiverCall = producedBy(frame.top(words), segments);
      }
      List<MethodRef> bodies = new ArrayList<>();
      List<Node> producers = new ArrayList<>();
      List<Long> constants = new ArrayList<>();
      for (Argument argument : arguments(handle, invoke)) {
        Value value = argument.value();
        InstructionHandle producer = value.isProduced() ? handleAt(value.producerPc()) : null;
        if (producer != null && producer.getInstruction() instanceof INVOKEDYNAMIC lambda) {
          MethodRef body = lambdas.implementation(lambda);
          if (body != null && body.owner().equals(className)) {
            bodies.add(body);
          }
        }
        producers.add(producedBy(value, segments));
        constants.add(isIntegral(argument.type()) ? value.constant() : null);
      }
      builder.describeCall(
          call,
          resultUses.getOrDefault(handle.getPosition(), ResultUse.OTHER),
          operation,
          receiverCall,
          bodies);
      builder.describeValues(call, storedTo.get(handle.getPosition()), producers, constants);
    }
  }

  /** One argument as the source writes it: its value and its (parameter or element) type. */
  private record Argument(Value value, Type type) {}

  /**
   * The arguments of an invocation as written in the source: one per parameter, except that the
   * array javac creates for a varargs call is replaced by its elements (as the javac front-end has
   * one argument per written expression). A two-word argument's value is its first word's.
   */
  private List<Argument> arguments(InstructionHandle handle, InvokeInstruction invoke) {
    OperandStackPaths.Frame frame = paths.in(handle);
    Type[] types = invoke.getArgumentTypes(cpg);
    List<Argument> arguments = new ArrayList<>();
    int depth = argumentWords(invoke);
    for (Type type : types) {
      depth -= type.getSize();
      arguments.add(new Argument(frame.top(depth + type.getSize() - 1), type));
    }
    Integer varargs = varargsCalls.get(handle.getPosition());
    if (varargs != null) {
      Argument array = arguments.remove(arguments.size() - 1);
      Type element = ((ArrayType) array.type()).getElementType();
      Map<Integer, Value> elements = arrayElements.getOrDefault(varargs, Map.of());
      int length = freshArrayLength(varargs);
      for (int i = 0; i < length; i++) {
        arguments.add(new Argument(elements.getOrDefault(i, Value.UNKNOWN), element));
      }
    }
    return arguments;
  }

  /**
   * The arrays javac creates for array initializers and varargs calls ({@code anewarray} of a
   * constant length, filled right away by {@code dup; iconst i; <value>; aastore}) and their
   * elements; and the varargs calls they are passed to.
   */
  private void findArrays() {
    for (InstructionHandle handle : handles) {
      OperandStackPaths.Frame frame = paths.in(handle);
      if (frame == null) {
        continue;
      }
      if (handle.getInstruction().getOpcode() == Const.AASTORE) {
        Value array = frame.top(2);
        Long index = frame.top(1).constant();
        if (isFreshArray(array) && index != null) {
          arrayElements
              .computeIfAbsent(array.producerPc(), pc -> new HashMap<>())
              .putIfAbsent(index.intValue(), frame.top(0));
        }
      } else if (handle.getInstruction() instanceof InvokeInstruction invoke
          && !(invoke instanceof INVOKEDYNAMIC)) {
        Type[] types = invoke.getArgumentTypes(cpg);
        if (types.length == 0 || !(types[types.length - 1] instanceof ArrayType)) {
          continue;
        }
        Value last = frame.top(0);
        if (isFreshArray(last)
            && freshArrayLength(last.producerPc()) >= 0
            && facts.isVarargs(
                invoke.getReferenceType(cpg).toString(),
                invoke.getMethodName(cpg),
                invoke.getSignature(cpg))) {
          varargsCalls.put(handle.getPosition(), last.producerPc());
          varargsArrays.add(last.producerPc());
        }
      }
    }
  }

  /** A reference array just created by {@code anewarray}, still on the operand stack. */
  private boolean isFreshArray(Value value) {
    InstructionHandle producer = value.isProduced() ? handleAt(value.producerPc()) : null;
    return producer != null && producer.getInstruction() instanceof ANEWARRAY;
  }

  /** The constant length of the array the {@code anewarray} at {@code pc} creates, or -1. */
  private int freshArrayLength(int pc) {
    OperandStackPaths.Frame frame = paths.in(handleAt(pc));
    Long length = frame == null ? null : frame.top(0).constant();
    return length == null || length < 0 || length > 255 ? -1 : length.intValue();
  }

  /** A constructor call of a local or anonymous class (one with an EnclosingMethod attribute). */
  private boolean isLocalClassCreation(INVOKESPECIAL invoke) {
    if (!invoke.getMethodName(cpg).equals("<init>")) {
      return false;
    }
    JavaClass created = facts.lookup(invoke.getReferenceType(cpg).toString());
    if (created == null) {
      return false;
    }
    for (Attribute attribute : created.getAttributes()) {
      if (attribute instanceof EnclosingMethod) {
        return true;
      }
    }
    return false;
  }

  /** The CALL whose result {@code value} is (an invocation's, or an object creation's), or null. */
  private Node producedBy(Value value, Map<InstructionHandle, Segment> segments) {
    if (!value.isProduced()) {
      return null;
    }
    InstructionHandle producer = constructorOf.get(value.producerPc());
    if (producer == null) {
      producer = handleAt(value.producerPc());
    }
    Segment segment = producer == null ? null : segments.get(producer);
    return segment != null && segment.tail().kind() == NodeKind.CALL ? segment.tail() : null;
  }

  /** int, long, short or byte: the types whose constants the model records. */
  private static boolean isIntegral(Type type) {
    return type == Type.INT || type == Type.LONG || type == Type.SHORT || type == Type.BYTE;
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
    if (isResourceNullCheck(handle)) {
      return Exits.normal(List.of(ControlFlow.fallThrough(handle)));
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

  /** The nodes of one instruction: ESCAPEs of the locals it lets escape, then its event. */
  private Segment instructionSegment(MethodModel.Builder builder, InstructionHandle handle) {
    Segment event = eventSegment(builder, handle);
    Node head = event.head();
    List<String> escaped = escapes(handle);
    for (int i = escaped.size() - 1; i >= 0; i--) {
      int pc = handle.getPosition();
      Node escape = builder.escape(line(pc), escaped.get(i), new BytecodeOrigin(method, pc));
      builder.edge(escape, head);
      head = escape;
    }
    return new Segment(head, event.tail());
  }

  private Segment eventSegment(MethodModel.Builder builder, InstructionHandle handle) {
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
    } else if (loopLimits.containsKey(handle)) {
      node = builder.loopLimit(line, loopLimits.get(handle), origin);
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
    boolean isStatic = invoke.getOpcode() == Const.INVOKESTATIC;

    // Arguments sit on top of the stack, the receiver just below them.
    int words = argumentWords(invoke);
    List<LockPath> arguments = new ArrayList<>();
    for (Argument argument : arguments(handle, invoke)) {
      arguments.add(argument.value().path());
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
