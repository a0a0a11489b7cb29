package dev.latchkey.checks.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The solver's work grows linearly with method size. Work is counted in transfer-function
 * applications, not timed, so the test is exact and repeatable; bench/ measures wall time.
 */
class ScalingTest {
  private static final LockPath LOCK = LockPath.ofThis().field("lock");

  @Test
  void nestedTryFinallyIsLinear() {
    assertLinear(ScalingTest::nestedTries, 12, 48);
  }

  @Test
  void longStraightLineIsLinear() {
    assertLinear(ScalingTest::sequentialSections, 250, 2000);
  }

  @Test
  void manyTestedTryLocksAreLinear() {
    assertLinear(ScalingTest::sequentialTryLocks, 250, 2000);
  }

  @Test
  void bigModelsStillFindTheirDefects() {
    MethodModel model = nestedTries(40);
    assertEquals(0, LockFamilyTest.findings(model).size());
  }

  /** Work per model node must not grow with the size of the model. */
  private static void assertLinear(IntFunction<MethodModel> shape, int small, int large) {
    MethodModel smallModel = shape.apply(small);
    MethodModel largeModel = shape.apply(large);
    double smallCost = (double) steps(smallModel) / smallModel.nodes().size();
    double largeCost = (double) steps(largeModel) / largeModel.nodes().size();
    assertTrue(
        largeCost < 1.5 * smallCost,
        "work per node grew from "
            + smallCost
            + " to "
            + largeCost
            + " (nodes: "
            + smallModel.nodes().size()
            + " -> "
            + largeModel.nodes().size()
            + ")");
  }

  private static long steps(MethodModel model) {
    return LockStateAnalysis.run(model, node -> java.util.List.of()).steps();
  }

  /**
   * Depth-n nesting: lock; try { ... lock; try { work } finally { unlock } ... } finally { unlock
   * }.
   */
  static MethodModel nestedTries(int depth) {
    CodeBuilder code = CodeBuilder.method("deep");
    nest(code, depth);
    return code.build();
  }

  private static void nest(CodeBuilder code, int depth) {
    LockPath lock = LockPath.ofThis().field("lock" + depth);
    Consumer<CodeBuilder> body =
        depth == 0
            ? c -> c.call("work", null)
            : c -> nest(c.ifVar("done" + depth, CodeBuilder::ret), depth - 1);
    code.lock(lock).tryFinally(body, c -> c.unlock(lock));
  }

  static MethodModel sequentialSections(int count) {
    CodeBuilder code = CodeBuilder.method("long");
    for (int i = 0; i < count; i++) {
      code.lock(LOCK).tryFinally(c -> c.call("work", null).call("more", null), c -> c.unlock(LOCK));
    }
    return code.build();
  }

  static MethodModel sequentialTryLocks(int count) {
    CodeBuilder code = CodeBuilder.method("polls");
    for (int i = 0; i < count; i++) {
      String condition = "#c" + i;
      code.tryLock(LOCK, condition)
          .ifVar(
              condition,
              then -> then.tryFinally(c -> c.call("work", null), c -> c.unlock(LOCK)),
              otherwise -> otherwise.call("skip", null));
    }
    return code.build();
  }
}
