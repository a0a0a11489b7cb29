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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
  private final Relevance relevance;
  private final Types types;
  private final ClassMembers members;

  private JavacModelBuilder(TreePath classPath, VisitorState state, LatchkeyConfig config) {
    this.classTree = (ClassTree) classPath.getLeaf();
    ClassSymbol cls = ASTHelpers.getSymbol(classTree);
    this.types = state.getTypes();
    LockCalls lockCalls = new LockCalls(types);
    MethodRefs methodRefs = new MethodRefs(types);
    this.members = ClassMembers.of(classPath);
    this.context =
        new ClassContext(
            cls,
            new LockPathResolver(cls, types, LocalAliases.of(classTree), lockCalls),
            lockCalls,
            methodRefs,
            classPath.getCompilationUnit().getLineMap(),
            new CatchClauses(types, state.getSymtab(), state.getNames()),
            lambdaRefs(cls, members.lambdas(), methodRefs));
    this.env = JavacProcessingEnvironment.instance(state.context);
    this.relevance = new Relevance(cls, config, lockCalls);
  }

  /**
   * The model of the class at {@code classPath} (a path from the compilation unit). Bodies that
   * cannot hold an event any check reads ({@link Relevance}) are left out.
   */
  public static Result build(TreePath classPath, VisitorState state, LatchkeyConfig config) {
    JavacModelBuilder builder = new JavacModelBuilder(classPath, state, config);
    if (builder.relevance.classMayMatter(builder.classTree)) {
      ClassMembers members = builder.members;
      for (TreePath method : members.methods()) {
        MethodTree tree = (MethodTree) method.getLeaf();
        if (builder.relevance.bodyMayMatter(tree.getBody())
            || builder.relevance.isTaskBody(ASTHelpers.getSymbol(tree))) {
          builder.guarded(() -> builder.method(method));
        }
      }
      for (TreePath lambda : members.lambdas()) {
        LambdaExpressionTree tree = (LambdaExpressionTree) lambda.getLeaf();
        if (builder.relevance.bodyMayMatter(tree) || builder.relevance.isTaskBody(tree)) {
          builder.guarded(() -> builder.lambda(lambda));
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
    MethodGraphTranslator.translate(context, model, cfg, tree, types);
    models.add(model.build());
  }

  /**
   * The method each lambda of the class's own code is translated as: the {@code index}th lambda is
   * {@code lambda$<enclosing method>$<index>} with the lambda's parameter types.
   */
  private static Map<LambdaExpressionTree, MethodRef> lambdaRefs(
      ClassSymbol cls, List<TreePath> lambdas, MethodRefs methodRefs) {
    Map<LambdaExpressionTree, MethodRef> refs = new IdentityHashMap<>();
    for (int index = 0; index < lambdas.size(); index++) {
      TreePath path = lambdas.get(index);
      LambdaExpressionTree tree = (LambdaExpressionTree) path.getLeaf();
      List<Type> parameterTypes = new ArrayList<>();
      for (VariableTree parameter : tree.getParameters()) {
        parameterTypes.add(ASTHelpers.getType(parameter));
      }
      String owner = lambdaOwnerName(path, enclosingMethod(path, cls));
      refs.put(tree, methodRefs.synthetic(cls, "lambda$" + owner + "$" + index, parameterTypes));
    }
    return refs;
  }

  /** The body of a lambda of the class, as its own method. */
  private void lambda(TreePath path) {
    LambdaExpressionTree tree = (LambdaExpressionTree) path.getLeaf();
    MethodTree enclosing = enclosingMethod(path, context.cls());
    List<String> parameters = new ArrayList<>();
    for (VariableTree parameter : tree.getParameters()) {
      parameters.add(parameter.getName().toString());
    }
    MethodRef ref = context.lambdas().get(tree);
    MethodModel.Builder model = MethodModel.builder(ref).parameterNames(parameters);
    model.flag(Flag.LAMBDA);
    Suppressions.at(path).forEach(model::suppress);
    CfgFactory.Cfg cfg =
        CfgFactory.build(
            new TreePath(path, tree.getBody()),
            new UnderlyingAST.CFGLambda(tree, classTree, enclosing),
            env);
    MethodGraphTranslator.translate(context, model, cfg, tree, types);
    models.add(model.build());
  }

  private static boolean isFinal(ClassSymbol cls) {
    return (cls.flags() & Flags.FINAL) != 0 || cls.isAnonymous();
  }

  private static MethodTree enclosingMethod(TreePath path, ClassSymbol cls) {
    for (Tree tree : path) {
      if (tree instanceof MethodTree method) {
        return method;
      }
      if (tree instanceof ClassTree enclosing && ASTHelpers.getSymbol(enclosing) == cls) {
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
