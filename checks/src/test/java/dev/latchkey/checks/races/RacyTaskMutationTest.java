package dev.latchkey.checks.races;

import static dev.latchkey.checks.races.RaceCode.field;
import static dev.latchkey.checks.races.RaceCode.method;
import static dev.latchkey.checks.races.UnguardedFieldAccessTest.LOCK;
import static dev.latchkey.checks.races.UnguardedFieldAccessTest.THIS;
import static dev.latchkey.checks.races.UnguardedFieldAccessTest.fields;
import static dev.latchkey.checks.races.UnguardedFieldAccessTest.findings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.TaskOperation;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** RacyTaskMutation on hand-built models shaped like the fixtures. */
class RacyTaskMutationTest {
  private static final String EXECUTOR = "java.util.concurrent.ExecutorService";
  private static final LockPath POOL = THIS.field("pool");
  private static final Map<String, FieldModel> FIELDS =
      fields(
          field("counter", "I"),
          field("hits", "I", "volatile"),
          field("results", "Ljava/util/List;", "final"),
          field("safe", "Ljava/util/List;", "final"),
          field("slots", "[I", "final"));

  /** {@code pool.submit(() -> { body })} at line 10, the lambda's statements from line 11. */
  private static List<String> submitted(UnaryOperator<RaceCode> body, String... captured) {
    return submitted(body, creator -> creator, captured);
  }

  private static List<String> submitted(
      UnaryOperator<RaceCode> body, UnaryOperator<RaceCode> before, String... captured) {
    MethodModel lambda =
        body.apply(method("lambda$run$0", FIELDS, 11).flag(Flag.LAMBDA).captured(captured)).build();
    MethodModel run =
        before
            .apply(method("run", FIELDS, 5))
            .callWith(EXECUTOR, "submit", POOL, TaskOperation.SUBMIT, null, List.of(lambda.ref()))
            .build();
    return findings(FIELDS, constructor(), lambda, run);
  }

  /** The constructor: {@code results = new ArrayList<>(); safe = new CopyOnWriteArrayList<>()}. */
  private static MethodModel constructor() {
    return method("<init>", FIELDS, 1)
        .flag(Flag.CONSTRUCTOR)
        .callStored("java.util.ArrayList", "<init>", THIS.field("results"), null)
        .callStored("java.util.concurrent.CopyOnWriteArrayList", "<init>", THIS.field("safe"), null)
        .build();
  }

  @Test
  void counterIncrementedByATask() {
    assertEquals(List.of("RacyTaskMutation@11"), submitted(c -> c.increment("counter")));
  }

  @Test
  void volatileFieldIsNotThisCheck() {
    assertEquals(List.of("NonAtomicUpdate@11"), submitted(c -> c.increment("hits")));
  }

  @Test
  void synchronizedInsideTheTask() {
    assertEquals(List.of(), submitted(c -> c.synchronizedOn(LOCK, d -> d.increment("counter"))));
  }

  @Test
  void fieldCollectionThatIsNotThreadSafe() {
    assertEquals(
        List.of("RacyTaskMutation@11"),
        submitted(c -> c.call("java.util.List", "add", THIS.field("results"), (LockPath) null)));
    assertEquals(
        List.of(),
        submitted(c -> c.call("java.util.List", "add", THIS.field("safe"), (LockPath) null)));
  }

  @Test
  void capturedHashMapFilledByTasks() {
    LockPath map = LockPath.ofLocal("map");
    UnaryOperator<RaceCode> creates = c -> c.callStored("java.util.HashMap", "<init>", map, null);
    assertEquals(
        List.of("RacyTaskMutation@11"),
        submitted(c -> c.call("java.util.Map", "put", map, null, null), creates, "map"));
    UnaryOperator<RaceCode> synchronizedMap =
        c ->
            c.callStored("java.util.HashMap", "<init>", LockPath.ofLocal("plain"), null)
                .callStored(
                    "java.util.Collections",
                    "synchronizedMap",
                    map,
                    null,
                    LockPath.ofLocal("plain"));
    assertEquals(
        List.of(),
        submitted(c -> c.call("java.util.Map", "put", map, null, null), synchronizedMap, "map"));
  }

  @Test
  void unknownAllocationIsJudgedByTheCalledType() {
    LockPath list = LockPath.ofLocal("list");
    assertEquals(
        List.of(),
        submitted(c -> c.call("java.util.List", "add", list, (LockPath) null), c -> c, "list"));
    assertEquals(
        List.of("RacyTaskMutation@11"),
        submitted(
            c -> c.call("java.util.ArrayList", "add", list, (LockPath) null), c -> c, "list"));
  }

  @Test
  void collectionCreatedInsideTheTask() {
    LockPath local = LockPath.ofLocal("local");
    assertEquals(
        List.of(),
        submitted(
            c ->
                c.callStored("java.util.ArrayList", "<init>", local, null)
                    .call("java.util.List", "add", local, (LockPath) null)));
  }

  @Test
  void sharedArray() {
    LockPath counts = LockPath.ofLocal("counts");
    assertEquals(
        List.of("RacyTaskMutation@11"), submitted(c -> c.arrayWrite(counts), c -> c, "counts"));
    assertEquals(List.of("RacyTaskMutation@11"), submitted(c -> c.arrayWrite(THIS.field("slots"))));
    assertEquals(List.of(), submitted(c -> c.arrayWrite(counts)));
  }

  @Test
  void parallelStreamForEachWithABoundReference() {
    LockPath results = LockPath.ofLocal("results");
    // results = new ArrayList<>(); items.parallelStream().forEach(results::add);
    RaceCode code =
        method("collect", FIELDS, 10)
            .callStored("java.util.ArrayList", "<init>", results, null)
            .call("java.util.List", "parallelStream", THIS.field("items"));
    Node parallel = code.last();
    MethodRef add = new MethodRef("java.util.List", "add", "(Ljava/lang/Object;)Z");
    MethodModel collect =
        code.sameLine()
            .callWith(
                "java.util.stream.Stream",
                "forEach",
                null,
                TaskOperation.FOR_EACH,
                parallel,
                List.of(add),
                results)
            .build();
    assertEquals(List.of("RacyTaskMutation@11"), findings(FIELDS, collect));
  }

  @Test
  void sequentialStreamAndCollectAreFine() {
    LockPath results = LockPath.ofLocal("results");
    MethodRef add = new MethodRef("java.util.List", "add", "(Ljava/lang/Object;)Z");
    RaceCode code =
        method("collect", FIELDS, 10)
            .callStored("java.util.ArrayList", "<init>", results, null)
            .call("java.util.List", "stream", THIS.field("items"));
    Node sequential = code.last();
    MethodModel collect =
        code.sameLine()
            .callWith(
                "java.util.stream.Stream",
                "forEach",
                null,
                TaskOperation.FOR_EACH,
                sequential,
                List.of(add),
                results)
            .build();
    assertEquals(List.of(), findings(FIELDS, collect));

    MethodModel mapper =
        method("lambda$collect$0", FIELDS, 12).flag(Flag.LAMBDA).parameters("s").build();
    RaceCode parallel =
        method("collect", FIELDS, 10).call("java.util.List", "parallelStream", THIS.field("items"));
    Node source = parallel.last();
    MethodModel mapped =
        parallel
            .sameLine()
            .callWith("java.util.stream.Stream", "map", null, null, source, List.of(mapper.ref()))
            .build();
    assertEquals(List.of(), findings(FIELDS, mapper, mapped));
  }

  @Test
  void lambdaInsideTheTaskRunImmediatelyOnTheTasksOwnList() {
    LockPath local = LockPath.ofLocal("local");
    MethodModel inner =
        method("lambda$run$1", FIELDS, 13)
            .flag(Flag.LAMBDA)
            .captured("local")
            .call("java.util.List", "add", local, (LockPath) null)
            .build();
    MethodModel task =
        method("lambda$run$0", FIELDS, 11)
            .flag(Flag.LAMBDA)
            .callStored("java.util.ArrayList", "<init>", local, null)
            .callWith(
                "java.util.List",
                "forEach",
                THIS.field("items"),
                TaskOperation.FOR_EACH,
                null,
                List.of(inner.ref()))
            .build();
    MethodModel run =
        method("run", FIELDS, 5)
            .callWith(EXECUTOR, "submit", POOL, TaskOperation.SUBMIT, null, List.of(task.ref()))
            .build();
    assertEquals(List.of(), findings(FIELDS, inner, task, run));
  }

  @Test
  void laterStagesOfAnAsynchronousChain() {
    MethodModel stage =
        method("lambda$run$0", FIELDS, 11)
            .flag(Flag.LAMBDA)
            .call("java.util.List", "add", THIS.field("results"), (LockPath) null)
            .build();
    RaceCode code =
        method("run", FIELDS, 10)
            .callWith(
                "java.util.concurrent.CompletableFuture",
                "supplyAsync",
                null,
                TaskOperation.ASYNC_START,
                null,
                List.of());
    Node async = code.last();
    code.sameLine();
    builderCallWith(code, "thenAccept", TaskOperation.CHAIN_STEP, async, stage);
    assertEquals(
        List.of("LostTaskException@10", "RacyTaskMutation@11"),
        findings(FIELDS, constructor(), stage, code.build()));

    RaceCode sync =
        method("run", FIELDS, 10)
            .call("java.util.concurrent.CompletableFuture", "completedFuture", null);
    Node completed = sync.last();
    sync.sameLine();
    builderCallWith(sync, "thenAccept", TaskOperation.CHAIN_STEP, completed, stage);
    assertEquals(List.of(), findings(FIELDS, constructor(), stage, sync.build()));
  }

  @Test
  void timerTasksAndBoundFieldReferences() {
    MethodModel tick =
        method("lambda$run$0", FIELDS, 11).flag(Flag.LAMBDA).increment("counter").build();
    MethodModel timer =
        method("run", FIELDS, 10)
            .callWith(
                "java.util.Timer", "schedule", THIS.field("timer"), null, null, List.of(tick.ref()))
            .build();
    assertEquals(List.of("RacyTaskMutation@11"), findings(FIELDS, tick, timer));

    MethodRef add = new MethodRef("java.util.List", "add", "(Ljava/lang/Object;)Z");
    MethodModel bound =
        method("run", FIELDS, 10)
            .callWith(
                EXECUTOR,
                "execute",
                POOL,
                TaskOperation.EXECUTE,
                null,
                List.of(add),
                THIS.field("results"))
            .build();
    assertEquals(List.of("RacyTaskMutation@10"), findings(FIELDS, constructor(), bound));
  }

  @Test
  void lambdaSubmittedFromAConstructorIsNotInitialization() {
    MethodModel body =
        method("lambda$new$0", FIELDS, 11).flag(Flag.LAMBDA).increment("counter").build();
    MethodModel init =
        method("<init>", FIELDS, 10)
            .flag(Flag.CONSTRUCTOR)
            .callWith(EXECUTOR, "submit", POOL, TaskOperation.SUBMIT, null, List.of(body.ref()))
            .build();
    assertEquals(List.of("RacyTaskMutation@11"), findings(FIELDS, body, init));
  }

  private static void builderCallWith(
      RaceCode code, String name, TaskOperation operation, Node receiverCall, MethodModel body) {
    code.callWith(
        "java.util.concurrent.CompletableFuture",
        name,
        null,
        operation,
        receiverCall,
        List.of(body.ref()));
  }
}
