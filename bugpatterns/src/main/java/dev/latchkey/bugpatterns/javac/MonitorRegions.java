package dev.latchkey.bugpatterns.javac;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import dev.latchkey.checks.model.LockPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.errorprone.dataflow.cfg.block.Block;
import org.checkerframework.errorprone.dataflow.cfg.block.SpecialBlock;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.dataflow.cfg.node.SynchronizedNode;

/**
 * The {@code synchronized} blocks of a body and which CFG edges leave them. The Checker Framework
 * CFG marks only where control falls out of the end of a block ({@link SynchronizedNode} with
 * {@code getIsStartOfBlock() == false}); a {@code return}, {@code break} or {@code continue} inside
 * it, and an exception raised inside it and handled (or leaving the method) outside it, are plain
 * edges. Each CFG node lies inside the blocks whose body holds its tree (a tree the CFG builder
 * made up lies where the source tree it was made for lies); an edge from a block whose last such
 * node is inside a {@code synchronized} block to one whose first such node is not leaves it, and
 * the translation puts the monitor's release on that edge. Monitors whose lock has no path are left
 * out altogether.
 */
final class MonitorRegions {
  /** A {@code synchronized} block whose lock has a path. */
  record Monitor(SynchronizedTree tree, LockPath lock, String rootType, int line, String label) {}

  private static final MonitorRegions NONE = new MonitorRegions(null, null, Map.of());

  private final CfgFactory.Cfg cfg;
  private final BodyTrees trees;
  private final Map<SynchronizedTree, Monitor> monitors;
  private final Map<Tree, List<Monitor>> enclosing = new IdentityHashMap<>();
  private final Map<Block, List<Monitor>> heads = new IdentityHashMap<>();
  private final Map<Block, List<Monitor>> tails = new IdentityHashMap<>();
  private final Set<Block> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

  private MonitorRegions(
      CfgFactory.Cfg cfg, BodyTrees trees, Map<SynchronizedTree, Monitor> monitors) {
    this.cfg = cfg;
    this.trees = trees;
    this.monitors = monitors;
  }

  /** The monitors of the body under {@code root} (not of lambdas or classes declared in it). */
  static MonitorRegions of(ClassContext context, CfgFactory.Cfg cfg, BodyTrees trees, Tree root) {
    Map<SynchronizedTree, Monitor> monitors = new IdentityHashMap<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitSynchronized(SynchronizedTree tree, Void unused) {
        ExpressionTree lock = tree.getExpression();
        LockPath path = context.resolver().resolve(lock);
        if (path != null) {
          String shown = lock.toString();
          if (shown.startsWith("(") && shown.endsWith(")")) {
            shown = shown.substring(1, shown.length() - 1);
          }
          monitors.put(
              tree,
              new Monitor(
                  tree,
                  path,
                  context.resolver().rootType(lock, path),
                  context.startLine(tree),
                  "synchronized (" + shown + ")"));
        }
        return super.visitSynchronized(tree, null);
      }

      @Override
      public Void visitLambdaExpression(
          com.sun.source.tree.LambdaExpressionTree tree, Void unused) {
        return tree == root ? super.visitLambdaExpression(tree, null) : null;
      }

      @Override
      public Void visitClass(com.sun.source.tree.ClassTree tree, Void unused) {
        return null;
      }
    }.scan(root, null);
    return monitors.isEmpty() ? NONE : new MonitorRegions(cfg, trees, monitors);
  }

  /** The monitor a {@link SynchronizedNode} enters or leaves, or null when it has no path. */
  Monitor monitor(SynchronizedNode node) {
    return monitors.get(node.getTree());
  }

  /**
   * The monitors whose blocks control leaves on the edge from {@code from} to {@code to}, innermost
   * first.
   */
  List<Monitor> leaving(Block from, Block to) {
    if (monitors.isEmpty()) {
      return List.of();
    }
    List<Monitor> left = new ArrayList<>(tail(from));
    left.removeAll(head(to));
    Collections.reverse(left);
    return left;
  }

  private List<Monitor> head(Block block) {
    List<Monitor> known = heads.get(block);
    if (known == null) {
      known = position(block, true);
      heads.put(block, known);
    }
    return known;
  }

  private List<Monitor> tail(Block block) {
    List<Monitor> known = tails.get(block);
    if (known == null) {
      known = position(block, false);
      tails.put(block, known);
    }
    return known;
  }

  /**
   * Where the first (or last) node of {@code block} with a place in the source lies; a block with
   * none (a condition) lies where its first predecessor ends.
   */
  private List<Monitor> position(Block block, boolean first) {
    if (block instanceof SpecialBlock) {
      return List.of();
    }
    List<Node> nodes = new ArrayList<>(block.getNodes());
    if (!first) {
      Collections.reverse(nodes);
    }
    for (Node node : nodes) {
      List<Monitor> inside = position(node, first);
      if (inside != null) {
        return inside;
      }
    }
    if (block.getPredecessors().isEmpty() || !inProgress.add(block)) {
      return List.of();
    }
    try {
      return tail(block.getPredecessors().iterator().next());
    } finally {
      inProgress.remove(block);
    }
  }

  /**
   * The monitors whose block holds {@code node}, outermost first; null when it has no place. The
   * start and the end of a {@code synchronized} block lie outside it on one side and inside it on
   * the other: {@code before} asks for the side control enters them from.
   */
  private List<Monitor> position(Node node, boolean before) {
    Tree tree = node instanceof SynchronizedNode sync ? sync.getTree() : node.getTree();
    tree = tree == null ? null : cfg.sourceOf(tree);
    if (tree == null || !trees.contains(tree)) {
      return null;
    }
    List<Monitor> outside = enclosing.computeIfAbsent(tree, this::enclosingMonitors);
    if (node instanceof SynchronizedNode sync
        && sync.getIsStartOfBlock() != before
        && monitors.containsKey(sync.getTree())) {
      List<Monitor> inside = new ArrayList<>(outside);
      inside.add(monitors.get(sync.getTree()));
      return inside;
    }
    return outside;
  }

  private List<Monitor> enclosingMonitors(Tree tree) {
    List<Monitor> inside = new ArrayList<>();
    Tree child = tree;
    for (Tree parent = trees.parent(tree); parent != null; parent = trees.parent(parent)) {
      if (parent instanceof SynchronizedTree sync
          && child == sync.getBlock()
          && monitors.containsKey(sync)) {
        inside.add(0, monitors.get(sync));
      }
      child = parent;
    }
    return inside;
  }
}
