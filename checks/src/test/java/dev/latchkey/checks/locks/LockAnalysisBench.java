package dev.latchkey.checks.locks;

import dev.latchkey.checks.Latchkey;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.MethodModel;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Wall-time benchmark of the core on synthetic methods of growing size (run by {@code bench/run},
 * not by the test suite). Prints nodes, solver steps and milliseconds per shape and size.
 */
public final class LockAnalysisBench {
  private LockAnalysisBench() {}

  public static void main(String[] args) {
    measure("straight-line sections", ScalingTest::sequentialSections, 500, 1000, 2000, 4000);
    measure("tested tryLocks", ScalingTest::sequentialTryLocks, 500, 1000, 2000, 4000);
    measure("nested try/finally", ScalingTest::nestedTries, 12, 24, 48, 96);
    measure("nested lock regions", ScalingTest::nestedRegions, 100, 200, 400, 800);
  }

  private static void measure(String name, IntFunction<MethodModel> shape, int... sizes) {
    for (int warmup = 0; warmup < 3; warmup++) {
      run(shape.apply(sizes[0]));
    }
    for (int size : sizes) {
      MethodModel model = shape.apply(size);
      long start = System.nanoTime();
      int findings = run(model);
      long micros = (System.nanoTime() - start) / 1000;
      long steps = LockStateAnalysis.run(model, node -> List.of()).steps();
      System.out.printf(
          "%-24s size %5d  nodes %7d  steps %9d  %8.1f ms  findings %d%n",
          name, size, model.nodes().size(), steps, micros / 1000.0, findings);
    }
  }

  private static int run(MethodModel model) {
    return Latchkey.analyze(new ClassModel("bench.Big", List.of(model)), LatchkeyConfig.DEFAULT)
        .size();
  }
}
