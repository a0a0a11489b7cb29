package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.latchkey.checks.api.BlockingApi;
import dev.latchkey.checks.api.LockApi;
import dev.latchkey.checks.api.LockOperation;
import dev.latchkey.checks.api.TaskApi;
import dev.latchkey.checks.model.BlockingOperation;
import dev.latchkey.checks.model.TaskOperation;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.type.TypeKind;

/**
 * Asks the core's {@link LockApi} and {@link TaskApi} tables what an invocation does, from javac's
 * static types.
 */
public final class LockCalls {
  private final Types types;

  public LockCalls(Types types) {
    this.types = types;
  }

  /** The lock operation {@code call} performs, or null when it is none. */
  public LockOperation classify(MethodInvocationTree call) {
    Symbol sym = ASTHelpers.getSymbol((com.sun.source.tree.Tree) call);
    if (!(sym instanceof MethodSymbol method) || method.isStatic()) {
      return null;
    }
    String name = method.getSimpleName().toString();
    if (!LockApi.mayBeLockMethod(name)) {
      return null;
    }
    ExpressionTree receiver = receiver(call);
    Type receiverType = receiver == null ? method.owner.type : ASTHelpers.getType(receiver);
    if (receiverType == null) {
      return null;
    }
    Set<String> supertypes = supertypeNames(receiverType);
    boolean returnsBoolean = method.getReturnType().getKind() == TypeKind.BOOLEAN;
    return LockApi.classify(name, returnsBoolean, supertypes::contains);
  }

  /**
   * What the task table says {@code call} is, judged on the receiver's static type (for static and
   * implicit-receiver calls, the class that declares the method), or null.
   */
  public TaskOperation taskOperation(MethodInvocationTree call) {
    Symbol sym = ASTHelpers.getSymbol((com.sun.source.tree.Tree) call);
    if (!(sym instanceof MethodSymbol method)) {
      return null;
    }
    ExpressionTree receiver = receiver(call);
    Type receiverType = receiver == null ? null : ASTHelpers.getType(receiver);
    // A static or implicit-receiver call, or one the CFG builder made up without types (the
    // close() of try-with-resources): the class that declares the method.
    Type type = receiverType != null ? receiverType : method.owner.type;
    Set<?>[] supertypes = {null};
    return TaskApi.classify(
        method.getSimpleName().toString(),
        owner -> {
          if (supertypes[0] == null) {
            supertypes[0] = supertypeNames(type);
          }
          return supertypes[0].contains(owner);
        });
  }

  /**
   * How the core's blocking table says {@code call}, of the method with JVM {@code descriptor}, can
   * make its thread wait (judged on the receiver's static type, for static and implicit-receiver
   * calls the class that declares the method), or null.
   */
  public BlockingOperation blocking(MethodInvocationTree call, String descriptor) {
    Symbol sym = ASTHelpers.getSymbol((com.sun.source.tree.Tree) call);
    if (!(sym instanceof MethodSymbol method)) {
      return null;
    }
    String name = method.getSimpleName().toString();
    if (!BlockingApi.mayBlock(name)) {
      return null;
    }
    ExpressionTree receiver = receiver(call);
    Type type = receiver == null ? method.owner.type : ASTHelpers.getType(receiver);
    if (type == null) {
      return null;
    }
    Set<String> supertypes = supertypeNames(type);
    return BlockingApi.classify(name, descriptor, supertypes::contains);
  }

  /** What the task table says creating the object of {@code creation} is ({@code <init>}). */
  public TaskOperation taskOperation(NewClassTree creation) {
    Type type = ASTHelpers.getType(creation);
    return type == null ? null : TaskApi.classify("<init>", supertypeNames(type)::contains);
  }

  /** The explicit receiver of {@code call} ({@code a.b} in {@code a.b.lock()}), or null. */
  public static ExpressionTree receiver(MethodInvocationTree call) {
    ExpressionTree select = call.getMethodSelect();
    if (select instanceof IdentifierTree) {
      return null;
    }
    return select instanceof MemberSelectTree member ? member.getExpression() : null;
  }

  /** Binary names of the type and all its supertypes. */
  Set<String> supertypeNames(Type type) {
    Set<String> names = new HashSet<>();
    for (Type t : types.closure(types.erasure(type))) {
      if (t.tsym instanceof Symbol.ClassSymbol cls) {
        names.add(cls.flatName().toString());
      }
    }
    return names;
  }
}
