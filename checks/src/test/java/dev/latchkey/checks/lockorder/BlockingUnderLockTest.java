package dev.latchkey.checks.lockorder;

import static dev.latchkey.checks.lockorder.LockOrderInversionTest.field;
import static dev.latchkey.checks.lockorder.LockOrderInversionTest.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.Latchkey;
import dev.latchkey.checks.api.BlockingApi;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.BlockingOperation;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** BlockingUnderLock and TimedBlockingUnderLock on hand-built models. */
class BlockingUnderLockTest {
  static final String OWNER = "demo.Mailbox";

  static List<Finding> run(CheckId check, LatchkeyConfig config, MethodModel... methods) {
    return Latchkey.analyze(new ClassModel(OWNER, List.of(methods)), config).stream()
        .filter(finding -> finding.check() == check)
        .toList();
  }

  static List<Integer> blocking(MethodModel... methods) {
    return lines(run(CheckId.BLOCKING_UNDER_LOCK, LatchkeyConfig.DEFAULT, methods));
  }

  static List<Integer> timed(MethodModel... methods) {
    return lines(run(CheckId.TIMED_BLOCKING_UNDER_LOCK, LatchkeyConfig.DEFAULT, methods));
  }

  @Test
  void takeUnderAMonitorIsReported() {
    Code code = Code.method(OWNER, "next", 10);
    Node[] take = new Node[1];
    code.sync(
        field("lock"),
        OWNER,
        body -> take[0] = body.blocking("queue.take()", BlockingOperation.BLOCKS, field("queue")));
    code.blocking("queue.take()", BlockingOperation.BLOCKS, field("queue")); // after release
    MethodModel model = code.build();
    assertEquals(List.of(take[0].line()), blocking(model));
    Finding finding = run(CheckId.BLOCKING_UNDER_LOCK, LatchkeyConfig.DEFAULT, model).get(0);
    assertTrue(
        finding
            .message()
            .contains("`queue.take()` can wait without bound while `this.lock` is held"),
        finding.message());
  }

  @Test
  void timedWaitUnderALockIsTimed() {
    Code code = Code.method(OWNER, "pause", 10);
    code.lock(field("lock"), OWNER);
    Node sleep =
        code.blocking("executor.awaitTermination(1, SECONDS)", BlockingOperation.TIMED, null);
    code.unlock(field("lock"), OWNER);
    MethodModel model = code.build();
    assertEquals(List.of(), blocking(model));
    assertEquals(List.of(sleep.line()), timed(model));
  }

  @Test
  void waitOnTheHeldMonitorIsFine() {
    Code code = Code.method(OWNER, "awaitReady", 10).flag(Flag.SYNCHRONIZED);
    code.blocking("wait()", BlockingOperation.WAIT, LockPath.ofThis());
    assertEquals(List.of(), blocking(code.build()));
  }

  @Test
  void waitOnAnInnerMonitorKeepsTheOuterOne() {
    Code code = Code.method(OWNER, "awaitNested", 10);
    Node[] wait = new Node[1];
    code.sync(
        field("outer"),
        OWNER,
        body ->
            body.sync(
                field("inner"),
                OWNER,
                inner ->
                    wait[0] =
                        inner.blocking("inner.wait()", BlockingOperation.WAIT, field("inner"))));
    assertEquals(List.of(wait[0].line()), blocking(code.build()));
  }

  @Test
  void awaitOnTheLocksOwnConditionIsFine() {
    Code init = Code.method(OWNER, "<init>", 5);
    init.callStoring(
        new MethodRef(
            "java.util.concurrent.locks.ReentrantLock",
            "newCondition",
            "()Ljava/util/concurrent/locks/Condition;"),
        field("lock"),
        field("notEmpty"));
    init.callStoring(
        new MethodRef(
            "java.util.concurrent.locks.ReentrantLock",
            "newCondition",
            "()Ljava/util/concurrent/locks/Condition;"),
        field("other"),
        field("otherReady"));
    Code take = Code.method(OWNER, "take", 10);
    take.lock(field("lock"), OWNER);
    take.blocking("notEmpty.await()", BlockingOperation.AWAIT, field("notEmpty"));
    Node wrong = take.blocking("otherReady.await()", BlockingOperation.AWAIT, field("otherReady"));
    take.blocking("unknown.await()", BlockingOperation.AWAIT, field("unknown"));
    take.unlock(field("lock"), OWNER);
    assertEquals(List.of(wrong.line()), blocking(init.build(), take.build()));
  }

  @Test
  void throughASameClassHelperAtTheCall() {
    Code helper = Code.method(OWNER, "drain", 30);
    helper.blocking("queue.take()", BlockingOperation.BLOCKS, field("queue"));
    Code waiter = Code.method(OWNER, "awaitChange", 40);
    waiter.blocking("wait()", BlockingOperation.WAIT, LockPath.ofThis());
    Code caller = Code.method(OWNER, "flush", 10).flag(Flag.SYNCHRONIZED);
    Node call = caller.call(helper.ref(), LockPath.ofThis());
    caller.call(waiter.ref(), LockPath.ofThis()); // wait() on this: releases the caller's monitor
    Code locked = Code.method(OWNER, "locked", 20);
    // the helper holds its own lock while it blocks: reported there, not again at the call
    Code selfLocked = Code.method(OWNER, "selfLocked", 50);
    Node own =
        selfLocked.sync(
            field("lock"),
            OWNER,
            b -> b.blocking("queue.put()", BlockingOperation.BLOCKS, field("queue")));
    locked.sync(field("other"), OWNER, b -> b.call(selfLocked.ref(), LockPath.ofThis()));
    assertEquals(
        List.of(call.line(), own.line() + 1),
        blocking(
            helper.build(), waiter.build(), caller.build(), locked.build(), selfLocked.build()));
  }

  @Test
  void permitsAreNotLocksButAcquiringOneUnderALockBlocks() {
    Code code = Code.method(OWNER, "send", 10);
    code.acquirePermit(field("permits")); // nothing held: fine
    Node[] inner = new Node[1];
    code.sync(field("lock"), OWNER, b -> inner[0] = b.acquirePermit(field("permits")));
    assertEquals(List.of(inner[0].line()), blocking(code.build()));
  }

  @Test
  void lambdaRunByForEachUnderALock() {
    Code lambda = Code.method(OWNER, "lambda$joinAll$0", 12, "f").flag(Flag.LAMBDA);
    Node get = lambda.blocking("f.get()", BlockingOperation.BLOCKS, LockPath.ofLocal("f"));
    Code joinAll = Code.method(OWNER, "joinAll", 10);
    joinAll.sync(
        field("lock"),
        OWNER,
        b ->
            b.callWithBodies(
                new MethodRef("java.util.List", "forEach", "(Ljava/util/function/Consumer;)V"),
                field("futures"),
                lambda.ref()));
    assertEquals(List.of(get.line()), blocking(joinAll.build(), lambda.build()));
  }

  @Test
  void configuredBlockingMethods() {
    LatchkeyConfig config =
        LatchkeyConfig.from(
            key -> key.equals(LatchkeyConfig.BLOCKING_METHODS) ? "demo.Rpc#call" : null);
    Code code = Code.method(OWNER, "refresh", 10);
    Node[] call = new Node[1];
    code.sync(
        field("lock"),
        OWNER,
        b -> call[0] = b.call(new MethodRef("demo.Rpc", "call", "()V"), field("rpc")));
    assertEquals(
        List.of(call[0].line()), lines(run(CheckId.BLOCKING_UNDER_LOCK, config, code.build())));
    assertEquals(List.of(), blocking(code.build()));
  }

  @Test
  void socketStreamReads() {
    Code code = Code.method(OWNER, "readReply", 10);
    Node[] read = new Node[1];
    code.sync(
        field("lock"),
        OWNER,
        b -> {
          b.callStoring(
              new MethodRef("java.net.Socket", "getInputStream", "()Ljava/io/InputStream;"),
              field("socket"),
              LockPath.ofLocal("in"));
          read[0] = b.blocking("in.read()", BlockingOperation.STREAM_READ, LockPath.ofLocal("in"));
          b.blocking("file.read()", BlockingOperation.STREAM_READ, LockPath.ofLocal("file"));
        });
    assertEquals(List.of(read[0].line()), blocking(code.build()));
  }

  @Test
  void tableClassifiesTimeouts() {
    Set<String> queue = Set.of("java.util.concurrent.BlockingQueue", "java.lang.Object");
    assertEquals(
        BlockingOperation.BLOCKS,
        BlockingApi.classify("take", "()Ljava/lang/Object;", queue::contains));
    assertEquals(null, BlockingApi.classify("poll", "()Ljava/lang/Object;", queue::contains));
    assertEquals(
        BlockingOperation.TIMED,
        BlockingApi.classify(
            "poll", "(JLjava/util/concurrent/TimeUnit;)Ljava/lang/Object;", queue::contains));
    assertEquals(BlockingOperation.WAIT, BlockingApi.classify("wait", "()V", queue::contains));
    assertEquals(
        BlockingOperation.TIMED_WAIT, BlockingApi.classify("wait", "(J)V", queue::contains));
    Set<String> thread = Set.of("java.lang.Thread");
    assertEquals(BlockingOperation.BLOCKS, BlockingApi.classify("sleep", "(J)V", thread::contains));
    assertEquals(BlockingOperation.BLOCKS, BlockingApi.classify("join", "()V", thread::contains));
    Set<String> condition = Set.of("java.util.concurrent.locks.Condition");
    assertEquals(
        BlockingOperation.TIMED_AWAIT,
        BlockingApi.classify("awaitNanos", "(J)J", condition::contains));
    assertEquals(null, BlockingApi.classify("signal", "()V", condition::contains));
  }
}
