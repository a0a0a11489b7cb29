package dev.latchkey.inspections.source;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.resolution.MethodUsage;
import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.resolution.declarations.ResolvedConstructorDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedMethodDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedTypeParameterDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedValueDeclaration;
import com.github.javaparser.resolution.model.SymbolReference;
import com.github.javaparser.resolution.types.ResolvedReferenceType;
import com.github.javaparser.resolution.types.ResolvedType;
import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the symbol solver knows about types and members, asked so that code which does not resolve
 * gives "unknown" (null or empty), never an exception: binary names, JVM descriptors, supertypes,
 * the methods calls invoke, the fields names denote. Anonymous and local classes of the file being
 * translated are named as javac names them ({@link #nameSourceClass}).
 */
public final class SourceTypes {
  public static final String OBJECT = "java.lang.Object";
  public static final String RUNTIME_EXCEPTION = "java.lang.RuntimeException";
  public static final String ERROR = "java.lang.Error";
  public static final String THROWABLE = "java.lang.Throwable";

  private final TypeSolver solver;
  private final JavaParserFacade facade;
  private final Map<String, Set<String>> supertypes = new HashMap<>();
  private final Map<Node, String> sourceClassNames = new IdentityHashMap<>();

  public SourceTypes(TypeSolver solver) {
    this.solver = solver;
    this.facade = JavaParserFacade.get(solver);
  }

  /** Runs a question for the solver; any failure (unresolved code, solver limits) is "unknown". */
  static <T> T quietly(Supplier<T> question) {
    try {
      return question.get();
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      return null;
    }
  }

  /** Records the binary name the translation gives a class declared in source (by its node). */
  void nameSourceClass(Node declaration, String binaryName) {
    sourceClassNames.put(declaration, binaryName);
  }

  /**
   * The binary name of a class declared in source: the name the translation gave it, or for a
   * top-level or member class its {@code pkg.Outer$Inner}; null for another local class.
   */
  String sourceName(Node declaration) {
    String named = sourceClassNames.get(declaration);
    if (named != null
        || !(declaration instanceof com.github.javaparser.ast.body.TypeDeclaration<?> type)) {
      return named;
    }
    StringBuilder name = new StringBuilder(type.getNameAsString());
    Node n = type.getParentNode().orElse(null);
    while (n instanceof com.github.javaparser.ast.body.TypeDeclaration<?> outer) {
      name.insert(0, outer.getNameAsString() + "$");
      n = outer.getParentNode().orElse(null);
    }
    if (!(n instanceof com.github.javaparser.ast.CompilationUnit unit)) {
      return null;
    }
    String pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
    return pkg.isEmpty() ? name.toString() : pkg + "." + name;
  }

  /** {@code pkg.Outer$Inner} for a type declaration; a source class by the name it was given. */
  String binaryName(ResolvedReferenceTypeDeclaration type) {
    if (type == null) {
      return null;
    }
    Node ast = quietly(() -> type.toAst().orElse(null));
    String source = ast == null ? null : sourceName(ast);
    if (source != null) {
      return source;
    }
    String pkg = quietly(type::getPackageName);
    String cls = quietly(type::getClassName);
    if (cls == null) {
      return null;
    }
    return (pkg == null || pkg.isEmpty() ? "" : pkg + ".") + cls.replace('.', '$');
  }

  /** The binary name of the erasure of a reference type, or null (primitives, arrays, unknown). */
  String binaryName(ResolvedType type) {
    if (type == null) {
      return null;
    }
    ResolvedType bound = bounded(type);
    if (bound != type) {
      return binaryName(bound);
    }
    if (type.isReferenceType()) {
      return binaryName(quietly(() -> type.asReferenceType().getTypeDeclaration().orElse(null)));
    }
    if (type.isTypeVariable()) {
      return binaryNameOfBound(type);
    }
    return null;
  }

  private ResolvedType bound(ResolvedTypeParameterDeclaration parameter) {
    ResolvedType bound =
        quietly(
            () -> {
              for (ResolvedTypeParameterDeclaration.Bound b : parameter.getBounds()) {
                if (b.isExtends()) {
                  return b.getType();
                }
              }
              return null;
            });
    return bound;
  }

  /**
   * The type a wildcard or a lambda parameter's constraint stands for ({@code ? super Session}:
   * Session); the type itself otherwise.
   */
  private static ResolvedType bounded(ResolvedType type) {
    ResolvedType bound =
        quietly(
            () -> {
              if (type.isWildcard() && type.asWildcard().isBounded()) {
                return type.asWildcard().getBoundedType();
              }
              if (type.isConstraint()) {
                return type.asConstraintType().getBound();
              }
              return type;
            });
    return bound == null ? type : bound;
  }

  /** The JVM descriptor of the erasure of {@code type}; Object when unknown. */
  String descriptor(ResolvedType type) {
    if (type == null) {
      return "Ljava/lang/Object;";
    }
    ResolvedType bound = bounded(type);
    if (bound != type) {
      return descriptor(bound);
    }
    if (type.isVoid()) {
      return "V";
    }
    if (type.isPrimitive()) {
      return primitiveDescriptor(type.asPrimitive().describe());
    }
    if (type.isArray()) {
      return "[" + descriptor(quietly(() -> type.asArrayType().getComponentType()));
    }
    String name = type.isTypeVariable() ? binaryNameOfBound(type) : binaryName(type);
    return name == null ? "Ljava/lang/Object;" : "L" + name.replace('.', '/') + ";";
  }

  private String binaryNameOfBound(ResolvedType variable) {
    ResolvedType bound = bound(variable.asTypeParameter());
    if (bound != null && bound.isTypeVariable()) {
      return OBJECT; // a bound that is itself a variable: erased to Object when it has no bound
    }
    return bound == null ? OBJECT : binaryName(bound);
  }

  static String primitiveDescriptor(String name) {
    return switch (name) {
      case "boolean" -> "Z";
      case "byte" -> "B";
      case "char" -> "C";
      case "short" -> "S";
      case "int" -> "I";
      case "long" -> "J";
      case "float" -> "F";
      case "double" -> "D";
      case "void" -> "V";
      default -> "Ljava/lang/Object;";
    };
  }

  /** The descriptor of a declared type, resolved; a syntactic guess when it does not resolve. */
  String descriptor(Type type) {
    if (type.isPrimitiveType() || type.isVoidType()) {
      return primitiveDescriptor(type.asString());
    }
    if (type.isArrayType()) {
      return "[" + descriptor(type.asArrayType().getComponentType());
    }
    ResolvedType resolved = quietly(type::resolve);
    if (resolved != null) {
      return descriptor(resolved);
    }
    String name =
        type.isClassOrInterfaceType() ? type.asClassOrInterfaceType().getNameAsString() : OBJECT;
    return "L" + name.replace('.', '/') + ";";
  }

  /** The JVM descriptor of a method or constructor, erased. */
  String descriptor(ResolvedMethodLikeDeclaration method) {
    StringBuilder out = new StringBuilder("(");
    int count = quietly(method::getNumberOfParams) == null ? 0 : method.getNumberOfParams();
    for (int i = 0; i < count; i++) {
      int index = i;
      ResolvedType type = quietly(() -> method.getParam(index).getType());
      if (type == null) {
        Type declared =
            quietly(
                () ->
                    method.toAst().orElse(null)
                            instanceof com.github.javaparser.ast.body.CallableDeclaration<?> c
                        ? c.getParameter(index).getType()
                        : null);
        out.append(declared == null ? "Ljava/lang/Object;" : descriptor(declared));
      } else {
        out.append(descriptor(type));
      }
    }
    out.append(')');
    if (method instanceof ResolvedMethodDeclaration m) {
      ResolvedType result = quietly(m::getReturnType);
      if (result == null
          && quietly(() -> m.toAst().orElse(null))
              instanceof com.github.javaparser.ast.body.MethodDeclaration d) {
        out.append(descriptor(d.getType()));
      } else {
        out.append(descriptor(result));
      }
    } else {
      out.append('V');
    }
    return out.toString();
  }

  /** The binary names of {@code binaryName} and all its supertypes; just itself when unknown. */
  Set<String> supertypes(String binaryName) {
    if (binaryName == null) {
      return Set.of();
    }
    Set<String> known = supertypes.get(binaryName);
    if (known == null) {
      known = new LinkedHashSet<>();
      known.add(binaryName);
      ResolvedReferenceTypeDeclaration type = typeNamed(binaryName);
      if (type != null) {
        known.addAll(ancestors(type));
      }
      supertypes.put(binaryName, known);
    }
    return known;
  }

  /** Supertypes of the erasure of {@code type}, itself included. */
  Set<String> supertypes(ResolvedType type) {
    String name = binaryName(type);
    return name == null ? Set.of() : supertypes(name);
  }

  /** The binary names of every supertype of {@code type}, breadth first; what resolves. */
  Set<String> ancestors(ResolvedReferenceTypeDeclaration type) {
    Set<String> names = new LinkedHashSet<>();
    Deque<ResolvedReferenceTypeDeclaration> work = new ArrayDeque<>();
    work.add(type);
    int steps = 0;
    while (!work.isEmpty() && steps++ < 200) {
      ResolvedReferenceTypeDeclaration next = work.poll();
      List<ResolvedReferenceType> direct = quietly(() -> next.getAncestors(true));
      if (direct == null) {
        continue;
      }
      for (ResolvedReferenceType ancestor : direct) {
        ResolvedReferenceTypeDeclaration decl =
            quietly(() -> ancestor.getTypeDeclaration().orElse(null));
        String name = binaryName(decl);
        if (decl != null && name != null && names.add(name)) {
          work.add(decl);
        }
      }
    }
    names.add(OBJECT); // every class and interface type is an Object
    return names;
  }

  /** Whether {@code sub} is {@code sup} or one of its subtypes, as far as the solver knows. */
  boolean isSubtype(String sub, String sup) {
    return sub != null && sup != null && (sub.equals(sup) || supertypes(sub).contains(sup));
  }

  ResolvedReferenceTypeDeclaration typeNamed(String binaryName) {
    String canonical = binaryName.replace('$', '.');
    return quietly(
        () -> {
          SymbolReference<ResolvedReferenceTypeDeclaration> ref = solver.tryToSolveType(canonical);
          return ref.isSolved() ? ref.getCorrespondingDeclaration() : null;
        });
  }

  /** The static type of an expression, or null. */
  ResolvedType typeOf(Expression expression) {
    return quietly(() -> facade.getType(expression));
  }

  /** The declaration of the type {@code declaration} (a class, enum, record, interface). */
  ResolvedReferenceTypeDeclaration declaredType(
      com.github.javaparser.ast.body.TypeDeclaration<?> declaration) {
    return quietly(() -> facade.getTypeDeclaration(declaration));
  }

  /** The type a {@code Type} node names, resolved, or null. */
  ResolvedType resolve(Type type) {
    return quietly(() -> facade.convertToUsage(type));
  }

  /**
   * The method a call invokes; when the solver cannot pick an overload, the only candidate of that
   * name and arity (the first by descriptor when several), or null.
   */
  ResolvedMethodDeclaration method(
      MethodCallExpr call, ResolvedType receiverType, Set<String> implicitOwners) {
    ResolvedMethodDeclaration solved =
        quietly(
            () -> {
              SymbolReference<ResolvedMethodDeclaration> ref = facade.solve(call);
              return ref.isSolved() ? ref.getCorrespondingDeclaration() : null;
            });
    if (solved != null) {
      return solved;
    }
    List<ResolvedMethodDeclaration> candidates = new ArrayList<>();
    String name = call.getNameAsString();
    int arity = call.getArguments().size();
    List<ResolvedReferenceTypeDeclaration> owners = new ArrayList<>();
    if (receiverType != null && receiverType.isReferenceType()) {
      ResolvedReferenceTypeDeclaration decl =
          quietly(() -> receiverType.asReferenceType().getTypeDeclaration().orElse(null));
      if (decl != null) {
        owners.add(decl);
      }
    } else if (call.getScope().isEmpty()) {
      for (String owner : implicitOwners) {
        ResolvedReferenceTypeDeclaration decl = typeNamed(owner);
        if (decl != null) {
          owners.add(decl);
        }
      }
    }
    for (ResolvedReferenceTypeDeclaration owner : owners) {
      Set<MethodUsage> methods = quietly(owner::getAllMethods);
      if (methods == null) {
        continue;
      }
      for (MethodUsage usage : methods) {
        ResolvedMethodDeclaration m = usage.getDeclaration();
        Integer params = quietly(m::getNumberOfParams);
        Boolean variadic = quietly(m::hasVariadicParameter);
        if (m.getName().equals(name)
            && params != null
            && (params == arity || (Boolean.TRUE.equals(variadic) && arity >= params - 1))) {
          candidates.add(m);
        }
      }
      if (!candidates.isEmpty()) {
        break;
      }
    }
    return candidates.stream()
        .min(Comparator.comparing(m -> String.valueOf(quietly(() -> descriptor(m)))))
        .orElse(null);
  }

  ResolvedConstructorDeclaration constructor(ObjectCreationExpr creation) {
    return quietly(
        () -> {
          SymbolReference<ResolvedConstructorDeclaration> ref = facade.solve(creation);
          return ref.isSolved() ? ref.getCorrespondingDeclaration() : null;
        });
  }

  ResolvedConstructorDeclaration constructor(ExplicitConstructorInvocationStmt call) {
    return quietly(
        () -> {
          SymbolReference<ResolvedConstructorDeclaration> ref = facade.solve(call);
          return ref.isSolved() ? ref.getCorrespondingDeclaration() : null;
        });
  }

  /**
   * The method a method reference names; when the solver cannot tell, the method of that name on
   * the qualifier's type whose arity fits the functional interface (the first by descriptor).
   */
  ResolvedMethodDeclaration method(MethodReferenceExpr reference, ResolvedType qualifierType) {
    ResolvedMethodDeclaration solved =
        quietly(
            () -> {
              SymbolReference<ResolvedMethodDeclaration> ref = facade.solve(reference);
              return ref.isSolved() ? ref.getCorrespondingDeclaration() : null;
            });
    if (solved != null || qualifierType == null || !qualifierType.isReferenceType()) {
      return solved;
    }
    Integer arity =
        quietly(
            () ->
                com.github.javaparser.resolution.logic.FunctionalInterfaceLogic.getFunctionalMethod(
                        facade.getType(reference))
                    .map(m -> m.getParamTypes().size())
                    .orElse(null));
    Set<MethodUsage> methods =
        quietly(
            () ->
                qualifierType.asReferenceType().getTypeDeclaration().orElseThrow().getAllMethods());
    if (methods == null) {
      return null;
    }
    String name = reference.getIdentifier();
    return methods.stream()
        .map(MethodUsage::getDeclaration)
        .filter(m -> m.getName().equals(name))
        .filter(
            m -> {
              Integer params = quietly(m::getNumberOfParams);
              return arity == null
                  || params == null
                  || params.equals(arity)
                  || params.equals(arity - 1);
            })
        .min(Comparator.comparing(m -> String.valueOf(quietly(() -> descriptor(m)))))
        .orElse(null);
  }

  ResolvedValueDeclaration value(NameExpr name) {
    return quietly(
        () -> {
          SymbolReference<? extends ResolvedValueDeclaration> ref = facade.solve(name);
          return ref.isSolved() ? ref.getCorrespondingDeclaration() : null;
        });
  }

  ResolvedValueDeclaration value(FieldAccessExpr access) {
    return quietly(
        () -> {
          SymbolReference<? extends ResolvedValueDeclaration> ref = facade.solve(access);
          return ref.isSolved() ? ref.getCorrespondingDeclaration() : null;
        });
  }

  /** The binary names of the checked and unchecked exceptions a method declares. */
  List<String> declaredExceptions(ResolvedMethodLikeDeclaration method) {
    List<String> names = new ArrayList<>();
    if (method == null) {
      return names;
    }
    List<ResolvedType> thrown = quietly(method::getSpecifiedExceptions);
    if (thrown != null) {
      for (ResolvedType type : thrown) {
        String name = binaryName(type);
        if (name != null) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /** Whether an exception type is checked: not a RuntimeException or an Error. */
  boolean isChecked(String exception) {
    Set<String> all = supertypes(exception);
    return !all.contains(RUNTIME_EXCEPTION) && !all.contains(ERROR);
  }

  /** The no-argument method {@code name} of {@code type} or of its nearest supertype, or null. */
  ResolvedMethodDeclaration noArgumentMethod(ResolvedType type, String name) {
    if (type == null || !type.isReferenceType()) {
      return null;
    }
    return quietly(
        () -> {
          List<ResolvedReferenceTypeDeclaration> search = new ArrayList<>();
          type.asReferenceType().getTypeDeclaration().ifPresent(search::add);
          for (ResolvedReferenceType ancestor : type.asReferenceType().getAllAncestors()) {
            ancestor.getTypeDeclaration().ifPresent(search::add);
          }
          for (ResolvedReferenceTypeDeclaration decl : search) {
            for (ResolvedMethodDeclaration method : decl.getDeclaredMethods()) {
              if (method.getName().equals(name) && method.getNumberOfParams() == 0) {
                return method;
              }
            }
          }
          return null;
        });
  }
}
