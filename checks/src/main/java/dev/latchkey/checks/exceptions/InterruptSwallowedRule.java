package dev.latchkey.checks.exceptions;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.api.ExceptionApi;
import dev.latchkey.checks.model.CatchClause;
import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.EdgeKind;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import dev.latchkey.checks.model.TaskOperation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * InterruptSwallowed: a handler receives InterruptedException, and on some path from it to the end
 * of the method the interrupt status is neither restored nor an InterruptedException thrown.
 * Following the paths past the handler accepts the deferred restore of "uninterruptible" loops
 * ({@code catch (InterruptedException e) { interrupted = true; } ... finally { if (interrupted)
 * Thread.currentThread().interrupt(); }}): tracked boolean variables are followed as the lock
 * analysis follows them, so the restore counts on exactly the paths that set the flag.
 */
final class InterruptSwallowedRule {
  /** Search states at most; a method this tangled gets no finding rather than a slow build. */
  private static final int MAX_STATES = 20_000;

  private InterruptSwallowedRule() {}

  /**
   * @param endsTheThread {@code method} is the top-level body of a thread or task ({@code run()}, a
   *     task's lambda): when it ends, the thread ends or goes back to its pool, which resets the
   *     status; nobody is left to tell unless the body goes on after the handler
   * @param restoringCall calls that restore the interrupt (or turn it into an exception that
   *     carries it) besides {@code Thread.currentThread().interrupt()}: the class's own helpers
   *     that do on every path, and the configured {@code InterruptRestoringMethods}
   */
  static List<Finding> apply(
      MethodModel method, boolean endsTheThread, Predicate<Node> restoringCall) {
    List<Finding> findings = new ArrayList<>();
    for (Node node : method.nodes()) {
      if (node.kind() == NodeKind.CATCH
          && ExceptionTypes.catchesInterrupted(node.catchClause())
          && !interruptCaughtByAnEarlierClause(method, node)
          && !(endsTheThread && !inLoop(method, node))) {
        Node leak = unrestoredExit(node, restoringCall);
        if (leak != null) {
          findings.add(
              new Finding(
                  CheckId.INTERRUPT_SWALLOWED,
                  node,
                  leak.line() > 0 ? List.of(leak) : List.of(),
                  "InterruptedException is caught here and "
                      + describe(leak)
                      + " without restoring the interrupt status, so code further up can no"
                      + " longer tell that the thread was asked to stop; call"
                      + " Thread.currentThread().interrupt() or rethrow it"));
        }
      }
    }
    return findings;
  }

  /**
   * Whether the handler can run again: a path from it leads back to it (a worker loop that goes on
   * after swallowing the interrupt).
   */
  private static boolean inLoop(MethodModel method, Node handler) {
    boolean[] seen = new boolean[method.nodes().size()];
    Deque<Node> work = new ArrayDeque<>(List.of(handler));
    while (!work.isEmpty()) {
      for (Edge edge : work.poll().out()) {
        Node next = edge.target();
        if (next == handler) {
          return true;
        }
        if (!seen[next.id()]) {
          seen[next.id()] = true;
          work.add(next);
        }
      }
    }
    return false;
  }

  /**
   * {@code catch (InterruptedException e) {..} catch (Exception e) {..}}: the broad clause never
   * sees the interrupt, because every call that reaches it reaches the narrower clause too.
   */
  private static boolean interruptCaughtByAnEarlierClause(MethodModel method, Node broad) {
    if (broad.catchClause().caughtTypes().contains(ExceptionTypes.INTERRUPTED)) {
      return false;
    }
    boolean any = false;
    for (Node node : method.nodes()) {
      boolean reachesBroad = false;
      boolean reachesNamed = false;
      for (Edge edge : node.out()) {
        if (edge.kind() != EdgeKind.EXCEPTIONAL) {
          continue;
        }
        if (edge.target() == broad) {
          reachesBroad = true;
        } else if (edge.target().kind() == NodeKind.CATCH
            && edge.target().catchClause().caughtTypes().contains(ExceptionTypes.INTERRUPTED)) {
          reachesNamed = true;
        }
      }
      if (reachesBroad) {
        any = true;
        if (!reachesNamed) {
          return false;
        }
      }
    }
    return any;
  }

  /** A point of a path: where it is, whether the interrupt was restored, the flags it set. */
  private record State(
      Node node, boolean restored, Node leftHandlerAt, Map<String, Boolean> flags) {}

  /**
   * Where the first path that ends (method exit, or a throw) with the interrupt lost left the
   * handler, or null when every path restores it. When no path ends at all (a {@code while (true)}
   * worker loop), the thread runs on as if never interrupted: leaving the handler unrestored is
   * then the leak.
   */
  private static Node unrestoredExit(Node entry, Predicate<Node> restoringCall) {
    CatchClause clause = entry.catchClause();
    Node leftUnrestored = null;
    boolean reachedEnd = false;
    Set<State> seen = new HashSet<>();
    Deque<State> work = new ArrayDeque<>();
    work.add(new State(entry, false, null, Map.of()));
    while (!work.isEmpty()) {
      State state = work.poll();
      if (!seen.add(state)) {
        continue;
      }
      if (seen.size() > MAX_STATES) {
        return null;
      }
      Node node = state.node();
      boolean restored = state.restored() || restoresInterrupt(node) || restoringCall.test(node);
      Node left = state.leftHandlerAt();
      if (left == null && leavesHandler(node, entry)) {
        left = node;
        if (!restored && leftUnrestored == null) {
          leftUnrestored = node;
        }
      }
      if (node.kind() == NodeKind.THROW || node.kind() == NodeKind.EXIT) {
        reachedEnd = true;
      }
      if (node.kind() == NodeKind.THROW) {
        if (!restored && !rethrowsInterrupted(node, clause)) {
          return left != null ? left : node;
        }
        continue;
      }
      if (node.kind() == NodeKind.EXIT) {
        if (!restored) {
          return left != null ? left : node;
        }
        continue;
      }
      Map<String, Boolean> flags =
          node.kind() == NodeKind.ASSIGN
              ? FlagValues.without(state.flags(), node.variable())
              : state.flags();
      for (Edge edge : node.out()) {
        if (edge.kind() == EdgeKind.EXCEPTIONAL) {
          continue;
        }
        Map<String, Boolean> next = flags;
        if (node.kind() == NodeKind.BRANCH && edge.kind() != EdgeKind.NORMAL) {
          boolean value = edge.kind() == EdgeKind.TRUE;
          Boolean known = flags.get(node.variable());
          if (known != null && known != value) {
            continue;
          }
          next = FlagValues.with(flags, node.variable(), value);
        }
        work.add(new State(edge.target(), restored, left, next));
      }
    }
    return reachedEnd ? null : leftUnrestored;
  }

  private static boolean leavesHandler(Node node, Node entry) {
    return switch (node.kind()) {
      case CATCH_END -> node.handler() == entry;
      case RETURN, JUMP, THROW, EXIT -> true;
      default -> false;
    };
  }

  /**
   * Whether {@code method} restores the interrupt on every path to its normal end, by itself or
   * through {@code restoringCall}s ({@code void restoreInterrupt(InterruptedException e) {
   * Thread.currentThread().interrupt(); log(e); }}).
   */
  static boolean restoresOnEveryPath(MethodModel method, Predicate<Node> restoringCall) {
    boolean[] seen = new boolean[method.nodes().size()];
    Deque<Node> work = new ArrayDeque<>(List.of(method.entry()));
    boolean restores = false;
    while (!work.isEmpty()) {
      Node node = work.poll();
      if (restoresInterrupt(node) || restoringCall.test(node)) {
        restores = true;
        continue;
      }
      if (node.kind() == NodeKind.EXIT) {
        return false;
      }
      for (Edge edge : node.out()) {
        if (!seen[edge.target().id()]) {
          seen[edge.target().id()] = true;
          work.add(edge.target());
        }
      }
    }
    return restores;
  }

  private static boolean restoresInterrupt(Node node) {
    return node.kind() == NodeKind.CALL
        && node.taskOperation() == TaskOperation.INTERRUPT
        && node.receiverCall() != null
        && node.receiverCall().taskOperation() == TaskOperation.CURRENT_THREAD;
  }

  private static boolean rethrowsInterrupted(Node node, CatchClause clause) {
    return ExceptionTypes.INTERRUPTED.equals(node.thrownType())
        || (node.thrownType() != null && ExceptionApi.carriesInterrupt(node.thrownType()))
        || (node.variable() != null && node.variable().equals(clause.variable()));
  }

  private static String describe(Node exit) {
    return switch (exit.kind()) {
      case THROW -> "another exception is thrown at line " + exit.line();
      case RETURN -> "the method returns at line " + exit.line();
      case JUMP -> "the loop goes on at line " + exit.line();
      case EXIT -> "the method completes";
      default -> "the handler completes";
    };
  }
}
