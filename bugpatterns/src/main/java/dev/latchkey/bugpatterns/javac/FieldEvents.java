package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.latchkey.checks.model.FieldRef;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import org.checkerframework.errorprone.dataflow.cfg.node.ArrayAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.AssignmentNode;
import org.checkerframework.errorprone.dataflow.cfg.node.FieldAccessNode;

/**
 * The field and array events of a body for the race checks (notes/FRONTENDS-races-lockorder.md,
 * sections 2 and 3): a FIELD_READ where the CFG reads a field, a FIELD_WRITE where an assignment
 * stores into one (after its value is computed), an ARRAY_WRITE where it stores into an array
 * element. A compound assignment or increment reads its target first and writes it compound; a
 * plain assignment is compound when its right-hand side reads the same field (or element of the
 * same array). Reads of compile-time constants (javac inlines them) and the length of arrays are no
 * events; nor are stores of static constants, which the class file never makes.
 */
final class FieldEvents {
  private final ClassContext context;
  private final MethodModel.Builder model;
  private final BodyTrees trees;
  private final CfgFactory.Cfg cfg;

  /** The assignment each field or array element written by the CFG is the target of. */
  private final Map<org.checkerframework.errorprone.dataflow.cfg.node.Node, AssignmentNode>
      targets = new IdentityHashMap<>();

  FieldEvents(
      ClassContext context, MethodModel.Builder model, BodyTrees trees, CfgFactory.Cfg cfg) {
    this.context = context;
    this.model = model;
    this.trees = trees;
    this.cfg = cfg;
  }

  /**
   * The source tree of an assignment: a postfix {@code v++} is an assignment the CFG builder made
   * up, which stands for the {@code v++}.
   */
  private Tree source(AssignmentNode assignment) {
    Tree tree = assignment.getTree();
    Tree source = tree == null ? null : cfg.sourceOf(tree);
    return source == null ? tree : source;
  }

  /** Notes an assignment of the CFG, before any event is made. */
  void noteAssignment(AssignmentNode assignment) {
    org.checkerframework.errorprone.dataflow.cfg.node.Node target = assignment.getTarget();
    if (target instanceof FieldAccessNode || target instanceof ArrayAccessNode) {
      targets.put(target, assignment);
    }
  }

  /** The FIELD_READ of {@code access}, or null when it is no read event. */
  Node read(FieldAccessNode access) {
    AssignmentNode assignment = targets.get(access);
    if (assignment != null && !isCompound(source(assignment))) {
      return null; // only the target of a plain store
    }
    VarSymbol field = field(access);
    if (field == null
        || field.getConstValue() != null
        || !(access.getTree() instanceof ExpressionTree tree)
        || !trees.contains(tree)
        || trees.parent(tree) instanceof CaseTree) {
      return null;
    }
    LockPath path = context.resolver().fieldAccessPath(tree);
    return model.fieldAccess(
        context.line(tree), false, ref(field), path, false, label(field), tree);
  }

  /** The FIELD_WRITE or ARRAY_WRITE of {@code assignment}, or null when it is none. */
  Node write(AssignmentNode assignment) {
    org.checkerframework.errorprone.dataflow.cfg.node.Node target = assignment.getTarget();
    Tree tree = source(assignment);
    if (target instanceof ArrayAccessNode element && element.getTree() != null) {
      ArrayAccessTree access = element.getTree();
      LockPath array = context.resolver().fieldAccessPath(access.getExpression());
      boolean compound = isCompound(tree) || readsElementOf(tree, array);
      return model.arrayWrite(
          context.line(access), array, compound, label(access.getExpression()), access);
    }
    if (!(target instanceof FieldAccessNode access)) {
      return null;
    }
    VarSymbol field = field(access);
    if (field == null || (field.isStatic() && field.getConstValue() != null)) {
      return null;
    }
    LockPath path;
    Tree origin = access.getTree();
    if (origin instanceof VariableTree) {
      path = context.resolver().fieldPath(field); // a field initializer
    } else if (origin instanceof ExpressionTree expression) {
      path = context.resolver().fieldAccessPath(expression);
    } else {
      return null;
    }
    boolean compound = isCompound(tree) || readsField(tree, field, path);
    return model.fieldAccess(
        context.line(origin), true, ref(field), path, compound, label(field), origin);
  }

  private static boolean isCompound(Tree assignment) {
    return assignment instanceof CompoundAssignmentTree || assignment instanceof UnaryTree;
  }

  /** A field of a class; not {@code length} of an array, not {@code this} or {@code class}. */
  private static VarSymbol field(FieldAccessNode access) {
    if (!(access.getElement() instanceof VarSymbol var)
        || (var.getKind() != ElementKind.FIELD && var.getKind() != ElementKind.ENUM_CONSTANT)
        || !(var.owner instanceof ClassSymbol)
        || (access.getReceiver() != null
            && access.getReceiver().getType().getKind() == TypeKind.ARRAY)) {
      return null; // not a field, or an array's length
    }
    String name = var.getSimpleName().toString();
    if (name.equals("this") || name.equals("class") || name.equals("super")) {
      return null;
    }
    return (var.flags() & com.sun.tools.javac.code.Flags.SYNTHETIC) != 0 ? null : var;
  }

  private FieldRef ref(VarSymbol field) {
    return new FieldRef(
        MethodRefs.binaryName(field.owner),
        field.getSimpleName().toString(),
        context.methodRefs().fieldDescriptor(field.type));
  }

  private static String label(VarSymbol field) {
    String name = field.getSimpleName().toString();
    return field.isStatic() ? field.owner.getSimpleName() + "." + name : name;
  }

  private static String label(ExpressionTree array) {
    return array.toString() + "[]";
  }

  /** Whether the value a plain assignment stores reads {@code field} at {@code path}. */
  private boolean readsField(Tree assignment, VarSymbol field, LockPath path) {
    if (!(assignment instanceof AssignmentTree plain) || path == null) {
      return false;
    }
    boolean[] found = {false};
    new ValueScanner() {
      @Override
      void visitAccess(ExpressionTree access, Symbol symbol) {
        if (symbol == field && path.equals(context.resolver().fieldAccessPath(access))) {
          found[0] = true;
        }
      }
    }.scan(plain.getExpression(), null);
    return found[0];
  }

  /** Whether the value a plain assignment stores reads an element of the array at {@code path}. */
  private boolean readsElementOf(Tree assignment, LockPath array) {
    if (!(assignment instanceof AssignmentTree plain) || array == null) {
      return false;
    }
    boolean[] found = {false};
    new ValueScanner() {
      @Override
      public Void visitArrayAccess(ArrayAccessTree access, Void unused) {
        if (array.equals(context.resolver().fieldAccessPath(access.getExpression()))) {
          found[0] = true;
        }
        return super.visitArrayAccess(access, null);
      }
    }.scan(plain.getExpression(), null);
    return found[0];
  }

  /** Visits the field accesses of an expression that run with it (not in lambdas or classes). */
  private abstract static class ValueScanner extends TreeScanner<Void, Void> {
    void visitAccess(ExpressionTree access, Symbol symbol) {}

    @Override
    public Void visitIdentifier(IdentifierTree identifier, Void unused) {
      visitAccess(identifier, ASTHelpers.getSymbol(identifier));
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree select, Void unused) {
      visitAccess(select, ASTHelpers.getSymbol(select));
      return super.visitMemberSelect(select, null);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
      return null;
    }

    @Override
    public Void visitClass(ClassTree cls, Void unused) {
      return null;
    }
  }
}
