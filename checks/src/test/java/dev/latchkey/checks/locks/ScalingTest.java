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
  void nestedRegionsAreLinear() {
    assertLinear(ScalingTest::nestedRegions, 12, 96);
  }

  @Test
  void longStraightLineIsLinear() {
    assertLinear(ScalingTest::sequentialSections, 250, 2000);
  }

  @Test
  void manyTestedTryLocksAreLinear() {
    assertLinear(ScalingTest::sequentialTryLocks, 250, 2000);
  }

  /**
   * The facts a node holds do not grow with the nesting depth: paths that threw out of different
   * inner levels differ only in how they let go of inner locks, which no later node asks about.
   */
  @Test
  void nestedTryFinallyFactsPerNodeStayBounded() {
    MethodModel small = nestedRegions(12);
    MethodModel large = nestedRegions(96);
    double smallFacts = (double) storedFacts(small) / small.nodes().size();
    double largeFacts = (double) storedFacts(large) / large.nodes().size();
    assertTrue(
        largeFacts < 1.5 * smallFacts,
        "facts per node grew from " + smallFacts + " to " + largeFacts);
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

  private static long storedFacts(MethodModel model) {
    return LockStateAnalysis.run(model, node -> java.util.List.of()).storedFacts();
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

  /**
   * Depth-n nesting of distinct locks without early exits, as generated code and deep lock
   * hierarchies have it: lock a; try { work; lock b; try { work; ... } finally { unlock b } }
   * finally { unlock a }. The model is linear in n (each finally has two copies).
   */
  static MethodModel nestedRegions(int depth) {
    CodeBuilder code = CodeBuilder.method("deep");
    nestRegion(code, 0, depth);
    return code.build();
  }

  private static void nestRegion(CodeBuilder code, int level, int depth) {
    LockPath lock = LockPath.ofThis().field("lock" + level);
    code.lock(lock)
        .tryFinally(
            c -> {
              c.call("work", null);
              if (level + 1 < depth) {
                nestRegion(c, level + 1, depth);
              }
            },
            c -> c.unlock(lock));
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
