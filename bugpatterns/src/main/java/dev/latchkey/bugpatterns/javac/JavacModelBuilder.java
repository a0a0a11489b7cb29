package dev.latchkey.bugpatterns.javac;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import dev.latchkey.checks.api.TestCode;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Modifier;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;

/**
 * Translates one javac class into the core's {@link ClassModel}: a method model per method body and
 * per lambda body of the class's own code, each built from the Checker Framework CFG. As in the
 * class file, the field initializers and initializer blocks run where the JVM runs them: instance
 * ones at the start of every constructor that does not call {@code this(..)} (javac gives a class
 * without constructors its default one), static ones in a {@code <clinit>} model. Methods annotated
 * as tests or test fixtures, and their lambdas, are flagged TEST_CODE.
 */
public final class JavacModelBuilder {
  /**
   * The class model, the failures of methods that could not be translated (they have no model, so
   * no findings), and the suppressions written on fields, by the trees of their initializers.
   */
  /**
   * A translated class: its model, what failed, the suppressions on field declarations, and its
   * superclasses as far as their symbols tell (fields and annotations, no code; nearest first), for
   * the inherited fields of a class whose superclass is in another file.
   */
  public record Result(
      ClassModel model,
      List<RuntimeException> failures,
      Map<Tree, Set<String>> fieldSuppressions,
      List<ClassModel> superclasses) {

    /**
     * Whether the check {@code checkId} is suppressed at {@code origin} (a node's origin) by an
     * annotation on the field whose initializer holds it: field initializers are translated as part
     * of constructors and {@code <clinit>}, whose models carry only the suppressions of the
     * constructor and the classes.
     */
    public boolean suppressedAt(Object origin, String checkId) {
      Set<String> ids = origin instanceof Tree tree ? fieldSuppressions.get(tree) : null;
      return ids != null && (ids.contains(checkId) || ids.contains("*"));
    }
  }

  /**
   * The field initializers and initializer blocks of a class that are translated, in source order:
   * those of instance fields run in every constructor that does not start with {@code this(..)},
   * those of static ones in {@code <clinit>}, as in the class file.
   */
  private record Initializers(List<TreePath> instance, List<TreePath> statics) {}

  private final ClassTree classTree;
  private final ClassContext context;
  private final ProcessingEnvironment env;
  private final List<MethodModel> models = new ArrayList<>();
  private final List<RuntimeException> failures = new ArrayList<>();
  private final Types types;
  private final ClassMembers members;
  private final TreePath classPath;
  private final Map<Tree, Set<String>> fieldSuppressions = new IdentityHashMap<>();

  private JavacModelBuilder(TreePath classPath, VisitorState state, LatchkeyConfig config) {
    this.classPath = classPath;
    this.classTree = (ClassTree) classPath.getLeaf();
    ClassSymbol cls = ASTHelpers.getSymbol(classTree);
    this.types = state.getTypes();
    LockCalls lockCalls = new LockCalls(types);
    MethodRefs methodRefs = new MethodRefs(types);
    this.members = ClassMembers.of(classPath);
    this.context =
        new ClassContext(
            cls,
            new LockPathResolver(
                cls,
                types,
                LocalAliases.of(classTree),
                FieldViews.of(classPath.getCompilationUnit(), lockCalls),
                lockCalls),
            lockCalls,
            methodRefs,
            classPath.getCompilationUnit().getLineMap(),
            new CatchClauses(
                types,
                state.getSymtab(),
                state.getNames(),
                sourceOf(classPath.getCompilationUnit())),
            lambdaRefs(cls, members.lambdas(), methodRefs));
    this.env = JavacProcessingEnvironment.instance(state.context);
  }

  /** The compilation unit's text, read once when first asked for; null when unreadable. */
  private static Supplier<CharSequence> sourceOf(CompilationUnitTree unit) {
    CharSequence[] text = {null};
    boolean[] read = {false};
    return () -> {
      if (!read[0]) {
        read[0] = true;
        try {
          text[0] = unit.getSourceFile().getCharContent(true);
        } catch (IOException | RuntimeException e) {
          text[0] = null; // no source text: no comments to honour
        }
      }
      return text[0];
    };
  }

  /**
   * The model of the class at {@code classPath} (a path from the compilation unit): every method
   * and lambda body is translated (the race checks read every field access, the lock-order checks
   * every call), with the class's fields and annotations.
   */
  public static Result build(TreePath classPath, VisitorState state, LatchkeyConfig config) {
    JavacModelBuilder builder = new JavacModelBuilder(classPath, state, config);
    ClassMembers members = builder.members;
    Initializers initializers = builder.initializers();
    for (TreePath method : members.methods()) {
      MethodTree tree = (MethodTree) method.getLeaf();
      MethodSymbol sym = ASTHelpers.getSymbol(tree);
      List<TreePath> preamble =
          sym.isConstructor() && !delegatesToThis(tree) ? initializers.instance() : List.of();
      builder.guarded(() -> builder.method(method, preamble));
    }
    if (!initializers.statics().isEmpty()) {
      builder.guarded(() -> builder.classInitializer(initializers.statics()));
    }
    for (TreePath lambda : members.lambdas()) {
      builder.guarded(() -> builder.lambda(lambda));
    }
    List<FieldModel> fields = List.of();
    Set<String> annotations = Set.of();
    List<String> supertypes = List.of();
    try {
      fields = ClassFacts.fields(builder.classTree, builder.context);
      annotations = ClassFacts.classAnnotations(builder.context.cls());
      supertypes = ClassFacts.supertypes(builder.context.cls());
    } catch (RuntimeException e) {
      builder.failures.add(e);
    }
    return new Result(
        new ClassModel(
            builder.context.binaryName(), builder.models, fields, annotations, supertypes),
        builder.failures,
        builder.fieldSuppressions,
        ClassFacts.superclasses(builder.context));
  }

  /** The field initializers and initializer blocks, instance and static ones, in source order. */
  private Initializers initializers() {
    List<TreePath> instance = new ArrayList<>();
    List<TreePath> statics = new ArrayList<>();
    for (Tree member : classTree.getMembers()) {
      boolean isStatic;
      if (member instanceof VariableTree field && field.getInitializer() != null) {
        VarSymbol sym = ASTHelpers.getSymbol(field);
        if (sym == null) {
          continue;
        }
        isStatic = sym.isStatic();
        noteFieldSuppressions(field, sym);
      } else if (member instanceof BlockTree block) {
        isStatic = block.isStatic();
      } else {
        continue;
      }
      (isStatic ? statics : instance).add(new TreePath(classPath, member));
    }
    return new Initializers(instance, statics);
  }

  /** The suppressions written on a field hold for the code of its initializer. */
  private void noteFieldSuppressions(VariableTree field, VarSymbol sym) {
    Set<String> ids = Suppressions.on(sym);
    if (ids.isEmpty()) {
      return;
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree != null) {
          fieldSuppressions.put(tree, ids);
        }
        return super.scan(tree, null);
      }
    }.scan(field.getInitializer(), null);
  }

  /** Whether a constructor starts with {@code this(..)}: the one it calls runs the initializers. */
  private static boolean delegatesToThis(MethodTree constructor) {
    if (constructor.getBody() == null || constructor.getBody().getStatements().isEmpty()) {
      return false;
    }
    return constructor.getBody().getStatements().get(0) instanceof ExpressionStatementTree first
        && first.getExpression() instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof IdentifierTree name
        && name.getName().contentEquals("this");
  }

  /** Whether a method is a test or a test fixture, by its annotations. */
  private static boolean isTestCode(Symbol method) {
    if (method == null) {
      return false;
    }
    for (Attribute.Compound annotation : method.getAnnotationMirrors()) {
      if (TestCode.isTestAnnotation(annotation.type.tsym.getSimpleName().toString())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Translates {@code initializers} one after the other from the model's entry; returns the node
   * where they end.
   */
  private Node translateInitializers(MethodModel.Builder model, List<TreePath> initializers) {
    Node cursor = model.entry();
    for (TreePath initializer : initializers) {
      Node start = model.nop(-1, null);
      Node end = model.nop(-1, null);
      model.edge(cursor, start);
      Tree code = initializer.getLeaf();
      CfgFactory.Cfg cfg =
          CfgFactory.build(initializer, new UnderlyingAST.CFGStatement(code, classTree), env);
      MethodGraphTranslator.translate(context, model, cfg, code, types, start, end);
      cursor = end;
    }
    return cursor;
  }

  /** The static initializers of the class, as the class file's {@code <clinit>}. */
  private void classInitializer(List<TreePath> initializers) {
    MethodModel.Builder model =
        MethodModel.builder(new MethodRef(context.binaryName(), "<clinit>", "()V"));
    model.flag(Flag.NOT_OVERRIDABLE).flag(Flag.STATIC);
    Suppressions.at(classPath).forEach(model::suppress);
    Node end = translateInitializers(model, initializers);
    model.edge(end, model.exit());
    models.add(model.build());
  }

  private void guarded(Runnable translation) {
    try {
      translation.run();
    } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
      failures.add(e instanceof RuntimeException re ? re : new IllegalStateException(e));
    }
  }

  /**
   * A method body; a constructor's model starts with {@code preamble}, the instance initializers
   * the class file runs in it.
   */
  private void method(TreePath path, List<TreePath> preamble) {
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
    if (isTestCode(sym)) {
      model.flag(Flag.TEST_CODE);
    }
    if ((sym.flags() & Flags.SYNCHRONIZED) != 0) {
      model.flag(Flag.SYNCHRONIZED);
    }
    if (sym.isStatic()) {
      model.flag(Flag.STATIC);
    }
    model.line(context.line(tree)).guardedBy(ClassFacts.guardedBy(sym));
    model.annotations(ClassFacts.annotations(sym));
    if (!constructor && !sym.isStatic() && (sym.flags() & Flags.PRIVATE) == 0) {
      for (MethodSymbol overridden : ASTHelpers.findSuperMethods(sym, types)) {
        model.annotations(ClassFacts.annotations(overridden));
      }
    }
    Suppressions.at(path).forEach(model::suppress);
    Node start = translateInitializers(model, preamble);
    CfgFactory.Cfg cfg =
        CfgFactory.build(
            new TreePath(path, tree.getBody()), new UnderlyingAST.CFGMethod(tree, classTree), env);
    MethodGraphTranslator.translate(context, model, cfg, tree, types, start, model.exit());
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
    MethodModel.Builder model =
        MethodModel.builder(ref)
            .parameterNames(parameters)
            .capturedNames(ValueEvents.capturedNames(tree));
    model.flag(Flag.LAMBDA).line(context.startLine(tree));
    if (enclosing != null && isTestCode(ASTHelpers.getSymbol(enclosing))) {
      model.flag(Flag.TEST_CODE); // a lambda is test code where its method is
    }
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
