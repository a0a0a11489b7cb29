package dev.latchkey.inspections.source;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.type.Type;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import dev.latchkey.checks.model.MethodRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Translates one class of a file into the core's {@link ClassModel}, as the javac front-end does: a
 * model per method and constructor body (a class without constructors gets javac's default one) and
 * per lambda of the class's own code; instance field initializers and initializer blocks run at the
 * start of every constructor that does not call {@code this(..)}, static ones in {@code <clinit>};
 * the implicit {@code super()} follows them. A body that does not parse, or whose translation
 * fails, has no model (so no finding); the failure is kept for the caller.
 */
final class ClassModelBuilder {
  /** The class model and what could not be translated. */
  record Result(ClassModel model, List<RuntimeException> failures) {}

  private final ClassScope scope;
  private final ClassTranslation cls;
  private final Annotations annotations;
  private final List<MethodModel> models = new ArrayList<>();
  private final List<RuntimeException> failures = new ArrayList<>();
  private final List<LambdaExpr> lambdas = new ArrayList<>();

  private ClassModelBuilder(ClassScope scope, Symbols symbols, FieldViews views) {
    this.scope = scope;
    List<Node> ownCode = new ArrayList<>();
    for (BodyDeclaration<?> member : scope.members()) {
      if (!(member instanceof TypeDeclaration<?>)) {
        ownCode.add(member);
      }
    }
    this.cls = new ClassTranslation(scope, symbols, ownCode, views);
    this.annotations = new Annotations(symbols);
    for (Node member : ownCode) {
      OwnCode.visit(
          member,
          node -> {
            if (node instanceof LambdaExpr lambda) {
              lambdas.add(lambda);
            }
          });
    }
  }

  static Result build(ClassScope scope, Symbols symbols, FieldViews views) {
    ClassModelBuilder builder = new ClassModelBuilder(scope, symbols, views);
    return builder.build();
  }

  private Result build() {
    for (int i = 0; i < lambdas.size(); i++) {
      LambdaExpr lambda = lambdas.get(i);
      StringBuilder descriptor = new StringBuilder("(");
      for (Parameter parameter : lambda.getParameters()) {
        descriptor.append(
            parameter.getType().isUnknownType()
                ? "Ljava/lang/Object;"
                : cls.types().descriptor(parameter.getType()));
      }
      cls.nameLambda(
          lambda,
          new MethodRef(
              scope.binaryName(),
              "lambda$" + lambdaOwnerName(lambda) + "$" + i,
              descriptor + ")V"));
    }
    List<Node> instanceInitializers = new ArrayList<>();
    List<Node> staticInitializers = new ArrayList<>();
    boolean hasConstructor = false;
    for (BodyDeclaration<?> member : scope.members()) {
      if (member instanceof FieldDeclaration field) {
        boolean isStatic = field.isStatic() || scope.isInterface();
        for (VariableDeclarator variable : field.getVariables()) {
          if (variable.getInitializer().isPresent()) {
            (isStatic ? staticInitializers : instanceInitializers).add(variable);
          }
        }
      } else if (member instanceof InitializerDeclaration block) {
        (block.isStatic() ? staticInitializers : instanceInitializers).add(block);
      } else if (member instanceof ConstructorDeclaration
          || member instanceof CompactConstructorDeclaration) {
        hasConstructor = true;
      }
    }
    for (BodyDeclaration<?> member : scope.members()) {
      if (member instanceof MethodDeclaration method && method.getBody().isPresent()) {
        guarded(() -> method(method, List.of()));
      } else if (member instanceof ConstructorDeclaration constructor) {
        guarded(
            () ->
                constructor(
                    constructor,
                    constructor.getParameters(),
                    constructor.getName(),
                    constructor,
                    constructor.getBody(),
                    instanceInitializers));
      } else if (member instanceof CompactConstructorDeclaration compact
          && scope.declaration() instanceof RecordDeclaration record) {
        guarded(
            () ->
                constructor(
                    compact,
                    record.getParameters(),
                    compact.getName(),
                    compact,
                    compact.getBody(),
                    instanceInitializers));
      }
    }
    if (!hasConstructor && !scope.isInterface()) {
      guarded(() -> defaultConstructor(instanceInitializers));
    }
    if (!staticInitializers.isEmpty()) {
      guarded(() -> classInitializer(staticInitializers));
    }
    for (LambdaExpr lambda : lambdas) {
      guarded(() -> lambda(lambda));
    }
    List<FieldModel> fields = List.of();
    Set<String> classAnnotations = Set.of();
    List<String> supertypes = List.of();
    try {
      fields = fields();
      classAnnotations = classAnnotations();
      supertypes = supertypes();
    } catch (RuntimeException e) {
      failures.add(e);
    }
    return new Result(
        new ClassModel(scope.binaryName(), models, fields, classAnnotations, supertypes), failures);
  }

  private void guarded(Runnable translation) {
    try {
      translation.run();
    } catch (BodyTranslator.UnparsableCode e) {
      // code being edited: this body has no model until it parses again
    } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
      failures.add(e instanceof RuntimeException re ? re : new IllegalStateException(e));
    }
  }

  private String descriptor(CallableDeclaration<?> callable, Type result) {
    StringBuilder out = new StringBuilder("(");
    for (Parameter parameter : callable.getParameters()) {
      String type = cls.types().descriptor(parameter.getType());
      out.append(parameter.isVarArgs() ? "[" + type : type);
    }
    return out.append(')').append(result == null ? "V" : cls.types().descriptor(result)).toString();
  }

  private MethodModel.Builder start(
      MethodRef ref, Node declaration, NodeWithModifiersLike modifiers) {
    MethodModel.Builder model = MethodModel.builder(ref);
    if (modifiers.isStatic()) {
      model.flag(Flag.STATIC);
    }
    Annotations.suppressionsAt(declaration).forEach(model::suppress);
    return model;
  }

  /** The modifiers the model's flags come from. */
  private record NodeWithModifiersLike(boolean isStatic, boolean notOverridable) {}

  private void method(MethodDeclaration method, List<Node> preamble) {
    MethodRef ref =
        new MethodRef(
            scope.binaryName(), method.getNameAsString(), descriptor(method, method.getType()));
    boolean isStatic = method.isStatic();
    MethodModel.Builder model = start(ref, method, new NodeWithModifiersLike(isStatic, false));
    model.parameterNames(parameterNames(method.getParameters()));
    if (isStatic || method.isPrivate() || method.isFinal() || scope.isFinal()) {
      model.flag(Flag.NOT_OVERRIDABLE);
    }
    if (Annotations.isTestCode(method)) {
      model.flag(Flag.TEST_CODE);
    }
    if (method.hasModifier(Modifier.Keyword.SYNCHRONIZED)) {
      model.flag(Flag.SYNCHRONIZED);
    }
    model.line(Lines.of(method.getName())).guardedBy(annotations.guardedBy(method));
    model.annotations(annotations.names(method));
    if (!isStatic && !method.isPrivate()) {
      model.annotations(overriddenAnnotations(method));
    }
    BodyTranslator body = new BodyTranslator(cls, model, method, model.exit());
    body.body(method.getBody().get(), model.entry());
    models.add(model.build());
  }

  private void constructor(
      Node constructor,
      List<Parameter> parameters,
      com.github.javaparser.ast.expr.SimpleName name,
      com.github.javaparser.ast.nodeTypes.NodeWithAnnotations<?> annotated,
      BlockStmt block,
      List<Node> initializers) {
    StringBuilder descriptor = new StringBuilder("(");
    for (Parameter parameter : parameters) {
      String type = cls.types().descriptor(parameter.getType());
      descriptor.append(parameter.isVarArgs() ? "[" + type : type);
    }
    MethodRef ref = new MethodRef(scope.binaryName(), "<init>", descriptor + ")V");
    MethodModel.Builder model = start(ref, constructor, new NodeWithModifiersLike(false, true));
    model.parameterNames(parameterNames(parameters));
    model.flag(Flag.CONSTRUCTOR).flag(Flag.NOT_OVERRIDABLE);
    if (Annotations.isTestCode(annotated)) {
      model.flag(Flag.TEST_CODE);
    }
    model.line(Lines.of(name)).guardedBy(annotations.guardedBy(annotated));
    BodyTranslator body = new BodyTranslator(cls, model, constructor, model.exit());
    ExplicitConstructorInvocationStmt first =
        !block.getStatements().isEmpty()
                && block.getStatements().get(0) instanceof ExplicitConstructorInvocationStmt call
            ? call
            : null;
    dev.latchkey.checks.model.Node at = model.entry();
    if (first == null || !first.isThis()) {
      at = initializers(body, initializers, at);
    }
    if (first == null && at != null) {
      at = implicitSuper(body, constructor, at);
    }
    if (at != null) {
      body.body(block, at);
    }
    models.add(model.build());
  }

  private void defaultConstructor(List<Node> initializers) {
    Node declaration = scope.declaration();
    String descriptor = "()V";
    if (declaration instanceof ObjectCreationExpr creation) {
      var constructor = cls.types().constructor(creation);
      if (constructor != null) {
        descriptor = cls.types().descriptor(constructor);
      }
    }
    MethodRef ref = new MethodRef(scope.binaryName(), "<init>", descriptor);
    MethodModel.Builder model = start(ref, declaration, new NodeWithModifiersLike(false, true));
    model.flag(Flag.CONSTRUCTOR).flag(Flag.NOT_OVERRIDABLE);
    model.line(Lines.of(declaration));
    BodyTranslator body = new BodyTranslator(cls, model, declaration, model.exit());
    dev.latchkey.checks.model.Node at = initializers(body, initializers, model.entry());
    if (at != null) {
      at = implicitSuper(body, declaration, at);
    }
    if (at != null) {
      body.edge(at, model.exit());
    }
    models.add(model.build());
  }

  /** javac's implicit {@code super()} in a class's constructor; none for enums and records. */
  private dev.latchkey.checks.model.Node implicitSuper(
      BodyTranslator body, Node origin, dev.latchkey.checks.model.Node at) {
    Node declaration = scope.declaration();
    String superclass = SourceTypes.OBJECT;
    String descriptor = "()V";
    if (declaration instanceof ClassOrInterfaceDeclaration type) {
      if (!type.getExtendedTypes().isEmpty()) {
        String name = cls.types().binaryName(cls.types().resolve(type.getExtendedTypes().get(0)));
        superclass = name == null ? type.getExtendedTypes().get(0).getNameAsString() : name;
      }
    } else if (declaration instanceof ObjectCreationExpr creation) {
      var created = cls.types().resolve(creation.getType());
      var constructor = cls.types().constructor(creation);
      String name = cls.types().binaryName(created);
      var decl = name == null ? null : cls.types().typeNamed(name);
      if (decl != null && !Boolean.TRUE.equals(SourceTypes.quietly(decl::isInterface))) {
        superclass = name;
        descriptor = constructor == null ? "()V" : cls.types().descriptor(constructor);
      }
    } else {
      return at; // enums and records
    }
    return body.expressions.invocations.implicitSuper(superclass, descriptor, origin, at);
  }

  /** Translates field initializers and initializer blocks one after the other from {@code at}. */
  private dev.latchkey.checks.model.Node initializers(
      BodyTranslator body, List<Node> initializers, dev.latchkey.checks.model.Node start) {
    dev.latchkey.checks.model.Node at = start;
    for (Node initializer : initializers) {
      if (at == null) {
        return null;
      }
      if (initializer instanceof InitializerDeclaration block) {
        at =
            new BodyTranslator(cls, body.model, block, body.model.exit())
                .statement(block.getBody(), at);
      } else if (initializer instanceof VariableDeclarator variable) {
        at =
            new BodyTranslator(cls, body.model, variable, body.model.exit())
                .expressions.fieldInitializer(variable, at);
      }
    }
    return at;
  }

  private void classInitializer(List<Node> initializers) {
    MethodRef ref = new MethodRef(scope.binaryName(), "<clinit>", "()V");
    MethodModel.Builder model = MethodModel.builder(ref);
    model.flag(Flag.NOT_OVERRIDABLE).flag(Flag.STATIC);
    Annotations.suppressionsAt(scope.declaration()).forEach(model::suppress);
    BodyTranslator body = new BodyTranslator(cls, model, scope.declaration(), model.exit());
    dev.latchkey.checks.model.Node end = initializers(body, initializers, model.entry());
    if (end != null) {
      model.edge(end, model.exit());
    }
    models.add(model.build());
  }

  private void lambda(LambdaExpr lambda) {
    MethodRef ref = cls.lambdaRef(lambda);
    MethodModel.Builder model =
        MethodModel.builder(ref)
            .parameterNames(parameterNames(lambda.getParameters()))
            .capturedNames(ValueEvents.capturedNames(cls.symbols(), lambda));
    model.flag(Flag.LAMBDA).line(Lines.of(lambda));
    CallableDeclaration<?> enclosing = enclosingCallable(lambda);
    if (enclosing != null && Annotations.isTestCode(enclosing)) {
      model.flag(Flag.TEST_CODE);
    }
    Annotations.suppressionsAt(lambda).forEach(model::suppress);
    BodyTranslator body = new BodyTranslator(cls, model, lambda, model.exit());
    if (lambda.getExpressionBody().isPresent()) {
      body.expressionBody(lambda.getExpressionBody().get(), model.entry());
    } else {
      body.body(lambda.getBody(), model.entry());
    }
    models.add(model.build());
  }

  private static List<String> parameterNames(List<Parameter> parameters) {
    List<String> names = new ArrayList<>();
    for (Parameter parameter : parameters) {
      names.add(parameter.getNameAsString());
    }
    return names;
  }

  private CallableDeclaration<?> enclosingCallable(Node node) {
    for (Node n = node.getParentNode().orElse(null);
        n != null;
        n = n.getParentNode().orElse(null)) {
      if (n instanceof CallableDeclaration<?> callable) {
        return callable;
      }
      if (n == scope.declaration()) {
        return null;
      }
    }
    return null;
  }

  /**
   * How javac names a lambda's method: after the enclosing method, {@code new} or {@code static}.
   */
  private String lambdaOwnerName(LambdaExpr lambda) {
    CallableDeclaration<?> enclosing = enclosingCallable(lambda);
    if (enclosing instanceof MethodDeclaration method) {
      return method.getNameAsString();
    }
    if (enclosing != null) {
      return "new";
    }
    for (Node n = lambda.getParentNode().orElse(null);
        n != null;
        n = n.getParentNode().orElse(null)) {
      if (n instanceof FieldDeclaration field) {
        return field.isStatic() ? "static" : "new";
      }
    }
    return "new";
  }

  private List<FieldModel> fields() {
    List<FieldModel> fields = new ArrayList<>();
    if (scope.declaration() instanceof EnumDeclaration enumType) {
      String descriptor = "L" + scope.binaryName().replace('.', '/') + ";";
      for (EnumConstantDeclaration constant : enumType.getEntries()) {
        fields.add(
            new FieldModel(
                constant.getNameAsString(),
                descriptor,
                true,
                true,
                false,
                annotations.names(constant),
                annotations.guardedBy(constant),
                Lines.of(constant.getName())));
      }
    }
    for (BodyDeclaration<?> member : scope.members()) {
      if (member instanceof FieldDeclaration field) {
        boolean isStatic = field.isStatic() || scope.isInterface();
        for (VariableDeclarator variable : field.getVariables()) {
          fields.add(
              new FieldModel(
                  variable.getNameAsString(),
                  cls.types().descriptor(variable.getType()),
                  isStatic,
                  field.isFinal() || scope.isInterface(),
                  field.isVolatile(),
                  annotations.names(field),
                  annotations.guardedBy(field),
                  Lines.of(variable.getName())));
        }
      }
    }
    if (scope.declaration() instanceof RecordDeclaration record) {
      for (Parameter component : record.getParameters()) {
        fields.add(
            new FieldModel(
                component.getNameAsString(),
                cls.types().descriptor(component.getType()),
                false,
                true,
                false,
                annotations.names(component),
                annotations.guardedBy(component),
                -1));
      }
    }
    return fields;
  }

  private Set<String> classAnnotations() {
    Set<String> names = new LinkedHashSet<>();
    for (ClassScope c = scope; c != null; c = c.outer()) {
      if (c.declaration() instanceof TypeDeclaration<?> type) {
        names.addAll(annotations.names(type));
      }
    }
    return names;
  }

  /**
   * The direct supertypes, as javac gives them: the superclass (Object when none is written, Enum
   * for an enum, Record for a record; none for an interface), then the interfaces; for an anonymous
   * class, Object and the interface it implements, or the class it extends. Types the solver cannot
   * resolve are left out.
   */
  private List<String> supertypes() {
    List<String> names = new ArrayList<>();
    Node declaration = scope.declaration();
    if (declaration instanceof ClassOrInterfaceDeclaration type) {
      if (type.isInterface()) {
        addResolved(names, type.getExtendedTypes());
      } else {
        if (type.getExtendedTypes().isEmpty()) {
          names.add(SourceTypes.OBJECT);
        } else {
          addResolved(names, type.getExtendedTypes());
        }
        addResolved(names, type.getImplementedTypes());
      }
    } else if (declaration instanceof EnumDeclaration type) {
      names.add("java.lang.Enum");
      addResolved(names, type.getImplementedTypes());
    } else if (declaration instanceof RecordDeclaration type) {
      names.add("java.lang.Record");
      addResolved(names, type.getImplementedTypes());
    } else if (declaration instanceof ObjectCreationExpr creation) {
      String name = cls.types().binaryName(cls.types().resolve(creation.getType()));
      var decl = name == null ? null : cls.types().typeNamed(name);
      if (decl != null && Boolean.TRUE.equals(SourceTypes.quietly(decl::isInterface))) {
        names.add(SourceTypes.OBJECT);
      }
      if (name != null) {
        names.add(name);
      }
    } else if (declaration instanceof com.github.javaparser.ast.body.AnnotationDeclaration) {
      names.add("java.lang.annotation.Annotation");
    }
    return names;
  }

  private void addResolved(
      List<String> names,
      com.github.javaparser.ast.NodeList<com.github.javaparser.ast.type.ClassOrInterfaceType>
          types) {
    for (var type : types) {
      String name = cls.types().binaryName(cls.types().resolve(type));
      if (name != null && !names.contains(name)) {
        names.add(name);
      }
    }
  }

  /**
   * The annotations of the methods {@code method} overrides whose declarations are in source (same
   * name and descriptor in a supertype), as javac's front-end reads them from the overridden
   * symbols; empty when the types cannot be resolved.
   */
  private Set<String> overriddenAnnotations(MethodDeclaration method) {
    Set<String> names = new java.util.LinkedHashSet<>();
    SourceTypes.quietly(
        () -> {
          var resolved = method.resolve();
          String descriptor = cls.types().descriptor(resolved);
          for (var ancestor : resolved.declaringType().getAllAncestors()) {
            var type = ancestor.getTypeDeclaration().orElse(null);
            if (type == null) {
              continue;
            }
            for (var candidate : type.getDeclaredMethods()) {
              if (candidate.getName().equals(method.getNameAsString())
                  && descriptor.equals(cls.types().descriptor(candidate))
                  && candidate.toAst().orElse(null)
                      instanceof com.github.javaparser.ast.nodeTypes.NodeWithAnnotations<?> ast) {
                names.addAll(annotations.names(ast));
              }
            }
          }
          return null;
        });
    return names;
  }
}
