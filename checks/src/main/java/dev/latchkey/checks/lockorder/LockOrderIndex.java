package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.Program;
import java.util.ArrayList;
import java.util.List;

/**
 * What lock order derives from a whole {@link Program}, once: the acquisition closure and the
 * program-wide lock-order graph, and the waits each method reaches.
 */
final class LockOrderIndex {
  private final AcquisitionClosure closure;
  private final LockOrderGraph graph;
  private final ProgramWaits waits;

  private LockOrderIndex(Program program) {
    Dispatch dispatch = new Dispatch(program);
    closure = new AcquisitionClosure(program, dispatch);
    waits = new ProgramWaits(program, dispatch);
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

  ProgramWaits waits() {
    return waits;
  }

  LockOrderGraph graph() {
    return graph;
  }
}
