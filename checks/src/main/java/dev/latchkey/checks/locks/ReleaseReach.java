package dev.latchkey.checks.locks;

import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a release of each lock can still come: the nodes from which some release of the lock (a
 * release node or a call that releases it) is reachable, the release itself included. A path's "not
 * held" state of a lock is read only by a later release (to tell a double release or a release
 * after a failed acquisition from a release for the caller); everywhere else it means what no state
 * means. So the solver forgets it where no release can follow, and paths that differ only in how
 * they let go of a lock they are done with merge again: the number of facts at a node does not grow
 * with the nesting depth of try/finally blocks.
 *
 * <p>Cost: one backward walk per lock that is released somewhere, computed on first use.
 */
final class ReleaseReach {
  private final MethodModel model;
  private final Map<LockPath, List<Node>> releases = new HashMap<>();
  private final Map<LockPath, BitSet> reaching = new HashMap<>();
  private List<List<Node>> predecessors;

  ReleaseReach(MethodModel model, Function<Node, List<CallEffect>> callEffects) {
    this.model = model;
    for (Node node : model.nodes()) {
      if (node.kind() == NodeKind.RELEASE && node.lockKind() != LockKind.MONITOR) {
        releases.computeIfAbsent(node.lock(), lock -> new ArrayList<>()).add(node);
      } else if (node.kind() == NodeKind.CALL) {
        for (CallEffect effect : callEffects.apply(node)) {
          if (effect.kind() == CallEffect.Kind.RELEASES) {
            releases.computeIfAbsent(effect.lock(), lock -> new ArrayList<>()).add(node);
          }
        }
      }
    }
  }

  /** Whether a release of {@code lock} can happen at or after {@code node}. */
  boolean canRelease(LockPath lock, Node node) {
    List<Node> sites = releases.get(lock);
    return sites != null && reaching.computeIfAbsent(lock, l -> walkBack(sites)).get(node.id());
  }

  /** Each node's predecessors, by node id. */
  List<List<Node>> predecessors() {
    if (predecessors == null) {
      predecessors = new ArrayList<>();
      for (int i = 0; i < model.nodes().size(); i++) {
        predecessors.add(new ArrayList<>());
      }
      for (Node node : model.nodes()) {
        for (Edge edge : node.out()) {
          List<Node> list = predecessors.get(edge.target().id());
          if (list.isEmpty() || list.get(list.size() - 1) != node) {
            list.add(node);
          }
        }
      }
    }
    return predecessors;
  }

  private BitSet walkBack(List<Node> sites) {
    BitSet seen = new BitSet(model.nodes().size());
    Deque<Node> work = new ArrayDeque<>();
    for (Node site : sites) {
      seen.set(site.id());
      work.add(site);
    }
    while (!work.isEmpty()) {
      for (Node source : predecessors().get(work.poll().id())) {
        if (!seen.get(source.id())) {
          seen.set(source.id());
          work.add(source);
        }
      }
    }
    return seen;
  }
}
