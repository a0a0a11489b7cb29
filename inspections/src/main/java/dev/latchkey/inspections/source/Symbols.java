package dev.latchkey.inspections.source;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.resolution.declarations.ResolvedFieldDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedTypeDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedValueDeclaration;
import com.github.javaparser.resolution.model.SymbolReference;
import com.github.javaparser.resolution.types.ResolvedType;
import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFactory;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What a name in the code denotes: a local variable or parameter (from the source's scopes), a
 * field (declared in an enclosing class of the file, or found by the solver), or a type. Answers
 * are kept per node: finally blocks are translated several times.
 */
final class Symbols {
  /** What a name denotes. */
  sealed interface Symbol permits LocalSymbol, FieldSymbol, TypeSymbol, ArrayLength {}

  record LocalSymbol(Scopes.Local local) implements Symbol {}

  /**
   * A field: its declaring class's binary name, name, static-ness, JVM descriptor, whether it is a
   * compile-time constant (javac inlines its reads), and its integer value when it has one.
   */
  record FieldSymbol(
      String owner, String name, boolean isStatic, String descriptor, boolean constant, Long value)
      implements Symbol {}

  record TypeSymbol(String binaryName) implements Symbol {}

  /** The {@code length} of an array: no field. */
  record ArrayLength() implements Symbol {}

  private final SourceTypes types;
  private final TypeSolver solver;
  private final Map<Node, Symbol> known = new IdentityHashMap<>();
  private final Constants constants;

  Symbols(SourceTypes types, TypeSolver solver) {
    this.types = types;
    this.solver = solver;
    this.constants = new Constants(this);
  }

  Constants constants() {
    return constants;
  }

  SourceTypes types() {
    return types;
  }

  /** What a simple name or a field access denotes, or null when unknown. */
  Symbol of(Expression expression) {
    if (!(expression instanceof NameExpr)
        && !(expression instanceof FieldAccessExpr)
        && !isSimpleTypeExpr(expression)) {
      return null;
    }
    if (known.containsKey(expression)) {
      return known.get(expression);
    }
    Symbol symbol;
    if (expression instanceof NameExpr name) {
      symbol = name(name, name.getNameAsString());
    } else if (expression instanceof FieldAccessExpr access) {
      symbol = fieldAccess(access);
    } else {
      // A method reference's qualifier (results::add) is parsed as a type; it may name a variable.
      symbol =
          name(
              expression,
              ((TypeExpr) expression).getType().asClassOrInterfaceType().getNameAsString());
    }
    known.put(expression, symbol);
    return symbol;
  }

  /** The local a simple name denotes, or null. */
  Scopes.Local local(Expression expression) {
    return of(expression) instanceof LocalSymbol local ? local.local() : null;
  }

  /** A simple name that the parser took for a type: {@code results} in {@code results::add}. */
  static boolean isSimpleTypeExpr(Expression expression) {
    return expression instanceof TypeExpr type
        && type.getType().isClassOrInterfaceType()
        && type.getType().asClassOrInterfaceType().getScope().isEmpty()
        && type.getType().asClassOrInterfaceType().getTypeArguments().isEmpty();
  }

  private Symbol name(Expression name, String id) {
    Scopes.Local local = Scopes.local(name, id);
    if (local != null) {
      return new LocalSymbol(local);
    }
    FieldSymbol field = sourceField(name, id);
    if (field != null) {
      return field;
    }
    ResolvedValueDeclaration value =
        name instanceof NameExpr expression ? types.value(expression) : null;
    if (value != null && SourceTypes.quietly(value::isField) == Boolean.TRUE) {
      return field(value.asField());
    }
    String type = typeNamed(name, id);
    return type == null ? null : new TypeSymbol(type);
  }

  /** A field of an enclosing class of the file, by its declaration. */
  private FieldSymbol sourceField(Node use, String id) {
    for (Node n = use.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof TypeDeclaration<?> type) {
        FieldSymbol field = declaredField(type, id);
        if (field != null) {
          return field;
        }
      } else if (n instanceof com.github.javaparser.ast.expr.ObjectCreationExpr creation
          && creation.getAnonymousClassBody().isPresent()) {
        for (var member : creation.getAnonymousClassBody().get()) {
          if (member instanceof FieldDeclaration fields) {
            for (VariableDeclarator variable : fields.getVariables()) {
              if (variable.getNameAsString().equals(id)) {
                return sourceField(creation, fields, variable);
              }
            }
          }
        }
      }
    }
    return null;
  }

  /** The field {@code id} that {@code type} itself declares, or null. */
  FieldSymbol declaredField(TypeDeclaration<?> type, String id) {
    for (var member : type.getMembers()) {
      if (member instanceof FieldDeclaration fields) {
        for (VariableDeclarator variable : fields.getVariables()) {
          if (variable.getNameAsString().equals(id)) {
            return sourceField(type, fields, variable);
          }
        }
      }
    }
    if (type instanceof com.github.javaparser.ast.body.EnumDeclaration enumType) {
      for (EnumConstantDeclaration constant : enumType.getEntries()) {
        if (constant.getNameAsString().equals(id)) {
          String owner = ownerName(type);
          return new FieldSymbol(owner, id, true, "L" + owner.replace('.', '/') + ";", false, null);
        }
      }
    }
    if (type instanceof RecordDeclaration record) {
      for (Parameter component : record.getParameters()) {
        if (component.getNameAsString().equals(id)) {
          return new FieldSymbol(
              ownerName(type), id, false, types.descriptor(component.getType()), false, null);
        }
      }
    }
    return null;
  }

  private String ownerName(Node declaration) {
    String name = types.sourceName(declaration);
    if (name != null) {
      return name;
    }
    if (declaration instanceof TypeDeclaration<?> type) {
      return type.getFullyQualifiedName().orElse(type.getNameAsString());
    }
    return "";
  }

  private FieldSymbol sourceField(
      Node owner, FieldDeclaration fields, VariableDeclarator variable) {
    boolean isStatic =
        fields.isStatic()
            || (owner instanceof com.github.javaparser.ast.body.ClassOrInterfaceDeclaration c
                && c.isInterface());
    boolean isFinal = fields.isFinal() || isStatic && !fields.isStatic();
    boolean constant = isFinal && constants.isConstantVariable(variable);
    Long value = constant ? constants.integerValue(variable.getInitializer().orElse(null)) : null;
    return new FieldSymbol(
        ownerName(owner),
        variable.getNameAsString(),
        isStatic,
        types.descriptor(variable.getType()),
        constant,
        value);
  }

  private FieldSymbol field(ResolvedFieldDeclaration field) {
    Node ast = SourceTypes.quietly(() -> field.toAst().orElse(null));
    if (ast instanceof FieldDeclaration fields) {
      Node owner = fields.getParentNode().orElse(null);
      for (VariableDeclarator variable : fields.getVariables()) {
        if (variable.getNameAsString().equals(field.getName()) && owner != null) {
          return sourceField(owner, fields, variable);
        }
      }
    }
    ResolvedTypeDeclaration declaring = SourceTypes.quietly(field::declaringType);
    String owner =
        declaring != null && declaring.isReferenceType()
            ? types.binaryName(declaring.asReferenceType())
            : null;
    if (owner == null) {
      return null;
    }
    ResolvedType type = SourceTypes.quietly(field::getType);
    Object constant = Constants.libraryConstant(owner, field.getName());
    return new FieldSymbol(
        owner,
        field.getName(),
        Boolean.TRUE.equals(SourceTypes.quietly(field::isStatic)),
        types.descriptor(type),
        constant != null,
        Constants.asLong(constant));
  }

  /** The binary name of the type {@code id} names at {@code use}, or null. */
  String typeNamed(Node use, String id) {
    SymbolReference<ResolvedTypeDeclaration> ref =
        SourceTypes.quietly(() -> JavaParserFactory.getContext(use, solver).solveType(id));
    if (ref == null || !ref.isSolved()) {
      return null;
    }
    ResolvedTypeDeclaration type = ref.getCorrespondingDeclaration();
    return type.isReferenceType() ? types.binaryName(type.asReferenceType()) : null;
  }

  private Symbol fieldAccess(FieldAccessExpr access) {
    String id = access.getNameAsString();
    Expression scope = access.getScope();
    Symbol scopeSymbol = of(scope);
    if (scopeSymbol instanceof TypeSymbol type) {
      FieldSymbol field = fieldOf(type.binaryName(), id);
      if (field != null) {
        return field;
      }
      String nested = type.binaryName() + "$" + id;
      return types.typeNamed(nested) != null ? new TypeSymbol(nested) : null;
    }
    if (scopeSymbol == null && (scope instanceof NameExpr || scope instanceof FieldAccessExpr)) {
      // Not a variable, field or type: a package, and this is a qualified type name.
      String qualified = scope + "." + id;
      var type = types.typeNamed(qualified);
      if (type != null) {
        return new TypeSymbol(types.binaryName(type));
      }
    }
    if (id.equals("length")) {
      ResolvedType scopeType = types.typeOf(scope);
      if (scopeType != null && scopeType.isArray()) {
        return new ArrayLength();
      }
    }
    ResolvedValueDeclaration value = types.value(access);
    if (value != null && SourceTypes.quietly(value::isField) == Boolean.TRUE) {
      return field(value.asField());
    }
    ResolvedType scopeType = types.typeOf(scope);
    String owner = types.binaryName(scopeType);
    return owner == null ? null : fieldOf(owner, id);
  }

  /** The field {@code id} of the class {@code owner} (declared or inherited), or null. */
  private FieldSymbol fieldOf(String owner, String id) {
    ResolvedReferenceTypeDeclaration type = types.typeNamed(owner);
    if (type == null) {
      return null;
    }
    Node ast = SourceTypes.quietly(() -> type.toAst().orElse(null));
    if (ast instanceof TypeDeclaration<?> declaration) {
      FieldSymbol field = declaredField(declaration, id);
      if (field != null) {
        return field;
      }
    }
    ResolvedFieldDeclaration field =
        SourceTypes.quietly(
            () -> {
              for (ResolvedFieldDeclaration f : type.getAllFields()) {
                if (f.getName().equals(id)) {
                  return f;
                }
              }
              return null;
            });
    return field == null ? null : field(field);
  }
}
