package dev.latchkey.bugpatterns.javac;

import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.Collections;
import java.util.IdentityHashMap;
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
 * marker node so that it has an event like a {@code return} with a value.
 */
final class CfgFactory {
  /** The CFG, and the trees that are not in the source. */
  record Cfg(ControlFlowGraph graph, Set<Tree> artificialTrees) {}

  /**
   * The message of the marker added for a {@code return;}, which the CFG builder represents by a
   * jump only: the translation turns the marker into a RETURN event.
   */
  static final String VOID_RETURN = "latchkey: return without a value";

  private CfgFactory() {}

  static Cfg build(TreePath bodyPath, UnderlyingAST ast, ProcessingEnvironment env) {
    Set<Tree> artificial = Collections.newSetFromMap(new IdentityHashMap<>());
    CFGTranslationPhaseOne phaseOne =
        new CFGTranslationPhaseOne(
            new TreeBuilder(env), new BasicAnnotationProvider(), false, false, env) {
          @Override
          public void handleArtificialTree(Tree tree) {
            artificial.add(tree);
          }

          @Override
          public Node visitReturn(ReturnTree tree, Void unused) {
            if (tree.getExpression() == null) {
              extendWithNode(new MarkerNode(tree, VOID_RETURN, types));
            }
            return super.visitReturn(tree, unused);
          }
        };
    ControlFlowGraph graph =
        CFGTranslationPhaseThree.process(
            CFGTranslationPhaseTwo.process(phaseOne.process(bodyPath, ast)));
    return new Cfg(graph, artificial);
  }
}
