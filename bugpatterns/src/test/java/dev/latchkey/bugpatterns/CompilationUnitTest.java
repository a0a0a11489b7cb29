package dev.latchkey.bugpatterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.bugpatterns.ErrorProneRun.Report;
import dev.latchkey.checks.CheckId;
import dev.latchkey.fixtures.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classes of one compilation unit are translated and analysed together (one program for the
 * cross-class checks), yet each class reports its own findings at its own match: a failure in one
 * class leaves the others analysed, and {@code @SuppressWarnings} on a nested class or member still
 * holds.
 */
class CompilationUnitTest {
  private static final String UNIT =
      String.join(
          "\n",
          "package app;",
          "import java.util.concurrent.locks.*;",
          "public class Outer {",
          "  private final Lock lock = new ReentrantLock();",
          "  public void leak(Runnable r) {",
          "    lock.lock();", // line 6
          "    r.run();",
          "  }",
          "  class Inner {",
          "    void leak() {",
          "      lock.lock(); hashCode();", // line 11
          "    }",
          "  }",
          "  @SuppressWarnings(\"LockNotReleased\")",
          "  static class Quiet {",
          "    private final Lock own = new ReentrantLock();",
          "    void leak() {",
          "      own.lock(); hashCode();", // line 18
          "    }",
          "  }",
          "  Runnable task() {",
          "    return new Runnable() {",
          "      @SuppressWarnings(\"LockNotReleased\") public void run() { lock.lock(); hashCode(); }",
          "      void other() {",
          "        lock.lock(); hashCode();", // line 25
          "      }",
          "    };",
          "  }",
          "}");

  @Test
  void everyClassOfTheUnitReportsItsOwnFindings(@TempDir Path sources) {
    ErrorProneRun.write(sources, "app/Outer.java", UNIT);
    ErrorProneRun.Result run = ErrorProneRun.compile(sources, ErrorProneRun.latchkeyOnly());
    assertTrue(run.success(), () -> run.reports() + run.output());
    assertEquals(List.of(), run.internalErrors());
    assertEquals(
        List.of(
            new Finding("app/Outer.java", 6, "LockNotReleased"),
            new Finding("app/Outer.java", 11, "LockNotReleased"),
            new Finding("app/Outer.java", 25, "LockNotReleased")),
        run.findings().stream()
            .filter(f -> f.checkId().equals("LockNotReleased"))
            .sorted()
            .toList(),
        "suppressed on a nested class and on a member of an anonymous class");
  }

  @Test
  void aFailingNestedClassLeavesTheOtherClassesOfItsUnitAnalysed(@TempDir Path sources) {
    ErrorProneRun.write(sources, "app/Outer.java", UNIT);
    ErrorProneRun.Result run =
        ErrorProneRun.compile(
            sources, ErrorProneRun.latchkeyOnly("-XepOpt:Latchkey:FailOnClass=app.Outer$Inner"));
    assertTrue(run.success(), () -> run.reports() + run.output());
    Set<String> failing =
        run.internalErrors().stream().map(Report::checkId).collect(Collectors.toSet());
    assertEquals(CheckId.values().length, run.internalErrors().size(), "once per checker");
    assertEquals(CheckId.values().length, failing.size());
    assertEquals(
        List.of(
            new Finding("app/Outer.java", 6, "LockNotReleased"),
            new Finding("app/Outer.java", 25, "LockNotReleased")),
        run.findings().stream()
            .filter(f -> f.checkId().equals("LockNotReleased"))
            .sorted()
            .toList());
  }
}
