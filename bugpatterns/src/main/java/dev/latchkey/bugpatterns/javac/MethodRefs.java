package dev.latchkey.bugpatterns.javac;

import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.latchkey.checks.model.MethodRef;
import java.util.List;

/**
 * Names methods the way class files do: owner by binary name, JVM descriptor of the erased
 * signature. Calls and declarations are named by the same rule, so the core matches a call of a
 * helper with the helper's model.
 */
public final class MethodRefs {
  private final Types types;

  public MethodRefs(Types types) {
    this.types = types;
  }

  /** The method {@code sym} as declared by its owner. */
  public MethodRef of(MethodSymbol sym) {
    return new MethodRef(
        binaryName(sym.owner), sym.getSimpleName().toString(), descriptor(sym.type));
  }

  /** A synthetic method of {@code owner} (a lambda body), with the given parameter types. */
  public MethodRef synthetic(ClassSymbol owner, String name, List<Type> parameterTypes) {
    StringBuilder descriptor = new StringBuilder("(");
    for (Type parameter : parameterTypes) {
      descriptor.append(typeDescriptor(types.erasure(parameter)));
    }
    return new MethodRef(binaryName(owner), name, descriptor.append(")V").toString());
  }

  /** {@code pkg.Outer$Inner} for a class, or the enclosing class's name for anything else. */
  public static String binaryName(Symbol sym) {
    ClassSymbol cls = sym instanceof ClassSymbol c ? c : sym.enclClass();
    return cls == null ? "" : cls.flatName().toString();
  }

  private String descriptor(Type methodType) {
    Type erased = types.erasure(methodType);
    StringBuilder out = new StringBuilder("(");
    for (Type parameter : erased.getParameterTypes()) {
      out.append(typeDescriptor(parameter));
    }
    return out.append(')').append(typeDescriptor(erased.getReturnType())).toString();
  }

  /** The JVM descriptor of the erasure of {@code type} ({@code I}, {@code Ljava/util/List;}). */
  public String fieldDescriptor(Type type) {
    return typeDescriptor(types.erasure(type));
  }

  private String typeDescriptor(Type type) {
    switch (type.getKind()) {
      case BOOLEAN:
        return "Z";
      case BYTE:
        return "B";
      case CHAR:
        return "C";
      case SHORT:
        return "S";
      case INT:
        return "I";
      case LONG:
        return "J";
      case FLOAT:
        return "F";
      case DOUBLE:
        return "D";
      case VOID:
        return "V";
      case ARRAY:
        return "[" + typeDescriptor(types.erasure(((Type.ArrayType) type).elemtype));
      case DECLARED:
        return "L" + binaryName(type.tsym).replace('.', '/') + ";";
      case TYPEVAR:
      case INTERSECTION:
        Type erased = types.erasure(type);
        return erased == type ? "Ljava/lang/Object;" : typeDescriptor(erased);
      default:
        return "Ljava/lang/Object;";
    }
  }
}
