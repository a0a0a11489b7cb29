package dev.latchkey.checks.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.latchkey.checks.api.LockOperation.Action;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class LockApiTest {
  private static final Predicate<String> MONITOR = Set.of(LockApi.GUAVA_MONITOR)::contains;
  private static final Predicate<String> LOCK = Set.of(LockApi.LOCK)::contains;

  @Test
  void monitorOverloadsDifferByResult() {
    assertEquals(Action.ACQUIRE, LockApi.classify("enter", false, MONITOR).action());
    assertEquals(Action.TRY_ACQUIRE, LockApi.classify("enter", true, MONITOR).action());
    assertEquals(Action.ACQUIRE, LockApi.classify("enterWhen", false, MONITOR).action());
    assertEquals(Action.TRY_ACQUIRE, LockApi.classify("enterIf", true, MONITOR).action());
    assertEquals(Action.RELEASE, LockApi.classify("leave", false, MONITOR).action());
    assertEquals(
        Action.HELD_CHECK, LockApi.classify("isOccupiedByCurrentThread", true, MONITOR).action());
  }

  @Test
  void monitorMethodsOnOtherTypesAreNoLockOperations() {
    assertNull(LockApi.classify("enter", false, LOCK));
    assertNull(LockApi.classify("waitFor", false, MONITOR));
  }

  @Test
  void lockEntriesIgnoreTheResult() {
    assertEquals(Action.TRY_ACQUIRE, LockApi.classify("tryLock", true, LOCK).action());
    assertEquals(Action.ACQUIRE, LockApi.classify("lock", false, LOCK).action());
  }
}
