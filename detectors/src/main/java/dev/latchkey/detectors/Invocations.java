package dev.latchkey.detectors;

import dev.latchkey.checks.api.BlockingApi;
import dev.latchkey.checks.api.LockApi;
import dev.latchkey.checks.api.LockOperation;
import dev.latchkey.checks.api.TaskApi;
import dev.latchkey.checks.model.BlockingOperation;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import dev.latchkey.checks.model.TaskOperation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPushInstruction;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.LDC;
import org.apache.bcel.generic.NEW;
import org.apache.bcel.generic.Type;

/**
 * Invocations: a lock operation from the core's {@code LockApi} when its lock has a known path, or
 * else a CALL, described for the task and executor rules (what consumes its result, the core's
 * {@code TaskApi} meaning, the CALL that produced its receiver, the lambda bodies and method
 * references of this class passed to it, argument producers and constants). No-argument calls that
 * only name the lock of a lock operation ({@code getLock()} in {@code getLock().unlock()}) are no
 * events.
 */
final class Invocations {
  private final MethodContext context;
  private final BooleanTracking booleans;
  private final ValueUses values;

  /** pcs of no-argument calls that only name the lock of a lock operation. */
  private final Set<Integer> pathCalls = new HashSet<>();

  Invocations(MethodContext context, BooleanTracking booleans, ValueUses values) {
    this.context = context;
    this.booleans = booleans;
    this.values = values;
    findPathCalls();
  }

  /** Whether the invocation at {@code pc} only names the lock of a lock operation. */
  boolean isPathCall(int pc) {
    return pathCalls.contains(pc);
  }

  /** The calls inside the receiver of a lock operation whose lock has a known path. */
  private void findPathCalls() {
    for (InstructionHandle handle : context.handles) {
      OperandStackPaths.Frame frame = context.frame(handle);
      if (frame == null
          || !(handle.getInstruction() instanceof InvokeInstruction invoke)
          || invoke instanceof INVOKEDYNAMIC
          || invoke.getOpcode() == Const.INVOKESTATIC) {
        continue;
      }
      if (context.facts.lockOperation(
              context.owner(invoke),
              invoke.getMethodName(context.cpg),
              invoke.getSignature(context.cpg))
          == null) {
        continue;
      }
      Value receiver = frame.top(context.argumentWords(invoke));
      if (receiver.path() != null) {
        pathCalls.addAll(receiver.pathCalls());
      }
    }
  }

  Node invocation(
      MethodModel.Builder builder,
      InstructionHandle handle,
      InvokeInstruction invoke,
      int line,
      BytecodeOrigin origin) {
    Node node = event(builder, handle, invoke, line, origin);
    String name = invoke.getMethodName(context.cpg);
    if (node.kind() != NodeKind.NOP && BlockingApi.mayBlock(name)) {
      // How the call can make the thread wait (notes/FRONTENDS-races-lockorder.md, item 9).
      String owner = context.owner(invoke);
      BlockingOperation blocking =
          BlockingApi.classify(
              name,
              invoke.getSignature(context.cpg),
              type -> context.facts.isSurelySubtype(owner, type));
      if (blocking != null) {
        builder.describeBlocking(node, blocking);
      }
    }
    return node;
  }

  /**
   * Whether the boolean the invocation at {@code handle} returns is asserted: tested by the jump of
   * an {@code assert} ({@code ifne} over {@code new AssertionError}), or passed first to a method
   * that fails unless it is true ({@code checkState(check, "message")}, {@link
   * LockApi#assertsFirstArgument}), with only constants pushed in between.
   */
  private boolean asserted(InstructionHandle handle) {
    InstructionHandle next = handle.getNext();
    if (next != null && next.getInstruction().getOpcode() == Const.IFNE) {
      InstructionHandle after = next.getNext();
      return after != null
          && after.getInstruction() instanceof NEW creation
          && creation
              .getLoadClassType(context.cpg)
              .getClassName()
              .equals("java.lang.AssertionError");
    }
    for (int step = 0; next != null && step < 4; step++, next = next.getNext()) {
      Instruction instruction = next.getInstruction();
      if (instruction instanceof INVOKESTATIC call) {
        Type[] parameters = call.getArgumentTypes(context.cpg);
        return parameters.length > 0
            && parameters[0] == Type.BOOLEAN
            && LockApi.assertsFirstArgument(call.getMethodName(context.cpg));
      }
      if (!(instruction instanceof ConstantPushInstruction
          || instruction instanceof LDC
          || instruction.getOpcode() == Const.ACONST_NULL)) {
        return false;
      }
    }
    return false;
  }

  private Node event(
      MethodModel.Builder builder,
      InstructionHandle handle,
      InvokeInstruction invoke,
      int line,
      BytecodeOrigin origin) {
    OperandStackPaths.Frame frame = context.frame(handle);
    String owner = context.owner(invoke);
    String name = invoke.getMethodName(context.cpg);
    boolean isStatic = invoke.getOpcode() == Const.INVOKESTATIC;

    // Arguments sit on top of the stack, the receiver just below them.
    int words = context.argumentWords(invoke);
    List<LockPath> arguments = new ArrayList<>();
    for (ValueUses.Argument argument : values.arguments(handle, invoke)) {
      arguments.add(nameable(argument.value().path()));
    }
    Value receiverValue = isStatic ? null : frame.top(words);
    LockPath receiver = isStatic ? null : nameable(receiverValue.path());

    if (isStatic
        && LockApi.isHoldsLock(owner, name)
        && arguments.size() == 1
        && arguments.get(0) != null
        && asserted(handle)) {
      // assert Thread.holdsLock(lock): the monitor of the argument
      LockPath monitor = arguments.get(0);
      return builder.heldAssertion(
          line, monitor, LockKind.MONITOR, "Thread.holdsLock(" + monitor + ")", origin);
    }
    LockOperation operation =
        isStatic
            ? null
            : context.facts.lockOperation(owner, name, invoke.getSignature(context.cpg));
    if (operation != null) {
      String label = (receiver == null ? "" : receiver + ".") + name + "()";
      switch (operation.action()) {
        case VIEW:
          return builder.nop(line, origin); // views only build paths
        case HELD_CHECK:
          {
            if (receiver != null && asserted(handle)) {
              LockPath lock = operation.view() == null ? receiver : receiver.view(operation.view());
              return builder.heldAssertion(line, lock, LockKind.LOCK, label, origin);
            }
            String variable = booleans.resultVariable(handle.getPosition());
            if (receiver == null || variable == null) {
              return builder.nop(line, origin); // an unbound ownership query is no event
            }
            LockPath lock = operation.view() == null ? receiver : receiver.view(operation.view());
            return builder.heldCheck(line, lock, variable, label, origin);
          }
        case ACQUIRE:
          if (receiver != null) {
            return typed(
                builder,
                builder.acquire(
                    line, receiver, operation.kind(), operation.interruptible(), label, origin),
                receiverValue,
                handle);
          }
          break;
        case TRY_ACQUIRE:
          if (receiver != null) {
            return typed(
                builder,
                builder.tryAcquire(
                    line,
                    receiver,
                    operation.kind(),
                    booleans.resultVariable(handle.getPosition()),
                    label,
                    origin),
                receiverValue,
                handle);
          }
          break;
        case RELEASE:
          if (receiver != null) {
            return typed(
                builder,
                builder.release(line, receiver, operation.kind(), label, origin),
                receiverValue,
                handle);
          }
          break;
        default:
          break;
      }
    }
    String descriptor = invoke.getSignature(context.cpg);
    MethodRef callee = new MethodRef(declaringClass(owner, name, descriptor), name, descriptor);
    return builder.call(
        line, callee, receiver, arguments, callLabel(owner, name, receiver, isStatic), origin);
  }

  /**
   * The class that declares the invoked method, as javac's symbol names it: {@code invokevirtual
   * Sub.m} of a method {@code Sub} inherits is {@code Base.m}, so that the core finds {@code
   * Base}'s summary. The instruction's class when the hierarchy cannot be read; constructors are
   * always the created class's.
   */
  private String declaringClass(String owner, String name, String descriptor) {
    if (name.equals("<init>")) {
      return owner;
    }
    String declaring = context.facts.declaringClass(owner, name, descriptor);
    return declaring != null ? declaring : owner;
  }

  /** Records the static type of the lock's root on a lock event (lock-order abstraction). */
  private Node typed(
      MethodModel.Builder builder, Node lockEvent, Value receiver, InstructionHandle handle) {
    builder.rootType(lockEvent, context.rootType(lockEvent.lock(), receiver, handle.getPosition()));
    return lockEvent;
  }

  /** A class literal is a monitor's lock, but no argument or receiver path of a call. */
  private static LockPath nameable(LockPath path) {
    return OperandStackPaths.isClassLiteral(path) ? null : path;
  }

  private static String callLabel(String owner, String name, LockPath receiver, boolean isStatic) {
    String simpleOwner = owner.substring(owner.lastIndexOf('.') + 1).replace('$', '.');
    if (name.equals("<init>")) {
      return "new " + simpleOwner + "()";
    }
    if (isStatic) {
      return simpleOwner + "." + name + "()";
    }
    boolean showReceiver = receiver != null && !receiver.equals(LockPath.ofThis());
    return (showReceiver ? receiver + "." : "") + name + "()";
  }

  /**
   * What the task and executor rules need about each CALL (notes/FRONTENDS-exceptions.md, item 6;
   * notes/FRONTENDS-executors.md, items 1 and 2).
   */
  void describeCalls(MethodModel.Builder builder, Map<InstructionHandle, Node> tails) {
    for (Map.Entry<InstructionHandle, Node> entry : tails.entrySet()) {
      Node call = entry.getValue();
      if (call.kind() != NodeKind.CALL
          || !(entry.getKey().getInstruction() instanceof InvokeInstruction invoke)) {
        continue;
      }
      InstructionHandle handle = entry.getKey();
      OperandStackPaths.Frame frame = context.frame(handle);
      String owner = context.owner(invoke);
      TaskOperation operation =
          TaskApi.classify(
              invoke.getMethodName(context.cpg),
              type -> context.facts.isSurelySubtype(owner, type));
      Node receiverCall = null;
      int words = context.argumentWords(invoke);
      if (MethodContext.hasReceiver(invoke)) {
        receiverCall = producedBy(frame.top(words), tails);
      }
      List<MethodRef> bodies = new ArrayList<>();
      List<LockPath> boundReceivers = new ArrayList<>();
      List<Node> producers = new ArrayList<>();
      List<Long> constants = new ArrayList<>();
      for (ValueUses.Argument argument : values.arguments(handle, invoke)) {
        Value value = argument.value();
        InstructionHandle producer =
            value.isProduced() ? context.handleAt(value.producerPc()) : null;
        if (producer != null && producer.getInstruction() instanceof INVOKEDYNAMIC lambda) {
          addTaskBody(producer, lambda, bodies, boundReceivers);
        } else if (producer != null && producer.getInstruction() instanceof NEW created) {
          addAnonymousClassBodies(
              created.getLoadClassType(context.cpg).getClassName(), bodies, boundReceivers);
        }
        producers.add(producedBy(value, tails));
        constants.add(isIntegral(argument.type()) ? value.constant() : null);
      }
      builder.describeCall(
          call, values.resultUse(handle.getPosition()), operation, receiverCall, bodies);
      builder.describeBoundReceivers(call, boundReceivers);
      builder.describeValues(call, values.storedTo(handle.getPosition()), producers, constants);
    }
  }

  /**
   * The method a lambda or method reference created by {@code lambda} runs, as a task body: a
   * lambda body or a method of this class, or a method of any class that a reference is bound to an
   * object with a path ({@code results::add}); with the path of that bound receiver (null for a
   * lambda, an unbound or static reference).
   */
  private void addTaskBody(
      InstructionHandle producer,
      INVOKEDYNAMIC lambda,
      List<MethodRef> bodies,
      List<LockPath> boundReceivers) {
    MethodRef body = context.lambdas.implementation(lambda);
    if (body == null || body.name().equals("<init>")) {
      return;
    }
    LockPath bound = null;
    OperandStackPaths.Frame frame = context.frame(producer);
    if (frame != null && context.lambdas.isBoundReference(lambda, context.cpg)) {
      // The receiver is the first value the call site captures.
      bound = nameable(frame.top(context.argumentWords(lambda) - 1).path());
    }
    if (body.owner().equals(context.className) || bound != null) {
      String owner = declaringClass(body.owner(), body.name(), body.descriptor());
      bodies.add(new MethodRef(owner, body.name(), body.descriptor()));
      boundReceivers.add(bound);
    }
  }

  /**
   * The methods of an anonymous class created as an argument that code outside it can call ({@code
   * run()} of a {@code new Runnable() {..}}): its instance methods that are neither private nor
   * synthetic (bridges), constructors left out.
   */
  private void addAnonymousClassBodies(
      String className, List<MethodRef> bodies, List<LockPath> boundReceivers) {
    JavaClass created = context.facts.lookup(className);
    if (created == null || !SuppressionReader.isAnonymous(created)) {
      return;
    }
    for (Method method : created.getMethods()) {
      if (!method.getName().startsWith("<")
          && !method.isStatic()
          && !method.isPrivate()
          && !method.isSynthetic()
          && (method.getAccessFlags() & Const.ACC_BRIDGE) == 0) {
        bodies.add(new MethodRef(className, method.getName(), method.getSignature()));
        boundReceivers.add(null);
      }
    }
  }

  /** The CALL whose result {@code value} is (an invocation's, or an object creation's), or null. */
  private Node producedBy(Value value, Map<InstructionHandle, Node> tails) {
    if (!value.isProduced()) {
      return null;
    }
    InstructionHandle producer = values.constructorOf(value.producerPc());
    if (producer == null) {
      producer = context.handleAt(value.producerPc());
    }
    Node tail = producer == null ? null : tails.get(producer);
    return tail != null && tail.kind() == NodeKind.CALL ? tail : null;
  }

  /** int, long, short or byte: the types whose constants the model records. */
  private static boolean isIntegral(Type type) {
    return type == Type.INT || type == Type.LONG || type == Type.SHORT || type == Type.BYTE;
  }
}
