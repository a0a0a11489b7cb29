package dev.latchkey.bugpatterns;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.latchkey.fixtures.FixtureFile;
import dev.latchkey.fixtures.Fixtures;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Latchkey adds to a compilation: the CPU time of javac + Error Prone with every Latchkey
 * check on, against the same compilation with every check off, on the fixtures and on the core's
 * own sources. A benchmark, not a test: it runs only with {@code -Dlatchkey.bench=true} (see {@code
 * bench/javac-cost}) and prints its numbers; the compiling thread's CPU time is measured, so that
 * other processes on the machine disturb it less than wall time.
 */
class JavacCostBench {
  private static final int WARMUP = 2;

  @Test
  void latchkeyCostPerCompilation(@TempDir Path scratch) {
    assumeTrue(Boolean.getBoolean("latchkey.bench"), "benchmark: -Dlatchkey.bench=true");
    int runs = Integer.getInteger("latchkey.bench.runs", 7);
    Path fixtures = scratch.resolve("fixtures");
    for (FixtureFile file : Fixtures.load()) {
      if (file.release() <= Runtime.version().feature()) {
        ErrorProneRun.write(fixtures, file.path(), file.source());
      }
    }
    Path core = Path.of(System.getProperty("latchkey.bench.core", "../checks/src/main/java"));
    for (Path corpus : List.of(fixtures, core)) {
      List<Long> off = measure(corpus, List.of("-XepDisableAllChecks"), runs);
      List<Long> on = measure(corpus, ErrorProneRun.latchkeyOnly(), runs);
      System.out.printf(
          "latchkey-cost %s: checks off min %d ms median %d ms; Latchkey on min %d ms median %d"
              + " ms%n",
          corpus == fixtures ? "fixtures" : "core sources",
          off.get(0),
          off.get(runs / 2),
          on.get(0),
          on.get(runs / 2));
    }
  }

  /** Sorted CPU milliseconds of {@code runs} compilations of {@code corpus}, after a warm-up. */
  private static List<Long> measure(Path corpus, List<String> flags, int runs) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < WARMUP + runs; i++) {
      long start = threads.getCurrentThreadCpuTime();
      ErrorProneRun.Result result = ErrorProneRun.compile(corpus, flags);
      long millis = (threads.getCurrentThreadCpuTime() - start) / 1_000_000;
      if (!result.success()) {
        throw new AssertionError("does not compile: " + result.output());
      }
      if (i >= WARMUP) {
        times.add(millis);
      }
    }
    Collections.sort(times);
    return times;
  }
}
