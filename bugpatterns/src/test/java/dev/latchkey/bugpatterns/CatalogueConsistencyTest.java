package dev.latchkey.bugpatterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.latchkey.checks.CheckId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Every catalogue entry has exactly one registered checker whose {@code @BugPattern} says what the
 * catalogue says, and every registered Latchkey checker belongs to a catalogue entry.
 */
class CatalogueConsistencyTest {
  private static List<Class<? extends BugChecker>> registeredLatchkeyCheckers() {
    return ServiceLoader.load(BugChecker.class).stream()
        .map(ServiceLoader.Provider::type)
        .filter(type -> type.getPackageName().equals("dev.latchkey.bugpatterns"))
        .<Class<? extends BugChecker>>map(type -> type)
        .toList();
  }

  @Test
  void everyCheckHasExactlyOneCheckerThatAgreesWithTheCatalogue() throws Exception {
    Map<CheckId, Class<? extends BugChecker>> byCheck = new EnumMap<>(CheckId.class);
    for (Class<? extends BugChecker> type : registeredLatchkeyCheckers()) {
      BugPattern pattern = type.getAnnotation(BugPattern.class);
      assertNotNull(pattern, type + " has no @BugPattern");
      CheckId check = CheckId.byId(pattern.name());
      assertNotNull(
          check, type + " is named " + pattern.name() + ", which is not in the catalogue");
      Class<? extends BugChecker> previous = byCheck.put(check, type);
      assertEquals(null, previous, "two checkers for " + check.id());

      assertEquals(check.summary(), pattern.summary(), "summary of " + check.id());
      // The link is the catalogue's (one base URL setting in the build), set on each finding.
      assertEquals(LinkType.NONE, pattern.linkType(), "link type of " + check.id());
      assertEquals(SeverityLevel.WARNING, pattern.severity(), "severity of " + check.id());
      assertEquals(check.id(), type.getSimpleName(), "checkers are named after their check");

      LatchkeyChecker checker =
          (LatchkeyChecker)
              type.getConstructor(ErrorProneFlags.class).newInstance(ErrorProneFlags.empty());
      assertEquals(check, checker.check(), type + " reports another check than it is named for");
      assertEquals(check.id(), checker.canonicalName());
    }
    for (CheckId check : CheckId.values()) {
      assertTrue(byCheck.containsKey(check), "no registered checker for " + check.id());
    }
  }

  @Test
  void noCheckReusesTheNameOfAnErrorProneBuiltIn() {
    java.util.Set<String> builtIns = new java.util.HashSet<>();
    com.google.errorprone.scanner.BuiltInCheckerSuppliers.allChecks()
        .getAllChecks()
        .values()
        .forEach(info -> builtIns.add(info.canonicalName()));
    assertTrue(builtIns.size() > 300, "Error Prone's built-in checks were not found");
    for (CheckId check : CheckId.values()) {
      assertTrue(!builtIns.contains(check.id()), check.id() + " is an Error Prone built-in name");
    }
  }
}
