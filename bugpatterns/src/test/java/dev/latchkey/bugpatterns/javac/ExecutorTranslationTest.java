package dev.latchkey.bugpatterns.javac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.api.TaskApi;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import dev.latchkey.checks.model.ResultUse;
import dev.latchkey.checks.model.TaskOperation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The javac translation of what the unbounded-executor checks read (notes/FRONTENDS-executors.md),
 * on the model itself: constructor calls classified by the task table, where results are stored,
 * argument producers and constants, ESCAPE and LOOP_LIMIT nodes, test code, and field initializers
 * translated into the constructors and {@code <clinit>} that run them.
 */
class ExecutorTranslationTest {
  private static final String[] HEADER = {
    "package p;",
    "import java.util.*;",
    "import java.util.concurrent.*;",
    "import org.junit.jupiter.api.Test;",
    "abstract class T {",
  };

  private static final LockPath POOL = LockPath.ofLocal("pool");

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

  /** The only CALL of a method (or constructor, {@code <init>}) of {@code owner} named so. */
  private static Node call(MethodModel method, String owner, String name) {
    List<Node> calls =
        nodes(method, NodeKind.CALL).stream()
            .filter(n -> n.callee().name().equals(name) && n.callee().owner().endsWith(owner))
            .toList();
    assertEquals(1, calls.size(), () -> "calls of " + owner + "." + name + " in " + method.ref());
    return calls.get(0);
  }

  private static List<String> variables(MethodModel method, NodeKind kind) {
    return nodes(method, kind).stream().map(Node::variable).toList();
  }

  /** The line numbers in the snippets count the five header lines. */
  private static int line(int bodyLine) {
    return HEADER.length + bodyLine;
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
    assertEquals(line(5), pool.line());
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
    Map<String, ClassModel> models =
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
            "  }");
    MethodModel m = Translations.method(models, "m");
    assertEquals(LockPath.ofLocal("local"), call(m, "", "newCachedThreadPool").resultStoredTo());
    LockPath field = LockPath.ofThis().field("pool");
    assertEquals(field, call(m, "", "newSingleThreadExecutor").resultStoredTo());
    assertEquals(field, call(m, "", "newWorkStealingPool").resultStoredTo());
    List<Node> fixed =
        nodes(m, NodeKind.CALL).stream()
            .filter(n -> n.callee().name().equals("newFixedThreadPool"))
            .toList();
    assertEquals(4, fixed.size());
    assertEquals(LockPath.ofStaticField("p.T", "shared"), fixed.get(0).resultStoredTo());
    assertNull(fixed.get(1).resultStoredTo(), "an array element is no variable");
    assertEquals(ResultUse.STORED, fixed.get(1).resultUse());
    assertNull(fixed.get(2).resultStoredTo(), "an argument");
    assertNull(fixed.get(3).resultStoredTo(), "a cast value is not stored directly");
    Node use = call(m, "p.T", "use");
    assertSame(fixed.get(2), use.argumentProducers().get(0));
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
    assertEquals(Arrays.asList(1L, null, null), log.argumentConstants());
  }

  @Test
  void escapesOfLocals() {
    Map<String, ClassModel> models =
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
    MethodModel returned = Translations.method(models, "returned");
    assertEquals(List.of("pool"), variables(returned, NodeKind.ESCAPE));
    assertEquals(line(6), nodes(returned, NodeKind.ESCAPE).get(0).line());
    assertEquals(
        List.of("a", "given", "a"),
        variables(Translations.method(models, "stored"), NodeKind.ESCAPE),
        "stored into a field, an array element, another variable (cast or not); no primitives");
    assertEquals(
        List.of(),
        variables(Translations.method(models, "notEscaping"), NodeKind.ESCAPE),
        "arguments, string concatenation and array initializers are no escape");
    MethodModel captured = Translations.method(models, "captured");
    assertEquals(
        List.of("pool", "other", "third"),
        variables(captured, NodeKind.ESCAPE),
        "captured by a lambda, an anonymous class and a method reference; the lambda's own local"
            + " is not captured");
    MethodModel lambda =
        Translations.method(models, "p.T", "lambda$supplier$" + lambdaIndex(models, "supplier"));
    assertEquals(List.of("pool"), variables(lambda, NodeKind.ESCAPE), "an expression lambda");
  }

  /** The index javac-like naming gives the one lambda of {@code method}. */
  private static int lambdaIndex(Map<String, ClassModel> models, String method) {
    return models.get("p.T").methods().stream()
        .map(m -> m.ref().name())
        .filter(name -> name.startsWith("lambda$" + method + "$"))
        .map(name -> Integer.parseInt(name.substring(name.lastIndexOf('$') + 1)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void loopLimits() {
    Map<String, ClassModel> models =
        translate(
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
    MethodModel m = Translations.method(models, "m");
    List<Node> limits =
        nodes(m, NodeKind.LOOP_LIMIT).stream()
            .sorted(java.util.Comparator.comparingInt(Node::line))
            .toList();
    assertEquals(
        List.of(4L, 4L, 64L, 2L), limits.stream().map(Node::constant).toList(), "" + limits);
    assertEquals(
        List.of(line(5), line(6), line(8), line(9)), limits.stream().map(Node::line).toList());
  }

  @Test
  void forEachBodiesAndAsyncExecutors() {
    Map<String, ClassModel> models =
        translate(
            "  final ExecutorService pool = Executors.newFixedThreadPool(2);",
            "  void m(List<String> keys, Map<String, String> map) {",
            "    keys.forEach(key -> new Thread(() -> System.out.println(key)).start());",
            "    map.forEach((k, v) -> pool.execute(() -> System.out.println(k + v)));",
            "    CompletableFuture.runAsync(() -> {}, pool);",
            "  }");
    MethodModel m = Translations.method(models, "m");
    List<Node> forEach =
        nodes(m, NodeKind.CALL).stream()
            .filter(n -> n.taskOperation() == TaskOperation.FOR_EACH)
            .toList();
    assertEquals(2, forEach.size());
    for (Node call : forEach) {
      assertEquals(1, call.taskBodies().size(), "" + call);
      MethodModel body = Translations.method(models, "p.T", call.taskBodies().get(0).name());
      assertTrue(body.has(Flag.LAMBDA));
      assertFalse(nodes(body, NodeKind.CALL).isEmpty(), "the body is translated");
    }
    Node async = call(m, TaskApi.COMPLETABLE_FUTURE, "runAsync");
    assertEquals(TaskOperation.ASYNC_START, async.taskOperation());
    assertEquals(LockPath.ofThis().field("pool"), async.arguments().get(1));
  }

  @Test
  void testCodeByAnnotationAndItsLambdas() {
    Map<String, ClassModel> models =
        translate(
            "  @Test void aTest() {",
            "    Runnable r = () -> Executors.newCachedThreadPool().shutdown();",
            "    Executors.newCachedThreadPool().shutdown();",
            "  }",
            "  @org.junit.jupiter.api.BeforeEach void setUp() {",
            "    Executors.newCachedThreadPool().shutdown();",
            "  }",
            "  void helper() {",
            "    Executors.newCachedThreadPool().shutdown();",
            "  }");
    assertTrue(Translations.method(models, "aTest").has(Flag.TEST_CODE));
    assertTrue(Translations.method(models, "setUp").has(Flag.TEST_CODE));
    assertTrue(Translations.method(models, "lambda$aTest$0").has(Flag.TEST_CODE));
    assertFalse(Translations.method(models, "helper").has(Flag.TEST_CODE));
  }

  @Test
  void instanceFieldInitializersRunInEveryConstructor() {
    Map<String, ClassModel> models =
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
        models.get("p.T").methods().stream().filter(m -> m.ref().name().equals("<init>")).toList();
    assertEquals(3, constructors.size());
    int withInitializer = 0;
    for (MethodModel constructor : constructors) {
      assertTrue(constructor.has(Flag.CONSTRUCTOR));
      List<Node> cached =
          nodes(constructor, NodeKind.CALL).stream()
              .filter(n -> n.callee().name().equals("newCachedThreadPool"))
              .toList();
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
      assertTrue(
          nodes(constructor, NodeKind.CALL).stream()
              .anyMatch(n -> n.callee().owner().equals("java.util.HashMap")),
          "every initializer runs in the constructor");
      assertTrue(reaches(constructor.entry(), creation), "the initializer runs first");
      assertTrue(reaches(creation, constructor.exit()), "then the constructor's body");
    }
    assertEquals(2, withInitializer);
  }

  @Test
  void withoutAConstructorTheDefaultOneRunsTheInitializers() {
    Map<String, ClassModel> models =
        translate(
            "  private final ExecutorService pool = new ThreadPoolExecutor(1, 1, 0L,"
                + " TimeUnit.SECONDS, new LinkedBlockingQueue<>());",
            "  void close() { pool.shutdown(); }");
    MethodModel init = Translations.method(models, "<init>");
    assertTrue(init.has(Flag.CONSTRUCTOR));
    Node creation = call(init, TaskApi.THREAD_POOL_EXECUTOR, "<init>");
    assertEquals(line(1), creation.line());
    assertSame(
        call(init, "java.util.concurrent.LinkedBlockingQueue", "<init>"),
        creation.argumentProducers().get(4));
  }

  @Test
  void staticInitializersFormClinit() {
    Map<String, ClassModel> models =
        translate(
            "  static final ScheduledExecutorService TIMER =",
            "      Executors.newSingleThreadScheduledExecutor();",
            "  static final ExecutorService SHARED;",
            "  static {",
            "    SHARED = new ForkJoinPool(4);",
            "  }",
            "  static final int LIMIT = 3;");
    MethodModel clinit = Translations.method(models, "<clinit>");
    assertFalse(clinit.has(Flag.CONSTRUCTOR));
    assertTrue(clinit.has(Flag.NOT_OVERRIDABLE));
    Node timer = call(clinit, TaskApi.EXECUTORS, "newSingleThreadScheduledExecutor");
    assertEquals(LockPath.ofStaticField("p.T", "TIMER"), timer.resultStoredTo());
    assertEquals(line(2), timer.line());
    Node shared = call(clinit, TaskApi.FORK_JOIN_POOL, "<init>");
    assertEquals(LockPath.ofStaticField("p.T", "SHARED"), shared.resultStoredTo());
    assertTrue(reaches(timer, shared), "in source order");
    assertTrue(reaches(shared, clinit.exit()));
  }

  @Test
  void aBodyWithOnlyACreationIsTranslated() {
    MethodModel m =
        method(
            "make",
            "  static ExecutorService make() {",
            "    return new ThreadPoolExecutor(1, 1, 0L, TimeUnit.SECONDS, new PriorityBlockingQueue<>());",
            "  }");
    assertEquals(
        TaskOperation.CREATE_EXECUTOR,
        call(m, TaskApi.THREAD_POOL_EXECUTOR, "<init>").taskOperation());
  }

  private static boolean reaches(Node from, Node to) {
    List<Node> work = new ArrayList<>(List.of(from));
    java.util.Set<Node> seen = new java.util.HashSet<>(work);
    while (!work.isEmpty()) {
      Node node = work.remove(work.size() - 1);
      if (node == to) {
        return true;
      }
      node.out().stream().map(edge -> edge.target()).filter(seen::add).forEach(work::add);
    }
    return false;
  }
}
