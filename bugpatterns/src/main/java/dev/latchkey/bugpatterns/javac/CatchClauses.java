package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symtab;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCBreak;
import com.sun.tools.javac.tree.JCTree.JCContinue;
import com.sun.tools.javac.util.Names;
import dev.latchkey.checks.model.CatchClause;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the core knows about a {@code catch} clause ({@link CatchClause}), read from javac's trees:
 * the caught types, the variable, whether the body is empty, the checked exceptions the methods
 * called in the {@code try} block declare, and the last method called there. One clause per {@code
 * CatchTree}, shared by every copy the CFG makes of it.
 */
public final class CatchClauses {
  private final Types types;
  private final Symtab symtab;
  private final Names names;
  private final Supplier<CharSequence> source;
  private final Map<CatchTree, CatchClause> clauses = new IdentityHashMap<>();

  /** {@code source} gives the compilation unit's text, or null when it cannot be read. */
  CatchClauses(Types types, Symtab symtab, Names names, Supplier<CharSequence> source) {
    this.types = types;
    this.symtab = symtab;
    this.names = names;
    this.source = source;
  }

  /** The clause of {@code handler}, a catch of {@code tryTree}. */
  CatchClause of(CatchTree handler, TryTree tryTree) {
    return clauses.computeIfAbsent(handler, h -> compute(h, tryTree));
  }

  /** The types {@code handler} catches (several for a multi-catch). */
  List<Type> caughtTypes(CatchTree handler) {
    Tree typeTree = handler.getParameter().getType();
    List<Type> caught = new ArrayList<>();
    if (typeTree instanceof UnionTypeTree union) {
      for (Tree alternative : union.getTypeAlternatives()) {
        Type type = ASTHelpers.getType(alternative);
        if (type != null) {
          caught.add(type);
        }
      }
    } else {
      Type type = ASTHelpers.getType(handler.getParameter());
      if (type != null) {
        caught.add(type);
      }
    }
    return caught;
  }

  /** Whether one of the catch clauses of {@code tryTree} catches every {@code thrown}. */
  boolean catchesSurely(TryTree tryTree, Type thrown) {
    Type erased = types.erasure(thrown);
    for (CatchTree handler : tryTree.getCatches()) {
      for (Type caught : caughtTypes(handler)) {
        if (types.isSubtype(erased, types.erasure(caught))) {
          return true;
        }
      }
    }
    return false;
  }

  private CatchClause compute(CatchTree handler, TryTree tryTree) {
    List<String> caught = new ArrayList<>();
    for (Type type : caughtTypes(handler)) {
      caught.add(MethodRefs.binaryName(type.tsym));
    }
    boolean empty = isEmpty(handler.getBlock());
    return new CatchClause(
        caught,
        handler.getParameter().getName().toString(),
        empty,
        declaredExceptions(tryTree),
        lastCallName(tryTree.getBlock()),
        endsInReturnOrThrow(tryTree.getBlock()) && !jumpsOut(tryTree.getBlock()),
        empty ? blockSource((JCBlock) handler.getBlock()) : null);
  }

  /** The text between the braces of {@code block} (its comments), or null. */
  private String blockSource(JCBlock block) {
    CharSequence text = source.get();
    if (text == null
        || block.pos < 0
        || block.endpos <= block.pos
        || block.endpos > text.length()) {
      return null;
    }
    return text.subSequence(block.pos + 1, block.endpos).toString();
  }

  /**
   * A {@code break} or {@code continue} in the block (not in its lambdas or classes) whose target
   * is outside it: control leaves the block without a return or a throw.
   */
  private static boolean jumpsOut(BlockTree block) {
    JCTree blockTree = (JCTree) block;
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBreak(BreakTree tree, Void unused) {
        check(((JCBreak) tree).target);
        return null;
      }

      @Override
      public Void visitContinue(ContinueTree tree, Void unused) {
        check(((JCContinue) tree).target);
        return null;
      }

      private void check(JCTree target) {
        if (target == null
            || target.getStartPosition() < blockTree.getStartPosition()
            || target.getStartPosition() >= blockTree.getEndPosition(null)) {
          found[0] = true;
        }
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(block, null);
    return found[0];
  }

  /**
   * The statement ends in a {@code return} or {@code throw} on every branch of its last statement,
   * as the class file shows it: the instruction before the {@code try}'s first handler is then a
   * return or an {@code athrow}, not the jump to the code after the {@code try} statement. Loops,
   * switches and labeled statements are taken as completing normally.
   */
  static boolean endsInReturnOrThrow(StatementTree statement) {
    if (statement instanceof ReturnTree || statement instanceof ThrowTree) {
      return true;
    }
    if (statement instanceof BlockTree block) {
      List<? extends StatementTree> statements =
          block.getStatements().stream().filter(s -> !(s instanceof EmptyStatementTree)).toList();
      return !statements.isEmpty() && endsInReturnOrThrow(statements.get(statements.size() - 1));
    }
    if (statement instanceof IfTree ifTree) {
      return ifTree.getElseStatement() != null
          && endsInReturnOrThrow(ifTree.getThenStatement())
          && endsInReturnOrThrow(ifTree.getElseStatement());
    }
    if (statement instanceof SynchronizedTree sync) {
      return endsInReturnOrThrow(sync.getBlock());
    }
    if (statement instanceof TryTree tryTree) {
      if (tryTree.getFinallyBlock() != null && endsInReturnOrThrow(tryTree.getFinallyBlock())) {
        return true;
      }
      return endsInReturnOrThrow(tryTree.getBlock())
          && tryTree.getCatches().stream().allMatch(c -> endsInReturnOrThrow(c.getBlock()));
    }
    return false;
  }

  /** No statements at all; an empty statement {@code ;} is none, and comments are not code. */
  private static boolean isEmpty(BlockTree block) {
    return block.getStatements().stream().allMatch(s -> s instanceof EmptyStatementTree);
  }

  /**
   * The checked exceptions declared by the methods and constructors invoked in the resources and
   * block of {@code tryTree}, and by the {@code close()} of its resources; code of lambdas and
   * classes declared there is not run by the {@code try}.
   */
  private Set<String> declaredExceptions(TryTree tryTree) {
    Set<String> declared = new LinkedHashSet<>();
    TreeScanner<Void, Void> scanner =
        new TreeScanner<>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
            addThrown(ASTHelpers.getSymbol((Tree) tree), declared);
            return super.visitMethodInvocation(tree, null);
          }

          @Override
          public Void visitNewClass(NewClassTree tree, Void unused) {
            addThrown(ASTHelpers.getSymbol(tree), declared);
            // The arguments run here; an anonymous class's body does not.
            scan(tree.getEnclosingExpression(), null);
            scan(tree.getArguments(), null);
            return null;
          }

          @Override
          public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
            return null;
          }

          @Override
          public Void visitClass(ClassTree tree, Void unused) {
            return null;
          }
        };
    for (Tree resource : tryTree.getResources()) {
      scanner.scan(resource, null);
      Type type = ASTHelpers.getType(resource);
      if (type != null) {
        addThrown(closeMethod(type), declared);
      }
    }
    scanner.scan(tryTree.getBlock(), null);
    return declared;
  }

  private void addThrown(Symbol symbol, Set<String> declared) {
    if (!(symbol instanceof MethodSymbol method)) {
      return;
    }
    for (Type thrown : method.getThrownTypes()) {
      if (isChecked(thrown)) {
        declared.add(MethodRefs.binaryName(thrown.tsym));
      }
    }
  }

  private boolean isChecked(Type type) {
    Type erased = types.erasure(type);
    return !types.isSubtype(erased, symtab.runtimeExceptionType)
        && !types.isSubtype(erased, symtab.errorType);
  }

  /** The no-argument {@code close()} a try-with-resources calls on a resource of {@code type}. */
  private MethodSymbol closeMethod(Type type) {
    for (Type supertype : types.closure(types.erasure(type))) {
      for (Symbol member : supertype.tsym.members().getSymbolsByName(names.close)) {
        if (member instanceof MethodSymbol method && method.getParameters().isEmpty()) {
          return method;
        }
      }
    }
    return null;
  }

  /**
   * The name of the method the last statement of {@code block} invokes last: its outermost
   * invocation ({@code fail("...")}, {@code hits.addAll(f.get())} → addAll), or null.
   */
  private static String lastCallName(BlockTree block) {
    List<? extends StatementTree> statements = block.getStatements();
    if (statements.isEmpty()) {
      return null;
    }
    StatementTree last = statements.get(statements.size() - 1);
    ExpressionTree expression = null;
    if (last instanceof ExpressionStatementTree statement) {
      expression = statement.getExpression();
    } else if (last instanceof ReturnTree ret) {
      expression = ret.getExpression();
    } else if (last instanceof VariableTree variable) {
      expression = variable.getInitializer();
    } else if (last instanceof ThrowTree throwTree) {
      expression = throwTree.getExpression();
    }
    while (expression instanceof ParenthesizedTree || expression instanceof TypeCastTree) {
      expression =
          expression instanceof ParenthesizedTree parens
              ? parens.getExpression()
              : ((TypeCastTree) expression).getExpression();
    }
    if (expression instanceof com.sun.source.tree.AssignmentTree assignment) {
      expression = assignment.getExpression();
    }
    if (expression instanceof MethodInvocationTree invocation) {
      Symbol symbol = ASTHelpers.getSymbol((Tree) invocation);
      return symbol == null ? null : symbol.getSimpleName().toString();
    }
    if (expression instanceof NewClassTree) {
      return "<init>";
    }
    return null;
  }
}
