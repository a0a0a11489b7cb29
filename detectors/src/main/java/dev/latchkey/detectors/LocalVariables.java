package dev.latchkey.detectors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.LocalVariable;
import org.apache.bcel.classfile.LocalVariableTable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.classfile.MethodParameter;
import org.apache.bcel.classfile.MethodParameters;
import org.apache.bcel.generic.IINC;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.StoreInstruction;
import org.apache.bcel.generic.Type;

/**
 * The source-level local variables of one method, from its {@code LocalVariableTable}: which
 * declared variable a slot holds at a given pc, how often each variable is assigned (a variable
 * stored exactly once is effectively final, so it may alias the lock it was initialised with), and
 * the parameters' names.
 *
 * <p>Without a {@code LocalVariableTable} (code compiled without {@code -g}) every slot is one
 * variable for the whole method, named after the {@code MethodParameters} attribute for parameters
 * and {@code local<slot>} otherwise.
 */
final class LocalVariables {
  /**
   * One declared variable: a slot over a pc range. Compiler temporaries (the iterator of an
   * enhanced {@code for}, the exception kept for a {@code finally}) have none.
   */
  record Var(int slot, String name, String signature, int start, int length) {
    boolean isBoolean() {
      return "Z".equals(signature);
    }

    boolean covers(int pc) {
      return pc >= start && pc < start + length;
    }
  }

  private final boolean hasTable;
  private final List<Var> vars = new ArrayList<>();
  private final Map<Var, Integer> storeCounts = new HashMap<>();
  private final boolean[] slotStored;
  private final List<String> parameterNames = new ArrayList<>();
  private final List<Integer> parameterSlotList = new ArrayList<>();
  private final int parameterSlots;
  private final boolean isStatic;
  private final Type[] parameterTypes;

  LocalVariables(Method method, InstructionHandle[] instructions) {
    Code code = method.getCode();
    LocalVariableTable table = method.getLocalVariableTable();
    // javac -g writes the attribute for every method, empty when it declares nothing.
    this.hasTable = table != null;
    this.isStatic = method.isStatic();
    if (hasTable) {
      for (LocalVariable variable : table.getLocalVariableTable()) {
        vars.add(
            new Var(
                variable.getIndex(),
                variable.getName(),
                variable.getSignature(),
                variable.getStartPC(),
                variable.getLength()));
      }
    }
    this.slotStored = new boolean[Math.max(code == null ? 0 : code.getMaxLocals(), 1) + 2];

    Type[] arguments = method.getArgumentTypes();
    this.parameterTypes = arguments;
    String[] declaredNames = declaredParameterNames(method, arguments.length);
    int slot = isStatic ? 0 : 1;
    for (int i = 0; i < arguments.length; i++) {
      Var variable = hasTable ? find(slot, 0) : null;
      String name =
          variable != null
              ? variable.name()
              : declaredNames[i] != null ? declaredNames[i] : "arg" + i;
      parameterNames.add(name);
      parameterSlotList.add(slot);
      slot += arguments[i].getSize();
    }
    this.parameterSlots = slot;

    for (InstructionHandle handle : instructions) {
      int index;
      if (handle.getInstruction() instanceof StoreInstruction store) {
        index = store.getIndex();
      } else if (handle.getInstruction() instanceof IINC iinc) {
        index = iinc.getIndex();
      } else {
        continue;
      }
      if (index < slotStored.length) {
        slotStored[index] = true;
      }
      Var variable = storedAt(index, handle.getPosition(), nextPosition(handle));
      if (variable != null) {
        storeCounts.merge(variable, 1, Integer::sum);
      }
    }
  }

  private static int nextPosition(InstructionHandle handle) {
    return handle.getPosition() + handle.getInstruction().getLength();
  }

  private static String[] declaredParameterNames(Method method, int count) {
    String[] names = new String[count];
    for (var attribute : method.getAttributes()) {
      if (attribute instanceof MethodParameters parameters) {
        MethodParameter[] declared = parameters.getParameters();
        // Mandated/synthetic parameters (an inner class's outer instance) are listed too; the
        // descriptor has the same count, so the positions line up.
        for (int i = 0; i < Math.min(count, declared.length); i++) {
          names[i] = declared[i].getParameterName(method.getConstantPool());
        }
      }
    }
    return names;
  }

  /** Whether the method has a LocalVariableTable: otherwise names are made up per slot. */
  boolean hasTable() {
    return hasTable;
  }

  /** The parameters' names in order, {@code this} excluded. */
  List<String> parameterNames() {
    return parameterNames;
  }

  /** The index of the parameter in {@code slot}, or -1. */
  int parameterIndex(int slot) {
    return parameterSlotList.indexOf(slot);
  }

  boolean isParameterSlot(int slot) {
    return slot < parameterSlots && (isStatic || slot > 0);
  }

  /** Whether the method ever stores into {@code slot}. */
  boolean slotStored(int slot) {
    return slot < slotStored.length && slotStored[slot];
  }

  /** The variable in {@code slot} at {@code pc} (a load), or null for a compiler temporary. */
  Var at(int slot, int pc) {
    if (!hasTable) {
      return synthetic(slot);
    }
    return find(slot, pc);
  }

  /**
   * The variable a store into {@code slot} at {@code pc} writes: its scope usually starts right
   * after the store ({@code nextPc}); a last assignment may sit at the very end of its scope.
   */
  Var storedAt(int slot, int pc, int nextPc) {
    if (!hasTable) {
      return synthetic(slot);
    }
    Var variable = find(slot, nextPc);
    return variable != null ? variable : find(slot, pc);
  }

  /**
   * The declared class (binary name) of the local or parameter {@code name} in scope at {@code pc}
   * (LocalVariableTable signature, else the method descriptor for a parameter); null when unknown
   * or not a class type.
   */
  String declaredType(String name, int pc) {
    Var inScope = null;
    Var any = null;
    for (Var variable : vars) {
      if (variable.name().equals(name)) {
        any = any == null ? variable : any;
        if (variable.covers(pc)) {
          inScope = variable;
        }
      }
    }
    Var variable = inScope != null ? inScope : any;
    if (variable != null) {
      return className(variable.signature());
    }
    int index = parameterNames.indexOf(name);
    return index >= 0 && index < parameterTypes.length
        ? className(parameterTypes[index].getSignature())
        : null;
  }

  private static String className(String signature) {
    if (signature == null || !signature.startsWith("L") || !signature.endsWith(";")) {
      return null;
    }
    return signature.substring(1, signature.length() - 1).replace('/', '.');
  }

  /** How many store instructions write {@code variable}: 1 = effectively final (declaration). */
  int storeCount(Var variable) {
    return storeCounts.getOrDefault(variable, 0);
  }

  boolean isParameter(Var variable) {
    return isParameterSlot(variable.slot()) && variable.start() == 0;
  }

  private Var find(int slot, int pc) {
    for (Var variable : vars) {
      if (variable.slot() == slot && variable.covers(pc)) {
        return variable;
      }
    }
    return null;
  }

  private Var synthetic(int slot) {
    String name;
    if (isParameterSlot(slot)) {
      name = parameterNameOfSlot(slot);
    } else {
      name = "local" + slot;
    }
    return new Var(slot, name, null, 0, Integer.MAX_VALUE);
  }

  private String parameterNameOfSlot(int slot) {
    int index = parameterSlotList.indexOf(slot);
    return index >= 0 ? parameterNames.get(index) : "local" + slot;
  }
}
