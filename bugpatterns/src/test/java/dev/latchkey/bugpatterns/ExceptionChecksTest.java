package dev.latchkey.bugpatterns;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.ScannerSupplier;
import org.junit.jupiter.api.Test;

/**
 * The four swallowed-exception checkers end to end on shapes of javac code the fixtures do not pin
 * down: each test states which findings the core must be handed the facts for.
 */
class ExceptionChecksTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(
          ScannerSupplier.fromBugCheckerClasses(
              SwallowedException.class,
              InterruptSwallowed.class,
              LostTaskException.class,
              FinallyMasksException.class),
          getClass());

  private CompilationTestHelper source(String... lines) {
    String[] all = new String[lines.length + 6];
    all[0] = "package p;";
    all[1] = "import java.io.*;";
    all[2] = "import java.util.*;";
    all[3] = "import java.util.concurrent.*;";
    all[4] = "abstract class T {";
    System.arraycopy(lines, 0, all, 5, lines.length);
    all[all.length - 1] = "}";
    return helper.addSourceLines("p/T.java", all);
  }

  @Test
  void jumpsInsideTheHandlerDoNotEndIt() {
    source(
            "  abstract void sleep() throws InterruptedException;",
            "  abstract void log(String s);",
            "  void loopInside(List<String> steps) {",
            "    try {",
            "      sleep();",
            "    } catch (InterruptedException e) {",
            "      for (String step : steps) {",
            "        if (step.isEmpty()) break;",
            "        log(step);",
            "      }",
            "      switch (steps.size()) { case 0: log(\"none\"); break; default: break; }",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "  void continueOut(List<String> steps) {",
            "    outer:",
            "    for (String step : steps) {",
            "      for (int i = 0; i < 3; i++) {",
            "        try {",
            "          sleep();",
            "        // BUG: Diagnostic contains: the handler completes",
            "        } catch (InterruptedException e) {",
            "          continue outer;",
            "        }",
            "      }",
            "    }",
            "  }")
        .doTest();
  }

  @Test
  void aHandlerInAFinallyBlockIsReportedOnce() {
    source(
            "  abstract void work();",
            "  abstract void sleep() throws InterruptedException;",
            "  int m() {",
            "    try {",
            "      work();",
            "      return 1;",
            "    } finally {",
            "      try {",
            "        sleep();",
            "      // BUG: Diagnostic contains: [InterruptSwallowed]",
            "      } catch (InterruptedException e) {",
            "        work();",
            "      }",
            "    }",
            "  }")
        .doTest();
  }

  @Test
  void throwsInFinallyBlocks() {
    source(
            "  abstract void work();",
            "  void caughtInside() {",
            "    try { work(); } finally {",
            "      try { throw new IllegalStateException(); } catch (IllegalStateException e) {",
            "        e.printStackTrace();",
            "      }",
            "    }",
            "  }",
            "  void thrownOut(boolean failed) throws IOException {",
            "    try { work(); } finally {",
            "      // BUG: Diagnostic contains: [FinallyMasksException]",
            "      if (failed) throw new IOException(\"cleanup failed\");",
            "    }",
            "  }")
        .doTest();
  }

  @Test
  void aFutureDroppedByAVoidLambda() {
    source(
            "  final ExecutorService pool = Executors.newCachedThreadPool();",
            "  final Executor direct = Runnable::run;",
            "  abstract Object load() throws IOException;",
            "  void m() {",
            "    // BUG: Diagnostic contains: [LostTaskException]",
            "    direct.execute(() -> pool.submit(() -> load()));",
            "    Callable<Future<?>> kept = () -> pool.submit(() -> load());",
            "  }")
        .doTest();
  }

  @Test
  void suppressedOnTheMethod() {
    source(
            "  @SuppressWarnings(\"InterruptSwallowed\")",
            "  void nap(long millis) {",
            "    try {",
            "      Thread.sleep(millis);",
            "    } catch (InterruptedException e) {",
            "    }",
            "  }",
            "  @SuppressWarnings(\"SwallowedException\")",
            "  void quiet(Runnable r) {",
            "    try {",
            "      r.run();",
            "    } catch (RuntimeException e) {",
            "    }",
            "  }")
        .expectNoDiagnostics()
        .doTest();
  }
}
