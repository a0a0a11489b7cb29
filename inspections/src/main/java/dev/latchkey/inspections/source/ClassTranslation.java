package dev.latchkey.inspections.source;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.latchkey.checks.model.MethodRef;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every body translation of one class shares: the class, the solver's answers, lock paths,
 * calls, catch-clause facts, local aliases, and the method each lambda of the class's own code is
 * translated as.
 */
final class ClassTranslation {
  private final ClassScope scope;
  private final Symbols symbols;
  private final Calls calls;
  private final LockPaths paths;
  private final CatchFacts catchFacts;
  private final Map<Node, Expression> aliases;
  private final Map<LambdaExpr, MethodRef> lambdas = new IdentityHashMap<>();
  private int synthetic;

  ClassTranslation(ClassScope scope, Symbols symbols, List<Node> ownCode, FieldViews views) {
    this.scope = scope;
    this.symbols = symbols;
    this.calls = new Calls(scope, symbols);
    this.aliases = LocalAliases.of(symbols, ownCode);
    this.paths = new LockPaths(scope, symbols, calls, aliases, views);
    this.catchFacts = new CatchFacts(symbols.types(), calls);
  }

  ClassScope scope() {
    return scope;
  }

  SourceTypes types() {
    return symbols.types();
  }

  Symbols symbols() {
    return symbols;
  }

  Calls calls() {
    return calls;
  }

  LockPaths paths() {
    return paths;
  }

  CatchFacts catchFacts() {
    return catchFacts;
  }

  Map<Node, Expression> aliases() {
    return aliases;
  }

  int nextSynthetic() {
    return synthetic++;
  }

  void nameLambda(LambdaExpr lambda, MethodRef ref) {
    lambdas.put(lambda, ref);
  }

  MethodRef lambdaRef(LambdaExpr lambda) {
    return lambdas.get(lambda);
  }

  /** The field a declarator of this class declares. */
  Symbols.FieldSymbol fieldOf(FieldDeclaration field, VariableDeclarator variable) {
    Node owner = field.getParentNode().orElse(null);
    if (owner instanceof com.github.javaparser.ast.body.TypeDeclaration<?> type) {
      return symbols.declaredField(type, variable.getNameAsString());
    }
    for (BodyDeclaration<?> member : scope.members()) {
      if (member == field) {
        Symbols.FieldSymbol symbol =
            new Symbols.FieldSymbol(
                scope.binaryName(),
                variable.getNameAsString(),
                field.isStatic(),
                types().descriptor(variable.getType()),
                false,
                null);
        return symbol;
      }
    }
    return null;
  }

  /**
   * Whether a {@code return}, {@code throw}, {@code break} or {@code continue} completes a {@code
   * finally} block abruptly: it is inside one (in this body) and its target is outside it; a throw
   * caught by a {@code try} inside the same finally block does not leave it.
   */
  boolean leavesFinally(Statement jump, Node root) {
    Statement target =
        jump instanceof com.github.javaparser.ast.stmt.BreakStmt
                || jump instanceof com.github.javaparser.ast.stmt.ContinueStmt
            ? CatchFacts.target(jump)
            : null;
    List<String> thrown =
        jump instanceof ThrowStmt throwStmt ? thrownTypes(throwStmt.getExpression()) : null;
    Node child = jump;
    for (Node parent = jump.getParentNode().orElse(null);
        parent != null;
        child = parent, parent = parent.getParentNode().orElse(null)) {
      if (parent == target
          || parent == root
          || parent instanceof LambdaExpr
          || parent instanceof CallableDeclaration<?>
          || parent instanceof com.github.javaparser.ast.body.TypeDeclaration<?>) {
        return false;
      }
      if (parent instanceof TryStmt tryStmt) {
        if (tryStmt.getFinallyBlock().orElse(null) == child) {
          return true;
        }
        if (thrown != null
            && !thrown.isEmpty()
            && (child == tryStmt.getTryBlock() || tryStmt.getResources().contains(child))
            && catchesSurely(tryStmt, thrown)) {
          return false;
        }
      }
    }
    return false;
  }

  private List<String> thrownTypes(Expression thrown) {
    Expression e = LockPaths.strip(thrown);
    if (e instanceof com.github.javaparser.ast.expr.NameExpr name && symbols.local(name) != null) {
      return catchFacts.typesOf(symbols.local(name));
    }
    String type = types().binaryName(types().typeOf(thrown));
    return type == null ? List.of() : List.of(type);
  }

  private boolean catchesSurely(TryStmt tryStmt, List<String> thrown) {
    for (String type : thrown) {
      boolean caught = false;
      for (var clause : tryStmt.getCatchClauses()) {
        for (String catches : catchFacts.caughtTypes(clause)) {
          if (types().isSubtype(type, catches)) {
            caught = true;
          }
        }
      }
      if (!caught) {
        return false;
      }
    }
    return true;
  }
}
