package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.latchkey.checks.Finding;
import dev.latchkey.checks.Latchkey;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.bcel.classfile.ClassParser;
import org.apache.bcel.classfile.JavaClass;
import org.junit.jupiter.api.Test;

/**
 * Bytecode that javac did not write, from real jars on the test class path: lock helpers compiled
 * by other compilers must be judged like their Java equivalents.
 */
class CompilerWrittenBytecodeTest {
  /**
   * Kotlin's {@code withLock} and {@code read} (kotlin-stdlib 2.1.0): lock, then a try whose
   * finally unlocks, with {@code InlineMarker} calls around both copies of the finally block. They
   * are correct: no finding, and none on a marker in {@code write}. ({@code write} also releases
   * the caller's read holds before taking the write lock and takes them again in its finally:
   * reported as UnlockNotHeld and LockNotReleased on the read lock, a rule question, not one of
   * translation.)
   */
  @Test
  void kotlinLockHelpersAreCorrect() {
    List<String> findings = findings("kotlin.concurrent.LocksKt");
    assertEquals(
        List.of(),
        findings.stream()
            .filter(
                f ->
                    f.startsWith("withLock ")
                        || f.startsWith("read ")
                        || f.contains("InlineMarker"))
            .toList(),
        () -> "all findings: " + findings);
  }

  private static List<String> findings(String className) {
    JavaClass cls = load(className);
    assertNotNull(cls, className + " is on the test class path");
    BytecodeModelBuilder.Result built =
        new BytecodeModelBuilder(cls, new ClassFacts(CompilerWrittenBytecodeTest::load))
            .build(true);
    assertEquals(List.of(), built.failures(), "translation failures");
    ClassModel model = built.model();
    return Latchkey.analyze(model, LatchkeyConfig.DEFAULT).stream()
        .map(CompilerWrittenBytecodeTest::describe)
        .toList();
  }

  private static String describe(Finding finding) {
    BytecodeOrigin origin = (BytecodeOrigin) finding.primary().origin();
    return origin.method().getName()
        + " "
        + finding.primary().line()
        + " "
        + finding.check().id()
        + ": "
        + finding.message();
  }

  private static JavaClass load(String binaryName) {
    String resource = binaryName.replace('.', '/') + ".class";
    try (InputStream in = ClassLoader.getSystemResourceAsStream(resource)) {
      return in == null ? null : new ClassParser(in, resource).parse();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
