package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Types;
import dev.latchkey.checks.api.LockOperation;
import dev.latchkey.checks.model.LockPath;
import java.util.Map;
import javax.lang.model.element.ElementKind;

/**
 * Names the lock an expression denotes with its canonical {@link LockPath} (notes/FRONTENDS.md,
 * "Lock paths"), or null when the lock has no name both front-ends can agree on.
 *
 * <p>Paths are relative to one class: {@code this} is an instance of {@code currentClass} (also
 * inside its lambdas). A member of the directly enclosing instance ({@code Outer.this.f}, or {@code
 * f} reached implicitly from an inner or anonymous class; {@code this.this$0.f} in the class file)
 * is rooted at {@code LockPath.ofOuter("pkg.Outer")}.
 */
public final class LockPathResolver {
  /** Bounds alias chains; effectively final locals cannot form cycles: belt and braces. */
  private static final int MAX_DEPTH = 16;

  private final ClassSymbol currentClass;
  private final Types types;
  private final Map<VarSymbol, ExpressionTree> aliases;
  private final Map<VarSymbol, LockPath> fieldViews;
  private final LockCalls lockCalls;

  /**
   * @param aliases locals of {@code currentClass}'s code that are assigned exactly once and are
   *     effectively final, with the expression assigned to them
   * @param fieldViews final fields that hold a view of a read/write lock ({@link FieldViews}), with
   *     the view relative to the object that declares them
   */
  public LockPathResolver(
      ClassSymbol currentClass,
      Types types,
      Map<VarSymbol, ExpressionTree> aliases,
      Map<VarSymbol, LockPath> fieldViews,
      LockCalls lockCalls) {
    this.currentClass = currentClass;
    this.types = types;
    this.aliases = aliases;
    this.fieldViews = fieldViews;
    this.lockCalls = lockCalls;
  }

  /** The path of the lock {@code expression} evaluates to, or null when it has none. */
  public LockPath resolve(ExpressionTree expression) {
    return resolve(expression, 0);
  }

  /**
   * The path of the object an instance member of {@code owner} is reached on when the code names it
   * without a receiver: {@code this}, or an enclosing instance; null in a static context.
   */
  public LockPath implicitReceiver(Symbol member) {
    if (member.isStatic() || !(member.owner instanceof ClassSymbol owner)) {
      return null;
    }
    return instanceOf(owner);
  }

  /**
   * The path of the field {@code field} as this class's code names it without a receiver: {@code
   * this.f}, {@code Cls.F}, or a field of the enclosing instance; null when it has none.
   */
  public LockPath fieldPath(VarSymbol field) {
    return field(field, field.isStatic() ? null : implicitReceiver(field));
  }

  /**
   * The binary name of the static type of the root of {@code path}, the path of {@code expression}:
   * the current class for {@code this}, the enclosing or declaring class for an outer instance or a
   * static field, the erased declared type of a local or parameter (followed through aliases); null
   * when unknown.
   */
  public String rootType(ExpressionTree expression, LockPath path) {
    if (path == null) {
      return null;
    }
    switch (path.rootKind()) {
      case THIS:
        return currentClass.flatName().toString();
      case OUTER:
      case STATIC:
        return path.root();
      default:
        VarSymbol local = rootLocal(expression, path.root(), 0);
        return local == null ? null : typeName(local.type);
    }
  }

  /** The local variable or parameter named {@code name} at the root of {@code tree}, or null. */
  private VarSymbol rootLocal(ExpressionTree tree, String name, int depth) {
    ExpressionTree current = tree;
    while (current != null && depth++ < MAX_DEPTH) {
      if (current instanceof ParenthesizedTree parens) {
        current = parens.getExpression();
      } else if (current instanceof TypeCastTree cast) {
        current = cast.getExpression();
      } else if (current instanceof MemberSelectTree select) {
        current = select.getExpression();
      } else if (current instanceof MethodInvocationTree call) {
        current = LockCalls.receiver(call);
      } else if (current instanceof IdentifierTree ident
          && symbol(ident) instanceof VarSymbol var) {
        if (var.getSimpleName().contentEquals(name)) {
          return var;
        }
        current = aliases.get(var);
      } else {
        return null;
      }
    }
    return null;
  }

  private String typeName(com.sun.tools.javac.code.Type type) {
    if (type == null) {
      return null;
    }
    com.sun.tools.javac.code.Type erased = types.erasure(type);
    return erased.tsym instanceof ClassSymbol cls && !erased.isPrimitive()
        ? cls.flatName().toString()
        : null;
  }

  /**
   * The path of the field a field access names ({@code count}, {@code this.count}, {@code
   * other.count}, {@code Foo.COUNT}, {@code Outer.this.count}), or null when the object it is read
   * from has no name: a call's result, an array element.
   */
  public LockPath fieldAccessPath(ExpressionTree access) {
    if (access instanceof MemberSelectTree select) {
      ExpressionTree object = select.getExpression();
      while (object instanceof ParenthesizedTree || object instanceof TypeCastTree) {
        object =
            object instanceof ParenthesizedTree parens
                ? parens.getExpression()
                : ((TypeCastTree) object).getExpression();
      }
      if (!(symbol(select) instanceof VarSymbol var && var.isStatic())
          && !(object instanceof IdentifierTree || object instanceof MemberSelectTree)) {
        return null; // a call's result, an array element, a new object
      }
    }
    if (symbol(access) instanceof VarSymbol var && fieldViews.containsKey(var)) {
      // The field itself is accessed, not the view it holds.
      LockPath object =
          access instanceof MemberSelectTree select
              ? resolve(select.getExpression())
              : implicitReceiver(var);
      LockPath plain =
          var.isStatic() || object == null ? null : object.field(var.getSimpleName().toString());
      return plain == null || plain.toString().contains("(") ? null : plain;
    }
    LockPath path = resolve(access);
    // An object reached through a call (directly or through a local that holds its result) is a
    // call's result: not a name both front-ends agree on.
    return path == null || path.toString().contains("(") ? null : path;
  }

  private LockPath resolve(ExpressionTree tree, int depth) {
    if (tree == null || depth > MAX_DEPTH) {
      return null;
    }
    if (tree instanceof ParenthesizedTree parens) {
      return resolve(parens.getExpression(), depth + 1);
    }
    if (tree instanceof TypeCastTree cast) {
      return resolve(cast.getExpression(), depth + 1);
    }
    if (tree instanceof IdentifierTree ident) {
      return identifier(ident, depth);
    }
    if (tree instanceof MemberSelectTree select) {
      return memberSelect(select, depth);
    }
    if (tree instanceof MethodInvocationTree call) {
      return invocation(call, depth);
    }
    return null;
  }

  private LockPath identifier(IdentifierTree ident, int depth) {
    String name = ident.getName().toString();
    if (name.equals("this") || name.equals("super")) {
      return LockPath.ofThis();
    }
    Symbol sym = symbol(ident);
    if (!(sym instanceof VarSymbol var)) {
      return null;
    }
    switch (var.getKind()) {
      case FIELD:
      case ENUM_CONSTANT:
        return field(var, var.isStatic() ? null : implicitReceiver(var));
      case LOCAL_VARIABLE:
      case PARAMETER:
      case RESOURCE_VARIABLE:
      case EXCEPTION_PARAMETER:
      case BINDING_VARIABLE:
        return local(var, depth);
      default:
        return null;
    }
  }

  private LockPath local(VarSymbol var, int depth) {
    ExpressionTree assigned = aliases.get(var);
    if (assigned != null) {
      LockPath aliased = resolve(assigned, depth + 1);
      if (aliased != null) {
        return aliased;
      }
    }
    return LockPath.ofLocal(var.getSimpleName().toString());
  }

  private LockPath memberSelect(MemberSelectTree select, int depth) {
    String name = select.getIdentifier().toString();
    Symbol sym = symbol(select);
    if (name.equals("this") || name.equals("super")) {
      // Outer.this / Outer.super: the instance of the named class this code runs in.
      Symbol named = symbol(select.getExpression());
      return named instanceof ClassSymbol cls ? instanceOf(cls) : null;
    }
    if (name.equals("class")) {
      Symbol named = symbol(select.getExpression());
      return named instanceof ClassSymbol cls
          ? LockPath.ofClassLiteral(cls.flatName().toString())
          : null;
    }
    if (!(sym instanceof VarSymbol var) || !isField(var)) {
      return null;
    }
    return field(var, var.isStatic() ? null : resolve(select.getExpression(), depth + 1));
  }

  private static boolean isField(VarSymbol var) {
    return var.getKind() == ElementKind.FIELD || var.getKind() == ElementKind.ENUM_CONSTANT;
  }

  private LockPath field(VarSymbol field, LockPath receiver) {
    LockPath view = fieldViews.get(field);
    if (view != null) {
      // readLock, a final field holding rw.readLock(): the view itself, on the same object
      if (view.rootKind() == LockPath.RootKind.STATIC) {
        return view;
      }
      return receiver == null ? null : view.rebase(receiver);
    }
    if (field.isStatic()) {
      return field.owner instanceof ClassSymbol owner
          ? LockPath.ofStaticField(owner.flatName().toString(), field.getSimpleName().toString())
          : null;
    }
    return receiver == null ? null : receiver.field(field.getSimpleName().toString());
  }

  private LockPath invocation(MethodInvocationTree call, int depth) {
    if (!call.getArguments().isEmpty()) {
      return null;
    }
    Symbol sym = symbol(call);
    if (!(sym instanceof MethodSymbol method) || method.isStatic()) {
      return null;
    }
    ExpressionTree receiverTree = LockCalls.receiver(call);
    LockPath receiver =
        receiverTree == null ? implicitReceiver(method) : resolve(receiverTree, depth + 1);
    if (receiver == null) {
      return null;
    }
    LockOperation operation = lockCalls.classify(call);
    if (operation != null && operation.action() == LockOperation.Action.VIEW) {
      return receiver.view(operation.view());
    }
    return receiver.call(method.getSimpleName().toString());
  }

  /**
   * {@code this} when {@code cls} is the current class or one of its supertypes; the enclosing
   * instance ({@code Outer.this}, bytecode {@code this.this$0}) when {@code cls} is the directly
   * enclosing class or one of its supertypes; otherwise unknown.
   */
  private LockPath instanceOf(ClassSymbol cls) {
    if (currentClass == cls || currentClass.isSubClass(cls, types)) {
      return LockPath.ofThis();
    }
    if (!currentClass.hasOuterInstance()) {
      return null;
    }
    ClassSymbol outer = currentClass.owner.enclClass();
    if (outer != null && (outer == cls || outer.isSubClass(cls, types))) {
      return LockPath.ofOuter(outer.flatName().toString());
    }
    return null;
  }

  private static Symbol symbol(Tree tree) {
    return ASTHelpers.getSymbol(tree);
  }
}
