package dev.latchkey.bugpatterns;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.ScannerSupplier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three unbounded-executor checkers end to end on shapes of javac code the fixtures do not pin
 * down: the {@code CheckTestCode} flag, suppressions written on a field whose initializer creates
 * the executor, and initializers shared by several constructors.
 */
class ExecutorChecksTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(
          ScannerSupplier.fromBugCheckerClasses(
              UnboundedExecutor.class, UnboundedSubmission.class, ExecutorNotShutdown.class),
          getClass());

  private CompilationTestHelper source(String... lines) {
    String[] all = new String[lines.length + 6];
    all[0] = "package p;";
    all[1] = "import java.util.*;";
    all[2] = "import java.util.concurrent.*;";
    all[3] = "import org.junit.jupiter.api.Test;";
    all[4] = "class T {";
    System.arraycopy(lines, 0, all, 5, lines.length);
    all[all.length - 1] = "}";
    return helper.addSourceLines("p/T.java", all);
  }

  private static final String[] TEST_METHOD = {
    "  @Test",
    "  void burst() throws Exception {",
    "    // BUG: Diagnostic contains: is neither shut down nor handed on",
    "    ExecutorService clients = Executors.newCachedThreadPool();",
    "    clients.submit(() -> {}).get();",
    "  }",
  };

  @Test
  void testCodeIsLeftAloneByDefault() {
    String[] lines = TEST_METHOD.clone();
    lines[2] = "    // no finding: test code";
    source(lines).expectNoDiagnostics().doTest();
  }

  @Test
  void checkTestCodeJudgesTestsToo() {
    source(TEST_METHOD).setArgs(List.of("-XepOpt:Latchkey:CheckTestCode=true")).doTest();
  }

  @Test
  void suppressionsOnAFieldCoverItsInitializer() {
    source(
            "  @SuppressWarnings(\"UnboundedExecutor\")",
            "  private final ExecutorService quiet = Executors.newCachedThreadPool();",
            "  // BUG: Diagnostic contains: work queue",
            "  private final ExecutorService loud = Executors.newFixedThreadPool(2);",
            "  @SuppressWarnings(\"UnboundedExecutor\")",
            "  private static final ExecutorService SHARED = Executors.newWorkStealingPool();",
            "  T() {}",
            "  T(int unused) {}",
            "  void close() {",
            "    quiet.shutdown();",
            "    loud.shutdown();",
            "  }")
        .doTest();
  }

  @Test
  void anInitializerSharedByConstructorsIsReportedOnceAndItsFieldIsAnOrigin() {
    source(
            "  // BUG: Diagnostic contains: threads",
            "  private final ExecutorService pool = Executors.newCachedThreadPool();",
            "  private final String name;",
            "  T() { this(\"default\"); }",
            "  T(String name) { this.name = name; }",
            "  T(int id) { this.name = \"#\" + id; }",
            "  void all(List<Runnable> jobs) {",
            "    for (Runnable job : jobs) {",
            "      // BUG: Diagnostic contains: a task is submitted to pool, which has",
            "      pool.execute(job);",
            "    }",
            "  }",
            "  void restart() {",
            "    // BUG: Diagnostic contains: ExecutorNotShutdown",
            "    pool2 = Executors.newCachedThreadPool();",
            "  }",
            "  private ExecutorService pool2 = new ForkJoinPool(2);",
            "  void close() {",
            "    pool.shutdown();",
            "    pool2.shutdown();",
            "  }")
        .matchAllDiagnostics()
        .doTest();
  }
}
