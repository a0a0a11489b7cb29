package dev.latchkey.inspections.source;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.type.Type;
import dev.latchkey.checks.api.LockOperation;
import dev.latchkey.checks.model.LockPath;
import java.util.Map;

/**
 * Names the lock an expression denotes with its canonical {@link LockPath} (notes/FRONTENDS.md,
 * "Lock paths"), exactly as the javac front-end does, or null when it has no name every front-end
 * agrees on. Paths are relative to one class: {@code this} is an instance of it (also inside its
 * lambdas); a member of the directly enclosing instance is rooted at {@code LockPath.ofOuter}.
 */
final class LockPaths {
  private static final int MAX_DEPTH = 16;

  private final ClassScope cls;
  private final Symbols symbols;
  private final Calls calls;
  private final Map<Node, Expression> aliases;
  private final FieldViews views;

  LockPaths(
      ClassScope cls,
      Symbols symbols,
      Calls calls,
      Map<Node, Expression> aliases,
      FieldViews views) {
    this.cls = cls;
    this.symbols = symbols;
    this.calls = calls;
    this.aliases = aliases;
    this.views = views;
  }

  static Expression strip(Expression e) {
    Expression current = e;
    while (current instanceof EnclosedExpr || current instanceof CastExpr) {
      current =
          current instanceof EnclosedExpr enclosed
              ? enclosed.getInner()
              : ((CastExpr) current).getExpression();
    }
    return current;
  }

  LockPath resolve(Expression e) {
    return resolve(e, 0);
  }

  /** {@code this} or the enclosing instance whose class is (a subclass of) {@code owner}. */
  LockPath instanceOf(String owner) {
    if (owner == null) {
      return null;
    }
    if (cls.supertypes().contains(owner)) {
      return LockPath.ofThis();
    }
    ClassScope outer = cls.outer();
    if (cls.hasOuterInstance() && outer != null && outer.supertypes().contains(owner)) {
      return LockPath.ofOuter(outer.binaryName());
    }
    return null;
  }

  /** The receiver of an unqualified instance member of {@code owner}; null for static ones. */
  LockPath implicitReceiver(String owner, boolean isStatic) {
    return isStatic ? null : instanceOf(owner);
  }

  /** A field as this class's code names it without a receiver. */
  LockPath fieldPath(Symbols.FieldSymbol field) {
    return field(field, field.isStatic() ? null : instanceOf(field.owner()));
  }

  /**
   * {@code field} of the object {@code receiver} (ignored for static fields); a final field that
   * holds a view of a read/write lock ({@link FieldViews}) is that view, on the same object.
   */
  private LockPath field(Symbols.FieldSymbol field, LockPath receiver) {
    LockPath view = views.of(field.owner(), field.name());
    if (view != null) {
      if (view.rootKind() == LockPath.RootKind.STATIC) {
        return view;
      }
      return receiver == null ? null : view.rebase(receiver);
    }
    if (field.isStatic()) {
      return LockPath.ofStaticField(field.owner(), field.name());
    }
    return receiver == null ? null : receiver.field(field.name());
  }

  private LockPath resolve(Expression tree, int depth) {
    if (tree == null || depth > MAX_DEPTH) {
      return null;
    }
    Expression e = strip(tree);
    if (e instanceof ThisExpr self) {
      return self.getTypeName().isEmpty()
          ? LockPath.ofThis()
          : instanceOf(symbols.typeNamed(self, self.getTypeName().get().asString()));
    }
    if (e instanceof SuperExpr sup) {
      return sup.getTypeName().isEmpty()
          ? LockPath.ofThis()
          : instanceOf(symbols.typeNamed(sup, sup.getTypeName().get().asString()));
    }
    if (e instanceof ClassExpr literal) {
      String name = symbols.types().binaryName(symbols.types().resolve(literal.getType()));
      return name == null ? null : LockPath.ofClassLiteral(name);
    }
    if (e instanceof NameExpr || e instanceof FieldAccessExpr || Symbols.isSimpleTypeExpr(e)) {
      Symbols.Symbol symbol = symbols.of(e);
      if (symbol instanceof Symbols.LocalSymbol local) {
        return local(local.local(), depth);
      }
      if (symbol instanceof Symbols.FieldSymbol field) {
        if (field.isStatic() || !(e instanceof FieldAccessExpr)) {
          return fieldPath(field);
        }
        return field(field, resolve(((FieldAccessExpr) e).getScope(), depth + 1));
      }
      return null;
    }
    if (e instanceof MethodCallExpr call) {
      return invocation(call, depth);
    }
    return null;
  }

  private LockPath local(Scopes.Local local, int depth) {
    Expression assigned = aliases.get(local.declaration());
    if (assigned != null) {
      LockPath aliased = resolve(assigned, depth + 1);
      if (aliased != null) {
        return aliased;
      }
    }
    return LockPath.ofLocal(local.name());
  }

  private LockPath invocation(MethodCallExpr call, int depth) {
    if (!call.getArguments().isEmpty()) {
      return null;
    }
    Calls.Call resolved = calls.of(call);
    if (resolved == null || resolved.isStatic()) {
      return null;
    }
    LockPath receiver =
        call.getScope().isEmpty()
            ? instanceOf(resolved.ref().owner())
            : resolve(call.getScope().get(), depth + 1);
    if (receiver == null) {
      return null;
    }
    LockOperation operation = Calls.lockOperation(resolved);
    if (operation != null && operation.action() == LockOperation.Action.VIEW) {
      return receiver.view(operation.view());
    }
    return receiver.call(call.getNameAsString());
  }

  /**
   * The path of the field an access names, or null when the object it is read from has no name (a
   * call's result, an array element, a new object).
   */
  LockPath fieldAccessPath(Expression access) {
    if (symbols.of(access) instanceof Symbols.FieldSymbol field
        && views.of(field.owner(), field.name()) != null) {
      // The field itself is accessed, not the view it holds.
      LockPath object =
          access instanceof FieldAccessExpr select
              ? resolve(select.getScope())
              : field.isStatic() ? null : instanceOf(field.owner());
      LockPath plain = field.isStatic() || object == null ? null : object.field(field.name());
      return plain == null || plain.toString().contains("(") ? null : plain;
    }
    if (access instanceof FieldAccessExpr select) {
      Expression object = strip(select.getScope());
      boolean isStatic = symbols.of(select) instanceof Symbols.FieldSymbol f && f.isStatic();
      if (!isStatic
          && !(object instanceof NameExpr
              || object instanceof FieldAccessExpr
              || object instanceof ThisExpr
              || object instanceof SuperExpr)) {
        return null;
      }
    }
    LockPath path = resolve(access);
    return path == null || path.toString().contains("(") ? null : path;
  }

  /**
   * The binary name of the static type of the root of {@code path}, the path of {@code expression};
   * null when unknown.
   */
  String rootType(Expression expression, LockPath path) {
    if (path == null) {
      return null;
    }
    switch (path.rootKind()) {
      case THIS:
        return cls.binaryName();
      case OUTER:
      case STATIC:
        return path.root();
      default:
        Expression root = rootLocal(expression, path.root(), 0);
        Scopes.Local local = root == null ? null : symbols.local(root);
        if (local == null) {
          return null;
        }
        String declared = typeName(local);
        return declared != null
            ? declared
            : symbols.types().binaryName(symbols.types().typeOf(root));
    }
  }

  String typeName(Scopes.Local local) {
    Type type = local.type();
    if (type == null || type.isPrimitiveType()) {
      return null;
    }
    if (type.isVarType() || type.isUnknownType()) {
      if (local.declaration() instanceof com.github.javaparser.ast.body.Parameter parameter) {
        return symbols.types().binaryName(SourceTypes.quietly(() -> parameter.resolve().getType()));
      }
      if (local.declaration() instanceof VariableDeclarator variable
          && variable.getInitializer().isPresent()) {
        return symbols.types().binaryName(symbols.types().typeOf(variable.getInitializer().get()));
      }
      return null;
    }
    if (type.isArrayType()) {
      return null;
    }
    return symbols.types().binaryName(symbols.types().resolve(type));
  }

  /** The use of the local {@code name} at the root of {@code tree}, through aliases. */
  private Expression rootLocal(Expression tree, String name, int depth) {
    Expression current = tree;
    while (current != null && depth++ < MAX_DEPTH) {
      current = strip(current);
      if (current instanceof FieldAccessExpr select) {
        current = select.getScope();
      } else if (current instanceof MethodCallExpr call) {
        current = call.getScope().orElse(null);
      } else if (current instanceof NameExpr ident
          && symbols.of(ident) instanceof Symbols.LocalSymbol local) {
        if (local.local().name().equals(name)) {
          return ident;
        }
        current = aliases.get(local.local().declaration());
      } else {
        return null;
      }
    }
    return null;
  }
}
