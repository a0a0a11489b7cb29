package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.lockset.HeldLocks;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.EdgeKind;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bytecode translation of what the data-race and lock-order checks read
 * (notes/FRONTENDS-races-lockorder.md): monitors of {@code synchronized} blocks on every way out,
 * method flags, field reads and writes with their paths and compound updates, array stores, the
 * fields and annotations of a class, lambda parameters and bound method references. Lines are
 * counted from the snippet's first line (the header has {@value #HEADER_LINES}).
 */
class RaceModelTest {
  private static final String HEADER =
      String.join(
          "\n",
          "package p;",
          "import java.util.*;",
          "import java.util.concurrent.*;",
          "import java.util.concurrent.locks.*;",
          "import javax.annotation.concurrent.GuardedBy;",
          "");

  private static final int HEADER_LINES = 5;

  private static final LockPath THIS = LockPath.ofThis();

  private static Snippets compile(String... body) {
    return Snippets.compile("p.T", HEADER + String.join("\n", body) + "\n");
  }

  private static MethodModel method(ClassModel model, String name) {
    return model.methods().stream()
        .filter(m -> m.ref().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no model of " + name + " in " + model.name()));
  }

  private static List<Node> nodes(MethodModel method, NodeKind kind) {
    return method.nodes().stream().filter(n -> n.kind() == kind).toList();
  }

  /** The field and monitor events in bytecode order, as short strings. */
  private static List<String> events(MethodModel method) {
    List<Node> nodes = new ArrayList<>(method.nodes());
    nodes.removeIf(node -> !(node.origin() instanceof BytecodeOrigin));
    nodes.sort(
        Comparator.comparingInt((Node node) -> ((BytecodeOrigin) node.origin()).pc())
            .thenComparingInt(Node::id));
    List<String> events = new ArrayList<>();
    for (Node node : nodes) {
      switch (node.kind()) {
        case FIELD_READ -> events.add("read " + node.path());
        case FIELD_WRITE ->
            events.add("write " + node.path() + (node.compound() ? " compound" : ""));
        case ARRAY_WRITE ->
            events.add("store " + node.path() + (node.compound() ? " compound" : ""));
        case ACQUIRE, RELEASE ->
            events.add(
                (node.kind() == NodeKind.ACQUIRE ? "enter " : "exit ")
                    + node.lock()
                    + (node.lockKind() == LockKind.MONITOR ? "" : " " + node.lockKind()));
        default -> {}
      }
    }
    return events;
  }

  private static int line(int snippetLine) {
    return HEADER_LINES + snippetLine;
  }

  @Test
  void synchronizedBlockHoldsItsMonitorAndReleasesItOnEveryWayOut() {
    ClassModel model =
        compile(
                "class T {", // 1
                "  private final Object lock = new Object();", // 2
                "  private int count;", // 3
                "  int bump(Runnable r) {", // 4
                "    synchronized (lock) {", // 5
                "      count++;", // 6
                "      r.run();", // 7
                "      if (count > 3) {", // 8
                "        return count;", // 9
                "      }", // 10
                "    }", // 11
                "    return -1;", // 12
                "  }", // 13
                "}")
            .model("p.T");
    MethodModel bump = method(model, "bump");
    LockPath lock = THIS.field("lock");
    Node enter = nodes(bump, NodeKind.ACQUIRE).get(0);
    assertEquals(LockKind.MONITOR, enter.lockKind());
    assertEquals(lock, enter.lock());
    assertEquals(line(5), enter.line());
    assertEquals("p.T", enter.rootType());
    assertTrue(nodes(bump, NodeKind.CATCH).isEmpty(), "the monitor handler is no catch");
    // javac exits the monitor on the return inside, at the end of the block, and in its handler.
    assertEquals(3, nodes(bump, NodeKind.RELEASE).size());
    nodes(bump, NodeKind.RELEASE).forEach(exit -> assertEquals(lock, exit.lock()));

    HeldLocks held = HeldLocks.of(bump, Set.of());
    for (Node access : nodes(bump, NodeKind.FIELD_READ)) {
      if (access.path().equals(THIS.field("count"))) {
        assertEquals(Set.of(lock), held.before(access), "held at " + access);
      }
    }
    for (Node ret : nodes(bump, NodeKind.RETURN)) {
      assertEquals(Set.of(), held.before(ret), "released before " + ret.line());
    }
    // The exception of r.run() leaves the block through a monitor exit.
    Node run =
        nodes(bump, NodeKind.CALL).stream()
            .filter(c -> c.callee().name().equals("run"))
            .findFirst()
            .orElseThrow();
    Node handler =
        run.out().stream()
            .filter(e -> e.kind() == EdgeKind.EXCEPTIONAL)
            .map(Edge::target)
            .findFirst()
            .orElseThrow();
    assertTrue(reachesBefore(handler, NodeKind.RELEASE, bump.exceptionalExit()));
    assertEquals(Set.of(), held.before(bump.exceptionalExit()));
  }

  /** Whether a node of {@code kind} lies on every path from {@code from} to {@code target}. */
  private static boolean reachesBefore(Node from, NodeKind kind, Node target) {
    List<Node> work = new ArrayList<>(List.of(from));
    Set<Node> seen = new java.util.HashSet<>();
    while (!work.isEmpty()) {
      Node node = work.remove(work.size() - 1);
      if (node == target) {
        return false;
      }
      if (!seen.add(node) || node.kind() == kind) {
        continue;
      }
      node.out().forEach(edge -> work.add(edge.target()));
    }
    return true;
  }

  @Test
  void monitorPathsAndRootTypes() {
    ClassModel model =
        compile(
                "class T {",
                "  static final Object LOCK = new Object();",
                "  static class Account { final Object lock = new Object(); }",
                "  void paths(Account from, Object[] many) {",
                "    synchronized (this) { }",
                "    synchronized (T.class) { }",
                "    synchronized (LOCK) { }",
                "    synchronized (from) { }",
                "    synchronized (from.lock) { }",
                "    synchronized (many[0]) { }",
                "  }",
                "}")
            .model("p.T");
    MethodModel paths = method(model, "paths");
    List<Node> enters = nodes(paths, NodeKind.ACQUIRE);
    assertEquals(
        List.of(
            THIS,
            LockPath.ofClassLiteral("p.T"),
            LockPath.ofStaticField("p.T", "LOCK"),
            LockPath.ofLocal("from"),
            LockPath.ofLocal("from").field("lock")),
        enters.stream().map(Node::lock).toList(),
        "the array element has no monitor node");
    assertEquals(
        List.of("p.T", "p.T", "p.T", "p.T$Account", "p.T$Account"),
        enters.stream().map(Node::rootType).toList());
  }

  @Test
  void methodFlagsLineAndGuardedBy() {
    ClassModel model =
        compile(
                "class T {", // 1
                "  private final Object lock = new Object();", // 2
                "  synchronized void a() {", // 3
                "    a();", // 4
                "  }", // 5
                "  static synchronized void b() { }", // 6
                "  @GuardedBy(\"lock\") void c() { }", // 7
                "}")
            .model("p.T");
    MethodModel a = method(model, "a");
    assertTrue(a.has(Flag.SYNCHRONIZED));
    assertFalse(a.has(Flag.STATIC));
    assertTrue(nodes(a, NodeKind.ACQUIRE).isEmpty(), "the core adds a synchronized method's lock");
    assertEquals(line(4), a.line());
    MethodModel b = method(model, "b");
    assertTrue(b.has(Flag.SYNCHRONIZED) && b.has(Flag.STATIC));
    assertEquals("lock", method(model, "c").guardedBy());
    assertNull(a.guardedBy());
  }

  @Test
  void fieldReadsWritesAndCompoundUpdates() {
    ClassModel model =
        compile(
                "class T {",
                "  static int TOTAL;",
                "  int v;",
                "  long big;",
                "  List<String> items = new ArrayList<>();",
                "  T next;",
                "  static int f(int x) { return x; }",
                "  void m(T other, int x) {",
                "    v++;",
                "    v = x;",
                "    v = v * 2 + x;",
                "    v = f(v);",
                "    big += 3L;",
                "    TOTAL += v;",
                "    other.v = 1;",
                "    this.next.v = other.v;",
                "    items = new ArrayList<>(items);",
                "    int old = v;",
                "    v = old + 1;",
                "  }",
                "}")
            .model("p.T");
    LockPath v = THIS.field("v");
    LockPath total = LockPath.ofStaticField("p.T", "TOTAL");
    LockPath items = THIS.field("items");
    assertEquals(
        List.of(
            "read " + v,
            "write " + v + " compound",
            "write " + v,
            "read " + v,
            "write " + v + " compound",
            "read " + v,
            "write " + v + " compound",
            "read " + THIS.field("big"),
            "write " + THIS.field("big") + " compound",
            "read " + total,
            "read " + v,
            "write " + total + " compound",
            "write " + LockPath.ofLocal("other").field("v"),
            "read " + THIS.field("next"),
            "read " + LockPath.ofLocal("other").field("v"),
            "write " + THIS.field("next").field("v"),
            "read " + items,
            "write " + items + " compound",
            "read " + v,
            "write " + v),
        events(method(model, "m")));
    Node write = nodes(method(model, "m"), NodeKind.FIELD_WRITE).get(0);
    assertEquals("p.T", write.field().owner());
    assertEquals("v", write.field().name());
    assertEquals("I", write.field().descriptor());
  }

  @Test
  void fieldsOfTheEnclosingInstanceHaveAnOuterRoot() {
    Snippets snippets =
        compile(
            "class T {",
            "  int count;",
            "  class Inner { void bump() { count++; } }",
            "  Runnable task() { return new Runnable() { public void run() { count = 0; } }; }",
            "}");
    LockPath count = LockPath.ofOuter("p.T").field("count");
    assertEquals(
        List.of("read " + count, "write " + count + " compound"),
        events(method(snippets.model("p.T$Inner"), "bump")));
    assertEquals(List.of("write " + count), events(method(snippets.model("p.T$1"), "run")));
    assertTrue(snippets.model("p.T$Inner").fields().isEmpty(), "this$0 is no field of the source");
  }

  @Test
  void arrayStores() {
    ClassModel model =
        compile(
                "class T {",
                "  final int[] counts = new int[4];",
                "  void m(int i, int[] local) {",
                "    counts[i]++;",
                "    counts[i] = 5;",
                "    local[0] += i;",
                "    int[] fresh = {1, 2};",
                "    Object[] objects = new Object[] {this};",
                "    fresh[1] = 3;",
                "  }",
                "}")
            .model("p.T");
    LockPath counts = THIS.field("counts");
    assertEquals(
        List.of(
            "read " + counts,
            "store " + counts + " compound",
            "read " + counts,
            "store " + counts,
            "store " + LockPath.ofLocal("local") + " compound",
            "store " + LockPath.ofLocal("fresh")),
        events(method(model, "m")));
  }

  @Test
  void fieldsAndAnnotationsOfTheClassAndItsEnclosingClasses() {
    Snippets snippets =
        compile(
            "@javax.annotation.concurrent.NotThreadSafe",
            "class T {",
            "  private final Object lock = new Object();",
            "  @GuardedBy(\"lock\") private Map<String, Integer> map = new HashMap<>();",
            "  @net.jcip.annotations.GuardedBy(\"this\") static long hits;",
            "  volatile boolean stop;",
            "  private @org.checkerframework.checker.lock.qual.GuardedBy(\"lock\") int length;",
            "  class Inner { int x; }",
            "}");
    ClassModel model = snippets.model("p.T");
    FieldModel map = model.field("map");
    assertEquals("Ljava/util/Map;", map.descriptor());
    assertEquals("lock", map.guardedBy());
    assertTrue(map.annotations().contains("javax.annotation.concurrent.GuardedBy"));
    assertFalse(map.isStatic() || map.isFinal() || map.isVolatile());
    FieldModel hits = model.field("hits");
    assertTrue(hits.isStatic());
    assertEquals("this", hits.guardedBy());
    assertTrue(model.field("stop").isVolatile());
    FieldModel length = model.field("length");
    assertEquals("lock", length.guardedBy(), "a type annotation on the field's type");
    assertTrue(length.annotations().contains("org.checkerframework.checker.lock.qual.GuardedBy"));
    assertTrue(model.field("lock").isFinal());
    assertNull(model.field("lock").guardedBy());
    assertEquals(Set.of("javax.annotation.concurrent.NotThreadSafe"), model.annotations());
    ClassModel inner = snippets.model("p.T$Inner");
    assertEquals(Set.of("javax.annotation.concurrent.NotThreadSafe"), inner.annotations());
    assertEquals(List.of("x"), inner.fields().stream().map(FieldModel::name).toList());
  }

  @Test
  void lambdaParametersAreTheDeclaredOnesAndCapturedValuesKeepTheirNames() {
    ClassModel model =
        compile(
                "class T {",
                "  int total;",
                "  void m(List<String> list, Map<String, Integer> counts) {",
                "    String prefix = \"p\";",
                "    list.forEach(item -> counts.put(prefix + item, total));",
                "  }",
                "}")
            .model("p.T");
    MethodModel lambda =
        model.methods().stream().filter(m -> m.has(Flag.LAMBDA)).findFirst().orElseThrow();
    assertEquals(List.of("item"), lambda.parameterNames());
    Node put =
        nodes(lambda, NodeKind.CALL).stream()
            .filter(c -> c.callee().name().equals("put"))
            .findFirst()
            .orElseThrow();
    assertEquals(LockPath.ofLocal("counts"), put.receiver());
    assertTrue(events(lambda).contains("read " + THIS.field("total")));
  }

  @Test
  void boundMethodReferencesNameTheirReceiver() {
    ClassModel model =
        compile(
                "class T {",
                "  final List<String> sink = new ArrayList<>();",
                "  void flush() { }",
                "  void m(List<String> items, ExecutorService pool) {",
                "    List<String> results = new ArrayList<>();",
                "    items.parallelStream().forEach(results::add);",
                "    pool.submit(this::flush);",
                "    items.forEach(sink::add);",
                "    items.forEach(x -> results.add(x));",
                "    items.stream().map(String::trim).forEach(System.out::println);",
                "  }",
                "}")
            .model("p.T");
    MethodModel m = method(model, "m");
    List<Node> calls = nodes(m, NodeKind.CALL);
    Node parallelForEach =
        calls.stream()
            .filter(c -> c.callee().name().equals("forEach") && c.receiverCall() != null)
            .filter(c -> c.receiverCall().callee().name().equals("parallelStream"))
            .findFirst()
            .orElseThrow();
    assertEquals(List.of(LockPath.ofLocal("results")), parallelForEach.boundReceivers());
    assertEquals("add", parallelForEach.taskBodies().get(0).name());
    Node submit =
        calls.stream().filter(c -> c.callee().name().equals("submit")).findFirst().orElseThrow();
    assertEquals(List.of(THIS), submit.boundReceivers());
    List<Node> forEach =
        calls.stream()
            .filter(c -> c.callee().name().equals("forEach") && c.receiverCall() == null)
            .toList();
    assertEquals(List.of(THIS.field("sink")), forEach.get(0).boundReceivers());
    assertEquals(1, forEach.get(1).taskBodies().size(), "the lambda");
    assertEquals(java.util.Arrays.asList((LockPath) null), forEach.get(1).boundReceivers());
    Node println =
        calls.stream()
            .filter(c -> c.callee().name().equals("forEach") && c.receiverCall() != null)
            .filter(c -> c.receiverCall().callee().name().equals("map"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        List.of(LockPath.ofStaticField("java.lang.System", "out")), println.boundReceivers());
  }

  @Test
  void callsNameTheClassThatDeclaresTheMethod() {
    ClassModel model =
        compile(
                "class T {",
                "  static class Base { void helper() { } }",
                "  static class Sub extends Base { }",
                "  void m(Sub sub, ArrayList<String> list) {",
                "    sub.helper();",
                "    list.isEmpty();",
                "    list.stream();",
                "  }",
                "}")
            .model("p.T");
    List<String> owners =
        nodes(method(model, "m"), NodeKind.CALL).stream()
            .map(c -> c.callee().owner() + "." + c.callee().name())
            .toList();
    assertEquals(
        List.of("p.T$Base.helper", "java.util.ArrayList.isEmpty", "java.util.Collection.stream"),
        owners);
  }

  @Test
  void closeOfAResourceNamesTheResourceOnBothWaysOut() {
    ClassModel model =
        compile(
                "class T {",
                "  interface Guard extends AutoCloseable { void close(); }",
                "  Guard guard() { return null; }",
                "  int count;",
                "  void work() { }",
                "  void m() {",
                "    try (Guard g = guard()) {",
                "      work();",
                "    }",
                "  }",
                "}")
            .model("p.T");
    List<Node> closes =
        nodes(method(model, "m"), NodeKind.CALL).stream()
            .filter(c -> c.callee().name().equals("close"))
            .toList();
    // work() may throw: the resource is closed on the way out of the exception too.
    assertEquals(2, closes.size(), "the normal and the exceptional close");
    // g is assigned once from guard(): it aliases this.guard() (notes/FRONTENDS.md, lock paths).
    closes.forEach(close -> assertEquals(THIS.call("guard"), close.receiver()));
    Node guard =
        nodes(method(model, "m"), NodeKind.CALL).stream()
            .filter(c -> c.callee().name().equals("guard"))
            .findFirst()
            .orElseThrow();
    assertEquals(LockPath.ofLocal("g"), guard.resultStoredTo());
  }
}
