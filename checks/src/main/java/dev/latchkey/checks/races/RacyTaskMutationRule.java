package dev.latchkey.checks.races;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.api.ThreadSafeTypes;
import dev.latchkey.checks.lockset.HeldLocks;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import dev.latchkey.checks.races.Allocations.Safety;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RacyTaskMutation: code that runs on another thread ({@link TaskCode}) mutates state it shares,
 * holding no lock: writes a non-volatile field of the class, stores into an array it did not
 * create, or calls a mutating method ({@code add}, {@code put}, {@code append}, ...) on a
 * collection or builder that is not thread-safe and comes from outside the task (a captured local,
 * a field). A bound method reference ({@code results::add}) passed as the task is reported at the
 * call that passes it.
 */
final class RacyTaskMutationRule {
  private RacyTaskMutationRule() {}

  static List<Finding> apply(RaceContext context, TaskCode code) {
    // One finding per mutated field or object: the first mutation in source order, the others
    // related.
    Map<String, List<Node>> byTarget = new LinkedHashMap<>();
    Map<String, Finding> first = new HashMap<>();
    for (TaskCode.Task task : code.tasks()) {
      HeldLocks locks = context.locks(task.body());
      for (Node node : task.body().nodes()) {
        if (!locks.reached(node) || !locks.before(node).isEmpty()) {
          continue; // synchronized inside the task: the other side is judged by the other checks
        }
        String what = mutation(context, task, node);
        if (what != null) {
          String target = target(task, node);
          byTarget.computeIfAbsent(target, t -> new ArrayList<>()).add(node);
          first.putIfAbsent(
              target,
              new Finding(
                  CheckId.RACY_TASK_MUTATION,
                  node,
                  List.of(task.start()),
                  what
                      + " in code that runs on another thread (started by "
                      + task.start().label()
                      + " at line "
                      + task.start().line()
                      + "), without synchronization"));
        }
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, List<Node>> target : byTarget.entrySet()) {
      findings.add(oneFinding(first.get(target.getKey()), target.getValue()));
    }
    for (MethodModel method : context.cls.methods()) {
      for (Node node : method.nodes()) {
        if (node.kind() == NodeKind.CALL && TaskCode.startsAnotherThread(node)) {
          findings.addAll(boundReferences(context, method, node));
        }
      }
    }
    return findings;
  }

  /**
   * What a mutation changes: the field, or the array or object at a path (a captured local is the
   * creating method's own: two methods' locals of one name are two objects).
   */
  private static String target(TaskCode.Task task, Node node) {
    LockPath path = node.kind() == NodeKind.CALL ? node.receiver() : node.path();
    if (node.kind() == NodeKind.FIELD_WRITE || path == null) {
      return "field " + node.field();
    }
    return path.rootKind() == LockPath.RootKind.LOCAL
        ? (task.creator() == null ? "" : task.creator().ref()) + " " + path
        : String.valueOf(path);
  }

  /** {@code finding} moved to the first of {@code mutations} by line, the others related. */
  private static Finding oneFinding(Finding finding, List<Node> mutations) {
    List<Node> sorted = new ArrayList<>(mutations);
    sorted.sort(Comparator.comparingInt(n -> n.line() > 0 ? n.line() : Integer.MAX_VALUE));
    Node primary = sorted.get(0);
    List<Node> related = new ArrayList<>(finding.related());
    Set<Integer> lines = new HashSet<>(List.of(primary.line()));
    for (Node other : sorted) {
      if (lines.add(other.line())) {
        related.add(other);
      }
    }
    return new Finding(finding.check(), primary, related, finding.message());
  }

  private static String mutation(RaceContext context, TaskCode.Task task, Node node) {
    switch (node.kind()) {
      case FIELD_WRITE:
        {
          FieldModel field = context.ownField(node);
          if (field == null
              || field.isVolatile()
              || field.isFinal()
              || !context.isOwnAccess(node)
              || task.ownsObjectOf(node.path())
              || context.confined(field)) {
            return null;
          }
          return "writes the field `" + field.name() + "`";
        }
      case ARRAY_WRITE:
        {
          LockPath array = node.path();
          if (array == null || !shared(context, task, array)) {
            return null;
          }
          return "stores into the shared array `" + array + "`";
        }
      case CALL:
        {
          LockPath receiver = node.receiver();
          if (receiver == null
              || !ThreadSafeTypes.isMutator(node.callee().name())
              || !shared(context, task, receiver)) {
            return null;
          }
          if (safety(context, task.creator(), receiver, node.callee()) != Safety.UNSAFE) {
            return null;
          }
          return "`"
              + node.label()
              + "` mutates `"
              + receiver
              + "`, a collection or builder that is not thread-safe, shared with other threads";
        }
      default:
        return null;
    }
  }

  /** A captured local of the task, or a field of this object or class. */
  private static boolean shared(RaceContext context, TaskCode.Task task, LockPath path) {
    if (path.rootKind() == LockPath.RootKind.LOCAL) {
      return path.equals(LockPath.ofLocal(path.root()))
          && task.sharedLocals().contains(path.root());
    }
    return ownField(context, path) != null;
  }

  /** The field of this class that {@code path} names ({@code this.items}, {@code Foo.ITEMS}). */
  private static FieldModel ownField(RaceContext context, LockPath path) {
    return context.fieldAt(path);
  }

  /**
   * How safe the object at {@code receiver} is: by its creation (in {@code creator} for a local, in
   * any method of the class for a field), else by the static type the call names.
   */
  private static Safety safety(
      RaceContext context, MethodModel creator, LockPath receiver, MethodRef callee) {
    Safety safety;
    if (receiver.rootKind() == LockPath.RootKind.LOCAL) {
      safety = Allocations.of(context.storesInto(receiver, creator));
    } else {
      FieldModel field = ownField(context, receiver);
      safety =
          field == null
              ? Safety.UNKNOWN
              : Allocations.ofField(field, context.storesInto(receiver, null));
    }
    return safety != Safety.UNKNOWN ? safety : Allocations.ofType(callee.owner());
  }

  /** {@code results::add} handed to a task or a parallel stream: the task is the JDK method. */
  private static List<Finding> boundReferences(RaceContext context, MethodModel method, Node call) {
    List<Finding> findings = new ArrayList<>();
    List<LockPath> receivers = call.boundReceivers();
    for (int i = 0; i < receivers.size() && i < call.taskBodies().size(); i++) {
      LockPath receiver = receivers.get(i);
      MethodRef target = call.taskBodies().get(i);
      if (receiver == null
          || !ThreadSafeTypes.isMutator(target.name())
          || receiver.rootKind() != LockPath.RootKind.LOCAL
              && ownField(context, receiver) == null) {
        continue;
      }
      if (safety(context, method, receiver, target) == Safety.UNSAFE) {
        findings.add(
            new Finding(
                CheckId.RACY_TASK_MUTATION,
                call,
                List.of(),
                "`"
                    + receiver
                    + "::"
                    + target.name()
                    + "` runs on other threads (passed to "
                    + call.label()
                    + ") and mutates `"
                    + receiver
                    + "`, which is not thread-safe, without synchronization"));
      }
    }
    return findings;
  }
}
