package dev.latchkey.inspections.source;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.type.Type;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Compile-time constants as javac sees them: a final variable of a primitive or String type whose
 * initializer is a constant expression is inlined (its reads are no field accesses), and integer
 * constants are known by value (loop limits, pool sizes). Library constants are read by reflection
 * from the JDK.
 */
final class Constants {
  private static final int MAX_DEPTH = 16;

  private final Symbols symbols;

  Constants(Symbols symbols) {
    this.symbols = symbols;
  }

  /** Whether a final variable with this declaration is a constant variable (JLS 4.12.4). */
  boolean isConstantVariable(VariableDeclarator variable) {
    Type type = variable.getType();
    boolean constantType =
        type.isPrimitiveType()
            || (type.isClassOrInterfaceType()
                && type.asClassOrInterfaceType().getNameAsString().equals("String"));
    return constantType
        && variable.getInitializer().isPresent()
        && isConstant(variable.getInitializer().get(), 0);
  }

  private boolean isConstant(Expression e, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    if (e instanceof NullLiteralExpr) {
      return false;
    }
    if (e instanceof LiteralExpr) {
      return true;
    }
    if (e instanceof EnclosedExpr enclosed) {
      return isConstant(enclosed.getInner(), depth + 1);
    }
    if (e instanceof CastExpr cast) {
      return isConstant(cast.getExpression(), depth + 1);
    }
    if (e instanceof UnaryExpr unary) {
      return switch (unary.getOperator()) {
        case PLUS, MINUS, BITWISE_COMPLEMENT, LOGICAL_COMPLEMENT ->
            isConstant(unary.getExpression(), depth + 1);
        default -> false;
      };
    }
    if (e instanceof BinaryExpr binary) {
      return isConstant(binary.getLeft(), depth + 1) && isConstant(binary.getRight(), depth + 1);
    }
    if (e instanceof ConditionalExpr conditional) {
      return isConstant(conditional.getCondition(), depth + 1)
          && isConstant(conditional.getThenExpr(), depth + 1)
          && isConstant(conditional.getElseExpr(), depth + 1);
    }
    if (e instanceof NameExpr || e instanceof FieldAccessExpr) {
      return symbols.of(e) instanceof Symbols.FieldSymbol field && field.constant();
    }
    return false;
  }

  /** The value of an int or long constant expression, or null. */
  Long integerValue(Expression e) {
    return integerValue(e, 0);
  }

  private Long integerValue(Expression e, int depth) {
    if (e == null || depth > MAX_DEPTH) {
      return null;
    }
    if (e instanceof IntegerLiteralExpr literal) {
      Number n = SourceTypes.quietly(literal::asNumber);
      return n == null ? null : n.longValue();
    }
    if (e instanceof LongLiteralExpr literal) {
      Number n = SourceTypes.quietly(literal::asNumber);
      return n == null ? null : n.longValue();
    }
    if (e instanceof EnclosedExpr enclosed) {
      return integerValue(enclosed.getInner(), depth + 1);
    }
    if (e instanceof CastExpr cast) {
      String target = cast.getType().asString();
      Long value = integerValue(cast.getExpression(), depth + 1);
      return value == null
          ? null
          : switch (target) {
            case "int" -> (long) value.intValue();
            case "long" -> value;
            case "short" -> (long) value.shortValue();
            case "byte" -> (long) value.byteValue();
            default -> null;
          };
    }
    if (e instanceof UnaryExpr unary) {
      Long value = integerValue(unary.getExpression(), depth + 1);
      if (value == null) {
        return null;
      }
      return switch (unary.getOperator()) {
        case PLUS -> value;
        case MINUS -> -value;
        case BITWISE_COMPLEMENT -> ~value;
        default -> null;
      };
    }
    if (e instanceof BinaryExpr binary) {
      Long left = integerValue(binary.getLeft(), depth + 1);
      Long right = integerValue(binary.getRight(), depth + 1);
      if (left == null || right == null) {
        return null;
      }
      return switch (binary.getOperator()) {
        case PLUS -> left + right;
        case MINUS -> left - right;
        case MULTIPLY -> left * right;
        case DIVIDE -> right == 0 ? null : left / right;
        case REMAINDER -> right == 0 ? null : left % right;
        case LEFT_SHIFT -> left << right;
        case SIGNED_RIGHT_SHIFT -> left >> right;
        case BINARY_AND -> left & right;
        case BINARY_OR -> left | right;
        case XOR -> left ^ right;
        default -> null;
      };
    }
    if (e instanceof NameExpr || e instanceof FieldAccessExpr) {
      return symbols.of(e) instanceof Symbols.FieldSymbol field && field.constant()
          ? field.value()
          : null;
    }
    return null;
  }

  /** The value of a JDK constant (a static final field of a primitive or String type), or null. */
  static Object libraryConstant(String owner, String name) {
    if (!owner.startsWith("java.") && !owner.startsWith("javax.")) {
      return null;
    }
    try {
      Class<?> type = Class.forName(owner, false, ClassLoader.getPlatformClassLoader());
      Field field = type.getDeclaredField(name);
      int modifiers = field.getModifiers();
      if (!Modifier.isStatic(modifiers)
          || !Modifier.isFinal(modifiers)
          || !(field.getType().isPrimitive() || field.getType() == String.class)
          || !Modifier.isPublic(modifiers)) {
        return null;
      }
      return field.get(null);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** An Integer, Long, Short or Byte as a long; anything else null. */
  static Long asLong(Object value) {
    return value instanceof Integer
            || value instanceof Long
            || value instanceof Short
            || value instanceof Byte
        ? ((Number) value).longValue()
        : null;
  }
}
