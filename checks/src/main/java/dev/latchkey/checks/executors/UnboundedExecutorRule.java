package dev.latchkey.checks.executors;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.executors.ExecutorCreations.Bound;
import dev.latchkey.checks.model.DisplayNames;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import java.util.ArrayList;
import java.util.List;

/** UnboundedExecutor: an executor whose threads or work queue can grow without limit. */
final class UnboundedExecutorRule {
  private UnboundedExecutorRule() {}

  static List<Finding> apply(MethodModel method) {
    List<Finding> findings = new ArrayList<>();
    for (Node node : method.nodes()) {
      if (!ExecutorCreations.isCreation(node)) {
        continue;
      }
      Bound bound = ExecutorCreations.bound(node, method);
      if (bound.unbounded()) {
        findings.add(
            new Finding(
                CheckId.UNBOUNDED_EXECUTOR,
                node,
                List.of(),
                DisplayNames.code(node.label())
                    + " creates an executor with "
                    + bound.resource
                    + ": "
                    + bound.consequence
                    + ", until memory runs out; use a ThreadPoolExecutor with a bounded queue"
                    + " (ArrayBlockingQueue or LinkedBlockingQueue(n)) and a rejection policy"));
      }
    }
    return findings;
  }
}
