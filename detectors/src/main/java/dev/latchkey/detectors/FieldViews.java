package dev.latchkey.detectors;

import dev.latchkey.checks.api.LockOperation;
import dev.latchkey.checks.model.LockPath;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.GETFIELD;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.PUTFIELD;
import org.apache.bcel.generic.PUTSTATIC;

/**
 * Final fields of a class that hold a view of a read/write lock ({@code final Lock readLock =
 * rw.readLock();}, {@code sl.asWriteLock()}), stored by every constructor (or the static
 * initializer) from the view of a final field of the same class: the field is another name for the
 * view, so {@code readLock.lock()} takes {@code this.rw#read}, as the javac front-end names it. The
 * view is relative to the object that declares the field ({@code this.rw#read}), or absolute for
 * static fields.
 */
final class FieldViews {
  private FieldViews() {}

  static Map<String, LockPath> of(JavaClass cls, ClassFacts facts) {
    Set<String> finals = new HashSet<>();
    for (Field field : cls.getFields()) {
      if (field.isFinal()) {
        finals.add(field.getName());
      }
    }
    ConstantPoolGen cpg = new ConstantPoolGen(cls.getConstantPool());
    Map<String, LockPath> views = new HashMap<>();
    Set<String> other = new HashSet<>();
    for (Method method : cls.getMethods()) {
      if (method.getCode() == null) {
        continue;
      }
      boolean initializer =
          method.getName().equals("<init>") || method.getName().equals("<clinit>");
      InstructionHandle[] handles =
          new InstructionList(method.getCode().getCode()).getInstructionHandles();
      for (int i = 0; i < handles.length; i++) {
        if (!(handles[i].getInstruction() instanceof FieldInstruction store)
            || !(store instanceof PUTFIELD || store instanceof PUTSTATIC)
            || !store.getReferenceType(cpg).toString().equals(cls.getClassName())
            || !finals.contains(store.getFieldName(cpg))) {
          continue;
        }
        String name = store.getFieldName(cpg);
        LockPath view =
            initializer
                ? viewStored(handles, i, store instanceof PUTSTATIC, cls, cpg, facts, finals)
                : null;
        LockPath known = views.get(name);
        if (view == null || known != null && !known.equals(view)) {
          other.add(name);
        } else {
          views.put(name, view);
        }
      }
    }
    views.keySet().removeAll(other);
    return views;
  }

  /**
   * The view the store at {@code index} stores: {@code aload_0; getfield rw; invoke readLock()}
   * (instance) or {@code getstatic RW; invoke readLock()} (static), on a final field of the class.
   */
  private static LockPath viewStored(
      InstructionHandle[] handles,
      int index,
      boolean isStatic,
      JavaClass cls,
      ConstantPoolGen cpg,
      ClassFacts facts,
      Set<String> finals) {
    if (index < 2 || !(handles[index - 1].getInstruction() instanceof InvokeInstruction invoke)) {
      return null;
    }
    LockOperation operation =
        invoke.getOpcode() == Const.INVOKESTATIC
            ? null
            : facts.lockOperation(
                invoke.getReferenceType(cpg).toString(),
                invoke.getMethodName(cpg),
                invoke.getSignature(cpg));
    if (operation == null
        || operation.action() != LockOperation.Action.VIEW
        || operation.view() == null) {
      return null;
    }
    Instruction load = handles[index - 2].getInstruction();
    if (isStatic && load instanceof GETSTATIC field && owns(field, cls, cpg, finals)) {
      return LockPath.ofStaticField(cls.getClassName(), field.getFieldName(cpg))
          .view(operation.view());
    }
    if (!isStatic
        && load instanceof GETFIELD field
        && owns(field, cls, cpg, finals)
        && index >= 3
        && handles[index - 3].getInstruction() instanceof ALOAD self
        && self.getIndex() == 0) {
      return LockPath.ofThis().field(field.getFieldName(cpg)).view(operation.view());
    }
    return null;
  }

  private static boolean owns(
      FieldInstruction field, JavaClass cls, ConstantPoolGen cpg, Set<String> finals) {
    return field.getReferenceType(cpg).toString().equals(cls.getClassName())
        && finals.contains(field.getFieldName(cpg));
  }
}
