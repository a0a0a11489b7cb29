package dev.latchkey.detectors;

import dev.latchkey.checks.api.LockOperation;
import dev.latchkey.checks.api.LockOperation.Action;
import dev.latchkey.checks.model.LockPath;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ACONST_NULL;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ANEWARRAY;
import org.apache.bcel.generic.ASTORE;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.CHECKCAST;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.ConstantPushInstruction;
import org.apache.bcel.generic.DUP;
import org.apache.bcel.generic.DUP2;
import org.apache.bcel.generic.DUP2_X1;
import org.apache.bcel.generic.DUP2_X2;
import org.apache.bcel.generic.DUP_X1;
import org.apache.bcel.generic.DUP_X2;
import org.apache.bcel.generic.GETFIELD;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.ILOAD;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.LDC;
import org.apache.bcel.generic.LDC2_W;
import org.apache.bcel.generic.LoadInstruction;
import org.apache.bcel.generic.MULTIANEWARRAY;
import org.apache.bcel.generic.NEW;
import org.apache.bcel.generic.NEWARRAY;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.POP;
import org.apache.bcel.generic.POP2;
import org.apache.bcel.generic.ReturnInstruction;
import org.apache.bcel.generic.SWAP;
import org.apache.bcel.generic.StoreInstruction;
import org.apache.bcel.generic.Type;

/**
 * A small forward symbolic simulation of the operand stack and the local slots: which lock path
 * each reference has ({@code this}, {@code this.lock}, {@code Foo.LOCK}, {@code this.rw#read},
 * {@code this.getLock()}, a local by name, or the path a once-assigned local was initialised with),
 * which boolean is the result of which {@code tryLock()}, and which boolean was just loaded from
 * which local. Values are joined where paths meet (known only if equal on every path), to a fixed
 * point. Stack entries are words, as in the JVM: long and double take two.
 */
final class OperandStackPaths {
  /** The abstract state before an instruction. Arrays are never mutated once stored. */
  record Frame(Value[] stack, Value[] locals) {
    Value top(int depth) {
      return stack[stack.length - 1 - depth];
    }

    Frame join(Frame other) {
      if (stack.length != other.stack.length) {
        throw new IllegalStateException(
            "operand stacks of different heights meet: "
                + stack.length
                + " vs "
                + other.stack.length);
      }
      Value[] joinedStack = new Value[stack.length];
      for (int i = 0; i < stack.length; i++) {
        joinedStack[i] = stack[i].join(other.stack[i]);
      }
      Value[] joinedLocals = new Value[locals.length];
      for (int i = 0; i < locals.length; i++) {
        joinedLocals[i] = locals[i].join(other.locals[i]);
      }
      return new Frame(joinedStack, joinedLocals);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Frame other
          && Arrays.equals(stack, other.stack)
          && Arrays.equals(locals, other.locals);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(stack) + Arrays.hashCode(locals);
    }
  }

  private final Method method;
  private final String className;
  private final ConstantPoolGen cpg;
  private final LocalVariables locals;
  private final ExceptionEdges exceptions;
  private final ClassFacts facts;
  private final List<LockPath> capturedPaths;
  private final Map<InstructionHandle, Frame> in = new HashMap<>();

  private OperandStackPaths(
      Method method,
      String className,
      ConstantPoolGen cpg,
      LocalVariables locals,
      ExceptionEdges exceptions,
      ClassFacts facts,
      List<LockPath> capturedPaths) {
    this.method = method;
    this.className = className;
    this.cpg = cpg;
    this.locals = locals;
    this.exceptions = exceptions;
    this.facts = facts;
    this.capturedPaths = capturedPaths;
  }

  /**
   * @param capturedPaths for a lambda body: the lock paths, in the method that creates the lambda,
   *     of the values it captures (its first parameters; null where unknown). There a captured
   *     {@code Lock l = this.lock} is still {@code this.lock}, as in the source. Empty otherwise.
   */
  static OperandStackPaths run(
      Method method,
      String className,
      ConstantPoolGen cpg,
      InstructionHandle[] handles,
      LocalVariables locals,
      ExceptionEdges exceptions,
      ClassFacts facts,
      List<LockPath> capturedPaths) {
    OperandStackPaths paths =
        new OperandStackPaths(method, className, cpg, locals, exceptions, facts, capturedPaths);
    paths.solve(handles);
    return paths;
  }

  /** The state before {@code handle}, or null when the simulation never reaches it. */
  Frame in(InstructionHandle handle) {
    return in.get(handle);
  }

  private void solve(InstructionHandle[] handles) {
    if (handles.length == 0) {
      return;
    }
    Map<Integer, InstructionHandle> byPc = new HashMap<>();
    for (InstructionHandle handle : handles) {
      byPc.put(handle.getPosition(), handle);
    }
    Value[] initialLocals = new Value[Math.max(method.getCode().getMaxLocals(), 1)];
    Arrays.fill(initialLocals, Value.UNKNOWN);
    int slot = 0;
    if (!method.isStatic()) {
      initialLocals[slot++] = Value.ofPath(LockPath.ofThis(), className);
    }
    for (Type argument : method.getArgumentTypes()) {
      if (argument instanceof ObjectType object && slot < initialLocals.length) {
        initialLocals[slot] = Value.ofType(object.getClassName());
      }
      slot += argument.getSize();
    }
    Deque<InstructionHandle> work = new ArrayDeque<>();
    in.put(handles[0], new Frame(new Value[0], initialLocals));
    work.add(handles[0]);
    while (!work.isEmpty()) {
      InstructionHandle handle = work.poll();
      Frame before = in.get(handle);
      Frame after = transfer(handle, before);
      if (after != null) {
        for (InstructionHandle successor : ControlFlow.successors(handle)) {
          merge(successor, after, work);
        }
      }
      // Any instruction inside a try may throw (for the values' sake; the model itself only
      // takes exceptional edges from calls and throws).
      for (ExceptionEdges.Handler handler : exceptions.covering(handle.getPosition())) {
        InstructionHandle target = byPc.get(handler.handlerPc());
        String type = handler.catchType() == null ? ExceptionEdges.THROWABLE : handler.catchType();
        merge(target, new Frame(new Value[] {Value.ofType(type)}, before.locals()), work);
      }
    }
  }

  private void merge(InstructionHandle target, Frame incoming, Deque<InstructionHandle> work) {
    Frame known = in.get(target);
    Frame joined = known == null ? incoming : known.join(incoming);
    if (!joined.equals(known)) {
      in.put(target, joined);
      if (!work.contains(target)) {
        work.add(target);
      }
    }
  }

  /** The state after {@code handle} completes normally, or null when it never does. */
  private Frame transfer(InstructionHandle handle, Frame before) {
    Instruction instruction = handle.getInstruction();
    if (instruction instanceof ReturnInstruction || instruction instanceof ATHROW) {
      return null;
    }
    Stack stack = new Stack(before.stack());
    Value[] slots = before.locals();
    int pc = handle.getPosition();

    if (instruction instanceof ALOAD load) {
      stack.push(load(load.getIndex(), pc, slots[load.getIndex()]));
    } else if (instruction instanceof ILOAD load) {
      LocalVariables.Var variable = locals.at(load.getIndex(), pc);
      stack.push(
          variable != null && variable.isBoolean() ? Value.booleanLocal(variable) : Value.UNKNOWN);
    } else if (instruction instanceof LoadInstruction load) {
      stack.pushWords(load.produceStack(cpg));
    } else if (instruction instanceof StoreInstruction store) {
      int words = store.consumeStack(cpg);
      Value stored = stack.pop(words);
      slots = slots.clone();
      slots[store.getIndex()] = instruction instanceof ASTORE ? stored.stored() : Value.UNKNOWN;
      if (words == 2) {
        slots[store.getIndex() + 1] = Value.UNKNOWN;
      }
    } else if (instruction instanceof ACONST_NULL) {
      stack.push(Value.UNKNOWN);
    } else if (integerConstant(instruction) != null) {
      stack.push(Value.constant(integerConstant(instruction)));
      stack.pushWords(instruction.produceStack(cpg) - 1); // a long's second word
    } else if (instruction instanceof ANEWARRAY
        || instruction instanceof NEWARRAY
        || instruction instanceof MULTIANEWARRAY) {
      // A new array (javac's for an array initializer or varargs): the aastores that fill it and
      // the invocation it is passed to tell which.
      stack.pop(instruction.consumeStack(cpg));
      stack.push(Value.UNKNOWN.producedBy(pc));
    } else if (instruction instanceof LDC ldc && ldc.getValue(cpg) instanceof ObjectType literal) {
      // Foo.class, a monitor's lock.
      stack.push(Value.ofPath(LockPath.ofClassLiteral(literal.getClassName()), "java.lang.Class"));
    } else if (instruction instanceof NEW allocation) {
      // The object's constructor call is the invokespecial <init> this value is passed to.
      stack.push(Value.ofType(allocation.getLoadClassType(cpg).getClassName()).producedBy(pc));
    } else if (instruction instanceof CHECKCAST cast) {
      Value value = stack.pop(1);
      Type target = cast.getType(cpg);
      stack.push(
          target instanceof ObjectType object ? value.withType(object.getClassName()) : value);
    } else if (instruction instanceof GETFIELD field) {
      Value receiver = stack.pop(1);
      Type type = field.getFieldType(cpg);
      String name = field.getFieldName(cpg);
      Set<LockPath> reads = readOf(receiver.reads(), receiver.path(), name);
      if (type.getSize() == 2) {
        // A long or double names its field on its first word, as an argument's value is read.
        stack.push(fieldOf(receiver, name, type).withReads(reads));
        stack.pushWords(1, reads);
      } else {
        Value value = fieldOf(receiver, name, type);
        LockPath view =
            value.path() == null
                ? null
                : facts.fieldView(field.getReferenceType(cpg).toString(), name);
        if (view != null && view.rootKind() == LockPath.RootKind.THIS) {
          // readLock, a final field holding rw.readLock(): the view itself, on the same object
          value = Value.ofPath(view.rebase(receiver.path()), value.type());
        }
        stack.push(value.withReads(reads));
      }
    } else if (instruction instanceof GETSTATIC field) {
      Type type = field.getFieldType(cpg);
      String name = field.getFieldName(cpg);
      String owner = facts.fieldOwner(field.getReferenceType(cpg).toString(), name);
      LockPath path = LockPath.ofStaticField(owner, name);
      if (type.getSize() == 2) {
        stack.push(Value.ofPath(path, typeName(type)).withReads(Set.of(path)));
        stack.pushWords(1, Set.of(path));
      } else {
        LockPath view = facts.fieldView(owner, name);
        LockPath named = view != null && view.rootKind() == LockPath.RootKind.STATIC ? view : path;
        stack.push(Value.ofPath(named, typeName(type)).withReads(Set.of(path)));
      }
    } else if (instruction instanceof InvokeInstruction invoke) {
      invoke(handle, invoke, stack);
    } else if (!stackOperation(instruction, stack)) {
      // Arithmetic, comparisons, array loads: the result is computed from what they consume.
      int consumed = instruction.consumeStack(cpg);
      Set<LockPath> reads = stack.readsOf(consumed);
      if (isArrayLoad(instruction)) {
        Value array = stack.peek(consumed - 1);
        if (array.path() != null) {
          reads = with(reads, Value.elementOf(array.path()));
        }
      }
      stack.pop(consumed);
      stack.pushWords(instruction.produceStack(cpg), reads);
    }
    return new Frame(stack.toArray(), slots);
  }

  /**
   * The value an instruction that pushes an integer constant pushes ({@code iconst}, {@code
   * bipush}, {@code sipush}, {@code ldc} of an int, {@code lconst}, {@code ldc2_w} of a long), or
   * null for other instructions.
   */
  Long integerConstant(Instruction instruction) {
    if (instruction instanceof ConstantPushInstruction push
        && (push.getType(cpg) == Type.INT
            || push.getType(cpg) == Type.LONG
            || push.getType(cpg) == Type.SHORT
            || push.getType(cpg) == Type.BYTE)) {
      return push.getValue().longValue();
    }
    if (instruction instanceof LDC ldc && ldc.getValue(cpg) instanceof Integer value) {
      return value.longValue();
    }
    if (instruction instanceof LDC2_W ldc && ldc.getValue(cpg) instanceof Long value) {
      return value;
    }
    return null;
  }

  /** The value of local {@code slot} loaded at {@code pc}; {@code flow} is what was stored. */
  private Value load(int slot, int pc, Value flow) {
    if (!method.isStatic() && slot == 0 && !locals.slotStored(0)) {
      return Value.ofPath(LockPath.ofThis(), className);
    }
    flow = flow.withoutPathCalls();
    LocalVariables.Var variable = locals.at(slot, pc);
    if (variable == null) {
      return flow; // a compiler temporary: whatever was stored in it
    }
    Value typed = flow.type() == null ? flow.withType(signatureType(variable.signature())) : flow;
    if (variable.name().startsWith("this$") && typed.type() != null) {
      // The outer instance as the constructor parameter of an inner class.
      return Value.ofPath(LockPath.ofOuter(typed.type()), typed.type());
    }
    String name = variable.name();
    if (locals.isParameter(variable) && locals.storeCount(variable) == 0) {
      int index = locals.parameterIndex(variable.slot());
      LockPath captured =
          index >= 0 && index < capturedPaths.size() ? capturedPaths.get(index) : null;
      if (captured != null) {
        return Value.ofPath(captured, typed.type()).loadedFrom(name);
      }
    }
    if (!locals.isParameter(variable) && locals.storeCount(variable) == 1 && typed.path() != null) {
      // effectively final and initialised with a known path: an alias
      return typed.loadedFrom(name);
    }
    return Value.ofPath(LockPath.ofLocal(name), typed.type()).loadedFrom(name);
  }

  private static boolean isArrayLoad(Instruction instruction) {
    int opcode = instruction.getOpcode();
    return opcode >= Const.IALOAD && opcode <= Const.SALOAD;
  }

  private static Set<LockPath> with(Set<LockPath> reads, LockPath more) {
    Set<LockPath> all = new HashSet<>(reads);
    all.add(more);
    return all;
  }

  /**
   * What a read of field {@code name} of an object with path {@code object} was computed from: the
   * object's own reads and, when the object is nameable, the field itself (skipping javac's
   * synthetic fields, which the source does not read).
   */
  private static Set<LockPath> readOf(Set<LockPath> objectReads, LockPath object, String name) {
    if (object == null || name.startsWith("this$") || name.startsWith("val$")) {
      return objectReads;
    }
    return with(objectReads, object.field(name));
  }

  private Value fieldOf(Value receiver, String name, Type type) {
    String fieldType = typeName(type);
    if (receiver.path() == null || isClassLiteral(receiver.path())) {
      return Value.ofType(fieldType);
    }
    if (name.startsWith("this$")) {
      // Outer.this of an inner, local or anonymous class; deeper chains are unknown.
      return receiver.path().equals(LockPath.ofThis()) && fieldType != null
          ? Value.ofPath(LockPath.ofOuter(fieldType), fieldType)
          : Value.ofType(fieldType);
    }
    if (name.startsWith("val$") && receiver.path().equals(LockPath.ofThis())) {
      // A local or parameter of the enclosing method captured by a local/anonymous class: the
      // source names it like any local.
      return Value.ofPath(LockPath.ofLocal(name.substring(4)), fieldType);
    }
    return receiver.derive(receiver.path().field(name), fieldType, null);
  }

  private void invoke(InstructionHandle handle, InvokeInstruction invoke, Stack stack) {
    Type[] arguments = invoke.getArgumentTypes(cpg);
    int argumentWords = 0;
    for (Type argument : arguments) {
      argumentWords += argument.getSize();
    }
    boolean hasReceiver =
        !(invoke instanceof INVOKEDYNAMIC) && invoke.getOpcode() != Const.INVOKESTATIC;
    // The result is computed from the receiver and the arguments (v = f(v) updates v).
    Set<LockPath> reads = stack.readsOf(argumentWords + (hasReceiver ? 1 : 0));
    for (int i = arguments.length - 1; i >= 0; i--) {
      stack.pop(arguments[i].getSize());
    }
    Type returned = invoke.getReturnType(cpg);
    if (invoke instanceof INVOKEDYNAMIC) {
      // A lambda, method reference or string concatenation: which one is read from the
      // invokedynamic when its value is consumed (a task body passed to a call).
      if (returned.getSize() == 1) {
        stack.push(
            Value.ofType(typeName(returned)).producedBy(handle.getPosition()).withReads(reads));
      } else {
        stack.pushWords(returned.getSize(), reads);
      }
      return;
    }
    Value receiver = hasReceiver ? stack.pop(1) : null;
    if (receiver != null
        && receiver.isProduced()
        && invoke.getMethodName(cpg).equals("<init>")
        && !reads.isEmpty()) {
      // new T(x): the object on the stack (the dup of the new) is computed from the arguments.
      stack.addReads(receiver.producerPc(), reads);
    }
    if (returned.getSize() == 0) {
      return;
    }
    if (returned.getSize() == 2) {
      stack.pushWords(2, reads);
      return;
    }
    stack.push(
        result(handle, invoke, receiver, arguments.length, returned)
            .producedBy(handle.getPosition())
            .withReads(reads));
  }

  /** {@code Foo.class}: a monitor, but no object whose fields or calls name a lock. */
  static boolean isClassLiteral(LockPath path) {
    return path != null
        && path.rootKind() == LockPath.RootKind.STATIC
        && path.equals(LockPath.ofClassLiteral(path.root()));
  }

  private Value result(
      InstructionHandle handle,
      InvokeInstruction invoke,
      Value receiver,
      int argumentCount,
      Type returned) {
    String returnedType = typeName(returned);
    if (receiver == null || receiver.path() == null || isClassLiteral(receiver.path())) {
      return Value.ofType(returnedType);
    }
    String name = invoke.getMethodName(cpg);
    LockOperation operation =
        facts.lockOperation(
            invoke.getReferenceType(cpg).toString(), name, invoke.getSignature(cpg));
    if (operation != null) {
      if (operation.action() == Action.VIEW) {
        return receiver.derive(receiver.path().view(operation.view()), returnedType, null);
      }
      if (operation.action() == Action.TRY_ACQUIRE || operation.action() == Action.HELD_CHECK) {
        return Value.result(handle.getPosition());
      }
    }
    if (argumentCount == 0 && returnedType != null && !name.equals("<init>")) {
      return receiver.derive(receiver.path().call(name), returnedType, handle.getPosition());
    }
    return Value.ofType(returnedType);
  }

  private static boolean stackOperation(Instruction instruction, Stack stack) {
    if (instruction instanceof POP) {
      stack.pop(1);
    } else if (instruction instanceof POP2) {
      stack.pop(2);
    } else if (instruction instanceof DUP) {
      Value v1 = stack.pop(1);
      stack.push(v1, v1);
    } else if (instruction instanceof DUP_X1) {
      Value v1 = stack.pop(1);
      Value v2 = stack.pop(1);
      stack.push(v1, v2, v1);
    } else if (instruction instanceof DUP_X2) {
      Value v1 = stack.pop(1);
      Value v2 = stack.pop(1);
      Value v3 = stack.pop(1);
      stack.push(v1, v3, v2, v1);
    } else if (instruction instanceof DUP2) {
      Value v1 = stack.pop(1);
      Value v2 = stack.pop(1);
      stack.push(v2, v1, v2, v1);
    } else if (instruction instanceof DUP2_X1) {
      Value v1 = stack.pop(1);
      Value v2 = stack.pop(1);
      Value v3 = stack.pop(1);
      stack.push(v2, v1, v3, v2, v1);
    } else if (instruction instanceof DUP2_X2) {
      Value v1 = stack.pop(1);
      Value v2 = stack.pop(1);
      Value v3 = stack.pop(1);
      Value v4 = stack.pop(1);
      stack.push(v2, v1, v4, v3, v2, v1);
    } else if (instruction instanceof SWAP) {
      Value v1 = stack.pop(1);
      Value v2 = stack.pop(1);
      stack.push(v1, v2);
    } else {
      return false;
    }
    return true;
  }

  private static String typeName(Type type) {
    return type instanceof ObjectType object ? object.getClassName() : null;
  }

  private static String signatureType(String signature) {
    if (signature == null || !signature.startsWith("L")) {
      return null;
    }
    return typeName(Type.getType(signature));
  }

  /** A growable copy of an operand stack. */
  private static final class Stack {
    private Value[] values;
    private int size;

    Stack(Value[] initial) {
      values = Arrays.copyOf(initial, initial.length + 8);
      size = initial.length;
    }

    void push(Value... pushed) {
      for (Value value : pushed) {
        if (size == values.length) {
          values = Arrays.copyOf(values, size * 2 + 8);
        }
        values[size++] = value;
      }
    }

    void pushWords(int words) {
      for (int i = 0; i < words; i++) {
        push(Value.UNKNOWN);
      }
    }

    void pushWords(int words, Set<LockPath> reads) {
      for (int i = 0; i < words; i++) {
        push(Value.UNKNOWN.withReads(reads));
      }
    }

    /** The value {@code depth} words below the top. */
    Value peek(int depth) {
      if (depth < 0 || depth >= size) {
        return Value.UNKNOWN;
      }
      return values[size - 1 - depth];
    }

    /** What the top {@code words} words were computed from. */
    Set<LockPath> readsOf(int words) {
      Set<LockPath> reads = Set.of();
      for (int i = 0; i < Math.min(words, size); i++) {
        Set<LockPath> more = values[size - 1 - i].reads();
        if (!more.isEmpty()) {
          if (reads.isEmpty()) {
            reads = more;
          } else {
            Set<LockPath> all = new HashSet<>(reads);
            all.addAll(more);
            reads = all;
          }
        }
      }
      return reads;
    }

    /** Adds {@code reads} to every value on the stack that the instruction at {@code pc} pushed. */
    void addReads(int producerPc, Set<LockPath> reads) {
      for (int i = 0; i < size; i++) {
        if (values[i].producerPc() == producerPc) {
          values[i] = values[i].withReads(reads);
        }
      }
    }

    /** Pops {@code words} words and returns the last popped (the lowest), or UNKNOWN. */
    Value pop(int words) {
      if (words > size) {
        throw new IllegalStateException("operand stack underflow");
      }
      Value last = Value.UNKNOWN;
      for (int i = 0; i < words; i++) {
        last = values[--size];
      }
      return words == 1 ? last : Value.UNKNOWN;
    }

    Value[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
