package dev.latchkey.checks.executors;

import dev.latchkey.checks.Finding;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import dev.latchkey.checks.model.TaskOperation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The unbounded-executor family over one class. */
public final class ExecutorFamily {
  private ExecutorFamily() {}

  /** Each method's findings of the family, before suppressions. */
  public static Map<MethodModel, List<Finding>> analyze(ClassModel cls, LatchkeyConfig config) {
    Set<MethodRef> perItemBodies = new HashSet<>();
    for (MethodModel method : cls.methods()) {
      for (Node node : method.nodes()) {
        if (node.kind() == NodeKind.CALL && node.taskOperation() == TaskOperation.FOR_EACH) {
          perItemBodies.addAll(node.taskBodies());
        }
      }
    }
    Map<MethodModel, List<Finding>> findings = new IdentityHashMap<>();
    for (MethodModel method : cls.methods()) {
      List<Finding> found = new ArrayList<>();
      boolean testCode = ExecutorCreations.isTestCode(cls.name(), method);
      if (!testCode || config.checkTestCode()) {
        found.addAll(UnboundedExecutorRule.apply(method));
        found.addAll(ExecutorNotShutdownRule.apply(cls, method));
      }
      found.addAll(
          UnboundedSubmissionRule.apply(cls, method, perItemBodies.contains(method.ref())));
      findings.put(method, found);
    }
    return findings;
  }
}
