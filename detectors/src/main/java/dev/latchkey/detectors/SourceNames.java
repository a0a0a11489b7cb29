package dev.latchkey.detectors;

import dev.latchkey.checks.model.DisplayNames;
import dev.latchkey.checks.model.MethodRef;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.EnclosingMethod;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

/**
 * The method a finding sits in, as the source names it ({@link DisplayNames}): "the lambda in
 * Cache.all()", "the static initializer of Cache", "run() of the anonymous Runnable in
 * Http2Connection.start()", never {@code lambda$all$0(Void)} or {@code Http2Connection$6}.
 */
final class SourceNames {
  private SourceNames() {}

  static String of(JavaClass owner, Method method) {
    String className = owner.getClassName();
    MethodRef ref = new MethodRef(className, method.getName(), method.getSignature());
    if (!DisplayNames.type(className).startsWith("the anonymous class")) {
      return DisplayNames.method(ref);
    }
    return DisplayNames.member(ref)
        + " of "
        + DisplayNames.anonymous(className, supertype(owner), enclosingMethod(owner));
  }

  /** The interface an anonymous class implements, or the class it extends. */
  private static String supertype(JavaClass cls) {
    String[] interfaces = cls.getInterfaceNames();
    if (interfaces.length > 0 && "java.lang.Object".equals(cls.getSuperclassName())) {
      return interfaces[0];
    }
    return cls.getSuperclassName();
  }

  /** The method the class is declared in (its EnclosingMethod attribute), or null. */
  private static MethodRef enclosingMethod(JavaClass cls) {
    ConstantPool pool = cls.getConstantPool();
    for (Attribute attribute : cls.getAttributes()) {
      if (attribute instanceof EnclosingMethod enclosing) {
        try {
          String outer = enclosing.getEnclosingClass().getBytes(pool).replace('/', '.');
          if (enclosing.getEnclosingMethodIndex() == 0) {
            return null; // declared in an initializer
          }
          ConstantNameAndType method = enclosing.getEnclosingMethod();
          return new MethodRef(outer, method.getName(pool), method.getSignature(pool));
        } catch (RuntimeException e) {
          return null; // a malformed attribute: name the class only
        }
      }
    }
    return null;
  }
}
