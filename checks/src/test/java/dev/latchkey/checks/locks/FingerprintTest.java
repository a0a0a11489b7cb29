package dev.latchkey.checks.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.checks.Finding;
import dev.latchkey.checks.Latchkey;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fingerprints name the check, class, member and lock, never the line. */
class FingerprintTest {
  private static final LockPath LOCK = LockPath.ofThis().field("lock");

  private static MethodModel leak(String name, int blankLines) {
    CodeBuilder code = CodeBuilder.method(name);
    for (int i = 0; i < blankLines; i++) {
      code.nextLine();
    }
    return code.lock(LOCK).ifVar("done", c -> c.ret()).call("work", null).unlock(LOCK).build();
  }

  private static List<String> fingerprints(MethodModel... methods) {
    ClassModel cls = new ClassModel(CodeBuilder.OWNER, List.of(methods));
    return Latchkey.analyze(cls, LatchkeyConfig.DEFAULT).stream()
        .map(Finding::fingerprint)
        .toList();
  }

  @Test
  void namesCheckClassMemberAndLock() {
    assertEquals(
        List.of("LockNotReleased:demo.Account#update:this.lock"), fingerprints(leak("update", 0)));
  }

  @Test
  void survivesMovedLines() {
    assertEquals(fingerprints(leak("update", 0)), fingerprints(leak("update", 7)));
  }

  @Test
  void aLambdaBodyCountsAsItsEnclosingMethod() {
    assertEquals(
        List.of("LockNotReleased:demo.Account#update:this.lock"),
        fingerprints(leak("lambda$update$0", 0)));
  }

  @Test
  void aDisabledCheckIsNotReported() {
    LatchkeyConfig config =
        LatchkeyConfig.from(key -> key.equals("DisabledChecks") ? "LockNotReleased" : null);
    ClassModel cls = new ClassModel(CodeBuilder.OWNER, List.of(leak("update", 0)));
    assertEquals(List.of(), Latchkey.analyze(cls, config));
  }
}
