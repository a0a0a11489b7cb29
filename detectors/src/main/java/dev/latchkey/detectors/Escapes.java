package dev.latchkey.detectors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.EnclosingMethod;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.generic.ASTORE;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.INVOKESPECIAL;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.PUTFIELD;
import org.apache.bcel.generic.PUTSTATIC;
import org.apache.bcel.generic.ReturnInstruction;
import org.apache.bcel.generic.Type;

/** ESCAPE nodes: where a local's value leaves the method's sight. */
final class Escapes {
  private final MethodContext context;
  private final ValueUses values;

  Escapes(MethodContext context, ValueUses values) {
    this.context = context;
    this.values = values;
  }

  /**
   * The locals whose value the instruction lets escape (notes/FRONTENDS-executors.md, item 3): the
   * value just loaded from a declared local that it returns, stores into a field, an array element
   * or another declared local, or that a lambda or method reference it creates captures. String
   * concatenation and passing it as an argument are no escapes.
   */
  List<String> at(InstructionHandle handle) {
    OperandStackPaths.Frame frame = context.frame(handle);
    Instruction instruction = handle.getInstruction();
    if (frame == null || frame.stack().length == 0) {
      return List.of();
    }
    String top = frame.top(0).local();
    if (instruction.getOpcode() == Const.AASTORE && context.isFreshArray(frame.top(2))) {
      return List.of(); // an array initializer or varargs: no variable holds the array yet
    }
    if (instruction instanceof ReturnInstruction
        || instruction instanceof PUTFIELD
        || instruction instanceof PUTSTATIC
        || instruction.getOpcode() == Const.AASTORE) {
      return top == null ? List.of() : List.of(top);
    }
    if (instruction instanceof ASTORE store) {
      LocalVariables.Var target = context.storedVariable(handle, store.getIndex());
      return top == null || target == null || target.name().equals(top) ? List.of() : List.of(top);
    }
    if (instruction instanceof INVOKESPECIAL invoke && isLocalClassCreation(invoke)) {
      // A local or anonymous class gets the locals it captures as constructor arguments.
      Set<String> captured = new LinkedHashSet<>();
      for (ValueUses.Argument argument : values.arguments(handle, invoke)) {
        if (argument.value().local() != null) {
          captured.add(argument.value().local());
        }
      }
      return new ArrayList<>(captured);
    }
    if (instruction instanceof INVOKEDYNAMIC invoke
        && context.lambdas.implementation(invoke) != null) {
      Set<String> captured = new LinkedHashSet<>();
      int depth = context.argumentWords(invoke);
      for (Type argument : invoke.getArgumentTypes(context.cpg)) {
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

  /** A constructor call of a local or anonymous class (one with an EnclosingMethod attribute). */
  private boolean isLocalClassCreation(INVOKESPECIAL invoke) {
    if (!invoke.getMethodName(context.cpg).equals("<init>")) {
      return false;
    }
    JavaClass created = context.facts.lookup(invoke.getReferenceType(context.cpg).toString());
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
}
