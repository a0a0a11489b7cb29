package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.api.TaskApi;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import dev.latchkey.checks.model.ResultUse;
import dev.latchkey.checks.model.TaskOperation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bytecode translation of what the unbounded-executor checks read
 * (notes/FRONTENDS-executors.md) on the model itself: constructor calls classified by the task
 * table, where results are stored, argument producers and constants, ESCAPE and LOOP_LIMIT nodes,
 * test code, and the field initializers javac compiles into the constructors and {@code <clinit>}.
 * The snippets are the javac front-end's (bugpatterns' ExecutorTranslationTest), line for line, so
 * that both front-ends are held to the same model; where bytecode cannot see what javac sees, the
 * test says so.
 */
class ExecutorModelTest {
  private static final String HEADER =
      String.join(
          "\n",
          "package p;",
          "import java.util.*;",
          "import java.util.concurrent.*;",
          "import org.junit.jupiter.api.Test;",
          "abstract class T {",
          "");

  private static final int HEADER_LINES = 5;

  private static final LockPath POOL = LockPath.ofLocal("pool");

  private static Snippets compile(String... body) {
    return Snippets.compile("p.T", HEADER + String.join("\n", body) + "\n}\n");
  }

  private static ClassModel translate(String... body) {
    return compile(body).model("p.T");
  }

  private static MethodModel method(ClassModel model, String name) {
    return model.methods().stream()
        .filter(m -> m.ref().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no model of " + name + " in " + model.name()));
  }

  private static MethodModel method(String name, String... body) {
    return method(translate(body), name);
  }

  private static List<Node> nodes(MethodModel method, NodeKind kind) {
    return method.nodes().stream().filter(n -> n.kind() == kind).toList();
  }

  /** The only CALL of a method (or constructor, {@code <init>}) of {@code owner} named so. */
  private static Node call(MethodModel method, String owner, String name) {
    List<Node> calls = calls(method, owner, name);
    assertEquals(1, calls.size(), () -> "calls of " + owner + "." + name + " in " + method.ref());
    return calls.get(0);
  }

  private static List<Node> calls(MethodModel method, String owner, String name) {
    return nodes(method, NodeKind.CALL).stream()
        .filter(n -> n.callee().name().equals(name) && n.callee().owner().endsWith(owner))
        .sorted(Comparator.comparingInt(Node::line))
        .toList();
  }

  /** The variables of the nodes of {@code kind}, in line order, one per instruction. */
  private static List<String> variables(MethodModel method, NodeKind kind) {
    return nodes(method, kind).stream()
        .sorted(Comparator.comparingInt(Node::line))
        .map(Node::variable)
        .toList();
  }

  /** The line numbers in the snippets count the five header lines. */
  private static int line(int bodyLine) {
    return HEADER_LINES + bodyLine;
  }

  @Test
  void constructorCallsAreClassifiedAndDescribed() {
    MethodModel m =
        method(
            "m",
            "  static final int MAX = Integer.MAX_VALUE;",
            "  static class Worker extends Thread {}",
            "  ExecutorService m(Runnable r, int threads) {",
            "    ThreadPoolExecutor pool =",
            "        new ThreadPoolExecutor(2, MAX, 30L, TimeUnit.SECONDS, new SynchronousQueue<>());",
            "    new Thread(r).start();",
            "    Thread w = new Worker();",
            "    new ForkJoinPool(threads);",
            "    return Executors.newFixedThreadPool(threads);",
            "  }");
    Node pool = call(m, TaskApi.THREAD_POOL_EXECUTOR, "<init>");
    assertEquals(TaskOperation.CREATE_EXECUTOR, pool.taskOperation());
    assertEquals(ResultUse.STORED, pool.resultUse());
    assertEquals(POOL, pool.resultStoredTo());
    // Known difference from javac (line 5, where `new` starts): javac's LineNumberTable gives a
    // `new` on a continuation line no line of its own, so the class file says the statement's.
    // Fixtures keep a marked statement on one line.
    assertEquals(line(4), pool.line());
    assertEquals(line(9), call(m, TaskApi.EXECUTORS, "newFixedThreadPool").line());
    Node queue = call(m, "java.util.concurrent.SynchronousQueue", "<init>");
    assertEquals(Arrays.asList(null, null, null, null, queue), pool.argumentProducers());
    assertEquals(
        Arrays.asList(2L, (long) Integer.MAX_VALUE, 30L, null, null), pool.argumentConstants());
    assertEquals(ResultUse.ARGUMENT, queue.resultUse());
    assertNull(queue.resultStoredTo());

    Node thread = call(m, TaskApi.THREAD, "<init>");
    assertEquals(TaskOperation.THREAD_CREATE, thread.taskOperation());
    Node start = call(m, TaskApi.THREAD, "start");
    assertEquals(TaskOperation.THREAD_START, start.taskOperation());
    assertSame(thread, start.receiverCall(), "new Thread(..).start() starts the created thread");
    assertEquals(ResultUse.RECEIVER, thread.resultUse());
    Node worker = call(m, "T$Worker", "<init>");
    assertEquals(TaskOperation.THREAD_CREATE, worker.taskOperation(), "a subclass of Thread");
    assertEquals(LockPath.ofLocal("w"), worker.resultStoredTo());
    Node forkJoin = call(m, TaskApi.FORK_JOIN_POOL, "<init>");
    assertEquals(TaskOperation.CREATE_EXECUTOR, forkJoin.taskOperation());
    assertEquals(ResultUse.DISCARDED, forkJoin.resultUse());
    assertEquals(Arrays.asList((Long) null), forkJoin.argumentConstants());
    Node fixed = call(m, TaskApi.EXECUTORS, "newFixedThreadPool");
    assertEquals(TaskOperation.CREATE_EXECUTOR, fixed.taskOperation());
    assertEquals(ResultUse.RETURNED, fixed.resultUse());
    assertNull(fixed.resultStoredTo());
  }

  @Test
  void whereResultsAreStored() {
    ClassModel models =
        translate(
            "  static ExecutorService shared;",
            "  ExecutorService pool;",
            "  ExecutorService[] pools = new ExecutorService[2];",
            "  abstract void use(ExecutorService e);",
            "  void m() {",
            "    ExecutorService local;",
            "    local = Executors.newCachedThreadPool();",
            "    this.pool = Executors.newSingleThreadExecutor();",
            "    pool = Executors.newWorkStealingPool();",
            "    shared = (Executors.newFixedThreadPool(1));",
            "    pools[0] = Executors.newFixedThreadPool(2);",
            "    use(Executors.newFixedThreadPool(3));",
            "    Object cast = (Object) Executors.newFixedThreadPool(4);",
            "    ThreadPoolExecutor down = (ThreadPoolExecutor) Executors.newFixedThreadPool(5);",
            "  }");
    MethodModel m = method(models, "m");
    assertEquals(LockPath.ofLocal("local"), call(m, "", "newCachedThreadPool").resultStoredTo());
    LockPath field = LockPath.ofThis().field("pool");
    assertEquals(field, call(m, "", "newSingleThreadExecutor").resultStoredTo());
    assertEquals(field, call(m, "", "newWorkStealingPool").resultStoredTo());
    List<Node> fixed = calls(m, "", "newFixedThreadPool");
    assertEquals(5, fixed.size());
    assertEquals(LockPath.ofStaticField("p.T", "shared"), fixed.get(0).resultStoredTo());
    assertNull(fixed.get(1).resultStoredTo(), "an array element is no variable");
    assertEquals(ResultUse.STORED, fixed.get(1).resultUse());
    assertNull(fixed.get(2).resultStoredTo(), "an argument");
    Node use = call(m, "p.T", "use");
    assertSame(fixed.get(2), use.argumentProducers().get(0));
    // Known difference from javac: a cast is no tree in a class file. An upcast has no
    // instruction at all and a downcast's checkcast passes the value on, so both results count
    // as stored into their variable (javac: not stored directly).
    assertEquals(LockPath.ofLocal("cast"), fixed.get(3).resultStoredTo());
    assertEquals(LockPath.ofLocal("down"), fixed.get(4).resultStoredTo());
  }

  @Test
  void argumentProducersThroughALocalAndConstants() {
    MethodModel m =
        method(
            "m",
            "  static final int QUEUE = 50;",
            "  static final long KEEP = 60L;",
            "  abstract void log(Object... values);",
            "  ExecutorService m(int threads, BlockingQueue<Runnable> given) {",
            "    LinkedBlockingDeque<Runnable> stack = new LinkedBlockingDeque<>(QUEUE);",
            "    log(1, new Object(), stack);",
            "    return new ThreadPoolExecutor(threads, 4 * 2, KEEP, TimeUnit.SECONDS, stack);",
            "  }");
    Node pool = call(m, TaskApi.THREAD_POOL_EXECUTOR, "<init>");
    assertEquals(LockPath.ofLocal("stack"), pool.arguments().get(4));
    assertEquals(Arrays.asList(null, 8L, 60L, null, null), pool.argumentConstants());
    Node deque = call(m, "java.util.concurrent.LinkedBlockingDeque", "<init>");
    assertEquals(LockPath.ofLocal("stack"), deque.resultStoredTo());
    assertEquals(List.of(50L), deque.argumentConstants());
    assertEquals("(I)V", deque.callee().descriptor());
    Node log = call(m, "p.T", "log");
    assertEquals(3, log.argumentProducers().size(), "varargs: one entry per written argument");
    assertSame(call(m, "java.lang.Object", "<init>"), log.argumentProducers().get(1));
    assertEquals(ResultUse.ARGUMENT, call(m, "java.lang.Object", "<init>").resultUse());
    assertEquals(LockPath.ofLocal("stack"), log.arguments().get(2));
    // Known difference from javac: the 1 is boxed (Integer.valueOf) in the class file, and a
    // boxed value is no constant.
    assertEquals(Arrays.asList(null, null, null), log.argumentConstants());
  }

  @Test
  void escapesOfLocals() {
    ClassModel models =
        translate(
            "  ExecutorService field;",
            "  final List<Object> all = new ArrayList<>();",
            "  abstract void use(Object o);",
            "  ExecutorService returned() {",
            "    ExecutorService pool = Executors.newCachedThreadPool();",
            "    return pool;",
            "  }",
            "  void stored(ExecutorService given, Object[] array) {",
            "    ExecutorService a = Executors.newCachedThreadPool();",
            "    field = a;",
            "    array[0] = given;",
            "    Object copy = (Object) a;",
            "    int n = 3;",
            "    int m = n;",
            "  }",
            "  void notEscaping(ExecutorService pool) {",
            "    use(pool);",
            "    String s = \"pool \" + pool;",
            "    all.add(s);",
            "    for (Object o : new Object[] {pool}) { use(o); }",
            "  }",
            "  void captured(ExecutorService pool, ExecutorService other, ExecutorService third) {",
            "    Runnable r = () -> pool.shutdown();",
            "    Object anonymous = new Object() { public String toString() { return other + \"\"; } };",
            "    Runnable ref = third::shutdown;",
            "    Runnable own = () -> { ExecutorService inner = Executors.newCachedThreadPool(); };",
            "  }",
            "  CompletableFuture<ExecutorService> supplier(ExecutorService pool) {",
            "    return CompletableFuture.supplyAsync(() -> pool);",
            "  }");
    MethodModel returned = method(models, "returned");
    assertEquals(List.of("pool"), variables(returned, NodeKind.ESCAPE));
    assertEquals(line(6), nodes(returned, NodeKind.ESCAPE).get(0).line());
    assertEquals(
        List.of("a", "given", "a"),
        variables(method(models, "stored"), NodeKind.ESCAPE),
        "stored into a field, an array element, another variable (cast or not); no primitives");
    assertEquals(
        List.of(),
        variables(method(models, "notEscaping"), NodeKind.ESCAPE),
        "arguments, string concatenation and array initializers are no escape");
    MethodModel captured = method(models, "captured");
    assertEquals(
        List.of("pool", "other", "third"),
        variables(captured, NodeKind.ESCAPE),
        "captured by a lambda, an anonymous class and a method reference; the lambda's own local"
            + " is not captured");
    MethodModel lambda =
        models.methods().stream()
            .filter(mm -> mm.ref().name().startsWith("lambda$supplier$"))
            .findFirst()
            .orElseThrow();
    assertEquals(List.of("pool"), variables(lambda, NodeKind.ESCAPE), "an expression lambda");
  }

  @Test
  void escapeComesBeforeTheReturnAndStopsTheExecutorsPath() {
    MethodModel m =
        method(
            "m",
            "  ExecutorService m() {",
            "    ExecutorService pool = Executors.newCachedThreadPool();",
            "    return pool;",
            "  }");
    Node escape = nodes(m, NodeKind.ESCAPE).get(0);
    Node ret = nodes(m, NodeKind.RETURN).get(0);
    assertTrue(escape.out().stream().map(Edge::target).anyMatch(target -> target == ret));
  }

  @Test
  void loopLimits() {
    MethodModel m =
        method(
            "m",
            "  static final int WORKERS = 4;",
            "  abstract boolean more();",
            "  abstract void run(int i);",
            "  void m(int n, List<String> items) {",
            "    for (int i = 0; i < 4; i++) run(i);",
            "    for (int i = 0; WORKERS >= i; i++) run(i);",
            "    int j = 0;",
            "    while ((j != 64)) { run(j++); }",
            "    do { run(j--); } while (j > 2 && more());",
            "    for (int i = 0; i < n; i++) run(i);",
            "    for (long k = 0; k < 4; k++) run(1);",
            "    for (int i = 0; i < 4 || more(); i++) run(i);",
            "    for (String item : items) { if (j < 3) run(j); }",
            "    for (int i = n; i > 0; i--) run(i);",
            "    new Thread(() -> run(0)).start();",
            "  }");
    List<Node> limits =
        nodes(m, NodeKind.LOOP_LIMIT).stream().sorted(Comparator.comparingInt(Node::line)).toList();
    assertEquals(
        List.of(4L, 4L, 64L, 2L), limits.stream().map(Node::constant).toList(), "" + limits);
    assertEquals(
        List.of(line(5), line(6), line(8), line(9)), limits.stream().map(Node::line).toList());
  }

  @Test
  void aComparisonWithZeroIsNoLimitEitherWay() {
    MethodModel m =
        method(
            "m",
            "  abstract void run(int i);",
            "  void m(int n) {",
            "    for (int i = n; 0 < i; i--) run(i);",
            "    for (int i = 0; i < 3; i++) { if (i == 1) break; run(i); }",
            "  }");
    // 0 < i pushes the zero (javac drops only a zero right operand); the break's i == 1 leaves
    // the loop too, a known difference from javac, which takes only loop conditions.
    assertEquals(
        List.of(3L, 1L),
        nodes(m, NodeKind.LOOP_LIMIT).stream()
            .sorted(Comparator.comparingLong(Node::constant).reversed())
            .map(Node::constant)
            .toList());
  }

  @Test
  void forEachBodiesAndAsyncExecutors() {
    ClassModel models =
        translate(
            "  final ExecutorService pool = Executors.newFixedThreadPool(2);",
            "  void m(List<String> keys, Map<String, String> map) {",
            "    keys.forEach(key -> new Thread(() -> System.out.println(key)).start());",
            "    map.forEach((k, v) -> pool.execute(() -> System.out.println(k + v)));",
            "    CompletableFuture.runAsync(() -> {}, pool);",
            "  }");
    MethodModel m = method(models, "m");
    List<Node> forEach =
        nodes(m, NodeKind.CALL).stream()
            .filter(n -> n.taskOperation() == TaskOperation.FOR_EACH)
            .toList();
    assertEquals(2, forEach.size());
    for (Node call : forEach) {
      assertEquals(1, call.taskBodies().size(), "" + call);
      MethodModel body = method(models, call.taskBodies().get(0).name());
      assertTrue(body.has(Flag.LAMBDA));
      assertFalse(nodes(body, NodeKind.CALL).isEmpty(), "the body is translated");
    }
    Node async = call(m, TaskApi.COMPLETABLE_FUTURE, "runAsync");
    assertEquals(TaskOperation.ASYNC_START, async.taskOperation());
    assertEquals(LockPath.ofThis().field("pool"), async.arguments().get(1));
  }

  @Test
  void testCodeByAnnotationAndItsLambdas() {
    ClassModel models =
        translate(
            "  @interface BeforeClass {}",
            "  @Test void aTest() {",
            "    Runnable r = () -> Executors.newCachedThreadPool().shutdown();",
            "    Executors.newCachedThreadPool().shutdown();",
            "  }",
            "  @org.junit.jupiter.api.BeforeEach void setUp() {",
            "    Runnable r = () -> { Runnable inner = () -> Executors.newCachedThreadPool(); };",
            "  }",
            "  @BeforeClass static void once() {}",
            "  @Deprecated void helper() {",
            "    Runnable r = () -> Executors.newCachedThreadPool().shutdown();",
            "  }");
    assertTrue(method(models, "aTest").has(Flag.TEST_CODE));
    assertTrue(method(models, "setUp").has(Flag.TEST_CODE));
    assertTrue(method(models, "once").has(Flag.TEST_CODE), "by simple name (JUnit 4, CLASS)");
    assertFalse(method(models, "helper").has(Flag.TEST_CODE));
    for (MethodModel lambda : models.methods()) {
      String name = lambda.ref().name();
      if (name.startsWith("lambda$aTest$") || name.startsWith("lambda$setUp$")) {
        assertTrue(lambda.has(Flag.TEST_CODE), name + ": a lambda is test code where it is made");
      } else if (name.startsWith("lambda$helper$")) {
        assertFalse(lambda.has(Flag.TEST_CODE), name);
      }
    }
  }

  @Test
  void instanceFieldInitializersRunInEveryConstructor() {
    ClassModel models =
        translate(
            "  private final ExecutorService pool = Executors.newCachedThreadPool();",
            "  private final Map<String, String> plain = new HashMap<>();",
            "  private final ExecutorService given;",
            "  T(ExecutorService given) {",
            "    this.given = given;",
            "  }",
            "  T() {",
            "    this(Executors.newFixedThreadPool(2));",
            "  }",
            "  T(int threads) {",
            "    super();",
            "    given = null;",
            "  }");
    List<MethodModel> constructors =
        models.methods().stream().filter(m -> m.ref().name().equals("<init>")).toList();
    assertEquals(3, constructors.size());
    int withInitializer = 0;
    for (MethodModel constructor : constructors) {
      assertTrue(constructor.has(Flag.CONSTRUCTOR));
      List<Node> cached = calls(constructor, "", "newCachedThreadPool");
      if (constructor.ref().descriptor().equals("()V")) {
        assertEquals(List.of(), cached, "this(..) runs the initializers, not this constructor");
        continue;
      }
      withInitializer++;
      assertEquals(1, cached.size());
      Node creation = cached.get(0);
      assertEquals(line(1), creation.line());
      assertEquals(TaskOperation.CREATE_EXECUTOR, creation.taskOperation());
      assertEquals(ResultUse.STORED, creation.resultUse());
      assertEquals(LockPath.ofThis().field("pool"), creation.resultStoredTo());
      assertTrue(reaches(constructor.entry(), creation), "the initializer runs first");
      assertTrue(reaches(creation, constructor.exit()), "then the constructor's body");
    }
    assertEquals(2, withInitializer);
  }

  @Test
  void staticInitializersFormClinit() {
    Snippets snippets =
        compile(
            "  static final ExecutorService TIMER =",
            "      Executors.newSingleThreadExecutor();",
            "  static final ExecutorService SHARED;",
            "  static {",
            "    SHARED = new ForkJoinPool(4);",
            "  }",
            "  static final int LIMIT = 3;",
            "  enum Size { SMALL, LARGE }",
            "  static int threads(Size size) {",
            "    switch (size) { case SMALL: return 1; default: return 4; }",
            "  }");
    MethodModel clinit = method(snippets.model("p.T"), "<clinit>");
    assertFalse(clinit.has(Flag.CONSTRUCTOR));
    assertTrue(clinit.has(Flag.NOT_OVERRIDABLE));
    Node timer = call(clinit, TaskApi.EXECUTORS, "newSingleThreadExecutor");
    assertEquals(LockPath.ofStaticField("p.T", "TIMER"), timer.resultStoredTo());
    assertEquals(line(2), timer.line());
    Node shared = call(clinit, TaskApi.FORK_JOIN_POOL, "<init>");
    assertEquals(LockPath.ofStaticField("p.T", "SHARED"), shared.resultStoredTo());
    assertTrue(reaches(timer, shared), "in source order");
    assertTrue(reaches(shared, clinit.exit()));
    // javac's $SwitchMap$ class for the enum switch: its <clinit> (with an empty catch of
    // NoSuchFieldError) is no source code.
    assertTrue(
        snippets.model("p.T$1").methods().stream()
            .noneMatch(m -> m.ref().name().equals("<clinit>")));
    assertEquals(
        List.of(String.format("%3d %s", line(2), "UnboundedExecutor")), snippets.findings());
  }

  @Test
  void tryWithResourcesClosesOnEveryNormalPath() {
    MethodModel m =
        method(
            "m",
            "  interface Pool extends ExecutorService, AutoCloseable { void close(); }",
            "  static Pool open() { return null; }",
            "  int m() {",
            "    try (Pool pool = open()) {",
            "      return pool.hashCode();",
            "    }",
            "  }");
    Node open = call(m, "p.T", "open");
    Node close = calls(m, "T$Pool", "close").get(0);
    assertEquals(TaskOperation.SHUTDOWN, close.taskOperation());
    assertEquals(POOL, close.receiver());
    // javac tests the resource for null before closing it (it came from a call); the model keeps
    // only the path that closes it, so no normal path reaches the end without close().
    assertFalse(reachesAvoiding(open, m.exit(), NodeKind.CALL, "close"));
  }

  @Test
  void concatenationBeforeJava9IsNoCallAndNoEscape() {
    String source =
        HEADER
            + String.join(
                "\n",
                "  abstract void log(String message);",
                "  void m(List<String> tables) throws InterruptedException {",
                "    ExecutorService pool = new ThreadPoolExecutor(2, 2, 0L, TimeUnit.SECONDS,"
                    + " new ArrayBlockingQueue<Runnable>(10));",
                "    log(\"analyzing \" + tables.size() + \" tables on \" + pool);",
                "    StringBuilder own = new StringBuilder();",
                "    own.append(pool);",
                "  }",
                "}",
                "");
    Snippets snippets = Snippets.compile("p.T", source, List.of("--release", "8"));
    MethodModel m = method(snippets.model("p.T"), "m");
    assertEquals(List.of(), calls(m, "java.lang.StringBuilder", "toString"));
    List<Node> appends = calls(m, "java.lang.StringBuilder", "append");
    assertEquals(1, appends.size(), "only the source's own append(): " + appends);
    assertEquals(POOL, appends.get(0).arguments().get(0));
    assertEquals(List.of(), variables(m, NodeKind.ESCAPE));
    assertEquals(1, calls(m, "java.lang.StringBuilder", "<init>").size());
  }

  @Test
  void findingsOfTheFamilyOnASnippet() {
    String source =
        HEADER
            + String.join(
                "\n",
                "  private final ExecutorService shared = Executors.newCachedThreadPool(); // expect: UnboundedExecutor",
                "  void each(List<Runnable> jobs) {",
                "    for (Runnable job : jobs) {",
                "      shared.execute(job); // expect: UnboundedSubmission",
                "    }",
                "  }",
                "  void few(List<Runnable> jobs) {",
                "    for (int i = 0; i < 8; i++) {",
                "      new Thread(jobs.get(i)).start();",
                "    }",
                "  }",
                "  void leak() {",
                "    ExecutorService pool = Executors.newSingleThreadExecutor(); // expect: UnboundedExecutor, ExecutorNotShutdown",
                "    pool.execute(() -> {});",
                "  }",
                "  @Test void inATest() {",
                "    ExecutorService pool = Executors.newCachedThreadPool();",
                "    pool.execute(() -> {});",
                "  }",
                "}",
                "");
    Snippets snippets = Snippets.compile("p.T", source);
    assertEquals(Snippets.expected(source), snippets.findings(), () -> "" + snippets.messages());
    // latchkey.checkTestCode=true judges the test method too.
    LatchkeyConfig checkTests =
        LatchkeyConfig.from(key -> key.equals("CheckTestCode") ? "true" : null);
    List<String> all = snippets.findings(checkTests);
    assertTrue(all.contains(String.format("%3d %s", line(17), "UnboundedExecutor")), "" + all);
    assertTrue(all.contains(String.format("%3d %s", line(17), "ExecutorNotShutdown")), "" + all);
  }

  private static boolean reaches(Node from, Node to) {
    List<Node> work = new ArrayList<>(List.of(from));
    Set<Node> seen = new HashSet<>(work);
    while (!work.isEmpty()) {
      Node node = work.remove(work.size() - 1);
      if (node == to) {
        return true;
      }
      node.out().stream().map(Edge::target).filter(seen::add).forEach(work::add);
    }
    return false;
  }

  /** Whether a normal path leads from {@code from} to {@code to} without a CALL named so. */
  private static boolean reachesAvoiding(Node from, Node to, NodeKind kind, String name) {
    List<Node> work = new ArrayList<>(List.of(from));
    Set<Node> seen = new HashSet<>(work);
    while (!work.isEmpty()) {
      Node node = work.remove(work.size() - 1);
      if (node == to) {
        return true;
      }
      if (node != from && node.kind() == kind && node.callee().name().equals(name)) {
        continue;
      }
      node.out().stream()
          .filter(edge -> edge.kind() != dev.latchkey.checks.model.EdgeKind.EXCEPTIONAL)
          .map(Edge::target)
          .filter(seen::add)
          .forEach(work::add);
    }
    return false;
  }
}
