package dev.latchkey.checks.exceptions;

import dev.latchkey.checks.Finding;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import dev.latchkey.checks.model.TaskOperation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The swallowed-exception family over one class. */
public final class ExceptionFamily {
  /** Calls whose task body runs once and then ends its thread or returns to the pool. */
  private static final Set<TaskOperation> ONE_SHOT_TASKS =
      EnumSet.of(
          TaskOperation.SUBMIT,
          TaskOperation.EXECUTE,
          TaskOperation.ASYNC_START,
          TaskOperation.THREAD_CREATE,
          TaskOperation.THREAD_START);

  private ExceptionFamily() {}

  /** Each method's findings of the family, before suppressions. */
  public static Map<MethodModel, List<Finding>> analyze(ClassModel cls, LatchkeyConfig config) {
    Predicate<Node> restoringCall = restoringCalls(cls, config);
    Map<MethodRef, MethodModel> byRef = new HashMap<>();
    cls.methods().forEach(method -> byRef.put(method.ref(), method));
    Set<MethodRef> expectedToThrow = expectedToThrow(cls);
    Set<MethodRef> taskBodies = taskBodies(cls);
    Map<MethodModel, List<Finding>> findings = new java.util.IdentityHashMap<>();
    for (MethodModel method : cls.methods()) {
      List<Finding> found = new ArrayList<>();
      if (!expectedToThrow.contains(method.ref())) {
        found.addAll(SwallowedExceptionRule.apply(method));
      }
      found.addAll(
          InterruptSwallowedRule.apply(
              method,
              isRunMethod(method.ref()) || taskBodies.contains(method.ref()),
              restoringCall));
      found.addAll(LostTaskExceptionRule.apply(method, byRef::get));
      found.addAll(FinallyMasksExceptionRule.apply(method));
      findings.put(method, found);
    }
    return findings;
  }

  /**
   * Lambda bodies a test runs expecting an exception ({@code assertThrows(X.class, () -> ...)}):
   * what they catch and drop is part of the scenario.
   */
  private static Set<MethodRef> expectedToThrow(ClassModel cls) {
    Set<MethodRef> bodies = new HashSet<>();
    for (MethodModel method : cls.methods()) {
      for (Node node : method.nodes()) {
        if (node.kind() == NodeKind.CALL && expectsThrow(node.callee().name())) {
          bodies.addAll(node.taskBodies());
        }
      }
    }
    return bodies;
  }

  /** Lambda bodies and methods handed to a thread or an executor as its task, once per run. */
  private static Set<MethodRef> taskBodies(ClassModel cls) {
    Set<MethodRef> bodies = new HashSet<>();
    for (MethodModel method : cls.methods()) {
      for (Node node : method.nodes()) {
        if (node.kind() == NodeKind.CALL
            && node.taskOperation() != null
            && ONE_SHOT_TASKS.contains(node.taskOperation())) {
          bodies.addAll(node.taskBodies());
        }
      }
    }
    return bodies;
  }

  /**
   * {@code Runnable.run()}, {@code Thread.run()}, {@code TimerTask.run()}: a thread's or task's
   * body.
   */
  private static boolean isRunMethod(MethodRef ref) {
    return ref.name().equals("run") && "()V".equals(ref.descriptor());
  }

  private static boolean expectsThrow(String method) {
    return method.startsWith("assertThrows")
        || method.startsWith("assertThatThrownBy")
        || method.startsWith("expectThrows")
        || method.startsWith("assertThatExceptionOfType");
  }

  /**
   * Calls that restore the interrupt: of a configured method, or of a method of this class that
   * restores it on every path (helpers calling such helpers included, a few levels deep).
   */
  private static Predicate<Node> restoringCalls(ClassModel cls, LatchkeyConfig config) {
    Set<MethodRef> helpers = new java.util.HashSet<>();
    Predicate<Node> configured =
        call ->
            call.kind() == NodeKind.CALL
                && call.callee() != null
                && config.interruptRestoringMethods().stream()
                    .anyMatch(p -> p.matches(call.callee()));
    Predicate<Node> restoring =
        call ->
            configured.test(call)
                || call.kind() == NodeKind.CALL && helpers.contains(call.callee());
    for (int round = 0; round < 3; round++) {
      boolean grew = false;
      for (MethodModel method : cls.methods()) {
        if (!helpers.contains(method.ref())
            && !method.has(MethodModel.Flag.LAMBDA)
            && InterruptSwallowedRule.restoresOnEveryPath(method, restoring)) {
          helpers.add(method.ref());
          grew = true;
        }
      }
      if (!grew) {
        break;
      }
    }
    return restoring;
  }
}
