package dev.latchkey.detectors;

import dev.latchkey.checks.model.FieldRef;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import org.apache.bcel.Const;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.GETFIELD;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.PUTFIELD;
import org.apache.bcel.generic.PUTSTATIC;

/**
 * FIELD_READ, FIELD_WRITE and ARRAY_WRITE nodes (notes/FRONTENDS-races-lockorder.md, items 2 and
 * 3): one per {@code getfield}/{@code getstatic}/{@code putfield}/{@code putstatic} of a field the
 * source declares (javac's synthetic {@code this$0}, {@code val$x}, {@code $assertionsDisabled} are
 * left out), and one per element store into an array other than javac's filling of a new array (an
 * array initializer, varargs). The field is named by the class that declares it; the path names the
 * accessed object as lock paths do ({@code this.count}, {@code Outer.this.count}, {@code
 * Foo.COUNT}, {@code other.count}), null when it is not nameable. A write is compound when the
 * value it stores was computed, on the operand stack, from a read of the same field (or, for an
 * array, of an element of the same array): {@code v++}, {@code v += x}, {@code v = f(v)}.
 */
final class FieldAccesses {
  private final MethodContext context;

  FieldAccesses(MethodContext context) {
    this.context = context;
  }

  /** The access node of the instruction, or null when it accesses no source field or array. */
  Node nodeAt(
      MethodModel.Builder builder, InstructionHandle handle, int line, BytecodeOrigin origin) {
    Instruction instruction = handle.getInstruction();
    OperandStackPaths.Frame frame = context.frame(handle);
    if (frame == null) {
      return null;
    }
    if (instruction instanceof FieldInstruction access) {
      return fieldAccess(builder, access, frame, line, origin);
    }
    int opcode = instruction.getOpcode();
    if (opcode >= Const.IASTORE && opcode <= Const.SASTORE) {
      int valueWords = opcode == Const.LASTORE || opcode == Const.DASTORE ? 2 : 1;
      Value array = frame.top(valueWords + 1);
      if (context.isFreshArrayOfAnyType(array)) {
        return null; // javac filling the array it just created
      }
      LockPath path = array.path();
      boolean compound = path != null && frame.top(0).reads().contains(Value.elementOf(path));
      String label = (path == null ? "array" : path.toString()) + "[]";
      return builder.arrayWrite(line, path, compound, label, origin);
    }
    return null;
  }

  private Node fieldAccess(
      MethodModel.Builder builder,
      FieldInstruction access,
      OperandStackPaths.Frame frame,
      int line,
      BytecodeOrigin origin) {
    String name = access.getFieldName(context.cpg);
    if (Declarations.isSyntheticName(name)) {
      return null;
    }
    String owner = context.facts.fieldOwner(access.getReferenceType(context.cpg).toString(), name);
    if (context.facts.isSyntheticField(owner, name)) {
      return null;
    }
    FieldRef field = new FieldRef(owner, name, access.getSignature(context.cpg));
    int valueWords = access.getFieldType(context.cpg).getSize();
    boolean write = access instanceof PUTFIELD || access instanceof PUTSTATIC;
    LockPath path;
    String label;
    if (access instanceof GETSTATIC || access instanceof PUTSTATIC) {
      path = LockPath.ofStaticField(owner, name);
      label = simpleName(owner) + "." + name;
    } else {
      Value object = frame.top(access instanceof GETFIELD ? 0 : valueWords);
      path = object.path() == null ? null : object.path().field(name);
      label = name;
    }
    boolean compound = write && path != null && frame.top(0).reads().contains(path);
    return builder.fieldAccess(line, write, field, path, compound, label, origin);
  }

  private static String simpleName(String binaryName) {
    String name = binaryName.substring(binaryName.lastIndexOf('.') + 1);
    return name.substring(name.lastIndexOf('$') + 1);
  }
}
