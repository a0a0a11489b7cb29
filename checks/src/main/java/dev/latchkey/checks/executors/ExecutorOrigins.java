package dev.latchkey.checks.executors;

import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;

/**
 * Where the executor a task is submitted to was created: in a local of the same method, or in a
 * field of the class assigned anywhere in it. Unknown origins are never unbounded.
 */
final class ExecutorOrigins {
  private ExecutorOrigins() {}

  /** True when every creation stored into {@code executor} is unbounded, and there is one. */
  static boolean isUnbounded(ClassModel cls, MethodModel method, LockPath executor) {
    return unboundedBy(cls, method, executor) != null;
  }

  /**
   * What grows with every task submitted to {@code executor} when every creation stored into it
   * leaves its tasks unbounded (threads, a queue, a thread per task), or null.
   */
  static ExecutorCreations.Bound unboundedBy(
      ClassModel cls, MethodModel method, LockPath executor) {
    boolean local = executor.rootKind() == LockPath.RootKind.LOCAL;
    ExecutorCreations.Bound found = null;
    for (MethodModel candidate : local ? java.util.List.of(method) : cls.methods()) {
      for (Node node : candidate.nodes()) {
        if (!executor.equals(node.resultStoredTo())) {
          continue;
        }
        if (ExecutorCreations.isCreation(node)) {
          ExecutorCreations.Bound bound = ExecutorCreations.bound(node, candidate);
          if (bound.unboundedPerTask()) {
            found = bound;
          }
        }
      }
    }
    return found;
  }
}
