package dev.latchkey.checks.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One event of a method model. Which fields are set depends on the {@link NodeKind}; nodes are made
 * by {@link MethodModel.Builder}.
 */
public final class Node {
  private final int id;
  private final NodeKind kind;
  private final int line;
  private final String label;
  private final Object origin;
  private final List<Edge> out = new ArrayList<>();

  LockPath lock;
  LockKind lockKind;
  boolean interruptible;
  String variable;
  MethodRef callee;
  LockPath receiver;
  List<LockPath> arguments = List.of();
  CatchClause catchClause;
  Node handler;
  String thrownType;
  boolean leavesFinally;
  ResultUse resultUse = ResultUse.OTHER;
  TaskOperation taskOperation;
  Node receiverCall;
  List<MethodRef> taskBodies = List.of();
  List<LockPath> boundReceivers = List.of();
  LockPath resultStoredTo;
  List<Node> argumentProducers = List.of();
  List<Long> argumentConstants = List.of();
  long constant;
  String rootType;
  FieldRef field;
  LockPath path;
  boolean compound;
  BlockingOperation blocking;

  Node(int id, NodeKind kind, int line, String label, Object origin) {
    this.id = id;
    this.kind = kind;
    this.line = line;
    this.label = label;
    this.origin = origin;
  }

  public int id() {
    return id;
  }

  public NodeKind kind() {
    return kind;
  }

  /** Source line, or -1 when unknown. */
  public int line() {
    return line;
  }

  /** Source-like text for messages, such as {@code lock.lock()} or {@code process()}. */
  public String label() {
    return label;
  }

  /**
   * The front-end's handle for this event (a javac tree, a bytecode offset); opaque to the core.
   */
  public Object origin() {
    return origin;
  }

  /** The lock of an ACQUIRE, TRY_ACQUIRE, RELEASE or HELD_CHECK. */
  public LockPath lock() {
    return lock;
  }

  public LockKind lockKind() {
    return lockKind;
  }

  /**
   * For an ACQUIRE: whether it can fail in practice ({@code lockInterruptibly()}, {@code
   * Semaphore.acquire()} throw InterruptedException); {@code lock()} cannot.
   */
  public boolean interruptible() {
    return interruptible;
  }

  /** The variable a TRY_ACQUIRE or HELD_CHECK binds, or a BRANCH tests; may be null. */
  public String variable() {
    return variable;
  }

  /** The method a CALL invokes. */
  public MethodRef callee() {
    return callee;
  }

  /** The lock path of a CALL's receiver, or null (unknown, or a static call). */
  public LockPath receiver() {
    return receiver;
  }

  /** Lock paths of a CALL's arguments, null where unknown. */
  public List<LockPath> arguments() {
    return Collections.unmodifiableList(arguments);
  }

  /** For a CATCH: the clause. */
  public CatchClause catchClause() {
    return catchClause;
  }

  /** For a CATCH_END: the CATCH node of the handler it leaves. */
  public Node handler() {
    return handler;
  }

  /**
   * For a THROW: the static type of the thrown value when the front-end knows it (T of {@code new
   * T(..)}, a cast's type, a local's declared type); null otherwise.
   */
  public String thrownType() {
    return thrownType;
  }

  /** For a RETURN, THROW or JUMP: it completes a {@code finally} block abruptly. */
  public boolean leavesFinally() {
    return leavesFinally;
  }

  /** For a CALL: what the caller does with its result. */
  public ResultUse resultUse() {
    return resultUse;
  }

  /** For a CALL: what the task/executor table says it does, or null. */
  public TaskOperation taskOperation() {
    return taskOperation;
  }

  /** For a CALL: the CALL node whose result is this call's receiver ({@code a().b()}), or null. */
  public Node receiverCall() {
    return receiverCall;
  }

  /** For a CALL: the bodies of lambdas, method references or anonymous classes it is passed. */
  public List<MethodRef> taskBodies() {
    return Collections.unmodifiableList(taskBodies);
  }

  /**
   * For a CALL: per entry of {@link #taskBodies()}, the path of a method reference's bound receiver
   * ({@code results} for {@code results::add}, {@code this.sink} for {@code sink::add}), or null (a
   * lambda, an unbound or static reference, an unnameable receiver). May be shorter.
   */
  public List<LockPath> boundReceivers() {
    return Collections.unmodifiableList(boundReceivers);
  }

  /** For a CALL whose result is stored: the local variable or field it is stored into, or null. */
  public LockPath resultStoredTo() {
    return resultStoredTo;
  }

  /**
   * For a CALL: per argument, the CALL node that produced its value ({@code new
   * LinkedBlockingQueue<>()}), or null.
   */
  public List<Node> argumentProducers() {
    return Collections.unmodifiableList(argumentProducers);
  }

  /** For a CALL: per argument, its value when it is an integer constant, or null. */
  public List<Long> argumentConstants() {
    return Collections.unmodifiableList(argumentConstants);
  }

  /** For a LOOP_LIMIT: the constant the loop counter is compared with. */
  public long constant() {
    return constant;
  }

  /**
   * For an ACQUIRE, TRY_ACQUIRE or RELEASE: the binary name of the static type of the lock path's
   * root (the class of {@code this}, the declared type of the local or parameter, the class of a
   * static field); null when unknown. Lock-order analysis abstracts {@code from.lock} and {@code
   * to.lock} to the same lock class through it.
   */
  public String rootType() {
    return rootType;
  }

  /** For a FIELD_READ or FIELD_WRITE: the field. */
  public FieldRef field() {
    return field;
  }

  /**
   * For a FIELD_READ or FIELD_WRITE: the accessed field as a path ({@code this.count}, {@code
   * Cache.INSTANCE}, {@code other.count}); for an ARRAY_WRITE: the array ({@code counts}, {@code
   * this.slots}). Null when the object is not a nameable path (a call result).
   */
  public LockPath path() {
    return path;
  }

  /**
   * For a FIELD_WRITE or ARRAY_WRITE: a read-modify-write of the same location in one expression.
   */
  public boolean compound() {
    return compound;
  }

  /**
   * For a CALL, ACQUIRE or TRY_ACQUIRE: how the call can make the thread wait ({@code
   * BlockingApi}), or null when it does not block (or the front-end does not know).
   */
  public BlockingOperation blocking() {
    return blocking;
  }

  public List<Edge> out() {
    return Collections.unmodifiableList(out);
  }

  /** The targets of this node's edges; without exceptional ones when {@code normalOnly}. */
  public List<Node> successors(boolean normalOnly) {
    List<Node> next = new ArrayList<>();
    for (Edge edge : out) {
      if (!normalOnly || edge.kind() != EdgeKind.EXCEPTIONAL) {
        next.add(edge.target());
      }
    }
    return next;
  }

  void addEdge(EdgeKind kind, Node target) {
    Edge edge = new Edge(kind, target);
    if (!out.contains(edge)) {
      out.add(edge);
    }
  }

  @Override
  public String toString() {
    return id + ":" + kind + (lock != null ? "(" + lock + ")" : "") + "@" + line;
  }
}
