package dev.latchkey.detectors;

import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.Type;

/**
 * Translates one method body into the core's model: a graph with a node per reachable instruction
 * (notes/FRONTENDS.md, notes/FRONTENDS-exceptions.md), by the passes over a shared {@link
 * MethodContext}: {@link BooleanTracking}, {@link ValueUses}, {@link Invocations}, {@link Escapes},
 * {@link LoopLimits}, and {@link GraphBuilder}.
 *
 * <ul>
 *   <li>An invocation becomes a lock operation (the core's {@code LockApi}) when its lock has a
 *       known path, or else a CALL, with exceptional edges to the handlers that may catch what it
 *       throws ({@link ExceptionEdges}). Calls javac adds for constructs without a call in the
 *       source and other compilers' no-op markers ({@link SyntheticCalls}) and no-argument calls
 *       that only name the lock of a lock operation ({@code getLock()} in {@code
 *       getLock().unlock()}) are no events. Every CALL is described for the task rules: what
 *       consumes its result, the core's {@code TaskApi} meaning, the CALL that produced its
 *       receiver, the lambda bodies and method references of this class passed to it.
 *   <li>{@code athrow} becomes THROW (with the local it throws, or the type of {@code new T(..)});
 *       a return RETURN, then EXIT. Those, and a {@code goto} (a JUMP), are marked when they leave
 *       a {@code finally} block ({@link Handlers}).
 *   <li>The entry of a source {@code catch} clause is preceded by a CATCH node with its clause;
 *       normal edges out of the catch block go through a CATCH_END; reads of its variable in it are
 *       USE nodes ({@link Handlers}). javac's handlers for {@code finally}, try-with-resources and
 *       {@code synchronized} are plain bytecode.
 *   <li>Boolean locals and parameters are tracked: a {@code tryLock()} result stored into one binds
 *       it, a conditional jump on one (or directly on a {@code tryLock()} result, through a
 *       synthetic {@code #c<pc>} variable) is a BRANCH, any other store is an ASSIGN (followed, for
 *       the constants {@code true}/{@code false}, by a BRANCH that takes only that value).
 *   <li>For the executor rules (notes/FRONTENDS-executors.md): every CALL, object creations
 *       included, also tells where its result is stored, and per argument (a varargs call's array
 *       counted as its elements) the CALL that produced it and its integer constant; an instruction
 *       that returns a local's value, stores it into a field, an array element or another local, or
 *       captures it in a lambda or a local class is preceded by an ESCAPE; a loop condition
 *       comparing an int local with a constant is a LOOP_LIMIT; javac's null test before closing a
 *       try-with-resources resource has only its closing branch.
 *   <li>For the race and lock-order rules (notes/FRONTENDS-races-lockorder.md): {@code
 *       monitorenter}/{@code monitorexit} are monitor ACQUIRE/RELEASE nodes ({@link Monitors});
 *       field reads and writes and array stores are FIELD_READ/FIELD_WRITE/ARRAY_WRITE nodes, a
 *       write computed from a read of the same field compound ({@link FieldAccesses}); lock events
 *       carry the static type of their lock's root; CALLs name the class that declares the method,
 *       describe how they may block, and the bound receivers of method references.
 *   <li>Everything else is a NOP that only carries control flow.
 * </ul>
 */
final class MethodTranslator {
  private final String className;
  private final String sourceFile;
  private final Method method;
  private final ConstantPoolGen cpg;
  private final ClassFacts facts;
  private final LambdaSites lambdas;
  private final List<LockPath> capturedPaths;
  private final boolean inlineConcatenation;
  private MethodContext context;

  /**
   * @param capturedPaths for a lambda body, the lock paths of its captured values in the method
   *     that creates it (see {@link OperandStackPaths#run}); empty otherwise
   * @param inlineConcatenation whether javac compiled string concatenation into {@code
   *     StringBuilder} calls (class files before Java 9)
   */
  MethodTranslator(
      JavaClass cls,
      Method method,
      ConstantPoolGen cpg,
      ClassFacts facts,
      LambdaSites lambdas,
      List<LockPath> capturedPaths,
      boolean inlineConcatenation) {
    this.inlineConcatenation = inlineConcatenation;
    this.className = cls.getClassName();
    this.sourceFile = cls.getSourceFileName();
    this.method = method;
    this.cpg = cpg;
    this.facts = facts;
    this.lambdas = lambdas;
    this.capturedPaths = capturedPaths;
  }

  /** Adds the method's nodes and edges to {@code builder} (which holds ENTRY, EXIT, ...). */
  void translate(MethodModel.Builder builder) {
    Code code = method.getCode();
    InstructionList list = new InstructionList(code.getCode());
    list.setPositions();
    InstructionHandle[] handles = list.getInstructionHandles();
    LocalVariables locals = new LocalVariables(method, handles);
    ExceptionEdges exceptions =
        new ExceptionEdges(code.getExceptionTable(), method.getConstantPool(), facts);
    OperandStackPaths paths =
        OperandStackPaths.run(
            method, className, cpg, handles, locals, exceptions, facts, capturedPaths);
    context =
        new MethodContext(
            className, sourceFile, method, cpg, facts, lambdas, handles, locals, exceptions, paths);
    ValueUses[] values = new ValueUses[1];
    Handlers[] handlers = new Handlers[1];
    SyntheticCalls synthetic =
        new SyntheticCalls(
            cpg,
            locals,
            method.getLineNumberTable(),
            handle -> handlers[0].inTryWithResourcesHandler(handle),
            handle -> values[0].isConcatenated(handle.getPosition()),
            handle -> values[0].isBuilderConcatenation(handle.getPosition()));
    handlers[0] =
        new Handlers(
            handles,
            cpg,
            locals,
            exceptions,
            context::line,
            this::thrownType,
            synthetic::isAssertionFailure);
    BooleanTracking booleans = new BooleanTracking(context);
    values[0] = new ValueUses(context, inlineConcatenation);
    Invocations invocations = new Invocations(context, booleans, values[0]);
    Escapes escapes = new Escapes(context, values[0]);
    LoopLimits loopLimits = new LoopLimits(context);
    new GraphBuilder(context, handlers[0], synthetic, booleans, invocations, escapes, loopLimits)
        .build(builder, list);
  }

  /** The static type of the value an {@code athrow} throws, or null. */
  private String thrownType(InstructionHandle athrow) {
    OperandStackPaths.Frame frame = context.frame(athrow);
    return frame == null || frame.stack().length == 0 ? null : frame.top(0).type();
  }

  /**
   * The lock paths, in this method, of the values each lambda created here captures: lambda body
   * key -> paths of its leading parameters (the receiver of an instance lambda body excluded).
   */
  Map<String, List<LockPath>> lambdaCaptures() {
    Map<String, List<LockPath>> captures = new HashMap<>();
    for (InstructionHandle handle : context.handles) {
      OperandStackPaths.Frame frame = context.frame(handle);
      if (frame == null || !(handle.getInstruction() instanceof INVOKEDYNAMIC invoke)) {
        continue;
      }
      String target = context.lambdas.target(invoke);
      Method body = target == null ? null : context.lambdas.method(target);
      if (body == null) {
        continue;
      }
      List<LockPath> captured = new ArrayList<>();
      Type[] arguments = invoke.getArgumentTypes(context.cpg);
      int depth = 0;
      for (Type argument : arguments) {
        depth += argument.getSize();
      }
      for (Type argument : arguments) {
        depth -= argument.getSize();
        Value value = frame.top(depth + argument.getSize() - 1);
        captured.add(argument.getSize() == 1 ? value.path() : null);
      }
      if (!body.isStatic() && !captured.isEmpty()) {
        captured.remove(0); // the receiver, this
      }
      captures.putIfAbsent(target, captured);
    }
    return captures;
  }

  /** The parameter names the model should carry. */
  static List<String> parameterNames(Method method) {
    Code code = method.getCode();
    InstructionHandle[] handles =
        code == null
            ? new InstructionHandle[0]
            : new InstructionList(code.getCode()).getInstructionHandles();
    return new LocalVariables(method, handles).parameterNames();
  }
}
