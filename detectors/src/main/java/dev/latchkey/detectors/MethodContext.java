package dev.latchkey.detectors;

import dev.latchkey.checks.model.LockPath;
import java.util.HashMap;
import java.util.Map;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.LineNumberTable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ANEWARRAY;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.MULTIANEWARRAY;
import org.apache.bcel.generic.NEWARRAY;
import org.apache.bcel.generic.Type;

/**
 * One method body as the translation's passes share it: its instructions, local variables,
 * exception table, the operand-stack simulation, and small lookups (line of a pc, instruction at a
 * pc, argument words of an invocation).
 */
final class MethodContext {
  final String className;
  final String sourceFile;
  final Method method;
  final ConstantPoolGen cpg;
  final ClassFacts facts;
  final LambdaSites lambdas;
  final InstructionHandle[] handles;
  final LocalVariables locals;
  final ExceptionEdges exceptions;
  final OperandStackPaths paths;
  private final LineNumberTable lines;
  private Map<Integer, InstructionHandle> handleByPc;
  private Map<Integer, Integer> indexByPc;

  MethodContext(
      String className,
      String sourceFile,
      Method method,
      ConstantPoolGen cpg,
      ClassFacts facts,
      LambdaSites lambdas,
      InstructionHandle[] handles,
      LocalVariables locals,
      ExceptionEdges exceptions,
      OperandStackPaths paths) {
    this.className = className;
    this.sourceFile = sourceFile;
    this.method = method;
    this.cpg = cpg;
    this.facts = facts;
    this.lambdas = lambdas;
    this.handles = handles;
    this.locals = locals;
    this.exceptions = exceptions;
    this.paths = paths;
    this.lines = method.getLineNumberTable();
  }

  int line(int pc) {
    return lines == null ? -1 : lines.getSourceLine(pc);
  }

  BytecodeOrigin origin(int pc) {
    return new BytecodeOrigin(method, pc, className, sourceFile);
  }

  OperandStackPaths.Frame frame(InstructionHandle handle) {
    return paths.in(handle);
  }

  InstructionHandle handleAt(int pc) {
    if (handleByPc == null) {
      handleByPc = new HashMap<>();
      for (InstructionHandle handle : handles) {
        handleByPc.put(handle.getPosition(), handle);
      }
    }
    return handleByPc.get(pc);
  }

  int indexOf(InstructionHandle handle) {
    if (indexByPc == null) {
      indexByPc = new HashMap<>();
      for (int i = 0; i < handles.length; i++) {
        indexByPc.put(handles[i].getPosition(), i);
      }
    }
    return indexByPc.get(handle.getPosition());
  }

  /** The class an invocation names (binary name). */
  String owner(InvokeInstruction invoke) {
    return invoke.getReferenceType(cpg).toString();
  }

  int argumentWords(InvokeInstruction invoke) {
    int words = 0;
    for (Type argument : invoke.getArgumentTypes(cpg)) {
      words += argument.getSize();
    }
    return words;
  }

  static boolean hasReceiver(InvokeInstruction invoke) {
    return !(invoke instanceof INVOKEDYNAMIC) && invoke.getOpcode() != Const.INVOKESTATIC;
  }

  /** The declared variable a store into {@code slot} at {@code handle} writes, or null. */
  LocalVariables.Var storedVariable(InstructionHandle handle, int slot) {
    int pc = handle.getPosition();
    return locals.storedAt(slot, pc, pc + handle.getInstruction().getLength());
  }

  /** A reference array just created by {@code anewarray}, still on the operand stack. */
  boolean isFreshArray(Value value) {
    InstructionHandle producer = value.isProduced() ? handleAt(value.producerPc()) : null;
    return producer != null && producer.getInstruction() instanceof ANEWARRAY;
  }

  /**
   * An array of any element type just created ({@code newarray}, {@code anewarray}, {@code
   * multianewarray}) and still on the operand stack: its element stores are an array initializer's.
   */
  boolean isFreshArrayOfAnyType(Value value) {
    InstructionHandle producer = value.isProduced() ? handleAt(value.producerPc()) : null;
    return producer != null
        && (producer.getInstruction() instanceof ANEWARRAY
            || producer.getInstruction() instanceof NEWARRAY
            || producer.getInstruction() instanceof MULTIANEWARRAY);
  }

  /**
   * The binary name of the static type of {@code path}'s root, for lock-order analysis: this class
   * for {@code this}, the named class for an outer instance or a static field, the declared type of
   * a local or parameter (LocalVariableTable, else the descriptor, else what the simulation knows
   * of a value that is the local itself: a {@code checkcast} or {@code new}).
   *
   * @param value the simulated value whose path is {@code path}
   */
  String rootType(LockPath path, Value value, int pc) {
    switch (path.rootKind()) {
      case THIS:
        return className;
      case OUTER:
      case STATIC:
        return path.root();
      default:
        String declared = locals.declaredType(path.root(), pc);
        if (declared != null) {
          return declared;
        }
        return path.equals(LockPath.ofLocal(path.root())) ? value.type() : null;
    }
  }

  /** The constant length of the array the {@code anewarray} at {@code pc} creates, or -1. */
  int freshArrayLength(int pc) {
    OperandStackPaths.Frame frame = paths.in(handleAt(pc));
    Long length = frame == null ? null : frame.top(0).constant();
    return length == null || length < 0 || length > 255 ? -1 : length.intValue();
  }
}
