package dev.latchkey.bugpatterns.javac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.lockset.HeldLocks;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.EdgeKind;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The javac translation of monitors (notes/FRONTENDS-races-lockorder.md, section 1): a {@code
 * synchronized} block is a MONITOR acquisition at its line and a release on every way out of it —
 * its end, a return, break or continue, and every exception that leaves it — and {@code
 * synchronized} and {@code static} methods are flags.
 */
class MonitorTranslationTest {
  private static final String[] HEADER = {
    "package p;",
    "import java.util.*;",
    "import java.util.concurrent.locks.*;",
    "abstract class T {",
  };

  private static final LockPath LOCK = LockPath.ofThis().field("lock");

  static Map<String, ClassModel> translate(String... body) {
    List<String> lines = new ArrayList<>(List.of(HEADER));
    lines.add("  final Object lock = new Object();");
    lines.add("  abstract void work() throws Exception;");
    lines.addAll(List.of(body));
    lines.add("}");
    return Translations.of(lines.toArray(new String[0]));
  }

  private static MethodModel method(String name, String... body) {
    return Translations.method(translate(body), name);
  }

  /** Body lines count from 1 after the header and the two members every snippet has. */
  private static int line(int bodyLine) {
    return HEADER.length + 2 + bodyLine;
  }

  private static List<Node> monitors(MethodModel method, NodeKind kind) {
    return method.nodes().stream()
        .filter(n -> n.kind() == kind && n.lockKind() == LockKind.MONITOR)
        .toList();
  }

  private static Node call(MethodModel method, String name) {
    return method.nodes().stream()
        .filter(n -> n.kind() == NodeKind.CALL && n.callee().name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Whether some path from {@code from} reaches the method's exit or exceptional exit without
   * passing a release of {@code lock}.
   */
  private static boolean escapesHolding(MethodModel method, Node from, LockPath lock) {
    Deque<Node> work = new ArrayDeque<>(List.of(from));
    Set<Node> seen = new HashSet<>(work);
    while (!work.isEmpty()) {
      Node node = work.poll();
      if (node == method.exit() || node == method.exceptionalExit()) {
        return true;
      }
      if (node != from && node.kind() == NodeKind.RELEASE && lock.equals(node.lock())) {
        continue;
      }
      for (Edge edge : node.out()) {
        if (seen.add(edge.target())) {
          work.add(edge.target());
        }
      }
    }
    return false;
  }

  private static void assertReleasedOnEveryWayOut(MethodModel method, LockPath lock) {
    for (Node enter : monitors(method, NodeKind.ACQUIRE)) {
      if (enter.lock().equals(lock)) {
        assertFalse(escapesHolding(method, enter, lock), () -> "a way out holds " + lock);
      }
    }
  }

  @Test
  void aBlockIsAnAcquisitionAndAReleaseAtItsEnd() {
    MethodModel m =
        method(
            "m",
            "void m() throws Exception {",
            "  synchronized (lock) {",
            "    work();",
            "  }",
            "}");
    List<Node> enters = monitors(m, NodeKind.ACQUIRE);
    assertEquals(1, enters.size());
    Node enter = enters.get(0);
    assertEquals(LOCK, enter.lock());
    assertEquals(line(2), enter.line(), "at the line of the synchronized keyword");
    assertEquals("p.T", enter.rootType());
    assertEquals("synchronized (lock)", enter.label());
    assertTrue(HeldLocks.of(m, Set.of()).before(call(m, "work")).contains(LOCK));
    assertFalse(HeldLocks.of(m, Set.of()).before(m.exit()).contains(LOCK));
    assertReleasedOnEveryWayOut(m, LOCK);
  }

  @Test
  void anExceptionLeavingTheBlockPassesARelease() {
    MethodModel m =
        method(
            "m",
            "void m() throws Exception {",
            "  synchronized (lock) {",
            "    work();",
            "  }",
            "}");
    Node work = call(m, "work");
    List<Node> exceptional =
        work.out().stream()
            .filter(e -> e.kind() == EdgeKind.EXCEPTIONAL)
            .map(Edge::target)
            .toList();
    assertFalse(exceptional.isEmpty());
    for (Node target : exceptional) {
      assertEquals(NodeKind.RELEASE, target.kind(), "the exception releases the monitor first");
      assertEquals(LOCK, target.lock());
    }
    assertFalse(HeldLocks.of(m, Set.of()).before(m.exceptionalExit()).contains(LOCK));
  }

  @Test
  void anExceptionCaughtOutsideTheBlockIsReleasedBeforeTheHandler() {
    MethodModel m =
        method(
            "m",
            "void m() {",
            "  try {",
            "    synchronized (lock) {",
            "      work();",
            "    }",
            "  } catch (Exception e) {",
            "    e.printStackTrace();",
            "  }",
            "}");
    Node handler = m.nodes().stream().filter(n -> n.kind() == NodeKind.CATCH).findFirst().get();
    assertFalse(HeldLocks.of(m, Set.of()).before(handler).contains(LOCK));
    assertFalse(HeldLocks.of(m, Set.of()).before(call(m, "printStackTrace")).contains(LOCK));
    assertReleasedOnEveryWayOut(m, LOCK);
  }

  @Test
  void anExceptionCaughtInsideTheBlockKeepsTheMonitor() {
    MethodModel m =
        method(
            "m",
            "void m() {",
            "  synchronized (lock) {",
            "    try {",
            "      work();",
            "    } catch (Exception e) {",
            "      e.printStackTrace();",
            "    }",
            "  }",
            "}");
    assertTrue(HeldLocks.of(m, Set.of()).before(call(m, "printStackTrace")).contains(LOCK));
    assertReleasedOnEveryWayOut(m, LOCK);
  }

  @Test
  void returnBreakAndContinueInsideReleaseAfterTheirNode() {
    Map<String, ClassModel> models =
        translate(
            "int m(List<String> xs) throws Exception {",
            "  for (String x : xs) {",
            "    synchronized (lock) {",
            "      if (x == null) continue;",
            "      if (x.isEmpty()) break;",
            "      if (x.length() > 3) return 1;",
            "      work();",
            "    }",
            "  }",
            "  return 0;",
            "}");
    MethodModel m = Translations.method(models, "m");
    assertReleasedOnEveryWayOut(m, LOCK);
    Node inner =
        m.nodes().stream()
            .filter(n -> n.kind() == NodeKind.RETURN && n.line() == line(6))
            .findFirst()
            .orElseThrow();
    assertEquals(1, inner.out().size());
    Node after = inner.out().get(0).target();
    assertEquals(NodeKind.RELEASE, after.kind(), "the return, then the release");
    assertEquals(LOCK, after.lock());
    assertEquals(m.exit(), after.out().get(0).target());
    HeldLocks held = HeldLocks.of(m, Set.of());
    assertFalse(held.before(call(m, "next")).contains(LOCK), "a continue releases");
    assertFalse(held.before(m.exit()).contains(LOCK));
  }

  @Test
  void aReturnThroughAFinallyInsideTheBlockReleasesAfterTheFinally() {
    MethodModel m =
        method(
            "m",
            "abstract void done();",
            "int m() throws Exception {",
            "  synchronized (lock) {",
            "    try {",
            "      work();",
            "      return 1;",
            "    } finally {",
            "      done();",
            "    }",
            "  }",
            "}");
    assertReleasedOnEveryWayOut(m, LOCK);
    HeldLocks held = HeldLocks.of(m, Set.of());
    for (Node node : m.nodes()) {
      if (node.kind() == NodeKind.CALL
          && node.callee().name().equals("done")
          && held.reached(node)) {
        assertTrue(held.before(node).contains(LOCK), "every copy of the finally holds the lock");
      }
    }
  }

  @Test
  void nestedBlocksReleaseInnermostFirstOnALabelledBreak() {
    MethodModel m =
        method(
            "m",
            "final Object other = new Object();",
            "void m() {",
            "  outer:",
            "  for (int i = 0; i < 3; i++) {",
            "    synchronized (lock) {",
            "      synchronized (other) {",
            "        if (i == 1) break outer;",
            "      }",
            "    }",
            "  }",
            "}");
    LockPath other = LockPath.ofThis().field("other");
    assertReleasedOnEveryWayOut(m, LOCK);
    assertReleasedOnEveryWayOut(m, other);
    for (Node release : monitors(m, NodeKind.RELEASE)) {
      if (release.lock().equals(other)) {
        Node next = release.out().get(0).target();
        assertEquals(LOCK, next.lock(), "the inner monitor is released first");
      }
    }
  }

  @Test
  void pathsAndRootTypesOfMonitors() {
    Map<String, ClassModel> models =
        translate(
            "static final Object LOCK = new Object();",
            "static class Account { final Object guard = new Object(); }",
            "void m(Account from, Object[] arr) {",
            "  synchronized (this) { }",
            "  synchronized (T.class) { }",
            "  synchronized (LOCK) { }",
            "  synchronized (from) { }",
            "  synchronized (from.guard) { }",
            "  synchronized (arr[0]) { }",
            "}",
            "class Inner {",
            "  void n() { synchronized (T.this) { } synchronized (lock) { } }",
            "}");
    MethodModel m = Translations.method(models, "m");
    List<String> locks =
        monitors(m, NodeKind.ACQUIRE).stream().map(n -> n.lock() + ":" + n.rootType()).toList();
    assertEquals(
        List.of(
            "this:p.T", "T.class:p.T", "T.LOCK:p.T", "from:p.T$Account", "from.guard:p.T$Account"),
        locks,
        "an array element has no path: no monitor nodes at all");
    assertEquals(5, monitors(m, NodeKind.RELEASE).size());
    MethodModel n = Translations.method(models, "p.T$Inner", "n");
    assertEquals(
        List.of(LockPath.ofOuter("p.T"), LockPath.ofOuter("p.T").field("lock")),
        monitors(n, NodeKind.ACQUIRE).stream().map(Node::lock).toList());
    assertEquals("p.T", monitors(n, NodeKind.ACQUIRE).get(0).rootType());
  }

  @Test
  void lockOperationsCarryTheirRootType() {
    Map<String, ClassModel> models =
        translate(
            "static class Account { final Lock guard = new ReentrantLock(); }",
            "void m(Account from, Lock given) {",
            "  Lock alias = from.guard;",
            "  alias.lock();",
            "  from.guard.unlock();",
            "  given.tryLock();",
            "}");
    MethodModel m = Translations.method(models, "m");
    List<String> events =
        m.nodes().stream()
            .filter(n -> n.lockKind() == LockKind.LOCK)
            .map(n -> n.kind() + " " + n.lock() + ":" + n.rootType())
            .toList();
    assertEquals(
        List.of(
            "ACQUIRE from.guard:p.T$Account",
            "RELEASE from.guard:p.T$Account",
            "TRY_ACQUIRE given:java.util.concurrent.locks.Lock"),
        events);
  }

  @Test
  void synchronizedAndStaticMethodsAreFlagsWithoutNodes() {
    Map<String, ClassModel> models =
        translate(
            "int count;",
            "synchronized void a() { count++; }",
            "static synchronized void b() { }",
            "static void c() { }",
            "void d() { }");
    MethodModel a = Translations.method(models, "a");
    assertTrue(a.has(Flag.SYNCHRONIZED));
    assertFalse(a.has(Flag.STATIC));
    assertTrue(monitors(a, NodeKind.ACQUIRE).isEmpty(), "the core adds the method's monitor");
    assertEquals(line(2), a.line(), "the line of the declaration");
    MethodModel b = Translations.method(models, "b");
    assertTrue(b.has(Flag.SYNCHRONIZED) && b.has(Flag.STATIC));
    assertEquals(LockPath.ofClassLiteral("p.T"), HeldLocks.methodMonitor(b));
    MethodModel c = Translations.method(models, "c");
    assertTrue(c.has(Flag.STATIC) && !c.has(Flag.SYNCHRONIZED));
    MethodModel d = Translations.method(models, "d");
    assertFalse(d.has(Flag.STATIC) || d.has(Flag.SYNCHRONIZED));
    assertNull(d.guardedBy());
  }

  @Test
  void aBlockInALambdaBelongsToTheLambdasModel() {
    Map<String, ClassModel> models =
        translate(
            "Runnable m() {",
            "  return () -> {",
            "    synchronized (lock) {",
            "      try { work(); } catch (Exception e) { }",
            "    }",
            "  };",
            "}");
    assertTrue(monitors(Translations.method(models, "m"), NodeKind.ACQUIRE).isEmpty());
    MethodModel lambda = Translations.method(models, "lambda$m$0");
    assertEquals(1, monitors(lambda, NodeKind.ACQUIRE).size());
    assertEquals(line(3), monitors(lambda, NodeKind.ACQUIRE).get(0).line());
    assertReleasedOnEveryWayOut(lambda, LOCK);
  }
}
