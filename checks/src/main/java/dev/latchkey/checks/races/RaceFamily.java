package dev.latchkey.checks.races;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.Program;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data-race family over one class: UnguardedFieldAccess, GuardedByViolation, RacyTaskMutation,
 * NonAtomicUpdate and UnsafeLazyInit, with one finding per defect: on a line with several race
 * findings only the most specific one is kept, and the unsynchronized reads of a double-checked
 * locking belong to its UnsafeLazyInit finding.
 */
public final class RaceFamily {
  /** Most specific first: a line keeps only the first of these among its findings. */
  private static final List<CheckId> PRECEDENCE =
      List.of(
          CheckId.NON_ATOMIC_UPDATE,
          CheckId.UNSAFE_LAZY_INIT,
          CheckId.GUARDED_BY_VIOLATION,
          CheckId.RACY_TASK_MUTATION,
          CheckId.UNGUARDED_FIELD_ACCESS);

  private RaceFamily() {}

  /** Each method's findings of the family, before suppressions. */
  public static Map<MethodModel, List<Finding>> analyze(ClassModel cls, LatchkeyConfig config) {
    return analyze(cls, List.of(), config, Program.empty());
  }

  /**
   * As {@link #analyze(ClassModel, LatchkeyConfig)}, with the classes whose code shares the class's
   * fields ({@code related}: its nest — outer, inner, local and anonymous classes — and its
   * superclasses, as far as the front-end has them; their accesses, locks and task starts are
   * judged with the class's, findings are reported only in the class's own methods) and the calls
   * of the scope's methods from the program's other classes, counted for the locks they hold on
   * entry.
   */
  public static Map<MethodModel, List<Finding>> analyze(
      ClassModel cls, List<ClassModel> related, LatchkeyConfig config, Program program) {
    RaceContext context = new RaceContext(cls, related, config, program);
    UnsafeLazyInitRule.Result lazy = UnsafeLazyInitRule.apply(context);
    List<Finding> all = new ArrayList<>();
    all.addAll(NonAtomicUpdateRule.apply(context));
    all.addAll(lazy.findings());
    all.addAll(GuardedByViolationRule.apply(context));
    all.addAll(RacyTaskMutationRule.apply(context, TaskCode.of(context)));
    all.addAll(UnguardedFieldAccessRule.apply(context, lazy.outerReads()));
    return byMethod(cls, oneFindingPerLine(all));
  }

  private static List<Finding> oneFindingPerLine(List<Finding> all) {
    Map<Object, Finding> kept = new HashMap<>();
    List<Object> order = new ArrayList<>();
    for (Finding finding : all) {
      Node node = finding.primary();
      Object where = node.line() > 0 ? (Object) node.line() : node;
      Finding earlier = kept.get(where);
      if (earlier == null) {
        kept.put(where, finding);
        order.add(where);
      } else if (PRECEDENCE.indexOf(finding.check()) < PRECEDENCE.indexOf(earlier.check())) {
        kept.put(where, finding);
      }
    }
    List<Finding> result = new ArrayList<>();
    for (Object where : order) {
      result.add(kept.get(where));
    }
    return result;
  }

  private static Map<MethodModel, List<Finding>> byMethod(ClassModel cls, List<Finding> findings) {
    Map<Node, MethodModel> owner = new IdentityHashMap<>();
    for (MethodModel method : cls.methods()) {
      for (Node node : method.nodes()) {
        owner.put(node, method);
      }
    }
    Map<MethodModel, List<Finding>> result = new IdentityHashMap<>();
    for (MethodModel method : cls.methods()) {
      result.put(method, new ArrayList<>());
    }
    for (Finding finding : findings) {
      MethodModel method = owner.get(finding.primary());
      if (method != null) {
        result.get(method).add(finding);
      }
    }
    return result;
  }
}
