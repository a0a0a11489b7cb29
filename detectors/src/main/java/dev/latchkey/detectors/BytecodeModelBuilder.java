package dev.latchkey.detectors;

import dev.latchkey.checks.api.TestCode;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.LineNumber;
import org.apache.bcel.classfile.LineNumberTable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;

/**
 * Builds the core's {@link ClassModel} of one class file: a {@link MethodModel} per method with a
 * body (constructors included) and per lambda body (javac's synthetic {@code lambda$...} methods,
 * flagged {@link MethodModel.Flag#LAMBDA}), as the javac front-end has one per method and lambda
 * expression, and for the static initialiser {@code <clinit>} (field initialisers live in {@code
 * <init>} and {@code <clinit>}, as in the javac front-end's models). Bridges and other synthetic
 * methods are left out. Nested and anonymous classes are class files of their own. Test methods
 * (and lambdas in them) are flagged {@link MethodModel.Flag#TEST_CODE}; {@code synchronized} and
 * {@code static} methods {@link MethodModel.Flag#SYNCHRONIZED} and {@link MethodModel.Flag#STATIC};
 * each model has the first line of its code and the lock of a {@code @GuardedBy} on the method. A
 * lambda body's parameters are its declared ones: the leading parameters javac adds for the values
 * it captures are its captured names. The class model also has the class's fields and the
 * annotations on it and on the classes around it ({@link Declarations}).
 *
 * <p>Lambda bodies are translated after the method that creates them, so that what they capture
 * keeps the lock path it has there. A method whose translation fails gets no model; the failure is
 * kept for the caller to report once per class, and the other methods are still analysed.
 */
final class BytecodeModelBuilder {
  /** A method that could not be translated. */
  record Failure(Method method, Throwable cause) {}

  /** The class model and the methods left out of it because their translation failed. */
  record Result(ClassModel model, List<Failure> failures) {}

  private final JavaClass cls;
  private final ClassFacts facts;
  private final SuppressionReader suppressions;
  private final LambdaSites lambdas;

  BytecodeModelBuilder(JavaClass cls, ClassFacts facts) {
    this.cls = cls;
    this.facts = facts;
    this.suppressions = new SuppressionReader(cls, facts);
    this.lambdas = new LambdaSites(cls);
  }

  SuppressionReader suppressions() {
    return suppressions;
  }

  /**
   * Whether some {@code @SuppressFBWarnings} applies to a modelled method: only then does {@code
   * build(true)} differ from {@code build(false)}.
   */
  boolean hasSuppressions() {
    for (Method method : cls.getMethods()) {
      if (isModelled(method) && !suppressions.suppressionsFor(method).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param withSuppressions whether to record {@code @SuppressFBWarnings} values in the models;
   *     without them the core reports everything (used to tell which findings were suppressed)
   */
  Result build(boolean withSuppressions) {
    ConstantPoolGen cpg = new ConstantPoolGen(cls.getConstantPool());
    Map<Method, MethodModel> models = new HashMap<>();
    List<Failure> failures = new ArrayList<>();
    Map<String, List<LockPath>> captures = new HashMap<>();
    Set<Method> pending = new LinkedHashSet<>();
    for (Method method : cls.getMethods()) {
      if (isModelled(method)) {
        pending.add(method);
      }
    }
    // Methods first, then each lambda body once the method that creates it is done.
    boolean progress = true;
    while (!pending.isEmpty()) {
      Method next = null;
      for (Method method : pending) {
        if (!progress || isReady(method, pending)) {
          next = method;
          break;
        }
      }
      if (next == null) {
        progress = false; // a cycle cannot happen in javac output; translate the rest as is
        continue;
      }
      pending.remove(next);
      progress = true;
      try {
        List<LockPath> captured = captures.getOrDefault(LambdaSites.key(next), List.of());
        MethodTranslator translator =
            new MethodTranslator(
                cls, next, cpg, facts, lambdas, captured, cls.getMajor() < Const.MAJOR_9);
        models.put(next, translate(next, translator, withSuppressions));
        translator.lambdaCaptures().forEach(captures::putIfAbsent);
      } catch (ControlFlow.UnsupportedShapeException e) {
        // An old or odd shape (jsr/ret): no model for this method, and nothing to report.
      } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
        failures.add(new Failure(next, e));
      }
    }
    List<MethodModel> ordered = new ArrayList<>();
    for (Method method : cls.getMethods()) {
      MethodModel model = models.get(method);
      if (model != null) {
        ordered.add(model);
      }
    }
    ClassModel model =
        new ClassModel(
            cls.getClassName(),
            ordered,
            Declarations.fields(cls),
            Declarations.classAnnotations(cls, facts),
            Declarations.supertypes(cls));
    return new Result(model, failures);
  }

  /** A method is ready when it is no lambda body or the method creating it is translated. */
  private boolean isReady(Method method, Set<Method> pending) {
    if (!LambdaSites.isLambdaBody(method)) {
      return true;
    }
    LambdaSites.Site site = lambdas.site(method);
    return site == null || !pending.contains(site.creator());
  }

  /**
   * Methods with a body, except compiler-made non-lambda methods. The static initialiser ({@code
   * <clinit>}: static field initialisers and {@code static} blocks) is modelled like the javac
   * front-end's, except in classes javac makes up (the {@code $SwitchMap$} class of an enum
   * switch).
   */
  private boolean isModelled(Method method) {
    if (method.getCode() == null || method.isAbstract() || method.isNative()) {
      return false;
    }
    if (method.getName().equals("<clinit>")) {
      return !cls.isSynthetic();
    }
    if ((method.getAccessFlags() & Const.ACC_BRIDGE) != 0) {
      return false;
    }
    return !method.isSynthetic() || LambdaSites.isLambdaBody(method);
  }

  /**
   * Whether {@code method} is test code: annotated as a test or fixture, or a lambda body created
   * in such a method. Annotations of every retention count ({@code RuntimeVisibleAnnotations} and
   * {@code RuntimeInvisibleAnnotations}), as the javac front-end sees them all.
   */
  boolean isTestCode(Method method) {
    Set<String> seen = new HashSet<>();
    Method current = method;
    while (current != null && seen.add(LambdaSites.key(current))) {
      for (AnnotationEntry annotation : current.getAnnotationEntries()) {
        if (TestCode.isTestAnnotation(simpleName(annotation.getAnnotationType()))) {
          return true;
        }
      }
      if (!LambdaSites.isLambdaBody(current)) {
        return false;
      }
      LambdaSites.Site site = lambdas.site(current);
      current = site == null ? null : site.creator();
    }
    return false;
  }

  /** {@code Lorg/junit/jupiter/api/Test;} -> {@code Test}; a nested type's own name. */
  private static String simpleName(String descriptor) {
    String name = descriptor;
    if (name.startsWith("L") && name.endsWith(";")) {
      name = name.substring(1, name.length() - 1);
    }
    return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('$')) + 1);
  }

  /** The first line of the method's code (the LineNumberTable's first entry), or -1. */
  private static int firstLine(Method method) {
    LineNumberTable lines = method.getLineNumberTable();
    if (lines == null || lines.getLineNumberTable().length == 0) {
      return -1;
    }
    LineNumber first = lines.getLineNumberTable()[0];
    for (LineNumber entry : lines.getLineNumberTable()) {
      if (entry.getStartPC() < first.getStartPC()) {
        first = entry;
      }
    }
    return first.getLineNumber();
  }

  private MethodModel translate(
      Method method, MethodTranslator translator, boolean withSuppressions) {
    MethodRef ref = new MethodRef(cls.getClassName(), method.getName(), method.getSignature());
    MethodModel.Builder builder = MethodModel.builder(ref);
    boolean lambda = LambdaSites.isLambdaBody(method);
    boolean constructor = method.getName().equals("<init>");
    if (constructor) {
      builder.flag(MethodModel.Flag.CONSTRUCTOR);
    }
    if (lambda) {
      builder.flag(MethodModel.Flag.LAMBDA);
    } else if (method.isPrivate()
        || method.isStatic()
        || method.isFinal()
        || constructor
        || cls.isFinal()
        || SuppressionReader.isAnonymous(cls)) {
      builder.flag(MethodModel.Flag.NOT_OVERRIDABLE);
    }
    if (isTestCode(method)) {
      builder.flag(MethodModel.Flag.TEST_CODE);
    }
    if (method.isSynchronized()) {
      builder.flag(MethodModel.Flag.SYNCHRONIZED);
    }
    if (method.isStatic()) {
      builder.flag(MethodModel.Flag.STATIC);
    }
    builder.guardedBy(Declarations.guardedBy(method.getAnnotationEntries()));
    if (!lambda) {
      builder.annotations(Declarations.annotationNames(method.getAnnotationEntries()));
      if (!constructor && !method.isStatic() && !method.isPrivate()) {
        builder.annotations(facts.overriddenAnnotations(cls, method));
      }
    }
    builder.line(firstLine(method));
    List<String> parameters = MethodTranslator.parameterNames(method);
    if (lambda) {
      // The leading parameters of a lambda body are the values it captures, not its own.
      LambdaSites.Site site = lambdas.site(method);
      int captured = site == null ? 0 : Math.min(site.captured(), parameters.size());
      builder.capturedNames(parameters.subList(0, captured));
      parameters = parameters.subList(captured, parameters.size());
    }
    builder.parameterNames(parameters);
    if (withSuppressions) {
      suppressions.suppressionsFor(method).forEach(builder::suppress);
    }
    translator.translate(builder);
    return builder.build();
  }
}
