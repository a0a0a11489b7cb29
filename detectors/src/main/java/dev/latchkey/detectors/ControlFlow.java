package dev.latchkey.detectors;

import java.util.ArrayList;
import java.util.List;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.GotoInstruction;
import org.apache.bcel.generic.IfInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.JsrInstruction;
import org.apache.bcel.generic.RET;
import org.apache.bcel.generic.ReturnInstruction;
import org.apache.bcel.generic.Select;

/** Normal (non-exceptional) successors of a bytecode instruction. */
final class ControlFlow {
  private ControlFlow() {}

  /** A shape the translation does not model; the method then simply gets no model. */
  static final class UnsupportedShapeException extends RuntimeException {
    UnsupportedShapeException(String message) {
      super(message);
    }
  }

  /** The instructions control may go to when {@code handle} completes normally. */
  static List<InstructionHandle> successors(InstructionHandle handle) {
    Instruction instruction = handle.getInstruction();
    List<InstructionHandle> result = new ArrayList<>();
    if (instruction instanceof ReturnInstruction || instruction instanceof ATHROW) {
      return result;
    }
    if (instruction instanceof JsrInstruction || instruction instanceof RET) {
      throw new UnsupportedShapeException("jsr/ret subroutines (pre-Java 6 class files)");
    }
    if (instruction instanceof GotoInstruction jump) {
      result.add(jump.getTarget());
      return result;
    }
    if (instruction instanceof Select select) {
      for (InstructionHandle target : select.getTargets()) {
        if (!result.contains(target)) {
          result.add(target);
        }
      }
      if (!result.contains(select.getTarget())) {
        result.add(select.getTarget());
      }
      return result;
    }
    if (instruction instanceof IfInstruction branch) {
      result.add(fallThrough(handle));
      if (branch.getTarget() != result.get(0)) {
        result.add(branch.getTarget());
      }
      return result;
    }
    result.add(fallThrough(handle));
    return result;
  }

  static InstructionHandle fallThrough(InstructionHandle handle) {
    InstructionHandle next = handle.getNext();
    if (next == null) {
      throw new UnsupportedShapeException("control falls off the end of the code");
    }
    return next;
  }
}
