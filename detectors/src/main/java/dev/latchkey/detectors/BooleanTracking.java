package dev.latchkey.detectors;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.generic.IFEQ;
import org.apache.bcel.generic.IFNE;
import org.apache.bcel.generic.ISTORE;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;

/**
 * The boolean locals and parameters the model tracks: a {@code tryLock()} result stored into one
 * binds it, a conditional jump on one (or directly on a {@code tryLock()} result, through a
 * synthetic {@code #c<pc>} variable) is a BRANCH, any other store is an ASSIGN (followed, for the
 * constants {@code true}/{@code false}, by a BRANCH that takes only that value).
 */
final class BooleanTracking {
  private final MethodContext context;

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

  BooleanTracking(MethodContext context) {
    this.context = context;
    find();
  }

  /** The variable the conditional jump {@code handle} is a BRANCH on, or null. */
  String branchAt(InstructionHandle handle) {
    return branches.get(handle);
  }

  /** The variable the store {@code handle} is an ASSIGN of, or null. */
  String assignAt(InstructionHandle handle) {
    return assigns.get(handle);
  }

  /** For an ASSIGN of a constant: its value; otherwise null. */
  Boolean constantAssignAt(InstructionHandle handle) {
    return constantAssigns.get(handle);
  }

  private void find() {
    // tryLock() results stored into boolean locals, and results tested directly.
    for (InstructionHandle handle : context.handles) {
      OperandStackPaths.Frame frame = context.frame(handle);
      if (frame == null) {
        continue;
      }
      Instruction instruction = handle.getInstruction();
      if (instruction instanceof ISTORE store) {
        Value stored = frame.top(0);
        LocalVariables.Var variable = context.storedVariable(handle, store.getIndex());
        if (stored.isResult() && variable != null && variable.isBoolean()) {
          bindings.putIfAbsent(stored.resultPc(), variable);
        }
      } else if (isBooleanTest(instruction) && frame.top(0).isResult()) {
        tested.add(frame.top(0).resultPc());
      }
    }
    for (InstructionHandle handle : context.handles) {
      OperandStackPaths.Frame frame = context.frame(handle);
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
        LocalVariables.Var variable = context.storedVariable(handle, store.getIndex());
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

  private static boolean isBooleanTest(Instruction instruction) {
    return instruction instanceof IFEQ || instruction instanceof IFNE;
  }

  /** The variable a TRY_ACQUIRE/HELD_CHECK at {@code pc} binds, or null when none is tracked. */
  String resultVariable(int pc) {
    LocalVariables.Var bound = bindings.get(pc);
    if (bound != null) {
      return bound.name();
    }
    return tested.contains(pc) ? "#c" + pc : null;
  }
}
