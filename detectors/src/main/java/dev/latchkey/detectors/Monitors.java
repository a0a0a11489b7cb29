package dev.latchkey.detectors;

import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.MONITORENTER;
import org.apache.bcel.generic.MONITOREXIT;

/**
 * {@code synchronized} blocks (notes/FRONTENDS-races-lockorder.md, item 1): {@code monitorenter} is
 * a monitor ACQUIRE and every {@code monitorexit} a monitor RELEASE, with the lock path of the
 * operand. javac stores the lock in a temporary ({@code dup; astore t; monitorenter}) and exits
 * with {@code aload t; monitorexit} on every way out of the block, its catch-all handler included
 * (the exceptional release; {@link Handlers} keeps that handler from being a catch or finally): the
 * operand-stack simulation carries the path through the temporary. A monitor whose lock has no path
 * (an array element, a call with arguments) gets no node.
 */
final class Monitors {
  private final MethodContext context;

  Monitors(MethodContext context) {
    this.context = context;
  }

  /** The monitor node of the instruction, or null when it is none or its lock is unknown. */
  Node nodeAt(
      MethodModel.Builder builder, InstructionHandle handle, int line, BytecodeOrigin origin) {
    boolean enter = handle.getInstruction() instanceof MONITORENTER;
    if (!enter && !(handle.getInstruction() instanceof MONITOREXIT)) {
      return null;
    }
    OperandStackPaths.Frame frame = context.frame(handle);
    if (frame == null || frame.stack().length == 0) {
      return null;
    }
    Value lock = frame.top(0);
    LockPath path = lock.path();
    if (path == null) {
      return null;
    }
    String rootType = context.rootType(path, lock, handle.getPosition());
    return enter
        ? builder.monitorEnter(line, path, rootType, "synchronized (" + path + ")", origin)
        : builder.monitorExit(line, path, rootType, origin);
  }
}
