package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.model.BlockingOperation;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.ResultUse;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds method models for lock-order tests the way a front-end would: straight code, monitors,
 * Locks, calls and two-way branches; each statement gets the next line.
 */
final class Code {
  private final MethodModel.Builder builder;
  private final String owner;
  private final String name;
  private final int parameters;
  private Node tail;
  private int line;

  private Code(String owner, String name, String descriptor, int firstLine) {
    this.owner = owner;
    this.name = name;
    this.parameters = descriptor.split(";", -1).length - 1;
    this.builder = MethodModel.builder(new MethodRef(owner, name, descriptor));
    this.tail = builder.entry();
    this.line = firstLine;
    builder.line(firstLine - 1);
  }

  static Code method(String owner, String name, int firstLine, String... parameters) {
    Code code = new Code(owner, name, descriptor(parameters.length), firstLine);
    code.builder.parameterNames(parameters);
    return code;
  }

  static String descriptor(int parameters) {
    return "(" + "Ljava/lang/Object;".repeat(parameters) + ")V";
  }

  static MethodRef ref(String owner, String name, int parameters) {
    return new MethodRef(owner, name, descriptor(parameters));
  }

  Code flag(MethodModel.Flag flag) {
    builder.flag(flag);
    return this;
  }

  Code suppress(String checkId) {
    builder.suppress(checkId);
    return this;
  }

  MethodRef ref() {
    return ref(owner, name, parameters);
  }

  int line() {
    return line;
  }

  /** {@code synchronized (lock) {}} around {@code body}; returns the enter node. */
  Node sync(LockPath lock, String rootType, Consumer<Code> body) {
    Node enter =
        step(builder.monitorEnter(line++, lock, rootType, "synchronized (" + lock + ")", null));
    body.accept(this);
    step(builder.monitorExit(line++, lock, rootType, null));
    return enter;
  }

  Node lock(LockPath lock, String rootType) {
    Node node = step(builder.acquire(line++, lock, LockKind.LOCK, false, lock + ".lock()", null));
    builder.rootType(node, rootType);
    return node;
  }

  Node unlock(LockPath lock, String rootType) {
    Node node = step(builder.release(line++, lock, LockKind.LOCK, lock + ".unlock()", null));
    builder.rootType(node, rootType);
    return node;
  }

  Node acquirePermit(LockPath semaphore) {
    return step(
        builder.acquire(line++, semaphore, LockKind.PERMIT, true, semaphore + ".acquire()", null));
  }

  /** {@code if (lock.tryLock()) { then }}. */
  Node tryLock(LockPath lock, String rootType, Consumer<Code> then) {
    String variable = "#t" + line;
    Node attempt =
        step(builder.tryAcquire(line++, lock, LockKind.LOCK, variable, lock + ".tryLock()", null));
    builder.rootType(attempt, rootType);
    Node branch = step(builder.branch(line++, variable, null));
    Node join = builder.nop(-1, null);
    Node start = builder.nop(-1, null);
    builder.trueEdge(branch, start);
    builder.falseEdge(branch, join);
    tail = start;
    then.accept(this);
    builder.edge(tail, join);
    tail = join;
    return attempt;
  }

  Node call(MethodRef callee, LockPath receiver, LockPath... arguments) {
    return step(
        builder.call(line++, callee, receiver, List.of(arguments), callee.name() + "()", null));
  }

  /** A call the blocking table classifies as {@code operation}. */
  Node blocking(String label, BlockingOperation operation, LockPath receiver) {
    Node node =
        step(
            builder.call(
                line++,
                new MethodRef("java.lang.Object", label, "()V"),
                receiver,
                List.of(),
                label,
                null));
    builder.describeBlocking(node, operation);
    return node;
  }

  /** {@code result = receiver.name()}, a call whose result is stored. */
  Node callStoring(MethodRef callee, LockPath receiver, LockPath result) {
    Node node = call(callee, receiver);
    builder.describeValues(node, result, List.of(), List.of());
    return node;
  }

  /** {@code receiver.name(body)}: a call that is passed lambda bodies. */
  Node callWithBodies(MethodRef callee, LockPath receiver, MethodRef... bodies) {
    Node node = call(callee, receiver);
    builder.describeCall(node, ResultUse.OTHER, null, null, List.of(bodies));
    return node;
  }

  /** {@code if (..) { then } else { otherwise }} on a condition the model does not track. */
  Code branch(Consumer<Code> then, Consumer<Code> otherwise) {
    Node split = step(builder.nop(line++, null));
    Node join = builder.nop(-1, null);
    tail = split;
    then.accept(this);
    builder.edge(tail, join);
    tail = split;
    otherwise.accept(this);
    builder.edge(tail, join);
    tail = join;
    return this;
  }

  MethodModel build() {
    builder.edge(tail, builder.exit());
    return builder.build();
  }

  private Node step(Node node) {
    builder.edge(tail, node);
    tail = node;
    return node;
  }
}
