package dev.latchkey.bugpatterns.javac;

import com.sun.source.tree.CatchTree;
import com.sun.source.tree.Tree;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.block.Block;
import org.checkerframework.errorprone.dataflow.cfg.block.SpecialBlock;
import org.checkerframework.errorprone.dataflow.cfg.node.MarkerNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;

/**
 * Which copy of a {@code catch} handler each CFG block belongs to. The CFG builder copies {@code
 * finally} blocks once per way out of their {@code try}, handlers written inside them included;
 * each copy starts at its own block (the one with the {@link CfgFactory#CATCH_START} marker), and
 * the copy's CATCH node is the one the way out of that copy (its CATCH_END) must name.
 *
 * <p>A block belongs to a copy when it is reached from the copy's start without leaving the
 * handler: its first node whose tree is in the source lies inside the {@code catch} clause (blocks
 * without such a node — conditions, code the CFG builder made up — go with the block they are
 * reached from). The block holding the handler's {@link CfgFactory#CATCH_END} marker is its last.
 */
final class HandlerCopies {
  private final BodyTrees trees;
  private final Map<Block, Map<CatchTree, Block>> starts = new IdentityHashMap<>();

  private HandlerCopies(BodyTrees trees) {
    this.trees = trees;
  }

  static HandlerCopies of(ControlFlowGraph cfg, BodyTrees trees) {
    HandlerCopies copies = new HandlerCopies(trees);
    for (Block block : cfg.getAllBlocks()) {
      for (Node node : block.getNodes()) {
        if (isMarker(node, CfgFactory.CATCH_START) && node.getTree() instanceof CatchTree handler) {
          copies.collect(block, handler);
        }
      }
    }
    return copies;
  }

  /** The block where the copy of {@code handler} that contains {@code block} starts, or null. */
  Block startOf(Block block, CatchTree handler) {
    return starts.getOrDefault(block, Map.of()).get(handler);
  }

  static boolean isMarker(Node node, String message) {
    return node instanceof MarkerNode marker && marker.getMessage().equals(message);
  }

  private void collect(Block start, CatchTree handler) {
    Set<Block> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Block> work = new ArrayDeque<>();
    work.add(start);
    seen.add(start);
    while (!work.isEmpty()) {
      Block block = work.poll();
      starts.computeIfAbsent(block, b -> new IdentityHashMap<>()).putIfAbsent(handler, start);
      if (endsHandler(block, handler)) {
        continue;
      }
      for (Block successor : block.getSuccessors()) {
        if (seen.add(successor) && inside(successor, handler)) {
          work.add(successor);
        }
      }
    }
  }

  private static boolean endsHandler(Block block, CatchTree handler) {
    for (Node node : block.getNodes()) {
      if (isMarker(node, CfgFactory.CATCH_END) && node.getTree() == handler) {
        return true;
      }
    }
    return false;
  }

  private boolean inside(Block block, CatchTree handler) {
    if (block instanceof SpecialBlock) {
      return false;
    }
    for (Node node : block.getNodes()) {
      Tree tree = node.getTree();
      if (trees.contains(tree)) {
        return trees.isInside(tree, handler);
      }
    }
    return true;
  }
}
