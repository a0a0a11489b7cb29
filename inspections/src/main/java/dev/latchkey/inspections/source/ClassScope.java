package dev.latchkey.inspections.source;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One class of the file as the translation sees it: its declaration (a type declaration or the
 * {@code new T() {..}} of an anonymous class), javac's binary name for it, the lexically enclosing
 * class, and whether its instances have an enclosing instance ({@code Outer.this}).
 */
final class ClassScope {
  private final Node declaration;
  private final String binaryName;
  private final ClassScope outer;
  private final boolean hasOuterInstance;
  private final SourceTypes types;
  private Set<String> supertypes;

  ClassScope(
      Node declaration,
      String binaryName,
      ClassScope outer,
      boolean hasOuterInstance,
      SourceTypes types) {
    this.declaration = declaration;
    this.binaryName = binaryName;
    this.outer = outer;
    this.hasOuterInstance = hasOuterInstance;
    this.types = types;
  }

  Node declaration() {
    return declaration;
  }

  String binaryName() {
    return binaryName;
  }

  /** The class whose code contains this one, or null for a top-level class. */
  ClassScope outer() {
    return outer;
  }

  boolean hasOuterInstance() {
    return hasOuterInstance;
  }

  /** The members of the class body. */
  NodeList<BodyDeclaration<?>> members() {
    if (declaration instanceof TypeDeclaration<?> type) {
      return type.getMembers();
    }
    return ((ObjectCreationExpr) declaration).getAnonymousClassBody().orElse(new NodeList<>());
  }

  boolean isAnonymous() {
    return declaration instanceof ObjectCreationExpr;
  }

  boolean isInterface() {
    return declaration instanceof ClassOrInterfaceDeclaration c && c.isInterface();
  }

  /** Final, anonymous, an enum or a record: its methods are never overridden. */
  boolean isFinal() {
    if (declaration instanceof ObjectCreationExpr
        || declaration instanceof RecordDeclaration
        || declaration instanceof EnumDeclaration) {
      return true;
    }
    return declaration instanceof TypeDeclaration<?> type
        && type.hasModifier(Modifier.Keyword.FINAL);
  }

  /** This class's binary name and those of all its supertypes the solver knows. */
  Set<String> supertypes() {
    if (supertypes == null) {
      Set<String> names = new LinkedHashSet<>();
      names.add(binaryName);
      if (declaration instanceof TypeDeclaration<?> type) {
        var resolved = types.declaredType(type);
        if (resolved != null) {
          names.addAll(types.ancestors(resolved));
        }
      } else if (declaration instanceof ObjectCreationExpr creation) {
        var created = types.resolve(creation.getType());
        names.addAll(types.supertypes(created));
      }
      names.add(SourceTypes.OBJECT);
      supertypes = names;
    }
    return supertypes;
  }

  /** Whether the code of a class declared by {@code declaration} has an enclosing instance. */
  static boolean hasOuterInstance(Node declaration, ClassScope outer) {
    if (outer == null || outer.isInterface()) {
      return false;
    }
    if (declaration instanceof TypeDeclaration<?> type) {
      if (type.isStatic()
          || type instanceof EnumDeclaration
          || type instanceof RecordDeclaration
          || (type instanceof ClassOrInterfaceDeclaration c && c.isInterface())) {
        return false;
      }
      if (!(type.getParentNode().orElse(null) instanceof LocalClassDeclarationStmt)) {
        return true; // an inner (non-static member) class
      }
    }
    // Local and anonymous classes: an enclosing instance unless declared in static code.
    return !inStaticContext(declaration);
  }

  private static boolean inStaticContext(Node node) {
    for (Node n = node.getParentNode().orElse(null);
        n != null;
        n = n.getParentNode().orElse(null)) {
      if (n instanceof com.github.javaparser.ast.body.MethodDeclaration m) {
        return m.isStatic();
      }
      if (n instanceof com.github.javaparser.ast.body.InitializerDeclaration i) {
        return i.isStatic();
      }
      if (n instanceof com.github.javaparser.ast.body.FieldDeclaration f) {
        return f.isStatic();
      }
      if (n instanceof com.github.javaparser.ast.body.ConstructorDeclaration) {
        return false;
      }
      if (n instanceof TypeDeclaration<?> || n instanceof ObjectCreationExpr) {
        return false;
      }
    }
    return false;
  }
}
