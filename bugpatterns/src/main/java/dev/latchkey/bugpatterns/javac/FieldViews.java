package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.latchkey.checks.api.LockOperation;
import dev.latchkey.checks.model.LockPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * Final fields of a compilation unit that hold a view of a read/write lock ({@code final Lock
 * readLock = rw.readLock();}, {@code sl.asWriteLock()}), assigned once, in their initializer or a
 * constructor: the field is another name for the view, so {@code readLock.lock()} takes {@code
 * this.rw#read}, as {@code rw.readLock().lock()} does. The view is kept relative to the object that
 * declares the field ({@code this.rw#read}), or absolute for static fields.
 */
public final class FieldViews {
  /** The last unit's views: every class of a unit is translated in a row. */
  private static CompilationUnitTree lastUnit;

  private static Map<VarSymbol, LockPath> lastViews;

  private FieldViews() {}

  public static synchronized Map<VarSymbol, LockPath> of(
      CompilationUnitTree unit, LockCalls lockCalls) {
    if (unit != lastUnit) {
      lastViews = scan(unit, lockCalls);
      lastUnit = unit;
    }
    return lastViews;
  }

  private static Map<VarSymbol, LockPath> scan(CompilationUnitTree unit, LockCalls lockCalls) {
    Map<VarSymbol, List<ExpressionTree>> assigned = new HashMap<>();
    new TreeScanner<Void, Boolean>() {
      @Override
      public Void visitMethod(MethodTree tree, Boolean inConstructor) {
        Symbol sym = ASTHelpers.getSymbol(tree);
        return super.visitMethod(tree, sym != null && sym.isConstructor());
      }

      @Override
      public Void visitVariable(VariableTree tree, Boolean inConstructor) {
        VarSymbol sym = ASTHelpers.getSymbol(tree);
        if (sym != null && isFinalField(sym)) {
          List<ExpressionTree> values = assigned.computeIfAbsent(sym, s -> new ArrayList<>());
          if (tree.getInitializer() != null) {
            values.add(tree.getInitializer());
          }
        }
        return super.visitVariable(tree, inConstructor);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Boolean inConstructor) {
        if (ASTHelpers.getSymbol(tree.getVariable()) instanceof VarSymbol sym
            && isFinalField(sym)) {
          // Outside a constructor a final field cannot be assigned: count it, so it is no alias.
          assigned
              .computeIfAbsent(sym, s -> new ArrayList<>())
              .add(Boolean.TRUE.equals(inConstructor) ? tree.getExpression() : null);
        }
        return super.visitAssignment(tree, inConstructor);
      }
    }.scan(unit, false);
    Map<VarSymbol, LockPath> views = new HashMap<>();
    assigned.forEach(
        (field, values) -> {
          LockPath view =
              values.size() == 1 && values.get(0) != null
                  ? viewOf(values.get(0), field, lockCalls)
                  : null;
          if (view != null) {
            views.put(field, view);
          }
        });
    return views;
  }

  private static boolean isFinalField(VarSymbol sym) {
    return sym.getKind() == ElementKind.FIELD && sym.getModifiers().contains(Modifier.FINAL);
  }

  /**
   * {@code rw.readLock()} / {@code this.rw.readLock()} / {@code RW.readLock()} on a final field of
   * the class that declares {@code field}: the view's path; else null.
   */
  private static LockPath viewOf(ExpressionTree value, VarSymbol field, LockCalls lockCalls) {
    if (!(value instanceof MethodInvocationTree call) || !call.getArguments().isEmpty()) {
      return null;
    }
    LockOperation operation = lockCalls.classify(call);
    if (operation == null
        || operation.action() != LockOperation.Action.VIEW
        || operation.view() == null) {
      return null;
    }
    ExpressionTree receiver = LockCalls.receiver(call);
    boolean named =
        receiver instanceof IdentifierTree
            || receiver instanceof MemberSelectTree select
                && select.getExpression() instanceof IdentifierTree self
                && self.getName().contentEquals("this");
    if (!named
        || !(ASTHelpers.getSymbol(receiver) instanceof VarSymbol lock)
        || !isFinalField(lock)
        || lock.owner != field.owner
        || !(lock.owner instanceof ClassSymbol owner)) {
      return null;
    }
    String name = lock.getSimpleName().toString();
    LockPath path =
        lock.isStatic()
            ? LockPath.ofStaticField(owner.flatName().toString(), name)
            : LockPath.ofThis().field(name);
    return field.isStatic() == lock.isStatic() ? path.view(operation.view()) : null;
  }
}
