package dev.latchkey.checks.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latchkey.checks.CheckId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  @TempDir Path root;

  private void writeProjectFile() throws Exception {
    Files.writeString(
        root.resolve("latchkey.properties"),
        String.join(
            "\n",
            "acquireMethods = com.acme.Locks#acquire(0)",
            "releaseMethods = com.acme.Locks#release(0)",
            "disabledChecks = TimedBlockingUnderLock",
            "baseline = config/latchkey-baseline.json"));
  }

  @Test
  void theProjectFileIsReadFromTheRoot() throws Exception {
    writeProjectFile();
    LatchkeyConfig config = LatchkeyConfig.load(key -> null, root);
    assertEquals(
        List.of(MethodPattern.parse("com.acme.Locks#acquire(0)")), config.acquireMethods());
    assertFalse(config.enabled(CheckId.TIMED_BLOCKING_UNDER_LOCK));
    assertEquals(
        root.resolve("config/latchkey-baseline.json").toAbsolutePath(),
        config.reporting().baseline().toAbsolutePath());
  }

  @Test
  void flagsOverrideTheFileAndAnEmptyFlagUnsets() throws Exception {
    writeProjectFile();
    Map<String, String> flags = Map.of("AcquireMethods", "com.acme.Other#enter", "Baseline", "");
    LatchkeyConfig config = LatchkeyConfig.load(flags::get, root);
    assertEquals(List.of(MethodPattern.parse("com.acme.Other#enter")), config.acquireMethods());
    assertEquals(
        List.of(MethodPattern.parse("com.acme.Locks#release(0)")), config.releaseMethods());
    assertNull(config.reporting().baseline());
  }

  @Test
  void aNamedFileMustExistAndKeysMustBeKnown() throws Exception {
    assertThrows(
        IllegalArgumentException.class,
        () -> LatchkeyConfig.load(Map.of("Config", root.resolve("nope").toString())::get, root));
    Files.writeString(root.resolve("latchkey.properties"), "acquireMethod = a.B#c");
    assertThrows(IllegalArgumentException.class, () -> LatchkeyConfig.load(key -> null, root));
  }

  @Test
  void noFileIsTheDefault() {
    assertEquals(List.of(), LatchkeyConfig.load(key -> null, root).acquireMethods());
  }
}
