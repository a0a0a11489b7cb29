package dev.latchkey.checks.exceptions;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.EdgeKind;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FinallyMasksException: a jump that completes a {@code finally} block abruptly while an exception
 * can be in flight. A jump guarded by a success flag that the {@code try} block sets as its last
 * step ({@code ok = true;} ... {@code finally { if (ok) { ... throw ...; } }}) runs only after the
 * {@code try} completed normally: no exception is in flight then, and nothing is masked. Tracked
 * boolean variables are followed as the lock analysis follows them.
 */
final class FinallyMasksExceptionRule {
  /** Search states at most; past it every jump is reported, as without the flag analysis. */
  private static final int MAX_STATES = 20_000;

  private FinallyMasksExceptionRule() {}

  static List<Finding> apply(MethodModel method) {
    List<Finding> findings = new ArrayList<>();
    Set<Node> masking = null;
    Set<Node> maskingWithoutFlags = null;
    for (Node node : method.nodes()) {
      if (!node.leavesFinally()) {
        continue;
      }
      if (masking == null) {
        masking = reachedWithExceptionInFlight(method, true);
        maskingWithoutFlags = reachedWithExceptionInFlight(method, false);
      }
      if (guardedByFlag(node, masking, maskingWithoutFlags)) {
        continue;
      }
      String jump =
          switch (node.kind()) {
            case RETURN -> "this return";
            case THROW -> "this throw";
            default -> "this break/continue";
          };
      findings.add(
          new Finding(
              CheckId.FINALLY_MASKS_EXCEPTION,
              node,
              List.of(),
              jump
                  + " leaves the finally block, so an exception thrown in the try block is"
                  + " silently discarded"
                  + (returnsValue(method) ? " (and a pending return value replaced)" : "")
                  + "; move it out of the finally block"));
    }
    return findings;
  }

  /**
   * An exception in flight reaches the jump only on paths the flags rule out: a success flag guards
   * it.
   */
  private static boolean guardedByFlag(Node jump, Set<Node> withFlags, Set<Node> withoutFlags) {
    return withFlags != null
        && withoutFlags != null
        && !withFlags.contains(jump)
        && withoutFlags.contains(jump);
  }

  private record State(Node node, boolean inFlight, Map<String, Boolean> flags) {}

  /**
   * The nodes that a path reaches after an exception was raised (it took an exceptional edge), with
   * the tracked flags consistent along it when {@code followFlags}; null when the search is too
   * large to decide.
   */
  private static Set<Node> reachedWithExceptionInFlight(MethodModel method, boolean followFlags) {
    Set<Node> reached = new HashSet<>();
    Set<State> seen = new HashSet<>();
    Deque<State> work = new ArrayDeque<>();
    work.add(new State(method.entry(), false, Map.of()));
    while (!work.isEmpty()) {
      State state = work.poll();
      if (!seen.add(state)) {
        continue;
      }
      if (seen.size() > MAX_STATES) {
        return null;
      }
      Node node = state.node();
      if (state.inFlight()) {
        reached.add(node);
      }
      Map<String, Boolean> flags =
          node.kind() == NodeKind.ASSIGN
              ? FlagValues.without(state.flags(), node.variable())
              : state.flags();
      for (Edge edge : node.out()) {
        Map<String, Boolean> next = flags;
        if (followFlags
            && node.kind() == NodeKind.BRANCH
            && (edge.kind() == EdgeKind.TRUE || edge.kind() == EdgeKind.FALSE)) {
          boolean value = edge.kind() == EdgeKind.TRUE;
          Boolean known = flags.get(node.variable());
          if (known != null && known != value) {
            continue;
          }
          next = FlagValues.with(flags, node.variable(), value);
        }
        boolean inFlight =
            state.inFlight() || (edge.kind() == EdgeKind.EXCEPTIONAL && raises(node));
        work.add(new State(edge.target(), inFlight, next));
      }
    }
    return reached;
  }

  /**
   * Whether an exception can start at {@code node}: a call, a lock operation, a throw. A front-end
   * gives every node of a protected range an exceptional edge, also the assignment of a flag, which
   * cannot throw.
   */
  private static boolean raises(Node node) {
    return switch (node.kind()) {
      case CALL, ACQUIRE, TRY_ACQUIRE, RELEASE, THROW, HELD_CHECK -> true;
      default -> false;
    };
  }

  private static boolean returnsValue(MethodModel method) {
    String descriptor = method.ref().descriptor();
    return descriptor != null && !descriptor.endsWith(")V");
  }
}
