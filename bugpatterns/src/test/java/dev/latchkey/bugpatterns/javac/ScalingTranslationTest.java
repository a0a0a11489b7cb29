package dev.latchkey.bugpatterns.javac;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.locks.LockFamily;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.MethodModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The javac translation of generated methods grows linearly with the code, and so does the
 * lock-state solver's work on it. Work is counted (model nodes, facts kept), not timed; bench/run
 * times the same shapes.
 */
class ScalingTranslationTest {
  @Test
  void nestedTryFinallyWithDistinctLocks() {
    assertLinear(ScalingTranslationTest::nested, 8, 64);
  }

  @Test
  void sequentialLockRegions() {
    assertLinear(ScalingTranslationTest::sequential, 50, 400);
  }

  /** Model nodes and solver facts per source level must not grow with the number of levels. */
  private static void assertLinear(IntFunction<String> shape, int small, int large) {
    long[] smallCost = cost(shape.apply(small));
    long[] largeCost = cost(shape.apply(large));
    double ratio = (double) large / small;
    assertTrue(
        largeCost[0] < 1.5 * ratio * smallCost[0],
        "model nodes grew from " + smallCost[0] + " to " + largeCost[0]);
    assertTrue(
        largeCost[1] < 1.5 * ratio * smallCost[1],
        "solver facts grew from " + smallCost[1] + " to " + largeCost[1]);
  }

  /** {nodes, facts} of the method {@code run} in the generated class. */
  private static long[] cost(String source) {
    ClassModel cls = Translations.of(source).get("p.T");
    MethodModel run =
        cls.methods().stream().filter(m -> m.ref().name().equals("run")).findFirst().orElseThrow();
    return new long[] {run.nodes().size(), LockFamily.storedFacts(run)};
  }

  /** lock l0; try { count++; lock l1; try { ... } finally { l1.unlock(); } } finally { ... } */
  static String nested(int depth) {
    List<String> lines = new ArrayList<>();
    lines.add("package p;");
    lines.add("import java.util.concurrent.locks.ReentrantLock;");
    lines.add("class T {");
    for (int i = 0; i < depth; i++) {
      lines.add("  final ReentrantLock l" + i + " = new ReentrantLock();");
    }
    lines.add("  int count;");
    lines.add("  void run() {");
    for (int i = 0; i < depth; i++) {
      lines.add("l" + i + ".lock(); try { count++;");
    }
    for (int i = depth - 1; i >= 0; i--) {
      lines.add("} finally { l" + i + ".unlock(); }");
    }
    lines.add("  }");
    lines.add("}");
    return String.join("\n", lines);
  }

  /** {@code count} lock regions one after the other on one lock. */
  static String sequential(int count) {
    List<String> lines = new ArrayList<>();
    lines.add("package p;");
    lines.add("import java.util.concurrent.locks.ReentrantLock;");
    lines.add("class T {");
    lines.add("  final ReentrantLock lock = new ReentrantLock();");
    lines.add("  int count;");
    lines.add("  void run() {");
    for (int i = 0; i < count; i++) {
      lines.add("    lock.lock(); try { count += " + i + "; } finally { lock.unlock(); }");
    }
    lines.add("  }");
    lines.add("}");
    return String.join("\n", lines);
  }
}
