package dev.latchkey.bugpatterns.javac;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * The bodies one class model holds: its methods with a body, and every lambda in its own code
 * (methods, field initializers, initializer blocks), nested lambdas included. Nested, local and
 * anonymous classes are not entered: each is a class model of its own.
 */
record ClassMembers(List<TreePath> methods, List<TreePath> lambdas) {

  static ClassMembers of(TreePath classPath) {
    ClassTree root = (ClassTree) classPath.getLeaf();
    List<TreePath> methods = new ArrayList<>();
    List<TreePath> lambdas = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return tree == root ? super.visitClass(tree, null) : null;
      }

      @Override
      public Void visitMethod(MethodTree tree, Void unused) {
        if (tree.getBody() != null) {
          methods.add(getCurrentPath());
        }
        return super.visitMethod(tree, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        lambdas.add(getCurrentPath());
        return super.visitLambdaExpression(tree, null);
      }
    }.scan(classPath, null);
    return new ClassMembers(methods, lambdas);
  }
}
