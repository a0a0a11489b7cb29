package dev.latchkey.bugpatterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.bugpatterns.ErrorProneRun.Report;
import dev.latchkey.checks.CheckId;
import dev.latchkey.fixtures.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An internal failure (injected with {@code -XepOpt:Latchkey:FailOnClass}) is one warning per
 * checker, compilation succeeds, and the other classes are still analysed.
 */
class FaultInjectionTest {
  private static final String LEAKY =
      String.join(
          "\n",
          "package app;",
          "import java.util.concurrent.locks.*;",
          "public class %s {",
          "  private final Lock lock = new ReentrantLock();",
          "  public void work(Runnable r) {",
          "    lock.lock();",
          "    r.run();",
          "    lock.unlock();",
          "  }",
          "}");

  @Test
  void aFailingClassIsReportedOncePerCheckerAndTheBuildGoesOn(@TempDir Path sources) {
    for (String name : List.of("Broken", "Leaky", "Healthy")) {
      ErrorProneRun.write(sources, "app/" + name + ".java", String.format(LEAKY, name));
    }
    ErrorProneRun.Result run =
        ErrorProneRun.compile(
            sources, ErrorProneRun.latchkeyOnly("-XepOpt:Latchkey:FailOnClass=app.Broken"));

    assertTrue(run.success(), () -> "compilation must succeed: " + run.reports() + run.output());
    Map<String, Long> internalErrors =
        run.internalErrors().stream()
            .collect(Collectors.groupingBy(Report::checkId, Collectors.counting()));
    Map<String, Long> expected =
        List.of(CheckId.values()).stream().collect(Collectors.toMap(CheckId::id, check -> 1L));
    assertEquals(expected, internalErrors, "one internal error per enabled checker");
    for (Report report : run.internalErrors()) {
      assertEquals(Diagnostic.Kind.WARNING, report.kind());
      assertEquals("app/Broken.java", report.file());
    }
    assertEquals(
        List.of(
            new Finding("app/Healthy.java", 6, "LockNotReleased"),
            new Finding("app/Leaky.java", 6, "LockNotReleased")),
        run.findings().stream().sorted().toList(),
        "the other classes are still analysed");
  }

  @Test
  void internalErrorsStayWarningsWhenTheChecksArePromotedToErrors(@TempDir Path sources) {
    ErrorProneRun.write(sources, "app/Broken.java", String.format(LEAKY, "Broken"));
    ErrorProneRun.Result run =
        ErrorProneRun.compile(
            sources,
            List.of(
                "-XepDisableAllChecks",
                "-Xep:LockInsideTry:ERROR",
                "-XepOpt:Latchkey:FailOnClass=app.Broken"));

    assertTrue(run.success(), () -> "compilation must succeed: " + run.reports() + run.output());
    assertEquals(
        List.of("LockInsideTry"), run.internalErrors().stream().map(Report::checkId).toList());
  }

  @Test
  void invalidConfigurationIsAnInternalErrorNotACrash(@TempDir Path sources) {
    ErrorProneRun.write(sources, "app/Healthy.java", String.format(LEAKY, "Healthy"));
    ErrorProneRun.Result run =
        ErrorProneRun.compile(
            sources, ErrorProneRun.latchkeyOnly("-XepOpt:Latchkey:AcquireMethods=nohash"));

    assertTrue(run.success(), () -> "compilation must succeed: " + run.reports() + run.output());
    assertEquals(CheckId.values().length, run.internalErrors().size(), run.reports().toString());
    assertTrue(
        run.internalErrors().get(0).message().contains("nohash"),
        run.internalErrors().get(0).message());
  }

  @Test
  void disableAllChecksKeepsTheChecksEnabledByName(@TempDir Path sources) {
    ErrorProneRun.write(sources, "app/Healthy.java", String.format(LEAKY, "Healthy"));

    ErrorProneRun.Result allDisabled =
        ErrorProneRun.compile(sources, List.of("-XepDisableAllChecks"));
    ErrorProneRun.Result enabled = ErrorProneRun.compile(sources, ErrorProneRun.latchkeyOnly());
    ErrorProneRun.Result byDefault = ErrorProneRun.compile(sources, List.of());

    assertEquals(List.of(), allDisabled.findings());
    assertEquals(
        List.of(new Finding("app/Healthy.java", 6, "LockNotReleased")), enabled.findings());
    assertEquals(enabled.findings(), byDefault.findings(), "the checks are on by default");
    Function<ErrorProneRun.Result, Boolean> ok = ErrorProneRun.Result::success;
    assertTrue(ok.apply(allDisabled) && ok.apply(enabled) && ok.apply(byDefault));
  }
}
