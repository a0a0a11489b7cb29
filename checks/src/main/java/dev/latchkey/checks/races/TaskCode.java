package dev.latchkey.checks.races;

import dev.latchkey.checks.api.ImmediateCallbacks;
import dev.latchkey.checks.lockset.ImmediateCalls;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import dev.latchkey.checks.model.TaskOperation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The code of a class that runs on another thread: lambda bodies and method references passed to
 * executors, threads, asynchronous futures, timers and parallel streams, what those bodies run
 * immediately (a {@code forEach} lambda inside a task), and the private helpers they call. For each
 * such method: the call that starts it, the method that makes that call (where captured variables
 * come from), and which captured local variables it shares with the code around it.
 */
final class TaskCode {
  private static final Set<TaskOperation> STARTS_ANOTHER_THREAD =
      EnumSet.of(
          TaskOperation.SUBMIT,
          TaskOperation.EXECUTE,
          TaskOperation.PERIODIC,
          TaskOperation.ASYNC_START,
          TaskOperation.ASYNC_STEP,
          TaskOperation.INVOKE_ALL,
          TaskOperation.THREAD_CREATE,
          TaskOperation.THREAD_START);

  /**
   * A method that runs on another thread. {@code taskObject}: the body is a method of the object
   * handed to the executor or thread (an anonymous or local {@code Runnable} made for the task), so
   * the fields of its own {@code this} belong to the task, not to the code around it.
   */
  record Task(
      MethodModel body,
      Node start,
      MethodModel creator,
      Set<String> sharedLocals,
      boolean taskObject) {
    /** Whether {@code path} is a field of the task's own object ({@code this.attempts}). */
    boolean ownsObjectOf(LockPath path) {
      return taskObject && path != null && path.rootKind() == LockPath.RootKind.THIS;
    }
  }

  private final Map<MethodModel, Task> tasks = new IdentityHashMap<>();

  private TaskCode() {}

  static TaskCode of(RaceContext context) {
    TaskCode code = new TaskCode();
    Deque<Task> work = new ArrayDeque<>();
    for (MethodModel method : context.methods()) {
      for (Node node : method.nodes()) {
        if (node.kind() != NodeKind.CALL || !startsAnotherThread(node)) {
          continue;
        }
        for (MethodRef ref : node.taskBodies()) {
          MethodModel body = context.method(ref);
          if (body != null && !code.tasks.containsKey(body)) {
            Set<String> shared = body.has(Flag.LAMBDA) ? captured(body, method) : Set.<String>of();
            boolean taskObject = context.classOf(body) != context.classOf(method);
            Task task = new Task(body, node, method, shared, taskObject);
            code.tasks.put(body, task);
            work.add(task);
          }
        }
      }
    }
    while (!work.isEmpty()) {
      Task task = work.poll();
      for (Node node : task.body().nodes()) {
        if (node.kind() != NodeKind.CALL) {
          continue;
        }
        MethodModel helper = context.method(node.callee());
        if (helper != null
            && helper.has(Flag.NOT_OVERRIDABLE)
            && !helper.has(Flag.LAMBDA)
            && !RaceContext.isInitializer(helper)
            && (node.receiver() == null || node.receiver().equals(LockPath.ofThis()))) {
          code.add(
              work, new Task(helper, task.start(), task.creator(), Set.of(), task.taskObject()));
        }
        if (context.runsImmediately(node)) {
          for (MethodRef ref : node.taskBodies()) {
            MethodModel body = context.method(ref);
            if (body != null) {
              Set<String> shared = new HashSet<>(captured(body, task.body()));
              shared.retainAll(task.sharedLocals());
              code.add(
                  work, new Task(body, task.start(), task.creator(), shared, task.taskObject()));
            }
          }
        }
      }
    }
    return code;
  }

  private void add(Deque<Task> work, Task task) {
    if (!tasks.containsKey(task.body())) {
      tasks.put(task.body(), task);
      work.add(task);
    }
  }

  List<Task> tasks() {
    return new ArrayList<>(tasks.values());
  }

  /** Whether the code passed to {@code call} runs on another thread. */
  static boolean startsAnotherThread(Node call) {
    TaskOperation operation = call.taskOperation();
    if (operation != null && STARTS_ANOTHER_THREAD.contains(operation)) {
      return true;
    }
    if (operation == TaskOperation.CHAIN_STEP && afterAsyncStage(call)) {
      return true;
    }
    String owner = call.callee().owner();
    String name = call.callee().name();
    if (owner.equals("java.util.Timer") && name.startsWith("schedule")) {
      return true;
    }
    if (owner.equals("java.util.concurrent.ForkJoinPool")
        && (name.equals("submit") || name.equals("execute") || name.equals("invoke"))) {
      return true;
    }
    return ImmediateCallbacks.isStreamType(owner) && ImmediateCalls.onParallelStream(call);
  }

  private static boolean afterAsyncStage(Node call) {
    for (Node stage = call.receiverCall(); stage != null; stage = stage.receiverCall()) {
      TaskOperation operation = stage.taskOperation();
      if (operation == TaskOperation.ASYNC_START || operation == TaskOperation.ASYNC_STEP) {
        return true;
      }
      if (operation != TaskOperation.CHAIN_STEP) {
        return false;
      }
    }
    return false;
  }

  /**
   * The enclosing code's locals a lambda body uses: its captured names when the front-end gives
   * them, else the local roots it uses that the enclosing method also names; never a declared
   * parameter of the lambda or a local the lambda assigns itself.
   */
  static Set<String> captured(MethodModel body, MethodModel enclosing) {
    Set<String> assignedInside = new HashSet<>(body.parameterNames());
    for (Node node : body.nodes()) {
      LockPath stored = node.kind() == NodeKind.CALL ? node.resultStoredTo() : null;
      if (stored != null && stored.rootKind() == LockPath.RootKind.LOCAL) {
        assignedInside.add(stored.root());
      }
    }
    Set<String> captured = new HashSet<>();
    if (!body.capturedNames().isEmpty()) {
      captured.addAll(body.capturedNames());
    } else {
      Set<String> outside = localNames(enclosing);
      outside.addAll(enclosing.parameterNames());
      outside.addAll(enclosing.capturedNames());
      for (String name : localNames(body)) {
        if (outside.contains(name)) {
          captured.add(name);
        }
      }
    }
    captured.removeAll(assignedInside);
    return captured;
  }

  /** The local roots a method's nodes mention. */
  private static Set<String> localNames(MethodModel method) {
    Set<String> names = new HashSet<>();
    for (Node node : method.nodes()) {
      List<LockPath> paths = new ArrayList<>();
      paths.add(node.path());
      paths.add(node.receiver());
      paths.add(node.lock());
      paths.add(node.resultStoredTo());
      paths.addAll(node.arguments());
      paths.addAll(node.boundReceivers());
      for (LockPath path : paths) {
        if (path != null && path.rootKind() == LockPath.RootKind.LOCAL) {
          names.add(path.root());
        }
      }
      if (node.kind() == NodeKind.ESCAPE) {
        names.add(node.variable());
      }
    }
    return names;
  }
}
