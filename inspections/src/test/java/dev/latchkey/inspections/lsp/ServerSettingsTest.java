package dev.latchkey.inspections.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.latchkey.checks.CheckId;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server reads the project's latchkey.properties as every front-end, options overriding it. */
class ServerSettingsTest {
  @TempDir Path project;

  @Test
  void readsTheConfigFileAtTheWorkspaceRoot() throws Exception {
    Files.writeString(
        project.resolve("latchkey.properties"),
        "disabledChecks = LockInsideTry\nbaseline = build/latchkey-baseline.json\n");
    ServerSettings settings = ServerSettings.from(new JsonObject(), project);
    assertNull(settings.configProblem());
    assertFalse(settings.config().enabled(CheckId.LOCK_INSIDE_TRY));
    assertEquals(
        project.resolve("build/latchkey-baseline.json").toAbsolutePath(),
        settings.config().reporting().baseline().toAbsolutePath());

    JsonObject options = new JsonObject();
    options.addProperty("disabledChecks", "");
    assertTrue(ServerSettings.from(options, project).config().enabled(CheckId.LOCK_INSIDE_TRY));
  }

  @Test
  void aBrokenConfigFileIsReportedAndTheOptionsStillApply() throws Exception {
    Files.writeString(project.resolve("latchkey.properties"), "noSuchKey = 1\n");
    JsonObject options = new JsonObject();
    options.addProperty("disabledChecks", "LockInsideTry");
    ServerSettings settings = ServerSettings.from(options, project);
    assertNotNull(settings.configProblem());
    assertFalse(settings.config().enabled(CheckId.LOCK_INSIDE_TRY));
  }
}
