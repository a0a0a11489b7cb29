package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.ResultUse;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.TypeKind;

/**
 * What the source around a call says about it, for {@link InvocationNodes#describeCalls()}: what
 * the caller does with its value (from the parent tree), and the task bodies among its arguments
 * with the bound receivers of method references.
 */
final class CallShapes {
  private final ClassContext context;
  private final BodyTrees trees;
  private final Types types;

  CallShapes(ClassContext context, BodyTrees trees, Types types) {
    this.context = context;
    this.trees = trees;
    this.types = types;
  }

  /** What the code around {@code call}, which has a value, does with that value. */
  ResultUse resultUse(Tree call) {
    Tree child = call;
    Tree parent = trees.parent(call);
    while (parent instanceof ParenthesizedTree) {
      child = parent;
      parent = trees.parent(parent);
    }
    if (parent instanceof ExpressionStatementTree) {
      return ResultUse.DISCARDED;
    }
    if ((parent instanceof VariableTree variable && variable.getInitializer() == child)
        || (parent instanceof AssignmentTree assignment && assignment.getExpression() == child)) {
      return ResultUse.STORED;
    }
    if (parent instanceof ReturnTree) {
      return ResultUse.RETURNED;
    }
    if (parent instanceof LambdaExpressionTree lambda && lambda.getBody() == child) {
      // An expression lambda returns the value, unless its interface method is void.
      return returnsValue(lambda) ? ResultUse.RETURNED : ResultUse.DISCARDED;
    }
    if ((parent instanceof MethodInvocationTree invocation
            && invocation.getArguments().contains(child))
        || (parent instanceof NewClassTree creation && creation.getArguments().contains(child))) {
      return ResultUse.ARGUMENT;
    }
    if (parent instanceof MemberSelectTree select
        && select.getExpression() == child
        && trees.parent(select) instanceof MethodInvocationTree outer
        && outer.getMethodSelect() == select) {
      return ResultUse.RECEIVER;
    }
    return ResultUse.OTHER;
  }

  private boolean returnsValue(LambdaExpressionTree lambda) {
    Type type = ASTHelpers.getType(lambda);
    if (type == null) {
      return true;
    }
    try {
      Type descriptor = types.findDescriptorType(type);
      return descriptor.getReturnType().getKind() != TypeKind.VOID;
    } catch (RuntimeException e) { // not a functional interface after all: keep the value
      return true;
    }
  }

  /** Task bodies passed to a call, and per body the path of its bound receiver or null. */
  record TaskBodies(List<MethodRef> refs, List<LockPath> receivers) {
    static final TaskBodies NONE = new TaskBodies(List.of(), List.of());
  }

  /**
   * The methods that run as the lambdas, method references and anonymous classes among {@code
   * arguments}: a lambda's model, the referenced method when this class declares it, the method a
   * reference with a bound receiver names ({@code results::add}, {@code sink::flush}: the
   * receiver's path is kept alongside), wherever it is declared, and the instance methods an
   * anonymous class declares that others can call ({@code run()} of a {@code new Runnable() {..}}).
   */
  TaskBodies taskBodies(List<? extends ExpressionTree> arguments) {
    List<MethodRef> bodies = new ArrayList<>();
    List<LockPath> receivers = new ArrayList<>();
    for (ExpressionTree argument : arguments) {
      ExpressionTree value = argument;
      while (value instanceof ParenthesizedTree || value instanceof TypeCastTree) {
        value =
            value instanceof ParenthesizedTree parens
                ? parens.getExpression()
                : ((TypeCastTree) value).getExpression();
      }
      if (value instanceof LambdaExpressionTree lambda) {
        MethodRef ref = context.lambdas().get(lambda);
        if (ref != null) {
          bodies.add(ref);
          receivers.add(null);
        }
      } else if (value instanceof NewClassTree creation && creation.getClassBody() != null) {
        for (Tree member : creation.getClassBody().getMembers()) {
          MethodSymbol symbol =
              member instanceof MethodTree method ? ASTHelpers.getSymbol(method) : null;
          if (symbol != null && isCallableFromOutside(symbol)) {
            bodies.add(context.methodRefs().of(symbol));
            receivers.add(null);
          }
        }
      } else if (value instanceof MemberReferenceTree reference) {
        MethodSymbol method = ASTHelpers.getSymbol(reference);
        if (method == null || method.isConstructor()) {
          continue;
        }
        LockPath bound = boundReceiver(reference, method);
        if (method.owner == context.cls() || bound != null) {
          bodies.add(context.methodRefs().of(method));
          receivers.add(bound);
        }
      }
    }
    return new TaskBodies(bodies, receivers);
  }

  /** An instance method of an anonymous class that code outside it can call (not a helper). */
  private static boolean isCallableFromOutside(MethodSymbol method) {
    return !method.isConstructor()
        && !method.isStatic()
        && (method.flags() & (Flags.PRIVATE | Flags.SYNTHETIC)) == 0;
  }

  /**
   * The path of the object a method reference is bound to ({@code results} in {@code results::add},
   * {@code this.sink} in {@code sink::flush}, {@code this} in {@code this::run}), or null: a static
   * or unbound reference ({@code Foo::bar}), or an object without a path.
   */
  private LockPath boundReceiver(MemberReferenceTree reference, MethodSymbol method) {
    ExpressionTree qualifier = reference.getQualifierExpression();
    if (method.isStatic() || ASTHelpers.getSymbol(qualifier) instanceof ClassSymbol) {
      return null;
    }
    return context.resolver().resolve(qualifier);
  }
}
