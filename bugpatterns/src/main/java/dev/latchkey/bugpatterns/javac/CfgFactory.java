package dev.latchkey.bugpatterns.javac;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGTranslationPhaseOne;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGTranslationPhaseThree;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGTranslationPhaseTwo;
import org.checkerframework.errorprone.dataflow.cfg.node.MarkerNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.javacutil.BasicAnnotationProvider;
import org.checkerframework.errorprone.javacutil.trees.TreeBuilder;

/**
 * Builds the Checker Framework CFG of a body, as {@code CFGBuilder.build} does, and also remembers
 * the trees the CFG builder made up while desugaring (an enhanced for loop's {@code iterator()},
 * {@code hasNext()}, {@code next()}; try-with-resources' {@code close()}): they have no source
 * position, so their events are reported at the statement they come from. A {@code return;} gets a
 * marker node so that it has an event like a {@code return} with a value; a {@code catch} clause
 * gets markers where its handler starts and where control falls out of it, and a {@code break} or
 * {@code continue} a marker before its jump (the CFG builder represents them by edges only).
 */
final class CfgFactory {
  /**
   * The CFG, the trees that are not in the source, and for each of those the source tree the CFG
   * builder was translating when it made it up (an enhanced for loop, a {@code v++}).
   */
  record Cfg(ControlFlowGraph graph, Set<Tree> artificialTrees, Map<Tree, Tree> artificialSources) {
    /** {@code tree}, or for a made-up tree the source tree it stands for (may be null). */
    Tree sourceOf(Tree tree) {
      return artificialTrees.contains(tree) ? artificialSources.get(tree) : tree;
    }
  }

  /**
   * The message of the marker added for a {@code return;}, which the CFG builder represents by a
   * jump only: the translation turns the marker into a RETURN event.
   */
  static final String VOID_RETURN = "latchkey: return without a value";

  /** The message of the marker at the start of a handler; its tree is the {@code CatchTree}. */
  static final String CATCH_START = "latchkey: start of handler";

  /**
   * The message of the marker where control falls out of the end of a handler; its tree is the
   * {@code CatchTree}.
   */
  static final String CATCH_END = "latchkey: end of handler";

  /** The message of the marker before a {@code break}/{@code continue}; its tree is the jump. */
  static final String JUMP = "latchkey: jump";

  private CfgFactory() {}

  static Cfg build(TreePath bodyPath, UnderlyingAST ast, ProcessingEnvironment env) {
    Set<Tree> artificial = Collections.newSetFromMap(new IdentityHashMap<>());
    Map<Tree, Tree> sources = new IdentityHashMap<>();
    CFGTranslationPhaseOne phaseOne =
        new CFGTranslationPhaseOne(
            new TreeBuilder(env), new BasicAnnotationProvider(), false, false, env) {
          @Override
          public void handleArtificialTree(Tree tree) {
            artificial.add(tree);
            TreePath current = getCurrentPath();
            Tree source = current == null ? null : current.getLeaf();
            while (source != null && artificial.contains(source)) {
              source = sources.get(source);
            }
            if (source != null) {
              sources.put(tree, source);
            }
          }

          @Override
          public Node visitReturn(ReturnTree tree, Void unused) {
            if (tree.getExpression() == null) {
              extendWithNode(new MarkerNode(tree, VOID_RETURN, types));
            }
            return super.visitReturn(tree, unused);
          }

          @Override
          public Node visitCatch(CatchTree tree, Void unused) {
            extendWithNode(new MarkerNode(tree, CATCH_START, types));
            super.visitCatch(tree, unused);
            extendWithNode(new MarkerNode(tree, CATCH_END, types));
            return null;
          }

          @Override
          public Node visitBreak(BreakTree tree, Void unused) {
            extendWithNode(new MarkerNode(tree, JUMP, types));
            return super.visitBreak(tree, unused);
          }

          @Override
          public Node visitContinue(ContinueTree tree, Void unused) {
            extendWithNode(new MarkerNode(tree, JUMP, types));
            return super.visitContinue(tree, unused);
          }
        };
    ControlFlowGraph graph =
        CFGTranslationPhaseThree.process(
            CFGTranslationPhaseTwo.process(phaseOne.process(bodyPath, ast)));
    return new Cfg(graph, artificial, sources);
  }
}
