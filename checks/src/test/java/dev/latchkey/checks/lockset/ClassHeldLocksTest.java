package dev.latchkey.checks.lockset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.ResultUse;
import dev.latchkey.checks.model.TaskOperation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lambdas run at once hold what their creator holds at the call; others start with nothing. */
class ClassHeldLocksTest {
  private static final String OWNER = "demo.Registry";
  private static final LockPath LOCK = LockPath.ofThis().field("lock");
  private static final MethodRef BODY =
      new MethodRef(OWNER, "lambda$run$0", "(Ljava/lang/Object;)V");

  /** {@code synchronized (this.lock) { receiverCall().name(lambda); }}. */
  private static ClassModel creatorCalling(
      String name, TaskOperation operation, String receiverName) {
    MethodModel.Builder creator = MethodModel.builder(new MethodRef(OWNER, "run", "()V"));
    Node enter = creator.monitorEnter(10, LOCK, OWNER, "synchronized (lock)", null);
    Node receiver =
        creator.call(
            11,
            new MethodRef("java.util.List", receiverName, "()Ljava/util/stream/Stream;"),
            null,
            List.of(),
            receiverName,
            null);
    Node call =
        creator.call(
            11,
            new MethodRef("java.util.stream.Stream", name, "(Ljava/util/function/Consumer;)V"),
            null,
            List.of(),
            name,
            null);
    creator.describeCall(call, ResultUse.DISCARDED, operation, receiver, List.of(BODY));
    Node exit = creator.monitorExit(12, LOCK, OWNER, null);
    creator
        .edge(creator.entry(), enter)
        .edge(enter, receiver)
        .edge(receiver, call)
        .edge(call, exit);
    creator.edge(exit, creator.exit());
    MethodModel.Builder lambda =
        MethodModel.builder(BODY).parameterNames("x").flag(MethodModel.Flag.LAMBDA);
    lambda.edge(lambda.entry(), lambda.exit());
    return new ClassModel(OWNER, List.of(creator.build(), lambda.build()));
  }

  private static Set<LockPath> lambdaEntry(ClassModel cls) {
    ClassHeldLocks held = ClassHeldLocks.of(cls, List.of());
    return held.entryLocks(held.method(BODY));
  }

  @Test
  void forEachRunsTheLambdaUnderTheCreatorsLocks() {
    ClassModel cls = creatorCalling("forEach", TaskOperation.FOR_EACH, "stream");
    assertEquals(Set.of(LOCK), lambdaEntry(cls));
    ClassHeldLocks held = ClassHeldLocks.of(cls, List.of());
    MethodModel lambda = held.method(BODY);
    assertEquals(Set.of(LOCK), held.held(lambda).before(lambda.exit()));
  }

  @Test
  void aParallelStreamOrASubmissionRunsItElsewhere() {
    assertEquals(
        Set.of(), lambdaEntry(creatorCalling("forEach", TaskOperation.FOR_EACH, "parallelStream")));
    assertEquals(Set.of(), lambdaEntry(creatorCalling("submit", TaskOperation.SUBMIT, "stream")));
    assertEquals(
        Set.of(), lambdaEntry(creatorCalling("thenAccept", TaskOperation.CHAIN_STEP, "stream")));
  }
}
