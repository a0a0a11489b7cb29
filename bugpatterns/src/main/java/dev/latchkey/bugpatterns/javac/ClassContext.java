package dev.latchkey.bugpatterns.javac;

import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.tree.JCTree;
import dev.latchkey.checks.model.MethodRef;
import java.util.Map;

/**
 * What every method translation of one class shares: the class, its lock-path resolver, the lock
 * API classifier, method naming, source lines, the facts of its {@code catch} clauses, and the
 * method each lambda of the class's own code is translated as.
 */
public record ClassContext(
    ClassSymbol cls,
    LockPathResolver resolver,
    LockCalls lockCalls,
    MethodRefs methodRefs,
    LineMap lineMap,
    CatchClauses catchClauses,
    Map<LambdaExpressionTree, MethodRef> lambdas) {

  /** The binary name of the class, {@code pkg.Outer$Inner}. */
  public String binaryName() {
    return cls.flatName().toString();
  }

  /**
   * The 1-based line javac reports {@code tree} at, or -1: its preferred position, which for an
   * invocation is the line of its argument list, the line class files give the invoke instruction.
   * Marked fixture statements are on one line, where this is also the line the statement starts.
   */
  public int line(Tree tree) {
    int pos = tree == null ? -1 : ((JCTree) tree).getPreferredPosition();
    return pos < 0 || lineMap == null ? -1 : (int) lineMap.getLineNumber(pos);
  }

  /** The 1-based line where {@code tree} starts, or -1 (a {@code catch} clause: its keyword). */
  public int startLine(Tree tree) {
    int pos = tree == null ? -1 : ((JCTree) tree).getStartPosition();
    return pos < 0 || lineMap == null ? -1 : (int) lineMap.getLineNumber(pos);
  }
}
