package dev.latchkey.checks.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.checks.Latchkey;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.ResultUse;
import dev.latchkey.checks.model.TaskOperation;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The unbounded-executor family on hand-built models. */
class ExecutorFamilyTest {
  private static final String OWNER = "demo.Crawler";
  private static final String EXECUTORS = "java.util.concurrent.Executors";
  private static final String TPE = "java.util.concurrent.ThreadPoolExecutor";
  private static final LockPath POOL = LockPath.ofLocal("pool");
  private static final LockPath FIELD = LockPath.ofThis().field("pool");

  /** A straight-line method built from nodes, in order. */
  private static final class Code {
    final MethodModel.Builder b;
    Node tail;

    Code(String name) {
      b = MethodModel.builder(new MethodRef(OWNER, name, "()V"));
      tail = b.entry();
    }

    Node add(Node node) {
      b.edge(tail, node);
      tail = node;
      return node;
    }

    Node call(
        int line,
        String owner,
        String name,
        String descriptor,
        TaskOperation op,
        LockPath receiver,
        LockPath... args) {
      Node node =
          b.call(
              line,
              new MethodRef(owner, name, descriptor),
              receiver,
              Arrays.asList(args),
              name + "()",
              null);
      b.describeCall(node, ResultUse.OTHER, op, null, List.of());
      return add(node);
    }

    Node create(int line, String factory, LockPath storedTo) {
      Node node =
          call(
              line,
              EXECUTORS,
              factory,
              "()Ljava/util/concurrent/ExecutorService;",
              TaskOperation.CREATE_EXECUTOR,
              null);
      b.describeValues(node, storedTo, List.of(), List.of());
      return node;
    }

    /** while (..) { body } as a cycle back to a header. */
    void loop(java.util.function.Consumer<Code> body) {
      Node header = add(b.nop(-1, null));
      body.accept(this);
      b.edge(tail, header);
      tail = header;
    }

    MethodModel build() {
      b.edge(tail, b.exit());
      return b.build();
    }
  }

  @Test
  void cachedPoolShutDownIsOnlyUnbounded() {
    Code code = new Code("crawl");
    code.create(10, "newCachedThreadPool", POOL);
    code.call(11, OWNER, "work", "()V", null, null);
    code.call(
        12,
        "java.util.concurrent.ExecutorService",
        "shutdown",
        "()V",
        TaskOperation.SHUTDOWN,
        POOL);
    assertEquals(List.of("UnboundedExecutor@10"), ids(code.build()));
  }

  @Test
  void fixedPoolNeverShutDown() {
    Code code = new Code("crawl");
    code.create(10, "newFixedThreadPool", POOL);
    code.call(11, OWNER, "work", "()V", null, null);
    assertEquals(List.of("UnboundedExecutor@10", "ExecutorNotShutdown@10"), ids(code.build()));
  }

  @Test
  void escapingExecutorsAreNotLeaks() {
    Code returned = new Code("newPool");
    returned.create(10, "newFixedThreadPool", POOL);
    returned.add(returned.b.escape(11, "pool", null));
    assertEquals(List.of("UnboundedExecutor@10"), ids(returned.build()));
    Code passed = new Code("start");
    passed.create(10, "newFixedThreadPool", POOL);
    passed.call(11, OWNER, "register", "()V", null, LockPath.ofThis(), POOL);
    assertEquals(List.of("UnboundedExecutor@10"), ids(passed.build()));
    Code borrowed = new Code("start");
    borrowed.create(10, "newFixedThreadPool", POOL);
    borrowed.call(
        11,
        "java.util.concurrent.CompletableFuture",
        "runAsync",
        "()V",
        TaskOperation.ASYNC_START,
        null,
        LockPath.ofLocal("task"),
        POOL);
    assertEquals(List.of("UnboundedExecutor@10", "ExecutorNotShutdown@10"), ids(borrowed.build()));
  }

  @Test
  void threadPoolExecutorQueues() {
    assertEquals(
        List.of("UnboundedExecutor@11"),
        ids(threadPool("java.util.concurrent.LinkedBlockingQueue", "()V", 8)));
    assertEquals(List.of(), ids(threadPool("java.util.concurrent.LinkedBlockingQueue", "(I)V", 8)));
    assertEquals(List.of(), ids(threadPool("java.util.concurrent.ArrayBlockingQueue", "(I)V", 8)));
    assertEquals(
        List.of("UnboundedExecutor@11"),
        ids(threadPool("java.util.concurrent.PriorityBlockingQueue", "()V", 8)));
    assertEquals(
        List.of("UnboundedExecutor@11"),
        ids(threadPool("java.util.concurrent.SynchronousQueue", "()V", Integer.MAX_VALUE)));
    assertEquals(List.of(), ids(threadPool("java.util.concurrent.SynchronousQueue", "()V", 8)));
  }

  /** queue = new Q(..); pool = new ThreadPoolExecutor(2, max, .., queue); ... pool.shutdown(). */
  private static MethodModel threadPool(String queueType, String queueDescriptor, long max) {
    Code code = new Code("build");
    Node queue = code.call(10, queueType, "<init>", queueDescriptor, null, null);
    code.b.describeValues(queue, LockPath.ofLocal("queue"), List.of(), List.of());
    LockPath q = LockPath.ofLocal("queue");
    Node pool =
        code.call(
            11,
            TPE,
            "<init>",
            "(IIJLjava/util/concurrent/TimeUnit;Ljava/util/concurrent/BlockingQueue;)V",
            TaskOperation.CREATE_EXECUTOR,
            null,
            null,
            null,
            null,
            null,
            q);
    code.b.describeValues(pool, POOL, List.of(), Arrays.asList(2L, max, 60L, null, null));
    code.call(
        12,
        "java.util.concurrent.ExecutorService",
        "shutdown",
        "()V",
        TaskOperation.SHUTDOWN,
        POOL);
    return code.build();
  }

  @Test
  void threadPerItem() {
    assertEquals(List.of("UnboundedSubmission@21"), ids(threadLoop(null)));
    assertEquals(List.of(), ids(threadLoop(code -> code.add(code.b.loopLimit(19, 4, null)))));
    assertEquals(
        List.of("UnboundedSubmission@21"),
        ids(threadLoop(code -> code.add(code.b.loopLimit(19, 1000, null)))));
    assertEquals(
        List.of(),
        ids(
            threadLoop(
                code ->
                    code.add(
                        code.b.acquire(
                            19,
                            LockPath.ofThis().field("permits"),
                            LockKind.PERMIT,
                            true,
                            "acquire()",
                            null)))));
  }

  private static MethodModel threadLoop(java.util.function.Consumer<Code> bound) {
    Code code = new Code("startAll");
    code.loop(
        body -> {
          if (bound != null) {
            bound.accept(body);
          }
          Node created =
              body.call(
                  20,
                  "java.lang.Thread",
                  "<init>",
                  "(Ljava/lang/Runnable;)V",
                  TaskOperation.THREAD_CREATE,
                  null);
          Node start =
              body.b.call(
                  21,
                  new MethodRef("java.lang.Thread", "start", "()V"),
                  null,
                  List.of(),
                  "start()",
                  null);
          body.b.describeCall(
              start, ResultUse.OTHER, TaskOperation.THREAD_START, created, List.of());
          body.add(start);
        });
    return code.build();
  }

  @Test
  void startingPreparedThreadsIsNotPerItemCreation() {
    Code code = new Code("startAll");
    code.loop(
        body ->
            body.call(
                21,
                "java.lang.Thread",
                "start",
                "()V",
                TaskOperation.THREAD_START,
                LockPath.ofLocal("t")));
    assertEquals(List.of(), ids(code.build()));
  }

  @Test
  void submissionsIntoAnUnboundedFieldExecutor() {
    MethodModel.Builder init =
        MethodModel.builder(new MethodRef(OWNER, "<init>", "()V"))
            .flag(MethodModel.Flag.CONSTRUCTOR);
    Node creation =
        init.call(
            5,
            new MethodRef(EXECUTORS, "newCachedThreadPool", "()V"),
            null,
            List.of(),
            "newCachedThreadPool()",
            null);
    init.describeCall(creation, ResultUse.STORED, TaskOperation.CREATE_EXECUTOR, null, List.of());
    init.describeValues(creation, FIELD, List.of(), List.of());
    init.edge(init.entry(), creation).edge(creation, init.exit());
    Code handler = new Code("handle");
    handler.loop(
        body ->
            body.call(
                30,
                "java.util.concurrent.ExecutorService",
                "execute",
                "()V",
                TaskOperation.EXECUTE,
                FIELD));
    Code batched = new Code("handleInBatches");
    batched.loop(
        body -> {
          body.call(
              40,
              "java.util.concurrent.ExecutorService",
              "execute",
              "()V",
              TaskOperation.EXECUTE,
              FIELD);
          body.call(
              41,
              "java.util.concurrent.CountDownLatch",
              "await",
              "()V",
              TaskOperation.WAIT,
              LockPath.ofLocal("latch"));
        });
    assertEquals(
        List.of("UnboundedExecutor@5", "UnboundedSubmission@30"),
        ids(init.build(), handler.build(), batched.build()));
  }

  @Test
  void replacingAFieldExecutorWithoutShutdown() {
    MethodModel.Builder init =
        MethodModel.builder(new MethodRef(OWNER, "<init>", "()V"))
            .flag(MethodModel.Flag.CONSTRUCTOR);
    Node creation =
        init.call(
            5, new MethodRef(TPE, "<init>", "()V"), null, List.of(), "ThreadPoolExecutor()", null);
    init.describeCall(creation, ResultUse.STORED, TaskOperation.CREATE_EXECUTOR, null, List.of());
    init.describeValues(creation, FIELD, List.of(), List.of());
    init.edge(init.entry(), creation).edge(creation, init.exit());
    Code restart = new Code("restart");
    Node replacement = restart.call(20, TPE, "<init>", "()V", TaskOperation.CREATE_EXECUTOR, null);
    restart.b.describeValues(replacement, FIELD, List.of(), List.of());
    Code careful = new Code("restartCarefully");
    careful.call(
        30,
        "java.util.concurrent.ExecutorService",
        "shutdown",
        "()V",
        TaskOperation.SHUTDOWN,
        FIELD);
    Node second = careful.call(31, TPE, "<init>", "()V", TaskOperation.CREATE_EXECUTOR, null);
    careful.b.describeValues(second, FIELD, List.of(), List.of());
    assertEquals(
        List.of("ExecutorNotShutdown@20"), ids(init.build(), restart.build(), careful.build()));
  }

  @Test
  void testCodeIsSkippedUnlessAskedFor() {
    Code code = new Code("setUp");
    code.b.flag(MethodModel.Flag.TEST_CODE);
    code.create(10, "newCachedThreadPool", POOL);
    MethodModel model = code.build();
    assertEquals(List.of(), ids(model));
    LatchkeyConfig all = new LatchkeyConfig(List.of(), List.of(), null, true);
    assertEquals(2, Latchkey.analyze(new ClassModel(OWNER, List.of(model)), all).size());
  }

  private static List<String> ids(MethodModel... methods) {
    return Latchkey.analyze(new ClassModel(OWNER, List.of(methods)), LatchkeyConfig.DEFAULT)
        .stream()
        .map(f -> f.check().id() + "@" + f.primary().line())
        .collect(Collectors.toList());
  }
}
