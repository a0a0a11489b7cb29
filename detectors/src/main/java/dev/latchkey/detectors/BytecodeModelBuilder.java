package dev.latchkey.detectors;

import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;

/**
 * Builds the core's {@link ClassModel} of one class file: a {@link MethodModel} per method with a
 * body (constructors included) and per lambda body (javac's synthetic {@code lambda$...} methods,
 * flagged {@link MethodModel.Flag#LAMBDA}), as the javac front-end has one per method and lambda
 * expression. Static initialisers, bridges and other synthetic methods are left out. Nested and
 * anonymous classes are class files of their own.
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
            new MethodTranslator(cls.getClassName(), next, cpg, facts, lambdas, captured);
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
    return new Result(new ClassModel(cls.getClassName(), ordered), failures);
  }

  /** A method is ready when it is no lambda body or the method creating it is translated. */
  private boolean isReady(Method method, Set<Method> pending) {
    if (!LambdaSites.isLambdaBody(method)) {
      return true;
    }
    LambdaSites.Site site = lambdas.site(method);
    return site == null || !pending.contains(site.creator());
  }

  /** Methods with a body, except static initialisers and compiler-made non-lambda methods. */
  static boolean isModelled(Method method) {
    if (method.getCode() == null || method.isAbstract() || method.isNative()) {
      return false;
    }
    if (method.getName().equals("<clinit>")) {
      return false; // not a method in the source; the javac front-end has no model for it
    }
    if ((method.getAccessFlags() & Const.ACC_BRIDGE) != 0) {
      return false;
    }
    return !method.isSynthetic() || LambdaSites.isLambdaBody(method);
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
    builder.parameterNames(MethodTranslator.parameterNames(method));
    if (withSuppressions) {
      suppressions.suppressionsFor(method).forEach(builder::suppress);
    }
    translator.translate(builder);
    return builder.build();
  }
}
