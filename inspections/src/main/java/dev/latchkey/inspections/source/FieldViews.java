package dev.latchkey.inspections.source;

import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.latchkey.checks.api.LockOperation;
import dev.latchkey.checks.model.LockPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Final fields of a file's classes that hold a view of a read/write lock ({@code final Lock
 * readLock = rw.readLock();}, {@code sl.asWriteLock()}), assigned once, in their initializer or a
 * constructor: the field is another name for the view, so {@code readLock.lock()} takes {@code
 * this.rw#read}, as {@code rw.readLock().lock()} does. The view is relative to the object that
 * declares the field ({@code this.rw#read}), or absolute for static fields. As the javac front-end
 * finds them (one compilation unit at a time).
 */
final class FieldViews {
  static final FieldViews NONE = new FieldViews(Map.of());

  private final Map<String, LockPath> views;

  private FieldViews(Map<String, LockPath> views) {
    this.views = views;
  }

  /** The view the field {@code name} of the class {@code owner} holds, or null. */
  LockPath of(String owner, String name) {
    return views.get(owner + "#" + name);
  }

  /** The views held by the fields of the classes {@code scopes} (the classes of one file). */
  static FieldViews of(List<ClassScope> scopes, Symbols symbols) {
    Map<String, LockPath> views = new HashMap<>();
    for (ClassScope scope : scopes) {
      try {
        scan(scope, symbols, views);
      } catch (RuntimeException e) {
        // unresolved code: no view for this class's fields
      }
    }
    return views.isEmpty() ? NONE : new FieldViews(views);
  }

  /** A final field of one class: whether it is static, and every value assigned to it. */
  private record Final(boolean isStatic, List<Expression> values) {}

  private static void scan(ClassScope scope, Symbols symbols, Map<String, LockPath> views) {
    Map<String, Final> finals = new HashMap<>();
    for (BodyDeclaration<?> member : scope.members()) {
      if (member instanceof FieldDeclaration field && (field.isFinal() || scope.isInterface())) {
        for (VariableDeclarator variable : field.getVariables()) {
          List<Expression> values = new ArrayList<>();
          variable.getInitializer().ifPresent(values::add);
          finals.put(
              variable.getNameAsString(),
              new Final(field.isStatic() || scope.isInterface(), values));
        }
      }
    }
    if (finals.isEmpty()) {
      return;
    }
    for (BodyDeclaration<?> member : scope.members()) {
      if (member instanceof TypeDeclaration<?>) {
        continue;
      }
      boolean constructor = member instanceof ConstructorDeclaration;
      member
          .findAll(AssignExpr.class)
          .forEach(
              assign -> {
                String name = ownField(assign.getTarget(), scope, symbols);
                Final field = name == null ? null : finals.get(name);
                if (field != null) {
                  // Outside a constructor a final field cannot be assigned: no alias then.
                  field.values().add(constructor ? assign.getValue() : null);
                }
              });
    }
    Calls calls = new Calls(scope, symbols);
    finals.forEach(
        (name, field) -> {
          if (field.values().size() == 1 && field.values().get(0) != null) {
            LockPath view = viewOf(field.values().get(0), field, finals, scope, symbols, calls);
            if (view != null) {
              views.put(scope.binaryName() + "#" + name, view);
            }
          }
        });
  }

  /**
   * The name of the field of {@code scope} that {@code target} names ({@code x}, {@code this.x}).
   */
  private static String ownField(Expression target, ClassScope scope, Symbols symbols) {
    boolean named =
        target instanceof NameExpr
            || target instanceof FieldAccessExpr access
                && access.getScope() instanceof ThisExpr self
                && self.getTypeName().isEmpty();
    if (!named) {
      return null;
    }
    return symbols.of(target) instanceof Symbols.FieldSymbol field
            && field.owner().equals(scope.binaryName())
        ? field.name()
        : null;
  }

  /**
   * {@code rw.readLock()} / {@code this.rw.readLock()} on a final field of the same class: the
   * view's path; else null.
   */
  private static LockPath viewOf(
      Expression value,
      Final field,
      Map<String, Final> finals,
      ClassScope scope,
      Symbols symbols,
      Calls calls) {
    if (!(value instanceof MethodCallExpr call)
        || !call.getArguments().isEmpty()
        || call.getScope().isEmpty()) {
      return null;
    }
    LockOperation operation = Calls.lockOperation(calls.of(call));
    if (operation == null
        || operation.action() != LockOperation.Action.VIEW
        || operation.view() == null) {
      return null;
    }
    String lockName = ownField(call.getScope().get(), scope, symbols);
    Final lock = lockName == null ? null : finals.get(lockName);
    if (lock == null || lock.isStatic() != field.isStatic()) {
      return null;
    }
    LockPath path =
        lock.isStatic()
            ? LockPath.ofStaticField(scope.binaryName(), lockName)
            : LockPath.ofThis().field(lockName);
    return path.view(operation.view());
  }
}
