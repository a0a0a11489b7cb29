package dev.latchkey.bugpatterns.javac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.model.CatchClause;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.EdgeKind;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import dev.latchkey.checks.model.ResultUse;
import dev.latchkey.checks.model.TaskOperation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The javac translation of what the swallowed-exception checks read
 * (notes/FRONTENDS-exceptions.md), on the model itself: CATCH nodes and their clauses, CATCH_END on
 * every normal way out of a handler (also in the copies javac's CFG makes of {@code finally} code),
 * USE of exception variables, THROW/RETURN/JUMP and {@code leavesFinally}, and the description of
 * every CALL.
 */
class ExceptionTranslationTest {
  private static final String[] HEADER = {
    "package p;",
    "import java.io.*;",
    "import java.util.*;",
    "import java.util.concurrent.*;",
    "abstract class T {",
  };

  private static Map<String, ClassModel> translate(String... body) {
    List<String> lines = new ArrayList<>(List.of(HEADER));
    lines.addAll(List.of(body));
    lines.add("}");
    return Translations.of(lines.toArray(new String[0]));
  }

  private static MethodModel method(String name, String... body) {
    return Translations.method(translate(body), name);
  }

  private static List<Node> nodes(MethodModel method, NodeKind kind) {
    return method.nodes().stream().filter(n -> n.kind() == kind).toList();
  }

  private static Node only(MethodModel method, NodeKind kind) {
    List<Node> found = nodes(method, kind);
    assertEquals(1, found.size(), () -> kind + " nodes of " + method.ref() + ": " + found);
    return found.get(0);
  }

  /** The line numbers in the snippets count the five header lines. */
  private static int line(int bodyLine) {
    return HEADER.length + bodyLine;
  }

  /** The nodes of a handler, as the core's rules walk it: normal edges until the handler ends. */
  private static List<Node> region(MethodModel method, Node entry) {
    List<Node> region = new ArrayList<>();
    boolean[] seen = new boolean[method.nodes().size()];
    Deque<Node> work = new ArrayDeque<>(List.of(entry));
    seen[entry.id()] = true;
    while (!work.isEmpty()) {
      Node node = work.poll();
      region.add(node);
      boolean leaves =
          (node.kind() == NodeKind.CATCH_END && node.handler() == entry)
              || Set.of(NodeKind.RETURN, NodeKind.THROW, NodeKind.JUMP, NodeKind.EXIT)
                  .contains(node.kind());
      if (leaves) {
        continue;
      }
      for (Edge edge : node.out()) {
        if (edge.kind() != EdgeKind.EXCEPTIONAL && !seen[edge.target().id()]) {
          seen[edge.target().id()] = true;
          work.add(edge.target());
        }
      }
    }
    return region;
  }

  private static Set<NodeKind> kinds(List<Node> nodes) {
    return nodes.stream().map(Node::kind).collect(Collectors.toSet());
  }

  private static Node call(MethodModel method, String name) {
    List<Node> calls =
        nodes(method, NodeKind.CALL).stream().filter(n -> n.callee().name().equals(name)).toList();
    assertEquals(1, calls.size(), () -> "calls of " + name + " in " + method.ref());
    return calls.get(0);
  }

  @Test
  void catchClauseFacts() {
    MethodModel m =
        method(
            "m",
            "  abstract void read() throws IOException;",
            "  abstract void sleep() throws InterruptedException;",
            "  abstract void fail(String why);",
            "  void m() {",
            "    try {",
            "      read();",
            "      Runnable r = () -> { try { sleep(); } catch (InterruptedException x) {} };",
            "      new Object() { void f() throws InterruptedException { sleep(); } };",
            "      fail(String.valueOf(1));",
            "    } catch (IOException | RuntimeException e) { // comment only",
            "      ;",
            "    }",
            "  }");
    List<Node> catches = nodes(m, NodeKind.CATCH);
    assertEquals(1, catches.size());
    Node entry = catches.get(0);
    CatchClause clause = entry.catchClause();
    assertEquals(
        List.of("java.io.IOException", "java.lang.RuntimeException"), clause.caughtTypes());
    assertEquals("e", clause.variable());
    assertEquals("e", entry.variable());
    assertTrue(clause.emptyBody(), "an empty statement and a comment are no code");
    assertEquals(Set.of("java.io.IOException"), clause.tryDeclaredExceptions());
    assertEquals("fail", clause.tryLastCallName());
    assertEquals(line(10), entry.line());
  }

  @Test
  void declaredExceptionsOfResourcesAndConstructorsAndTheOutermostLastCall() {
    MethodModel m =
        method(
            "m",
            "  static class Res implements AutoCloseable {",
            "    Res() throws InterruptedException {}",
            "    public void close() throws IOException {}",
            "  }",
            "  abstract List<String> get() throws java.util.concurrent.TimeoutException;",
            "  void m(List<String> hits) {",
            "    try (Res r = new Res()) {",
            "      hits.addAll(get());",
            "    } catch (Exception e) {",
            "      hits.add(e.getMessage());",
            "    }",
            "  }");
    CatchClause clause = only(m, NodeKind.CATCH).catchClause();
    assertEquals(
        Set.of(
            "java.lang.InterruptedException",
            "java.io.IOException",
            "java.util.concurrent.TimeoutException"),
        clause.tryDeclaredExceptions());
    assertEquals("addAll", clause.tryLastCallName());
    assertFalse(clause.emptyBody());
  }

  @Test
  void handlerEntryAndItsEnds() {
    MethodModel m =
        method(
            "m",
            "  abstract void sleep() throws InterruptedException;",
            "  abstract void log(String s);",
            "  void m(List<Runnable> jobs) {",
            "    for (Runnable job : jobs) {",
            "      try {",
            "        sleep();",
            "      } catch (InterruptedException e) {",
            "        if (jobs.isEmpty()) {",
            "          continue;",
            "        }",
            "        for (int i = 0; i < 3; i++) {",
            "          if (i == 1) break;",
            "        }",
            "        log(\"interrupted\");",
            "      }",
            "    }",
            "  }");
    Node entry = only(m, NodeKind.CATCH);
    Node sleep = call(m, "sleep");
    assertTrue(
        sleep.out().contains(new Edge(EdgeKind.EXCEPTIONAL, entry)),
        "sleep() throws into the handler");
    List<Node> ends = nodes(m, NodeKind.CATCH_END);
    assertEquals(2, ends.size(), "the continue and the fall-out; the inner break stays inside");
    ends.forEach(end -> assertSame(entry, end.handler()));
    List<Node> region = region(m, entry);
    assertTrue(region.containsAll(ends));
    assertTrue(region.contains(call(m, "log")));
    assertFalse(kinds(region).contains(NodeKind.EXIT), "the handler is closed");
    assertTrue(nodes(m, NodeKind.JUMP).isEmpty(), "no jump leaves a finally block");
  }

  @Test
  void aJumpOutOfNestedHandlersEndsEachOfThem() {
    MethodModel m =
        method(
            "m",
            "  abstract void a() throws IOException;",
            "  abstract void b() throws IOException;",
            "  void m() {",
            "    outer:",
            "    while (true) {",
            "      try {",
            "        a();",
            "      } catch (IOException first) {",
            "        try {",
            "          b();",
            "        } catch (IOException second) {",
            "          break outer;",
            "        }",
            "      }",
            "    }",
            "  }");
    List<Node> catches = nodes(m, NodeKind.CATCH);
    Node first = catches.stream().filter(c -> c.variable().equals("first")).findFirst().get();
    Node second = catches.stream().filter(c -> c.variable().equals("second")).findFirst().get();
    List<Node> secondEnds =
        region(m, second).stream().filter(n -> n.kind() == NodeKind.CATCH_END).toList();
    assertEquals(1, secondEnds.size());
    assertSame(second, secondEnds.get(0).handler(), "the inner handler ends first");
    Node next = secondEnds.get(0).out().get(0).target();
    assertEquals(NodeKind.CATCH_END, next.kind());
    assertSame(first, next.handler(), "then the outer one");
  }

  @Test
  void everyCopyOfAHandlerInAFinallyBlockEndsItself() {
    MethodModel m =
        method(
            "m",
            "  abstract String read() throws IOException;",
            "  abstract void close() throws IOException;",
            "  String m() throws IOException {",
            "    try {",
            "      return read();",
            "    } finally {",
            "      try {",
            "        close();",
            "      } catch (IOException e) {",
            "      }",
            "    }",
            "  }");
    List<Node> catches = nodes(m, NodeKind.CATCH);
    assertTrue(catches.size() >= 2, "javac's CFG copies the finally block: " + catches);
    for (Node entry : catches) {
      assertEquals(line(9), entry.line());
      List<Node> region = region(m, entry);
      List<Node> ends = region.stream().filter(n -> n.kind() == NodeKind.CATCH_END).toList();
      assertEquals(1, ends.size(), "copy " + entry);
      assertSame(entry, ends.get(0).handler());
      assertFalse(kinds(region).contains(NodeKind.EXIT));
      assertFalse(kinds(region).contains(NodeKind.RETURN));
    }
  }

  @Test
  void readsOfExceptionVariablesAreUses() {
    Map<String, ClassModel> models =
        translate(
            "  abstract void run() throws Exception;",
            "  abstract void report(Object o);",
            "  final ExecutorService pool = Executors.newSingleThreadExecutor();",
            "  void m() throws Exception {",
            "    try {",
            "      run();",
            "    } catch (IOException e) {",
            "      e = new IOException(\"replaced\");",
            "    } catch (IllegalStateException e) {",
            "      pool.execute(() -> report(e));",
            "    } catch (RuntimeException e) {",
            "      pool.execute(new Runnable() { public void run() { report(e); } });",
            "    } catch (Error e) {",
            "      pool.execute(e::printStackTrace);",
            "    } catch (Exception e) {",
            "      int local = 1;",
            "      report(local);",
            "      throw e;",
            "    }",
            "  }");
    MethodModel m = Translations.method(models, "m");
    Map<Integer, Long> usesByLine =
        nodes(m, NodeKind.USE).stream()
            .peek(use -> assertEquals("e", use.variable()))
            .collect(Collectors.groupingBy(Node::line, Collectors.counting()));
    assertFalse(usesByLine.containsKey(line(8)), "a write is no read");
    assertTrue(usesByLine.containsKey(line(10)), "read by a lambda created here");
    assertTrue(usesByLine.containsKey(line(12)), "read by an anonymous class created here");
    assertTrue(usesByLine.containsKey(line(14)), "the receiver of a method reference");
    assertTrue(usesByLine.containsKey(line(18)), "thrown");
    assertFalse(usesByLine.containsKey(line(17)), "other locals are not tracked");
    Node thrown = only(m, NodeKind.THROW);
    assertEquals("e", thrown.variable());
    assertEquals("java.lang.Exception", thrown.thrownType(), "the local's static type");
    Node handler =
        nodes(m, NodeKind.CATCH).stream().filter(c -> c.line() == line(15)).findFirst().get();
    assertTrue(region(m, handler).contains(thrown));
  }

  @Test
  void throwsNameTheirVariableOrNewType() {
    MethodModel m =
        method(
            "m",
            "  static class Failure extends RuntimeException {}",
            "  abstract RuntimeException failure();",
            "  void m(int i) {",
            "    if (i == 0) throw new Failure();",
            "    if (i == 1) throw failure();",
            "    RuntimeException local = failure();",
            "    try { failure(); } catch (IllegalStateException e) { }",
            "    throw (local);",
            "  }");
    Map<Integer, Node> throwsByLine =
        nodes(m, NodeKind.THROW).stream().collect(Collectors.toMap(Node::line, n -> n));
    assertEquals("p.T$Failure", throwsByLine.get(line(4)).thrownType());
    assertNull(throwsByLine.get(line(4)).variable());
    assertNull(throwsByLine.get(line(5)).thrownType());
    assertNull(throwsByLine.get(line(5)).variable());
    assertEquals("local", throwsByLine.get(line(8)).variable());
    throwsByLine.values().forEach(t -> assertFalse(t.leavesFinally()));
  }

  @Test
  void jumpsThatLeaveAFinallyBlock() {
    Map<String, ClassModel> models =
        translate(
            "  abstract void work();",
            "  abstract boolean done();",
            "  int returns() {",
            "    try { work(); } finally { return 1; }",
            "  }",
            "  int returnsAfter() {",
            "    try { work(); } finally { work(); }",
            "    return 2;",
            "  }",
            "  void throwsCaughtInside() {",
            "    try { work(); } finally {",
            "      try { throw new IllegalStateException(); } catch (RuntimeException e) { work(); }",
            "    }",
            "  }",
            "  void throwsMiscaught() {",
            "    try { work(); } finally {",
            "      try { throw new IllegalStateException(); } catch (UncheckedIOException e) {}",
            "    }",
            "  }",
            "  void throwsFromACatchInside() {",
            "    try { work(); } finally {",
            "      try { work(); } catch (RuntimeException e) { throw e; }",
            "    }",
            "  }",
            "  void loops(List<Integer> xs) {",
            "    outer:",
            "    for (int x : xs) {",
            "      try { work(); } finally {",
            "        for (int y : xs) {",
            "          if (y == 0) continue;",
            "          if (y == 1) break;",
            "          if (y == 2) continue outer;",
            "        }",
            "        inner:",
            "        for (int y : xs) { if (done()) break inner; }",
            "        switch (x) { case 0: work(); break; default: break; }",
            "        if (done()) break;",
            "      }",
            "    }",
            "  }",
            "  Callable<Integer> lambda() {",
            "    try { work(); } finally {",
            "      Callable<Integer> c = () -> { try { work(); } catch (RuntimeException e) {} return 3; };",
            "      return () -> { try { work(); } finally { return 4; } };",
            "    }",
            "  }",
            "  int nested() {",
            "    try { work(); } finally {",
            "      try { work(); return 5; } finally { work(); }",
            "    }",
            "  }");
    assertLeaves(models, "returns", NodeKind.RETURN, Set.of(line(4)), Set.of());
    assertLeaves(models, "returnsAfter", NodeKind.RETURN, Set.of(), Set.of(line(8)));
    assertLeaves(models, "throwsCaughtInside", NodeKind.THROW, Set.of(), Set.of(line(12)));
    assertLeaves(models, "throwsMiscaught", NodeKind.THROW, Set.of(line(17)), Set.of());
    assertLeaves(models, "throwsFromACatchInside", NodeKind.THROW, Set.of(line(22)), Set.of());
    assertLeaves(models, "loops", NodeKind.JUMP, Set.of(line(32), line(37)), Set.of());
    assertLeaves(models, "lambda", NodeKind.RETURN, Set.of(line(44)), Set.of());
    assertLeaves(models, "lambda$lambda$0", NodeKind.RETURN, Set.of(), Set.of(line(43)));
    assertLeaves(models, "lambda$lambda$1", NodeKind.RETURN, Set.of(line(44)), Set.of());
    assertLeaves(models, "nested", NodeKind.RETURN, Set.of(line(49)), Set.of());
  }

  private static void assertLeaves(
      Map<String, ClassModel> models,
      String method,
      NodeKind kind,
      Set<Integer> leaving,
      Set<Integer> staying) {
    MethodModel m = Translations.method(models, method);
    Set<Integer> leaves = new HashSet<>();
    Set<Integer> stays = new HashSet<>();
    for (Node node : nodes(m, kind)) {
      (node.leavesFinally() ? leaves : stays).add(node.line());
    }
    assertEquals(leaving, leaves, method + ": " + kind + " lines that leave a finally block");
    assertEquals(staying, stays, method + ": " + kind + " lines that do not");
  }

  @Test
  void resultUses() {
    MethodModel m =
        method(
            "m",
            "  abstract Object v();",
            "  abstract void take(Object o);",
            "  abstract void none();",
            "  Object field;",
            "  Object m(List<Object> list) {",
            "    v();",
            "    Object stored = v();",
            "    field = (v());",
            "    take(v());",
            "    v().hashCode();",
            "    if (v() == null) none();",
            "    Runnable r = () -> v();",
            "    java.util.function.Supplier<Object> s = () -> v();",
            "    try { none(); } catch (RuntimeException e) { throw e; }",
            "    return v();",
            "  }");
    Map<Integer, List<ResultUse>> uses =
        nodes(m, NodeKind.CALL).stream()
            .filter(n -> n.callee().name().equals("v") || n.callee().name().equals("none"))
            .collect(
                Collectors.groupingBy(
                    Node::line, Collectors.mapping(Node::resultUse, Collectors.toList())));
    assertEquals(List.of(ResultUse.DISCARDED), uses.get(line(6)));
    assertEquals(List.of(ResultUse.STORED), uses.get(line(7)));
    assertEquals(List.of(ResultUse.STORED), uses.get(line(8)));
    assertEquals(List.of(ResultUse.ARGUMENT), uses.get(line(9)));
    assertEquals(List.of(ResultUse.RECEIVER), uses.get(line(10)));
    assertEquals(Set.of(ResultUse.OTHER), Set.copyOf(uses.get(line(11))), "operand; void");
    assertEquals(List.of(ResultUse.RETURNED), uses.get(line(15)));
    MethodModel runnable = Translations.method(translateResultUseLambdas(), "lambda$m$0");
    MethodModel supplier = Translations.method(translateResultUseLambdas(), "lambda$m$1");
    assertEquals(ResultUse.DISCARDED, call(runnable, "v").resultUse(), "a void lambda drops it");
    assertEquals(ResultUse.RETURNED, call(supplier, "v").resultUse());
  }

  private static Map<String, ClassModel> translateResultUseLambdas() {
    return translate(
        "  abstract Object v();",
        "  final ExecutorService pool = Executors.newSingleThreadExecutor();",
        "  void m() {",
        "    pool.execute(() -> v());",
        "    pool.submit(() -> v());",
        "  }");
  }

  @Test
  void taskOperationsChainsAndBodies() {
    Map<String, ClassModel> models =
        translate(
            "  final ThreadPoolExecutor pool = null;",
            "  final ExecutorCompletionService<Object> completion = null;",
            "  abstract Object load();",
            "  private void refresh() {}",
            "  void m() {",
            "    pool.submit(() -> load());",
            "    pool.submit(this::refresh);",
            "    pool.submit((Callable<String>) String::new);",
            "    completion.submit(this::load);",
            "    CompletableFuture.supplyAsync(this::load, pool).thenApply(String::valueOf);",
            "    Thread.currentThread().interrupt();",
            "  }");
    MethodModel m = Translations.method(models, "m");
    List<Node> submits =
        nodes(m, NodeKind.CALL).stream().filter(n -> n.callee().name().equals("submit")).toList();
    assertEquals(4, submits.size());
    Map<Integer, Node> byLine = submits.stream().collect(Collectors.toMap(Node::line, n -> n));
    Node lambdaSubmit = byLine.get(line(6));
    assertEquals(TaskOperation.SUBMIT, lambdaSubmit.taskOperation());
    assertEquals(ResultUse.DISCARDED, lambdaSubmit.resultUse());
    MethodRef lambda = Translations.method(models, "lambda$m$0").ref();
    assertEquals(List.of(lambda), lambdaSubmit.taskBodies(), "the lambda's own model");
    assertEquals(
        List.of(Translations.method(models, "refresh").ref()),
        byLine.get(line(7)).taskBodies(),
        "a method reference to a method of this class; translated although it has no event");
    assertEquals(List.of(), byLine.get(line(8)).taskBodies(), "a constructor of another class");
    assertNull(byLine.get(line(9)).taskOperation(), "not an ExecutorService");

    Node thenApply = call(m, "thenApply");
    assertEquals(TaskOperation.CHAIN_STEP, thenApply.taskOperation());
    assertEquals(ResultUse.DISCARDED, thenApply.resultUse());
    Node supplyAsync = thenApply.receiverCall();
    assertNotNull(supplyAsync);
    assertEquals("supplyAsync", supplyAsync.callee().name());
    assertEquals(TaskOperation.ASYNC_START, supplyAsync.taskOperation());
    assertEquals(ResultUse.RECEIVER, supplyAsync.resultUse());

    Node interrupt = call(m, "interrupt");
    assertEquals(TaskOperation.INTERRUPT, interrupt.taskOperation());
    assertEquals(TaskOperation.CURRENT_THREAD, interrupt.receiverCall().taskOperation());
    assertSame(call(m, "currentThread"), interrupt.receiverCall());
  }

  @Test
  void tryWithResourcesHasOnlyTheHandlersOfTheSource() {
    MethodModel m =
        method(
            "m",
            "  abstract BufferedReader open() throws IOException;",
            "  String m() {",
            "    try (BufferedReader reader = open()) {",
            "      return reader.readLine();",
            "    } catch (IOException e) {",
            "      return null;",
            "    }",
            "  }",
            "  long n() throws IOException {",
            "    try (BufferedReader reader = open()) {",
            "      return reader.lines().count();",
            "    }",
            "  }");
    Node entry = only(m, NodeKind.CATCH);
    assertEquals(line(5), entry.line());
    assertTrue(
        call(m, "open").out().contains(new Edge(EdgeKind.EXCEPTIONAL, entry)),
        "the resource is opened inside the statement's try");
    Map<String, ClassModel> withoutCatch =
        translate(
            "  abstract BufferedReader open() throws IOException;",
            "  long n() throws IOException {",
            "    try (BufferedReader reader = open()) {",
            "      return reader.lines().count();",
            "    }",
            "  }");
    assertTrue(
        withoutCatch.get("p.T").methods().stream()
            .allMatch(method -> nodes(method, NodeKind.CATCH).isEmpty()),
        "the handlers that close the resource are no catch clauses");
  }

  @Test
  void theCallALambdaWithAHandlerIsPassedToIsDescribed() {
    Map<String, ClassModel> models =
        translate(
            "  abstract void parse(String s) throws java.text.ParseException;",
            "  abstract void assertThrows(Class<?> type, Runnable body);",
            "  void m() {",
            "    assertThrows(IllegalStateException.class, () -> {",
            "      try { parse(\"x\"); } catch (java.text.ParseException e) { }",
            "    });",
            "  }");
    MethodModel lambda = Translations.method(models, "lambda$m$0");
    assertEquals(1, nodes(lambda, NodeKind.CATCH).size());
    Node call = call(Translations.method(models, "m"), "assertThrows");
    assertEquals(List.of(lambda.ref()), call.taskBodies(), "m is translated for its lambda");
  }

  @Test
  void everyBodyIsTranslated() {
    Map<String, ClassModel> models =
        translate(
            "  abstract void work() throws IOException;",
            "  int plain(int x) { return x + 1; }",
            "  void handles() {",
            "    try { work(); } catch (IOException e) { }",
            "  }");
    Set<String> names =
        models.get("p.T").methods().stream().map(m -> m.ref().name()).collect(Collectors.toSet());
    assertEquals(Set.of("handles", "plain", "<init>"), names, "the race checks read every body");
  }
}
