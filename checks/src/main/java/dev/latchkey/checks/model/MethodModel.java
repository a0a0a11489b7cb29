package dev.latchkey.checks.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The concurrency view of one method body (or lambda body): a control-flow graph whose nodes are
 * only the events the checks care about, with normal, exceptional and branch edges.
 */
public final class MethodModel {
  private final MethodRef ref;
  private final List<String> parameterNames;
  private final Set<Flag> flags;
  private final Set<String> suppressions;
  private final List<Node> nodes;
  private final String guardedBy;
  private final int line;
  private final List<String> capturedNames;
  private final Set<String> annotations;

  /** Facts about a method that change how it is judged. */
  public enum Flag {
    /** A constructor. */
    CONSTRUCTOR,
    /**
     * Test code: a method annotated as a test or test fixture ({@code @Test}, {@code @BeforeEach},
     * ...).
     */
    TEST_CODE,
    /** The body of a lambda expression (never a method that returns holding a lock on purpose). */
    LAMBDA,
    /**
     * Calls of it always run this body: private, static, final, a constructor, or a final class.
     */
    NOT_OVERRIDABLE,
    /** Declared {@code synchronized}: the body holds the monitor of {@code this} (or the class). */
    SYNCHRONIZED,
    /** Declared {@code static} (lambda bodies: translated to a static method / no {@code this}). */
    STATIC
  }

  private MethodModel(Builder builder) {
    this.ref = builder.ref;
    this.parameterNames = List.copyOf(builder.parameterNames);
    this.flags = Set.copyOf(builder.flags);
    this.suppressions = Set.copyOf(builder.suppressions);
    this.nodes = Collections.unmodifiableList(builder.nodes);
    this.guardedBy = builder.guardedBy;
    this.line = builder.line;
    this.capturedNames = List.copyOf(builder.capturedNames);
    this.annotations = Set.copyOf(builder.annotations);
  }

  /**
   * The binary names of the annotations on the method and on the methods it overrides (as far as
   * the front-end sees them), each followed by its elements set to {@code false} ({@code
   * ConcurrencyAnnotations.falseElement}); empty for lambda bodies.
   */
  public Set<String> annotations() {
    return annotations;
  }

  /**
   * For a lambda body: the local variables and parameters of the enclosing code it captures, by
   * name (the same names its paths use), or empty when none or unknown.
   */
  public List<String> capturedNames() {
    return capturedNames;
  }

  /**
   * The lock expression of a {@code @GuardedBy} on the method itself (callers hold it), or null.
   */
  public String guardedBy() {
    return guardedBy;
  }

  /** The line of the declaration (its name), or -1. */
  public int line() {
    return line;
  }

  public MethodRef ref() {
    return ref;
  }

  /** Parameter names in order, as lock paths name them; excludes {@code this}. */
  public List<String> parameterNames() {
    return parameterNames;
  }

  public boolean has(Flag flag) {
    return flags.contains(flag);
  }

  /**
   * Check ids suppressed on this method or an enclosing declaration ({@code @SuppressWarnings},
   * {@code @SuppressFBWarnings}); "*" suppresses all.
   */
  public Set<String> suppressions() {
    return suppressions;
  }

  /** All nodes; index = id. */
  public List<Node> nodes() {
    return nodes;
  }

  public Node entry() {
    return nodes.get(0);
  }

  public Node exit() {
    return nodes.get(1);
  }

  public Node exceptionalExit() {
    return nodes.get(2);
  }

  public static Builder builder(MethodRef ref) {
    return new Builder(ref);
  }

  /** Builds a model node by node; front-ends own one per method they translate. */
  public static final class Builder {
    private final MethodRef ref;
    private final List<Node> nodes = new ArrayList<>();
    private List<String> parameterNames = List.of();
    private final java.util.EnumSet<Flag> flags = java.util.EnumSet.noneOf(Flag.class);
    private final java.util.HashSet<String> suppressions = new java.util.HashSet<>();
    private String guardedBy;
    private int line = -1;
    private List<String> capturedNames = List.of();
    private final java.util.LinkedHashSet<String> annotations = new java.util.LinkedHashSet<>();

    private Builder(MethodRef ref) {
      this.ref = Objects.requireNonNull(ref);
      add(NodeKind.ENTRY, -1, "entry", null);
      add(NodeKind.EXIT, -1, "exit", null);
      add(NodeKind.EXCEPTIONAL_EXIT, -1, "exceptional exit", null);
    }

    public Builder parameterNames(List<String> names) {
      this.parameterNames = List.copyOf(names);
      return this;
    }

    public Builder parameterNames(String... names) {
      return parameterNames(Arrays.asList(names));
    }

    public Builder flag(Flag flag) {
      flags.add(flag);
      return this;
    }

    public Builder guardedBy(String lockExpression) {
      this.guardedBy = lockExpression;
      return this;
    }

    /** The line of the method's declaration. */
    public Builder line(int declarationLine) {
      this.line = declarationLine;
      return this;
    }

    /** For a lambda body: the enclosing method's locals and parameters it captures. */
    public Builder capturedNames(List<String> names) {
      this.capturedNames = List.copyOf(names);
      return this;
    }

    /** Annotations of the method, or of a method it overrides (see {@link #annotations()}). */
    public Builder annotations(java.util.Collection<String> names) {
      annotations.addAll(names);
      return this;
    }

    public Builder suppress(String checkIdOrStar) {
      suppressions.add(checkIdOrStar);
      return this;
    }

    public Node entry() {
      return nodes.get(0);
    }

    public Node exit() {
      return nodes.get(1);
    }

    public Node exceptionalExit() {
      return nodes.get(2);
    }

    public Node nop(int line, Object origin) {
      return add(NodeKind.NOP, line, "", origin);
    }

    public Node returnAt(int line, Object origin) {
      return add(NodeKind.RETURN, line, "return", origin);
    }

    public Node throwAt(int line, Object origin) {
      return add(NodeKind.THROW, line, "throw", origin);
    }

    /**
     * A {@code throw} of the local {@code thrownVariable} ({@code throw e}) or of a new {@code
     * thrownType} ({@code throw new T(..)}); either may be null.
     */
    public Node throwing(
        int line, String thrownVariable, String thrownType, boolean leavesFinally, Object origin) {
      Node node = add(NodeKind.THROW, line, "throw", origin);
      node.variable = thrownVariable;
      node.thrownType = thrownType;
      node.leavesFinally = leavesFinally;
      return node;
    }

    public Node returnAt(int line, boolean leavesFinally, Object origin) {
      Node node = add(NodeKind.RETURN, line, "return", origin);
      node.leavesFinally = leavesFinally;
      return node;
    }

    /** A {@code break} or {@code continue}. */
    public Node jump(int line, boolean leavesFinally, Object origin) {
      Node node = add(NodeKind.JUMP, line, "jump", origin);
      node.leavesFinally = leavesFinally;
      return node;
    }

    /** The entry of a {@code catch} handler, at the line of its {@code catch (...)} clause. */
    public Node catchEntry(int line, CatchClause clause, Object origin) {
      Node node = add(NodeKind.CATCH, line, "catch", origin);
      node.catchClause = Objects.requireNonNull(clause);
      node.variable = clause.variable();
      return node;
    }

    /** Control leaves the handler that {@code catchEntry} starts, other than by an exception. */
    public Node catchEnd(Node catchEntry) {
      Node node = add(NodeKind.CATCH_END, -1, "end of catch", null);
      node.handler = Objects.requireNonNull(catchEntry);
      return node;
    }

    /** The value of local {@code variable} escapes (returned, stored elsewhere, captured). */
    public Node escape(int line, String variable, Object origin) {
      Node node = add(NodeKind.ESCAPE, line, variable, origin);
      node.variable = Objects.requireNonNull(variable);
      return node;
    }

    /** A loop condition comparing the loop counter with the integer {@code constant}. */
    public Node loopLimit(int line, long constant, Object origin) {
      Node node = add(NodeKind.LOOP_LIMIT, line, "loop limit", origin);
      node.constant = constant;
      return node;
    }

    /**
     * Adds what the executor rules need to know about a CALL's values: where its result is stored
     * (a local or field path, or null), and per argument the CALL that produced it and its constant
     * value (lists may be shorter than the argument list; missing entries mean unknown).
     */
    public Builder describeValues(
        Node call,
        LockPath resultStoredTo,
        List<Node> argumentProducers,
        List<Long> argumentConstants) {
      call.resultStoredTo = resultStoredTo;
      call.argumentProducers = new ArrayList<>(argumentProducers);
      call.argumentConstants = new ArrayList<>(argumentConstants);
      return this;
    }

    /**
     * For a CALL: per task body in {@code describeCall}'s list, the bound receiver of a method
     * reference ({@code results} for {@code results::add}), or null.
     */
    public Builder describeBoundReceivers(Node call, List<LockPath> boundReceivers) {
      call.boundReceivers = new ArrayList<>(boundReceivers);
      return this;
    }

    /**
     * Records how the call behind {@code node} (a CALL, or the ACQUIRE / TRY_ACQUIRE of {@code
     * acquire()} / {@code tryAcquire(t, unit)}) can block, as {@code BlockingApi.classify} says;
     * null when it does not.
     */
    public Builder describeBlocking(Node node, BlockingOperation blocking) {
      node.blocking = blocking;
      return this;
    }

    /** A read of a tracked local variable. */
    public Node use(int line, String variable, Object origin) {
      Node node = add(NodeKind.USE, line, variable, origin);
      node.variable = Objects.requireNonNull(variable);
      return node;
    }

    /**
     * Adds what the task rules need to know about a CALL: what happens to its result, what the
     * {@link dev.latchkey.checks.api.TaskApi} table says it is, the call that produced its
     * receiver, and the task bodies passed to it.
     */
    public Builder describeCall(
        Node call,
        ResultUse resultUse,
        TaskOperation taskOperation,
        Node receiverCall,
        List<MethodRef> taskBodies) {
      call.resultUse = Objects.requireNonNull(resultUse);
      call.taskOperation = taskOperation;
      call.receiverCall = receiverCall;
      call.taskBodies = List.copyOf(taskBodies);
      return this;
    }

    /**
     * A blocking acquisition; {@code interruptible} when it can throw ({@link
     * dev.latchkey.checks.api.LockOperation#interruptible()}).
     */
    public Node acquire(
        int line,
        LockPath lock,
        LockKind kind,
        boolean interruptible,
        String label,
        Object origin) {
      Node node = lockEvent(NodeKind.ACQUIRE, line, lock, kind, label, origin);
      node.interruptible = interruptible;
      return node;
    }

    /** {@code resultVariable} is null when the result is not tested through a variable we track. */
    public Node tryAcquire(
        int line,
        LockPath lock,
        LockKind kind,
        String resultVariable,
        String label,
        Object origin) {
      Node node = lockEvent(NodeKind.TRY_ACQUIRE, line, lock, kind, label, origin);
      node.variable = resultVariable;
      return node;
    }

    public Node release(int line, LockPath lock, LockKind kind, String label, Object origin) {
      return lockEvent(NodeKind.RELEASE, line, lock, kind, label, origin);
    }

    /**
     * The start of a {@code synchronized (lock) { .. }} block; pair it with {@link #monitorExit} on
     * every path that leaves the block.
     */
    public Node monitorEnter(
        int line, LockPath lock, String rootType, String label, Object origin) {
      Node node = lockEvent(NodeKind.ACQUIRE, line, lock, LockKind.MONITOR, label, origin);
      node.rootType = rootType;
      return node;
    }

    /** The monitor of a {@code synchronized} block is released (block left by any path). */
    public Node monitorExit(int line, LockPath lock, String rootType, Object origin) {
      Node node =
          lockEvent(NodeKind.RELEASE, line, lock, LockKind.MONITOR, "end of synchronized", origin);
      node.rootType = rootType;
      return node;
    }

    /** Records the static type of an ACQUIRE's, TRY_ACQUIRE's or RELEASE's lock root. */
    public Builder rootType(Node lockEvent, String binaryName) {
      lockEvent.rootType = binaryName;
      return this;
    }

    /**
     * A read or write of {@code field}; {@code path} names it ({@code this.count}) or is null;
     * {@code compound} for a read-modify-write of the same field ({@code v++}).
     */
    public Node fieldAccess(
        int line,
        boolean write,
        FieldRef field,
        LockPath path,
        boolean compound,
        String label,
        Object origin) {
      Node node = add(write ? NodeKind.FIELD_WRITE : NodeKind.FIELD_READ, line, label, origin);
      node.field = Objects.requireNonNull(field);
      node.path = path;
      node.compound = write && compound;
      return node;
    }

    /** A store into an element of the array {@code array} (null when not a nameable path). */
    public Node arrayWrite(
        int line, LockPath array, boolean compound, String label, Object origin) {
      Node node = add(NodeKind.ARRAY_WRITE, line, label, origin);
      node.path = array;
      node.compound = compound;
      return node;
    }

    /** Binds {@code variable} to whether {@code lock} is held, for a later BRANCH. */
    public Node heldCheck(int line, LockPath lock, String variable, String label, Object origin) {
      Node node = lockEvent(NodeKind.HELD_CHECK, line, lock, LockKind.LOCK, label, origin);
      node.variable = Objects.requireNonNull(variable);
      return node;
    }

    /** An assertion that the current thread holds {@code lock} (a monitor or a {@code Lock}). */
    public Node heldAssertion(int line, LockPath lock, LockKind kind, String label, Object origin) {
      return lockEvent(NodeKind.HELD_ASSERTION, line, lock, kind, label, origin);
    }

    /** The tracked boolean {@code variable} is assigned a value the model does not know. */
    public Node assign(int line, String variable, Object origin) {
      Node node = add(NodeKind.ASSIGN, line, variable, origin);
      node.variable = Objects.requireNonNull(variable);
      return node;
    }

    /**
     * A branch on a boolean variable; connect it with TRUE and FALSE edges. Synthetic variables of
     * a single condition start with {@code #} (such as {@code #c12}) and are forgotten after it.
     */
    public Node branch(int line, String variable, Object origin) {
      Node node = add(NodeKind.BRANCH, line, variable, origin);
      node.variable = Objects.requireNonNull(variable);
      return node;
    }

    public Node call(
        int line,
        MethodRef callee,
        LockPath receiver,
        List<LockPath> arguments,
        String label,
        Object origin) {
      Node node = add(NodeKind.CALL, line, label, origin);
      node.callee = Objects.requireNonNull(callee);
      node.receiver = receiver;
      node.arguments = new ArrayList<>(arguments);
      return node;
    }

    public Builder edge(Node from, Node to) {
      from.addEdge(EdgeKind.NORMAL, to);
      return this;
    }

    public Builder exceptionalEdge(Node from, Node to) {
      from.addEdge(EdgeKind.EXCEPTIONAL, to);
      return this;
    }

    public Builder trueEdge(Node branch, Node to) {
      branch.addEdge(EdgeKind.TRUE, to);
      return this;
    }

    public Builder falseEdge(Node branch, Node to) {
      branch.addEdge(EdgeKind.FALSE, to);
      return this;
    }

    public MethodModel build() {
      return new MethodModel(this);
    }

    private Node lockEvent(
        NodeKind kind, int line, LockPath lock, LockKind lockKind, String label, Object origin) {
      Node node = add(kind, line, label, origin);
      node.lock = Objects.requireNonNull(lock);
      node.lockKind = Objects.requireNonNull(lockKind);
      return node;
    }

    private Node add(NodeKind kind, int line, String label, Object origin) {
      Node node = new Node(nodes.size(), kind, line, label, origin);
      nodes.add(node);
      return node;
    }
  }
}
