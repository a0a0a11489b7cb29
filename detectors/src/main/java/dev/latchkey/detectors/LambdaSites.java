package dev.latchkey.detectors;

import dev.latchkey.checks.model.MethodRef;
import java.util.HashMap;
import java.util.Map;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.BootstrapMethod;
import org.apache.bcel.classfile.BootstrapMethods;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantInvokeDynamic;
import org.apache.bcel.classfile.ConstantMethodHandle;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.PUTFIELD;
import org.apache.bcel.generic.PUTSTATIC;

/**
 * Where javac's lambda bodies ({@code lambda$...} methods) are created: which method's {@code
 * invokedynamic} makes each, and whether its result initialises a field ({@code Runnable r = () ->
 * ...;} as a field). A lambda body is judged on its own, but the suppressions around the expression
 * and the lock paths of what it captures come from its creator.
 */
final class LambdaSites {
  /**
   * One creation site.
   *
   * @param creator the method whose code holds the lambda expression
   * @param pc the {@code invokedynamic}'s pc in it
   * @param field the field the lambda initialises, or null
   * @param captured how many of the body's leading parameters are values the lambda captures (the
   *     {@code invokedynamic}'s arguments, without the receiver of an instance body)
   */
  record Site(Method creator, int pc, String field, int captured) {}

  private final JavaClass cls;
  private final BootstrapMethods bootstraps;
  private Map<String, Site> sites;

  LambdaSites(JavaClass cls) {
    this.cls = cls;
    BootstrapMethods found = null;
    for (Attribute attribute : cls.getAttributes()) {
      if (attribute instanceof BootstrapMethods table) {
        found = table;
      }
    }
    this.bootstraps = found;
  }

  /** The name + descriptor of a method, as {@link #site} and {@link #target} key them. */
  static String key(Method method) {
    return method.getName() + method.getSignature();
  }

  static boolean isLambdaBody(Method method) {
    return method.isSynthetic() && method.getName().startsWith("lambda$");
  }

  /** Where the lambda body {@code lambda} is created, or null. */
  Site site(Method lambda) {
    if (sites == null) {
      sites = findSites();
    }
    return sites.get(key(lambda));
  }

  /** The lambda body (key) this {@code invokedynamic} creates, or null for other call sites. */
  String target(INVOKEDYNAMIC invoke) {
    if (bootstraps == null) {
      return null;
    }
    ConstantPool constants = cls.getConstantPool();
    Constant constant = constants.getConstant(invoke.getIndex());
    if (!(constant instanceof ConstantInvokeDynamic dynamic)) {
      return null;
    }
    BootstrapMethod bootstrap =
        bootstraps.getBootstrapMethods()[dynamic.getBootstrapMethodAttrIndex()];
    String ownerInternal = cls.getClassName().replace('.', '/');
    for (int argument : bootstrap.getBootstrapArguments()) {
      if (!(constants.getConstant(argument) instanceof ConstantMethodHandle handle)) {
        continue;
      }
      if (!(constants.getConstant(handle.getReferenceIndex()) instanceof ConstantCP member)) {
        continue;
      }
      String memberClass =
          constants.getConstantString(member.getClassIndex(), Const.CONSTANT_Class);
      ConstantNameAndType nameAndType =
          (ConstantNameAndType) constants.getConstant(member.getNameAndTypeIndex());
      String name = nameAndType.getName(constants);
      if (memberClass.equals(ownerInternal) && name.startsWith("lambda$")) {
        return name + nameAndType.getSignature(constants);
      }
    }
    return null;
  }

  /**
   * The method a lambda or method reference created by this {@code invokedynamic} runs (the
   * implementation handle of its {@code LambdaMetafactory} bootstrap: a {@code lambda$...} body or
   * the referenced method), or null for other call sites (string concatenation, ...).
   */
  MethodRef implementation(INVOKEDYNAMIC invoke) {
    if (bootstraps == null) {
      return null;
    }
    ConstantPool constants = cls.getConstantPool();
    if (!(constants.getConstant(invoke.getIndex()) instanceof ConstantInvokeDynamic dynamic)) {
      return null;
    }
    BootstrapMethod bootstrap =
        bootstraps.getBootstrapMethods()[dynamic.getBootstrapMethodAttrIndex()];
    MethodRef factory = member(constants, bootstrap.getBootstrapMethodRef());
    int[] arguments = bootstrap.getBootstrapArguments();
    if (factory == null
        || !factory.owner().equals("java.lang.invoke.LambdaMetafactory")
        || arguments.length < 2) {
      return null;
    }
    return member(constants, arguments[1]);
  }

  /**
   * Whether the {@code invokedynamic} makes a method reference bound to an object it captures
   * ({@code results::add}, {@code this::flush}): its implementation is an instance method of the
   * source (not a lambda body) and the call site takes arguments, the first being the receiver.
   */
  boolean isBoundReference(INVOKEDYNAMIC invoke, ConstantPoolGen cpg) {
    MethodRef implementation = implementation(invoke);
    if (implementation == null
        || implementation.name().startsWith("lambda$")
        || implementation.name().equals("<init>")
        || invoke.getArgumentTypes(cpg).length == 0) {
      return false;
    }
    ConstantPool constants = cls.getConstantPool();
    ConstantInvokeDynamic dynamic =
        (ConstantInvokeDynamic) constants.getConstant(invoke.getIndex());
    BootstrapMethod bootstrap =
        bootstraps.getBootstrapMethods()[dynamic.getBootstrapMethodAttrIndex()];
    if (!(constants.getConstant(bootstrap.getBootstrapArguments()[1])
        instanceof ConstantMethodHandle handle)) {
      return false;
    }
    int kind = handle.getReferenceKind();
    return kind == Const.REF_invokeVirtual
        || kind == Const.REF_invokeInterface
        || kind == Const.REF_invokeSpecial;
  }

  /** The member a method handle constant names, or null. */
  private static MethodRef member(ConstantPool constants, int index) {
    if (!(constants.getConstant(index) instanceof ConstantMethodHandle handle)
        || !(constants.getConstant(handle.getReferenceIndex()) instanceof ConstantCP member)) {
      return null;
    }
    String owner =
        constants.getConstantString(member.getClassIndex(), Const.CONSTANT_Class).replace('/', '.');
    ConstantNameAndType nameAndType =
        (ConstantNameAndType) constants.getConstant(member.getNameAndTypeIndex());
    return new MethodRef(
        owner, nameAndType.getName(constants), nameAndType.getSignature(constants));
  }

  /** The lambda body method of this class with the given key, or null. */
  Method method(String key) {
    for (Method method : cls.getMethods()) {
      if (key(method).equals(key)) {
        return method;
      }
    }
    return null;
  }

  private Map<String, Site> findSites() {
    Map<String, Site> found = new HashMap<>();
    if (bootstraps == null) {
      return found;
    }
    ConstantPoolGen cpg = new ConstantPoolGen(cls.getConstantPool());
    for (Method method : cls.getMethods()) {
      if (method.getCode() == null) {
        continue;
      }
      InstructionList list = new InstructionList(method.getCode().getCode());
      for (InstructionHandle handle : list.getInstructionHandles()) {
        if (!(handle.getInstruction() instanceof INVOKEDYNAMIC invoke)) {
          continue;
        }
        String lambda = target(invoke);
        if (lambda == null) {
          continue;
        }
        String field = null;
        InstructionHandle next = handle.getNext();
        if (next != null
            && (next.getInstruction() instanceof PUTFIELD
                || next.getInstruction() instanceof PUTSTATIC)) {
          FieldInstruction store = (FieldInstruction) next.getInstruction();
          if (store.getReferenceType(cpg).toString().equals(cls.getClassName())) {
            field = store.getFieldName(cpg);
          }
        }
        int captured = invoke.getArgumentTypes(cpg).length;
        Method body = method(lambda);
        if (body != null && !body.isStatic() && captured > 0) {
          captured--; // the receiver, this
        }
        found.putIfAbsent(lambda, new Site(method, handle.getPosition(), field, captured));
      }
    }
    return found;
  }
}
