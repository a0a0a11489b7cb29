package dev.latchkey.bugpatterns;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.BugCheckerInfo;
import com.google.errorprone.scanner.BuiltInCheckerSuppliers;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped flag set that turns off Error Prone's built-in checks Latchkey supersedes names real
 * checks of the Error Prone release Latchkey is built with, and README's table lists each.
 */
class SupersededChecksTest {
  private static final Pattern FLAG = Pattern.compile("-Xep:(\\w+):OFF");

  @Test
  void everyFlagTurnsOffABuiltInCheckTheReadmeExplains() throws Exception {
    String flags;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/latchkey/errorprone-superseded.flags")) {
      flags = new String(in.readAllBytes(), UTF_8).strip();
    }
    Set<String> builtIn =
        BuiltInCheckerSuppliers.allChecks().getAllChecks().values().stream()
            .map(BugCheckerInfo::canonicalName)
            .collect(Collectors.toSet());
    String readme = Files.readString(Path.of("..", "README.md"), UTF_8);
    int count = 0;
    for (String flag : flags.split(" ")) {
      Matcher matcher = FLAG.matcher(flag);
      assertTrue(matcher.matches(), "not -Xep:Name:OFF: " + flag);
      String name = matcher.group(1);
      assertTrue(builtIn.contains(name), name + " is not an Error Prone check");
      assertTrue(readme.contains("| `" + name + "` |"), "README's table does not explain " + name);
      count++;
    }
    assertEquals(6, count, flags);
  }
}
