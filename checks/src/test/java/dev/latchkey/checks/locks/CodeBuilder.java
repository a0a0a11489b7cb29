package dev.latchkey.checks.locks;

import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds method models for tests the way a front-end would, from structured statements: straight
 * code, if/else on tracked variables, try/finally, try/catch and return. Each statement gets the
 * next line number so findings can be asserted by line.
 */
final class CodeBuilder {
  static final String OWNER = "demo.Account";

  private final MethodModel.Builder builder;
  private final Deque<Node> handlers = new ArrayDeque<>();
  private final Deque<Consumer<CodeBuilder>> finallies = new ArrayDeque<>();
  private static final Consumer<CodeBuilder> NO_FINALLY = code -> {};
  private final java.util.Map<Consumer<CodeBuilder>, Integer> finallyLines =
      new java.util.IdentityHashMap<>();
  private Node tail;
  private int line = 10;

  private CodeBuilder(String name, String descriptor) {
    builder = MethodModel.builder(new MethodRef(OWNER, name, descriptor));
    tail = builder.entry();
  }

  static CodeBuilder method(String name) {
    return new CodeBuilder(name, "()V");
  }

  /** A method that returns whether it did its work ({@code boolean tryX()}). */
  static CodeBuilder booleanMethod(String name) {
    return new CodeBuilder(name, "()Z");
  }

  MethodModel.Builder raw() {
    return builder;
  }

  /** The line the next statement gets. */
  int nextLine() {
    return line;
  }

  CodeBuilder lock(LockPath lock) {
    return step(builder.acquire(line++, lock, kindOf(lock), false, lock + ".lock()", null), true);
  }

  CodeBuilder lockInterruptibly(LockPath lock) {
    return step(
        builder.acquire(line++, lock, kindOf(lock), true, lock + ".lockInterruptibly()", null),
        true);
  }

  CodeBuilder acquirePermit(LockPath semaphore) {
    return step(builder.acquire(line++, semaphore, LockKind.PERMIT, true, "acquire()", null), true);
  }

  CodeBuilder tryLock(LockPath lock, String variable) {
    return step(
        builder.tryAcquire(line++, lock, kindOf(lock), variable, lock + ".tryLock()", null), true);
  }

  CodeBuilder unlock(LockPath lock) {
    return step(builder.release(line++, lock, kindOf(lock), lock + ".unlock()", null), true);
  }

  CodeBuilder call(String name, LockPath receiver, LockPath... arguments) {
    return call(new MethodRef(OWNER, name, "()V"), receiver, arguments);
  }

  CodeBuilder call(MethodRef callee, LockPath receiver, LockPath... arguments) {
    return step(
        builder.call(line++, callee, receiver, List.of(arguments), callee.name() + "()", null),
        true);
  }

  CodeBuilder assign(String variable) {
    return step(builder.assign(line++, variable, null), false);
  }

  /** {@code if (variable) then else otherwise}. */
  CodeBuilder ifVar(String variable, Consumer<CodeBuilder> then, Consumer<CodeBuilder> otherwise) {
    Node branch = builder.branch(line++, variable, null);
    link(branch);
    Node join = builder.nop(-1, null);
    tail = null;
    enter(branch, true, then, join);
    enter(branch, false, otherwise, join);
    tail = join;
    return this;
  }

  CodeBuilder ifVar(String variable, Consumer<CodeBuilder> then) {
    return ifVar(variable, then, code -> {});
  }

  /** A branch on a condition the model does not track: both ways are possible. */
  CodeBuilder ifUnknown(Consumer<CodeBuilder> then) {
    Node split = builder.nop(line++, null);
    link(split);
    Node join = builder.nop(-1, null);
    tail = split;
    then.accept(this);
    if (tail != null) {
      builder.edge(tail, join);
    }
    builder.edge(split, join);
    tail = join;
    return this;
  }

  CodeBuilder tryFinally(Consumer<CodeBuilder> body, Consumer<CodeBuilder> fin) {
    Node handler = builder.nop(-1, null);
    handlers.push(handler);
    finallies.push(fin);
    body.accept(this);
    finallies.pop();
    handlers.pop();
    // Every copy of the finally block has the same lines, as in real code.
    int finallyLine = line;
    finallyLines.put(fin, finallyLine);
    if (tail != null) {
      fin.accept(this);
    }
    int afterFinally = line;
    Node afterNormal = tail;
    tail = handler;
    line = finallyLine;
    fin.accept(this);
    line = afterFinally;
    if (tail != null) {
      exceptional(tail);
    }
    tail = afterNormal;
    return this;
  }

  CodeBuilder tryCatch(Consumer<CodeBuilder> body, Consumer<CodeBuilder> handlerCode) {
    Node handler = builder.nop(-1, null);
    handlers.push(handler);
    finallies.push(NO_FINALLY);
    body.accept(this);
    finallies.pop();
    handlers.pop();
    Node afterBody = tail;
    tail = handler;
    handlerCode.accept(this);
    if (tail != null && afterBody != null) {
      Node join = builder.nop(-1, null);
      builder.edge(tail, join).edge(afterBody, join);
      tail = join;
    } else if (tail == null) {
      tail = afterBody;
    }
    return this;
  }

  CodeBuilder ret() {
    Node ret = builder.returnAt(line++, null);
    link(ret);
    tail = ret;
    // Run enclosing finally blocks, innermost first, as javac does.
    List<Consumer<CodeBuilder>> pending = new ArrayList<>(finallies);
    Deque<Node> savedHandlers = new ArrayDeque<>(handlers);
    Deque<Consumer<CodeBuilder>> savedFinallies = new ArrayDeque<>(finallies);
    for (Consumer<CodeBuilder> fin : pending) {
      handlers.pop();
      finallies.pop();
      if (tail != null) {
        int saved = line;
        line = finallyLines.getOrDefault(fin, line);
        fin.accept(this);
        line = saved;
      }
    }
    handlers.clear();
    handlers.addAll(savedHandlers);
    finallies.clear();
    finallies.addAll(savedFinallies);
    if (tail != null) {
      builder.edge(tail, builder.exit());
    }
    tail = null;
    return this;
  }

  CodeBuilder throwIt() {
    Node thrown = builder.throwAt(line++, null);
    link(thrown);
    exceptional(thrown);
    tail = null;
    return this;
  }

  MethodModel build() {
    if (tail != null) {
      builder.edge(tail, builder.exit());
    }
    return builder.build();
  }

  private void enter(Node branch, boolean value, Consumer<CodeBuilder> arm, Node join) {
    Node start = builder.nop(-1, null);
    if (value) {
      builder.trueEdge(branch, start);
    } else {
      builder.falseEdge(branch, start);
    }
    tail = start;
    arm.accept(this);
    if (tail != null) {
      builder.edge(tail, join);
    }
  }

  private CodeBuilder step(Node node, boolean mayThrow) {
    link(node);
    if (mayThrow) {
      exceptional(node);
    }
    tail = node;
    return this;
  }

  private void link(Node node) {
    if (tail != null) {
      builder.edge(tail, node);
    }
  }

  private void exceptional(Node node) {
    builder.exceptionalEdge(node, handlers.isEmpty() ? builder.exceptionalExit() : handlers.peek());
  }

  private static LockKind kindOf(LockPath lock) {
    return LockKind.LOCK;
  }
}
