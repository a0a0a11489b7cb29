package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.Program;
import java.util.ArrayList;
import java.util.List;

/**
 * What lock order derives from a whole {@link Program}, once: the acquisition closure and the
 * program-wide lock-order graph.
 */
final class LockOrderIndex {
  private final AcquisitionClosure closure;
  private final LockOrderGraph graph;

  private LockOrderIndex(Program program) {
    closure = new AcquisitionClosure(program);
    List<OrderEdge> edges = new ArrayList<>();
    for (ClassSummary cls : program.summaries()) {
      for (MethodSummary method : cls.methods()) {
        edges.addAll(OrderEdges.of(method, closure));
      }
    }
    graph = new LockOrderGraph(edges);
  }

  static LockOrderIndex of(Program program) {
    return program.derived(LockOrderIndex.class, LockOrderIndex::new);
  }

  AcquisitionClosure closure() {
    return closure;
  }

  LockOrderGraph graph() {
    return graph;
  }
}
