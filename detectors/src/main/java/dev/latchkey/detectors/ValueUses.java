package dev.latchkey.detectors;

import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.ResultUse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.generic.ArrayType;
import org.apache.bcel.generic.CHECKCAST;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.INVOKESPECIAL;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
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
 * Where values go (notes/FRONTENDS-exceptions.md item 6, notes/FRONTENDS-executors.md item 2):
 * which constructor call builds each {@code new}, what consumes each invocation's result and where
 * it is stored, the {@code StringBuilder} calls of a pre-Java 9 string concatenation, and the
 * arrays javac makes for varargs calls and array initializers, so that an invocation's arguments
 * are counted as the source writes them.
 */
final class ValueUses {
  private final MethodContext context;
  private final boolean inlineConcatenation;

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

  /**
   * pcs of the {@code StringBuilder} calls javac made for a string concatenation in class files
   * older than Java 9 (no {@code invokedynamic} concatenation there).
   */
  private final Set<Integer> builderConcatenation = new HashSet<>();

  /** {@code anewarray} pc -> index -> the value javac stores there right after creating it. */
  private final Map<Integer, Map<Integer, Value>> arrayElements = new HashMap<>();

  /** Invocation pc -> the {@code anewarray} pc of the array javac made for its varargs. */
  private final Map<Integer, Integer> varargsCalls = new HashMap<>();

  /** {@code anewarray} pcs of the arrays javac made for varargs calls. */
  private final Set<Integer> varargsArrays = new HashSet<>();

  /**
   * @param inlineConcatenation whether javac compiled string concatenation into {@code
   *     StringBuilder} calls (class files before Java 9)
   */
  ValueUses(MethodContext context, boolean inlineConcatenation) {
    this.context = context;
    this.inlineConcatenation = inlineConcatenation;
    findConstructors();
    findArrays();
    findBuilderConcatenation();
    findResultUses();
  }

  /** What consumes the value the invocation at {@code pc} pushes. */
  ResultUse resultUse(int pc) {
    return resultUses.getOrDefault(pc, ResultUse.OTHER);
  }

  /** The local or field the value pushed at {@code pc} is stored into, or null. */
  LockPath storedTo(int pc) {
    return storedTo.get(pc);
  }

  /** Whether the result of the invocation at {@code pc} is a string concatenation's operand. */
  boolean isConcatenated(int pc) {
    return concatenated.contains(pc);
  }

  /** Whether the invocation at {@code pc} is javac's pre-Java 9 string concatenation. */
  boolean isBuilderConcatenation(int pc) {
    return builderConcatenation.contains(pc);
  }

  /** The constructor call of the object the {@code new} at {@code pc} creates, or null. */
  InstructionHandle constructorOf(int newPc) {
    return constructorOf.get(newPc);
  }

  /** Which {@code invokespecial <init>} constructs the object of each {@code new}. */
  private void findConstructors() {
    for (InstructionHandle handle : context.handles) {
      OperandStackPaths.Frame frame = context.frame(handle);
      if (frame == null
          || !(handle.getInstruction() instanceof INVOKESPECIAL invoke)
          || !invoke.getMethodName(context.cpg).equals("<init>")) {
        continue;
      }
      Value receiver = frame.top(context.argumentWords(invoke));
      InstructionHandle producer =
          receiver.isProduced() ? context.handleAt(receiver.producerPc()) : null;
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
    for (InstructionHandle handle :
        context.handles) { // in code order: a chain's calls come in order
      OperandStackPaths.Frame frame = context.frame(handle);
      if (frame == null
          || !(handle.getInstruction() instanceof InvokeInstruction invoke)
          || !MethodContext.hasReceiver(invoke)
          || !isStringBuilder(context.owner(invoke))
          || !Set.of("append", "toString").contains(invoke.getMethodName(context.cpg))) {
        continue;
      }
      Value receiver = frame.top(context.argumentWords(invoke));
      InstructionHandle producer =
          receiver.isProduced() ? context.handleAt(receiver.producerPc()) : null;
      if (producer == null) {
        continue;
      }
      if (producer.getInstruction() instanceof NEW allocation
          && isStringBuilder(allocation.getLoadClassType(context.cpg).getClassName())) {
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
    for (InstructionHandle handle : context.handles) {
      OperandStackPaths.Frame frame = context.frame(handle);
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
        words = context.argumentWords(invoke) + (MethodContext.hasReceiver(invoke) ? 1 : 0);
      } else {
        words = instruction.consumeStack(context.cpg);
      }
      words = Math.min(words, frame.stack().length);
      boolean concatenation =
          instruction instanceof INVOKEDYNAMIC invoke
              && invoke.getMethodName(context.cpg).startsWith("makeConcat");
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
        && depth == context.argumentWords(invoke)
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
      LocalVariables.Var variable = context.storedVariable(handle, store.getIndex());
      return variable == null ? null : LockPath.ofLocal(variable.name());
    }
    if (instruction instanceof PUTSTATIC put) {
      String name = put.getFieldName(context.cpg);
      String owner = context.facts.fieldOwner(put.getReferenceType(context.cpg).toString(), name);
      return LockPath.ofStaticField(owner, name);
    }
    if (instruction instanceof PUTFIELD put && frame.stack().length >= 2) {
      LockPath object = frame.top(1).path(); // below the (one-word) value
      return object == null ? null : object.field(put.getFieldName(context.cpg));
    }
    return null;
  }

  private static boolean isArrayStore(Instruction instruction) {
    int opcode = instruction.getOpcode();
    return opcode >= Const.IASTORE && opcode <= Const.SASTORE;
  }

  /** What {@code instruction} does with the operand {@code depth} words below the top. */
  private ResultUse role(Instruction instruction, int depth, OperandStackPaths.Frame frame) {
    if (instruction.getOpcode() == Const.AASTORE
        && depth == 0
        && context.isFreshArray(frame.top(2))) {
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
      return depth == context.argumentWords(invoke) ? ResultUse.RECEIVER : ResultUse.ARGUMENT;
    }
    return ResultUse.OTHER;
  }

  /** One argument as the source writes it: its value and its (parameter or element) type. */
  record Argument(Value value, Type type) {}

  /**
   * The arguments of an invocation as written in the source: one per parameter, except that the
   * array javac creates for a varargs call is replaced by its elements (as the javac front-end has
   * one argument per written expression). A two-word argument's value is its first word's.
   */
  List<Argument> arguments(InstructionHandle handle, InvokeInstruction invoke) {
    OperandStackPaths.Frame frame = context.frame(handle);
    Type[] types = invoke.getArgumentTypes(context.cpg);
    List<Argument> arguments = new ArrayList<>();
    int depth = context.argumentWords(invoke);
    for (Type type : types) {
      depth -= type.getSize();
      arguments.add(new Argument(frame.top(depth + type.getSize() - 1), type));
    }
    Integer varargs = varargsCalls.get(handle.getPosition());
    if (varargs != null) {
      Argument array = arguments.remove(arguments.size() - 1);
      Type element = ((ArrayType) array.type()).getElementType();
      Map<Integer, Value> elements = arrayElements.getOrDefault(varargs, Map.of());
      int length = context.freshArrayLength(varargs);
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
    for (InstructionHandle handle : context.handles) {
      OperandStackPaths.Frame frame = context.frame(handle);
      if (frame == null) {
        continue;
      }
      if (handle.getInstruction().getOpcode() == Const.AASTORE) {
        Value array = frame.top(2);
        Long index = frame.top(1).constant();
        if (context.isFreshArray(array) && index != null) {
          arrayElements
              .computeIfAbsent(array.producerPc(), pc -> new HashMap<>())
              .putIfAbsent(index.intValue(), frame.top(0));
        }
      } else if (handle.getInstruction() instanceof InvokeInstruction invoke
          && !(invoke instanceof INVOKEDYNAMIC)) {
        Type[] types = invoke.getArgumentTypes(context.cpg);
        if (types.length == 0 || !(types[types.length - 1] instanceof ArrayType)) {
          continue;
        }
        Value last = frame.top(0);
        if (context.isFreshArray(last)
            && context.freshArrayLength(last.producerPc()) >= 0
            && context.facts.isVarargs(
                context.owner(invoke),
                invoke.getMethodName(context.cpg),
                invoke.getSignature(context.cpg))) {
          varargsCalls.put(handle.getPosition(), last.producerPc());
          varargsArrays.add(last.producerPc());
        }
      }
    }
  }
}
