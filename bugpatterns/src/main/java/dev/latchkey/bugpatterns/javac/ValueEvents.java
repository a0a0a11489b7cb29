package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import org.checkerframework.errorprone.dataflow.cfg.node.BinaryOperationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.EqualToNode;
import org.checkerframework.errorprone.dataflow.cfg.node.GreaterThanNode;
import org.checkerframework.errorprone.dataflow.cfg.node.GreaterThanOrEqualNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LessThanNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LessThanOrEqualNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.NotEqualNode;
import org.checkerframework.errorprone.dataflow.cfg.node.TypeCastNode;

/**
 * What a body does with the values of its locals, for the executor and race checks: ESCAPE where a
 * reference-typed local's value leaves the method's sight (returned, stored, captured), LOOP_LIMIT
 * where a loop's condition compares an int local with a constant, the locals a lambda, method
 * reference or class captures, and integer constants.
 */
final class ValueEvents {
  private final ClassContext context;
  private final MethodModel.Builder model;
  private final BodyTrees trees;

  ValueEvents(ClassContext context, MethodModel.Builder model, BodyTrees trees) {
    this.context = context;
    this.model = model;
    this.trees = trees;
  }

  /**
   * ESCAPE of the local {@code value} reads (or null) when it is a reference-typed local or
   * parameter whose value the code returns or stores ({@code return x}, {@code f = x}, {@code a[i]
   * = x}, {@code y = x}).
   */
  Node escape(org.checkerframework.errorprone.dataflow.cfg.node.Node value, Tree origin) {
    while (value instanceof TypeCastNode cast) {
      value = cast.getOperand();
    }
    if (value instanceof LocalVariableNode local
        && !isArtificialLocal(local)
        && isLocal(local.getElement() instanceof Symbol symbol ? symbol : null)
        && !local.getType().getKind().isPrimitive()) {
      return model.escape(context.line(origin), local.getName(), origin);
    }
    return null;
  }

  /** A variable the CFG builder made up (an enhanced for loop's iterator or array copy). */
  static boolean isArtificialLocal(org.checkerframework.errorprone.dataflow.cfg.node.Node node) {
    return node instanceof LocalVariableNode local && local.getName().contains("#");
  }

  static boolean isComparison(BinaryOperationNode node) {
    return node instanceof LessThanNode
        || node instanceof LessThanOrEqualNode
        || node instanceof GreaterThanNode
        || node instanceof GreaterThanOrEqualNode
        || node instanceof NotEqualNode
        || node instanceof EqualToNode;
  }

  /**
   * LOOP_LIMIT for a loop condition (or a conjunct of one: {@code i < C && more}) that compares an
   * int local with a non-zero integer compile-time constant, or null.
   */
  Node loopLimit(BinaryOperationNode comparison) {
    Tree tree = comparison.getTree();
    if (!trees.contains(tree) || !isLoopCondition(tree)) {
      return null;
    }
    Long constant = null;
    if (isIntLocal(comparison.getLeftOperand())) {
      constant = integerConstant(comparison.getRightOperand());
    } else if (isIntLocal(comparison.getRightOperand())) {
      constant = integerConstant(comparison.getLeftOperand());
    }
    // A comparison with zero is no trip count (a countdown: i > 0), and class files compare with
    // zero without pushing a constant (ifgt), so the bytecode front-end cannot see it either.
    return constant == null || constant == 0
        ? null
        : model.loopLimit(context.line(tree), constant, tree);
  }

  /** Whether {@code tree} is the condition of a loop, or one of its top-level conjuncts. */
  private boolean isLoopCondition(Tree tree) {
    Tree child = tree;
    Tree parent = trees.parent(child);
    while (parent instanceof ParenthesizedTree
        || (parent instanceof BinaryTree binary && binary.getKind() == Tree.Kind.CONDITIONAL_AND)) {
      child = parent;
      parent = trees.parent(child);
    }
    return (parent instanceof ForLoopTree loop && loop.getCondition() == child)
        || (parent instanceof WhileLoopTree whileLoop && whileLoop.getCondition() == child)
        || (parent instanceof DoWhileLoopTree doWhile && doWhile.getCondition() == child);
  }

  private static boolean isIntLocal(org.checkerframework.errorprone.dataflow.cfg.node.Node node) {
    return node instanceof LocalVariableNode local
        && local.getType().getKind() == TypeKind.INT
        && isLocal(local.getElement() instanceof Symbol symbol ? symbol : null);
  }

  /** The value of an int or long compile-time constant, or null. */
  static Long integerConstant(org.checkerframework.errorprone.dataflow.cfg.node.Node node) {
    return node == null || node.getTree() == null ? null : integerConstant(node.getTree());
  }

  static Long integerConstant(Tree tree) {
    Object value = ASTHelpers.constValue(tree);
    return value instanceof Integer
            || value instanceof Long
            || value instanceof Short
            || value instanceof Byte
        ? ((Number) value).longValue()
        : null;
  }

  /** Names of captured locals: exception variables, and those of a reference type. */
  record Captures(Set<String> exceptionVariables, Set<String> references) {}

  /**
   * The locals declared outside {@code tree} (a lambda, method reference or class body) that code
   * inside it reads: the exception variables among them, and those of a reference type (whose
   * values escape into it).
   */
  static Captures captures(Tree tree) {
    Set<String> exceptionVariables = new LinkedHashSet<>();
    Set<String> references = new LinkedHashSet<>();
    freeLocals(tree)
        .forEach(
            (symbol, name) -> {
              if (symbol.getKind() == ElementKind.EXCEPTION_PARAMETER) {
                exceptionVariables.add(name);
              }
              if (!symbol.asType().getKind().isPrimitive()) {
                references.add(name);
              }
            });
    return new Captures(exceptionVariables, references);
  }

  /**
   * The locals and parameters that code inside {@code tree} reads but that are declared outside it,
   * with their names, in order of first use.
   */
  private static Map<Symbol, String> freeLocals(Tree tree) {
    Set<Symbol> declared = Collections.newSetFromMap(new IdentityHashMap<>());
    Map<Symbol, String> used = new LinkedHashMap<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        declared.add(ASTHelpers.getSymbol(variable));
        return super.visitVariable(variable, null);
      }

      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(identifier);
        if (isLocal(symbol)) {
          used.putIfAbsent(symbol, identifier.getName().toString());
        }
        return null;
      }
    }.scan(tree, null);
    used.keySet().removeAll(declared);
    return used;
  }

  static boolean isLocal(Symbol symbol) {
    if (symbol == null) {
      return false;
    }
    ElementKind kind = symbol.getKind();
    return kind == ElementKind.LOCAL_VARIABLE
        || kind == ElementKind.EXCEPTION_PARAMETER
        || kind == ElementKind.PARAMETER
        || kind == ElementKind.RESOURCE_VARIABLE
        || kind == ElementKind.BINDING_VARIABLE;
  }

  /**
   * The locals and parameters of the enclosing code that a lambda reads (those of lambdas and
   * classes inside it included: they capture through it), in order of first use.
   */
  static List<String> capturedNames(LambdaExpressionTree lambda) {
    return List.copyOf(new LinkedHashSet<>(freeLocals(lambda).values()));
  }
}
