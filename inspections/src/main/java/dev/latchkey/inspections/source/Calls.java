package dev.latchkey.inspections.source;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.resolution.declarations.ResolvedConstructorDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedMethodDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedTypeDeclaration;
import com.github.javaparser.resolution.types.ResolvedType;
import dev.latchkey.checks.api.BlockingApi;
import dev.latchkey.checks.api.LockApi;
import dev.latchkey.checks.api.LockOperation;
import dev.latchkey.checks.api.TaskApi;
import dev.latchkey.checks.model.BlockingOperation;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.TaskOperation;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an invocation or creation calls, as the core's tables need it: the method (by binary owner,
 * name and descriptor, as class files name it), whether it is static and what it returns, the
 * exceptions it declares, and the static type its receiver is judged by (the receiver expression's
 * type, or for static and implicit calls the class that declares the method). Asked once per node.
 */
final class Calls {
  /** One resolved call. {@code receiverTypes} is the receiver's type and all its supertypes. */
  record Call(
      MethodRef ref,
      boolean isStatic,
      boolean returnsBoolean,
      boolean returnsVoid,
      List<String> declaredExceptions,
      Set<String> receiverTypes) {
    String name() {
      return ref.name();
    }
  }

  private final ClassScope cls;
  private final Symbols symbols;
  private final SourceTypes types;
  private final Map<Node, Call> known = new IdentityHashMap<>();

  Calls(ClassScope cls, Symbols symbols) {
    this.cls = cls;
    this.symbols = symbols;
    this.types = symbols.types();
  }

  /** The call {@code call} makes, or null when its method does not resolve. */
  Call of(MethodCallExpr call) {
    if (known.containsKey(call)) {
      return known.get(call);
    }
    Call result = SourceTypes.quietly(() -> compute(call));
    known.put(call, result);
    return result;
  }

  private Call compute(MethodCallExpr call) {
    Expression scope = call.getScope().orElse(null);
    ResolvedType scopeType = null;
    Set<String> receiverTypes = null;
    if (scope != null) {
      if (symbols.of(scope) instanceof Symbols.TypeSymbol type) {
        receiverTypes = types.supertypes(type.binaryName());
      } else if (!(scope instanceof SuperExpr)) {
        scopeType = types.typeOf(scope);
        receiverTypes = types.supertypes(scopeType);
      }
    }
    ResolvedMethodDeclaration method = types.method(call, scopeType, implicitOwners());
    if (method == null) {
      return null;
    }
    String owner = owner(method.declaringType());
    if (owner == null) {
      return null;
    }
    if (receiverTypes == null || receiverTypes.isEmpty()) {
      receiverTypes = types.supertypes(owner);
    }
    ResolvedType result = SourceTypes.quietly(method::getReturnType);
    boolean returnsBoolean =
        result != null && result.isPrimitive() && result.describe().equals("boolean");
    boolean returnsVoid = result != null && result.isVoid();
    return new Call(
        new MethodRef(owner, call.getNameAsString(), types.descriptor(method)),
        Boolean.TRUE.equals(SourceTypes.quietly(method::isStatic)),
        returnsBoolean,
        returnsVoid,
        types.declaredExceptions(method),
        receiverTypes);
  }

  /** The call of a constructor: {@code new T(..)}, {@code this(..)}, {@code super(..)}. */
  Call constructor(Node creation, ResolvedConstructorDeclaration constructor, String created) {
    if (known.containsKey(creation)) {
      return known.get(creation);
    }
    Call result = null;
    String owner = constructor == null ? created : owner(constructor.declaringType());
    if (owner != null) {
      String descriptor =
          constructor == null ? "()V" : SourceTypes.quietly(() -> types.descriptor(constructor));
      result =
          new Call(
              new MethodRef(owner, "<init>", descriptor == null ? "()V" : descriptor),
              false,
              false,
              true,
              types.declaredExceptions(constructor),
              types.supertypes(owner));
    }
    known.put(creation, result);
    return result;
  }

  Call creation(ObjectCreationExpr creation) {
    if (known.containsKey(creation)) {
      return known.get(creation);
    }
    ResolvedConstructorDeclaration constructor = types.constructor(creation);
    String created = types.binaryName(types.resolve(creation.getType()));
    if (creation.getAnonymousClassBody().isPresent()) {
      String anonymous = types.sourceName(creation);
      if (anonymous != null) {
        created = anonymous; // javac: the anonymous class's own constructor
        Call call =
            new Call(
                new MethodRef(
                    anonymous,
                    "<init>",
                    constructor == null ? "()V" : types.descriptor(constructor)),
                false,
                false,
                true,
                types.declaredExceptions(constructor),
                types.supertypes(types.binaryName(types.resolve(creation.getType()))));
        known.put(creation, call);
        return call;
      }
    }
    return constructor(creation, constructor, created);
  }

  private String owner(ResolvedTypeDeclaration type) {
    return type != null && type.isReferenceType() ? types.binaryName(type.asReferenceType()) : null;
  }

  /** The classes whose methods an unqualified call may name: this class and those around it. */
  private Set<String> implicitOwners() {
    Set<String> owners = new java.util.LinkedHashSet<>();
    for (ClassScope c = cls; c != null; c = c.outer()) {
      owners.add(c.binaryName());
    }
    return owners;
  }

  /** The lock operation a call performs by the core's table, or null. */
  static LockOperation lockOperation(Call call) {
    if (call == null || call.isStatic() || !LockApi.mayBeLockMethod(call.name())) {
      return null;
    }
    return LockApi.classify(call.name(), call.returnsBoolean(), call.receiverTypes()::contains);
  }

  static TaskOperation taskOperation(Call call) {
    return call == null ? null : TaskApi.classify(call.name(), call.receiverTypes()::contains);
  }

  static BlockingOperation blocking(Call call) {
    if (call == null || !BlockingApi.mayBlock(call.name())) {
      return null;
    }
    return BlockingApi.classify(
        call.name(), call.ref().descriptor(), call.receiverTypes()::contains);
  }

  /** The exceptions a call can throw: those it declares, and any unchecked one. */
  static List<String> thrown(Call call) {
    List<String> thrown = new java.util.ArrayList<>();
    if (call != null) {
      thrown.addAll(call.declaredExceptions());
    }
    thrown.add(SourceTypes.RUNTIME_EXCEPTION);
    thrown.add(SourceTypes.ERROR);
    return thrown;
  }

  static boolean isThisOrSuper(Expression e) {
    return e instanceof ThisExpr || e instanceof SuperExpr;
  }

  static String descriptorOf(ResolvedMethodLikeDeclaration method, SourceTypes types) {
    return types.descriptor(method);
  }
}
