package dev.latchkey.checks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatchSourceTest {
  @Test
  void readsTheVariableAndTheBlockOfTheClauseOnTheLine() {
    List<String> lines =
        List.of(
            "    try {",
            "      Files.delete(p);",
            "    } catch (NoSuchFileException ignored) {",
            "      // already gone: fine",
            "    }");
    CatchSource found = CatchSource.find(lines, 3, "java.nio.file.NoSuchFileException");
    assertEquals("ignored", found.variable());
    assertTrue(CatchSource.hasComment(found.block()));
  }

  @Test
  void picksTheClauseThatNamesTheTypeAmongSeveralOnOneLine() {
    List<String> lines =
        List.of("} catch (IOException e) { log(e); } catch (RuntimeException | Error x) {}");
    CatchSource found = CatchSource.find(lines, 1, "java.lang.Error");
    assertEquals("x", found.variable());
    assertEquals("", found.block());
    assertFalse(CatchSource.hasComment(found.block()));
  }

  @Test
  void skipsBracesInStringsAndComments() {
    List<String> lines = List.of("} catch (Outer.Failure f) { /* \"}\" closed */ }");
    CatchSource found = CatchSource.find(lines, 1, "pkg.Outer$Failure");
    assertEquals("f", found.variable());
    assertTrue(CatchSource.hasComment(found.block()));
  }

  @Test
  void nothingWithoutAMatchingClause() {
    assertNull(CatchSource.find(List.of("int catchCount = 0;"), 1, "java.io.IOException"));
    assertNull(CatchSource.find(null, 1, "java.io.IOException"));
    assertFalse(CatchSource.hasComment("// "));
    assertFalse(CatchSource.hasComment(" /* TODO handle this */ "));
    assertTrue(CatchSource.hasComment(" // ignore\n"));
  }
}
