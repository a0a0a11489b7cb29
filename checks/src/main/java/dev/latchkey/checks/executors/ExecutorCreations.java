package dev.latchkey.checks.executors;

import dev.latchkey.checks.api.TaskApi;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import dev.latchkey.checks.model.TaskOperation;
import java.util.List;
import java.util.Set;

/** Which executor a creation makes, and whether its threads or its queue are bounded. */
final class ExecutorCreations {
  /** What is unbounded about a created executor. */
  enum Bound {
    THREADS_UNBOUNDED(
        "an unbounded number of threads", "every task that finds no idle thread starts a new one"),
    QUEUE_UNBOUNDED(
        "an unbounded work queue", "tasks queue up without limit while all threads are busy"),
    /**
     * A scheduled pool: its delay queue is unbounded by construction and cannot be bounded, so the
     * creation is no defect; scheduling per item of a loop is (UnboundedSubmission).
     */
    SCHEDULED(null, null, "an unbounded delay queue"),
    /**
     * A thread per task ({@code newVirtualThreadPerTaskExecutor()}): no pool to bound, threads are
     * never reused; submitting per item of a loop is unbounded fan-out (UnboundedSubmission).
     */
    THREAD_PER_TASK(null, null, "a new thread per task"),
    BOUNDED(null, null, null),
    /** We cannot see the queue (a parameter, a field, ...): no finding. */
    UNKNOWN(null, null, null);

    final String resource;
    final String consequence;

    /** What grows with every task submitted to it; null when bounded or unknown. */
    final String perTask;

    Bound(String resource, String consequence) {
      this(resource, consequence, resource);
    }

    Bound(String resource, String consequence, String perTask) {
      this.resource = resource;
      this.consequence = consequence;
      this.perTask = perTask;
    }

    /** Reported where it is created (UnboundedExecutor). */
    boolean unbounded() {
      return resource != null;
    }

    /** Nothing limits the tasks submitted to it (UnboundedSubmission). */
    boolean unboundedPerTask() {
      return perTask != null;
    }
  }

  private static final Set<String> UNBOUNDED_THREAD_FACTORIES = Set.of("newCachedThreadPool");

  private static final Set<String> THREAD_PER_TASK_FACTORIES =
      Set.of("newVirtualThreadPerTaskExecutor", "newThreadPerTaskExecutor");

  private static final Set<String> SCHEDULED_FACTORIES =
      Set.of(
          "newScheduledThreadPool",
          "newSingleThreadScheduledExecutor",
          "unconfigurableScheduledExecutorService");

  private static final Set<String> UNBOUNDED_QUEUE_FACTORIES =
      Set.of("newFixedThreadPool", "newSingleThreadExecutor", "newWorkStealingPool");

  /** Queues without a capacity whatever the constructor. */
  private static final Set<String> ALWAYS_UNBOUNDED_QUEUES =
      Set.of(
          "java.util.concurrent.LinkedTransferQueue",
          "java.util.concurrent.PriorityBlockingQueue",
          "java.util.concurrent.DelayQueue");

  /** Queues that are unbounded unless given a capacity ({@code (I)V}). */
  private static final Set<String> CAPACITY_QUEUES =
      Set.of(
          "java.util.concurrent.LinkedBlockingQueue", "java.util.concurrent.LinkedBlockingDeque");

  private static final String SYNCHRONOUS_QUEUE = "java.util.concurrent.SynchronousQueue";
  private static final int QUEUE_ARGUMENT = 4;
  private static final int MAX_THREADS_ARGUMENT = 1;

  private ExecutorCreations() {}

  static boolean isCreation(Node node) {
    return node.kind() == NodeKind.CALL && node.taskOperation() == TaskOperation.CREATE_EXECUTOR;
  }

  static Bound bound(Node creation, MethodModel method) {
    String owner = creation.callee().owner();
    String name = creation.callee().name();
    if (owner.equals(TaskApi.EXECUTORS)) {
      if (UNBOUNDED_THREAD_FACTORIES.contains(name)) {
        return Bound.THREADS_UNBOUNDED;
      }
      if (THREAD_PER_TASK_FACTORIES.contains(name)) {
        return Bound.THREAD_PER_TASK;
      }
      if (SCHEDULED_FACTORIES.contains(name)) {
        return Bound.SCHEDULED;
      }
      return UNBOUNDED_QUEUE_FACTORIES.contains(name) ? Bound.QUEUE_UNBOUNDED : Bound.UNKNOWN;
    }
    if (owner.equals(TaskApi.SCHEDULED_THREAD_POOL_EXECUTOR)) {
      return Bound.SCHEDULED;
    }
    if (owner.equals(TaskApi.THREAD_POOL_EXECUTOR)) {
      return threadPoolBound(creation, method);
    }
    return owner.equals(TaskApi.FORK_JOIN_POOL) ? Bound.BOUNDED : Bound.UNKNOWN;
  }

  private static Bound threadPoolBound(Node creation, MethodModel method) {
    Node queue = producer(creation, QUEUE_ARGUMENT, method);
    if (queue == null || !queue.callee().name().equals("<init>")) {
      return Bound.UNKNOWN;
    }
    String type = queue.callee().owner();
    if (ALWAYS_UNBOUNDED_QUEUES.contains(type)) {
      return Bound.QUEUE_UNBOUNDED;
    }
    if (CAPACITY_QUEUES.contains(type)) {
      return queue.callee().descriptor().startsWith("(I") ? Bound.BOUNDED : Bound.QUEUE_UNBOUNDED;
    }
    if (type.equals(SYNCHRONOUS_QUEUE)) {
      Long max = constant(creation, MAX_THREADS_ARGUMENT);
      return max != null && max == Integer.MAX_VALUE ? Bound.THREADS_UNBOUNDED : Bound.BOUNDED;
    }
    return Bound.BOUNDED;
  }

  /**
   * The CALL that produced argument {@code index} of {@code call}: given directly, or stored in a
   * local that only that call assigns in this method.
   */
  static Node producer(Node call, int index, MethodModel method) {
    if (index < call.argumentProducers().size() && call.argumentProducers().get(index) != null) {
      return call.argumentProducers().get(index);
    }
    if (index >= call.arguments().size() || call.arguments().get(index) == null) {
      return null;
    }
    return onlyStoreInto(call.arguments().get(index), method);
  }

  /** The one CALL of {@code method} whose result is stored into the local {@code path}, or null. */
  static Node onlyStoreInto(LockPath path, MethodModel method) {
    if (path.rootKind() != LockPath.RootKind.LOCAL) {
      return null;
    }
    Node found = null;
    for (Node node : method.nodes()) {
      if (node.kind() == NodeKind.CALL && path.equals(node.resultStoredTo())) {
        if (found != null && found.line() != node.line()) {
          return null;
        }
        found = node;
      }
    }
    return found;
  }

  private static Long constant(Node call, int index) {
    List<Long> constants = call.argumentConstants();
    return index < constants.size() ? constants.get(index) : null;
  }

  /** Test code is judged only when the user asks for it. */
  static boolean isTestCode(String className, MethodModel method) {
    String simple =
        className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    return method.has(MethodModel.Flag.TEST_CODE)
        || simple.endsWith("Test")
        || simple.endsWith("Tests")
        || simple.endsWith("IT")
        || simple.endsWith("TestCase");
  }
}
