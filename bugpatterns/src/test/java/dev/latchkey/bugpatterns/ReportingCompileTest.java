package dev.latchkey.bugpatterns;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Fingerprints;
import dev.latchkey.checks.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SARIF output, baseline and configuration file through a real javac invocation (Google's
 * compile-testing), with Error Prone loaded as a user's build loads it: {@code -Xplugin:ErrorProne}
 * and every Latchkey option in that one argument.
 */
class ReportingCompileTest {
  @TempDir Path dir;

  private static final String POOL =
      String.join(
          "\n",
          "package demo;",
          "import java.util.concurrent.locks.ReentrantLock;",
          "class Pool {",
          "  private final ReentrantLock lock = new ReentrantLock();",
          "  private int size;",
          "%s",
          "  boolean shrink(int by) {",
          "    lock.lock();",
          "    if (by > size) return false;",
          "    size -= by;",
          "    lock.unlock();",
          "    return true;",
          "  }",
          "%s",
          "}");

  private static JavaFileObject pool(String before, String after) {
    return JavaFileObjects.forSourceString("demo.Pool", String.format(POOL, before, after));
  }

  private static final String SECOND_BUG =
      String.join(
          "\n",
          "  void grow(int by) {",
          "    lock.lock();",
          "    if (by < 0) return;",
          "    size += by;",
          "    lock.unlock();",
          "  }");

  private static Compilation javac(JavaFileObject source, String... latchkeyFlags) {
    return Compiler.javac()
        .withOptions(
            // Error Prone finds plugin checkers on the processor path, as in a Maven build.
            "-processorpath",
            System.getProperty("java.class.path"),
            "-XDcompilePolicy=simple",
            "--should-stop=ifError=FLOW",
            "-Xplugin:ErrorProne -XepDisableAllChecks -Xep:LockNotReleased:WARN "
                + String.join(" ", latchkeyFlags))
        .compile(source);
  }

  /** {@code (line) message} of each LockNotReleased warning. */
  private static List<String> lockNotReleased(Compilation compilation) {
    assertEquals(
        Compilation.Status.SUCCESS, compilation.status(), compilation.diagnostics()::toString);
    List<String> found = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : compilation.warnings()) {
      String message = d.getMessage(Locale.ROOT);
      if (message.startsWith("[LockNotReleased]")) {
        found.add("(" + d.getLineNumber() + ") " + message);
      }
    }
    return found;
  }

  @Test
  void writesSarifWithTheFindingsOwnMessageAndFingerprint() throws Exception {
    Path sarif = dir.resolve("target/latchkey-javac.sarif");
    List<String> warnings =
        lockNotReleased(javac(pool("", ""), "-XepOpt:Latchkey:SarifOutput=" + sarif));
    assertEquals(1, warnings.size(), warnings::toString);

    Map<?, ?> log = (Map<?, ?>) Json.parse(Files.readString(sarif, UTF_8));
    List<?> results = (List<?>) ((Map<?, ?>) ((List<?>) log.get("runs")).get(0)).get("results");
    assertEquals(1, results.size());
    Map<?, ?> result = (Map<?, ?>) results.get(0);
    assertEquals("LockNotReleased", result.get("ruleId"));
    assertEquals("error", result.get("level"));
    String text = (String) ((Map<?, ?>) result.get("message")).get("text");
    assertTrue(warnings.get(0).contains(text), text + " vs " + warnings);
    assertTrue(warnings.get(0).contains("(see " + CheckId.LOCK_NOT_RELEASED.docUrl() + ")"));
    assertEquals(
        Map.of(Fingerprints.SARIF_KEY, "LockNotReleased:demo.Pool#shrink:this.lock"),
        result.get("partialFingerprints"));
  }

  @Test
  void aBaselineHoldsBackKnownFindingsEvenWhenTheyMove() throws Exception {
    Path baseline = dir.resolve("latchkey-baseline.json");
    String flag = "-XepOpt:Latchkey:Baseline=" + baseline;
    // Write the baseline from the current findings: still reported while updating.
    assertEquals(
        1,
        lockNotReleased(javac(pool("", ""), flag, "-XepOpt:Latchkey:UpdateBaseline=true")).size());
    assertTrue(Files.readString(baseline).contains("LockNotReleased:demo.Pool#shrink:this.lock"));

    // Known finding, moved down by reformatting: not reported.
    assertEquals(List.of(), lockNotReleased(javac(pool("\n\n\n  // moved\n", ""), flag)));
    // A new defect is.
    List<String> fresh = lockNotReleased(javac(pool("\n\n", SECOND_BUG), flag));
    assertEquals(1, fresh.size(), fresh::toString);
    assertTrue(fresh.get(0).startsWith("(17) "), fresh::toString);
  }

  @Test
  void theConfigurationFileIsReadAndFlagsOverrideIt() throws Exception {
    Path config = dir.resolve("latchkey.properties");
    Files.writeString(config, "disabledChecks=LockNotReleased\n", UTF_8);
    String named = "-XepOpt:Latchkey:Config=" + config;
    assertEquals(List.of(), lockNotReleased(javac(pool("", ""), named)));
    assertEquals(
        1, lockNotReleased(javac(pool("", ""), named, "-XepOpt:Latchkey:DisabledChecks=")).size());
  }
}
