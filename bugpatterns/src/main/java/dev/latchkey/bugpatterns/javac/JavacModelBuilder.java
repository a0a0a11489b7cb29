package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import dev.latchkey.checks.model.MethodRef;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Modifier;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;

/**
 * Translates one javac class into the core's {@link ClassModel}: a method model per method body and
 * per lambda body of the class's own code, each built from the Checker Framework CFG.
 */
public final class JavacModelBuilder {
  /**
   * The class model, and the failures of methods that could not be translated (they have no model,
   * so no findings).
   */
  public record Result(ClassModel model, List<RuntimeException> failures) {}

  private final ClassTree classTree;
  private final ClassContext context;
  private final ProcessingEnvironment env;
  private final List<MethodModel> models = new ArrayList<>();
  private final List<RuntimeException> failures = new ArrayList<>();
  private final LockRelevance relevance;

  private JavacModelBuilder(TreePath classPath, VisitorState state, LatchkeyConfig config) {
    this.classTree = (ClassTree) classPath.getLeaf();
    ClassSymbol cls = ASTHelpers.getSymbol(classTree);
    Types types = state.getTypes();
    LockCalls lockCalls = new LockCalls(types);
    this.context =
        new ClassContext(
            cls,
            new LockPathResolver(cls, types, LocalAliases.of(classTree), lockCalls),
            lockCalls,
            new MethodRefs(types),
            classPath.getCompilationUnit().getLineMap());
    this.env = JavacProcessingEnvironment.instance(state.context);
    this.relevance = new LockRelevance(cls, config);
  }

  /**
   * The model of the class at {@code classPath} (a path from the compilation unit). Bodies that
   * cannot hold a lock event ({@link LockRelevance}) are left out.
   */
  public static Result build(TreePath classPath, VisitorState state, LatchkeyConfig config) {
    JavacModelBuilder builder = new JavacModelBuilder(classPath, state, config);
    if (builder.relevance.classMayMatter(builder.classTree)) {
      ClassMembers members = ClassMembers.of(classPath);
      for (TreePath method : members.methods()) {
        if (builder.relevance.bodyMayMatter(((MethodTree) method.getLeaf()).getBody())) {
          builder.guarded(() -> builder.method(method));
        }
      }
      List<TreePath> lambdas = members.lambdas();
      for (int i = 0; i < lambdas.size(); i++) {
        TreePath lambda = lambdas.get(i);
        int index = i;
        if (builder.relevance.bodyMayMatter(lambda.getLeaf())) {
          builder.guarded(() -> builder.lambda(lambda, index));
        }
      }
    }
    return new Result(
        new ClassModel(builder.context.binaryName(), builder.models), builder.failures);
  }

  private void guarded(Runnable translation) {
    try {
      translation.run();
    } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
      failures.add(e instanceof RuntimeException re ? re : new IllegalStateException(e));
    }
  }

  private void method(TreePath path) {
    MethodTree tree = (MethodTree) path.getLeaf();
    MethodSymbol sym = ASTHelpers.getSymbol(tree);
    MethodModel.Builder model = MethodModel.builder(context.methodRefs().of(sym));
    List<String> parameters = new ArrayList<>();
    tree.getParameters().forEach(p -> parameters.add(p.getName().toString()));
    model.parameterNames(parameters);
    boolean constructor = sym.isConstructor();
    if (constructor) {
      model.flag(Flag.CONSTRUCTOR);
    }
    if (constructor
        || (sym.flags() & (Flags.PRIVATE | Flags.STATIC | Flags.FINAL)) != 0
        || isFinal(context.cls())) {
      model.flag(Flag.NOT_OVERRIDABLE);
    }
    Suppressions.at(path).forEach(model::suppress);
    CfgFactory.Cfg cfg =
        CfgFactory.build(
            new TreePath(path, tree.getBody()), new UnderlyingAST.CFGMethod(tree, classTree), env);
    MethodGraphTranslator.translate(context, model, cfg);
    models.add(model.build());
  }

  /** The body of the {@code index}th lambda of the class, as its own method. */
  private void lambda(TreePath path, int index) {
    LambdaExpressionTree tree = (LambdaExpressionTree) path.getLeaf();
    MethodTree enclosing = enclosingMethod(path);
    List<String> parameters = new ArrayList<>();
    List<Type> parameterTypes = new ArrayList<>();
    for (VariableTree parameter : tree.getParameters()) {
      parameters.add(parameter.getName().toString());
      parameterTypes.add(ASTHelpers.getType(parameter));
    }
    MethodRef ref =
        context
            .methodRefs()
            .synthetic(
                context.cls(),
                "lambda$" + lambdaOwnerName(path, enclosing) + "$" + index,
                parameterTypes);
    MethodModel.Builder model = MethodModel.builder(ref).parameterNames(parameters);
    model.flag(Flag.LAMBDA);
    Suppressions.at(path).forEach(model::suppress);
    CfgFactory.Cfg cfg =
        CfgFactory.build(
            new TreePath(path, tree.getBody()),
            new UnderlyingAST.CFGLambda(tree, classTree, enclosing),
            env);
    MethodGraphTranslator.translate(context, model, cfg);
    models.add(model.build());
  }

  private static boolean isFinal(ClassSymbol cls) {
    return (cls.flags() & Flags.FINAL) != 0 || cls.isAnonymous();
  }

  private MethodTree enclosingMethod(TreePath path) {
    for (Tree tree : path) {
      if (tree instanceof MethodTree method) {
        return method;
      }
      if (tree == classTree) {
        return null;
      }
    }
    return null;
  }

  /**
   * How javac names a lambda's method: after the enclosing method, {@code new} or {@code static}.
   */
  private static String lambdaOwnerName(TreePath path, MethodTree enclosing) {
    if (enclosing != null) {
      String name = enclosing.getName().toString();
      return name.equals("<init>") ? "new" : name;
    }
    for (Tree tree : path) {
      if (tree instanceof VariableTree field) {
        return field.getModifiers().getFlags().contains(Modifier.STATIC) ? "static" : "new";
      }
    }
    return "new";
  }
}
