package dev.latchkey.checks.exceptions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.checks.Finding;
import dev.latchkey.checks.Latchkey;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.CatchClause;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.ResultUse;
import dev.latchkey.checks.model.TaskOperation;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The swallowed-exception family on hand-built models. */
class ExceptionFamilyTest {
  private static final String OWNER = "demo.Worker";
  private static final String EXCEPTION = "java.lang.Exception";
  private static final String IOE = "java.io.IOException";
  private static final String IE = "java.lang.InterruptedException";

  /** try { work(); } catch (T e) { handler } — the handler built by {@code body}. */
  private static MethodModel tryCatch(
      CatchClause clause, java.util.function.BiConsumer<MethodModel.Builder, Node[]> body) {
    MethodModel.Builder b = MethodModel.builder(new MethodRef(OWNER, "process", "()V"));
    Node work = b.call(10, new MethodRef(OWNER, "work", "()V"), null, List.of(), "work()", null);
    Node handler = b.catchEntry(11, clause, null);
    Node after = b.nop(20, null);
    b.edge(b.entry(), work).edge(work, after).exceptionalEdge(work, handler);
    b.exceptionalEdge(work, b.exceptionalExit());
    Node[] tail = {handler};
    body.accept(b, tail);
    if (tail[0] != null) {
      Node end = b.catchEnd(handler);
      b.edge(tail[0], end).edge(end, after);
    }
    b.edge(after, b.exit());
    return b.build();
  }

  private static CatchClause clause(
      String type, String variable, boolean empty, String... tryThrows) {
    return new CatchClause(List.of(type), variable, empty, Set.of(tryThrows), "work");
  }

  private static Node step(MethodModel.Builder b, Node[] tail, Node next) {
    b.edge(tail[0], next);
    tail[0] = next;
    return next;
  }

  private static Node call(MethodModel.Builder b, int line, String owner, String name) {
    return b.call(line, new MethodRef(owner, name, "()V"), null, List.of(), name + "()", null);
  }

  @Test
  void emptyHandlerOfAnyTypeIsSwallowed() {
    assertEquals(
        List.of("SwallowedException@11"), ids(tryCatch(clause(IOE, "e", true), (b, t) -> {})));
  }

  @Test
  void emptyHandlerNamedIgnoredIsFine() {
    assertEquals(List.of(), ids(tryCatch(clause(IOE, "ignored", true), (b, t) -> {})));
    assertEquals(List.of(), ids(tryCatch(clause(IOE, "expectedFailure", true), (b, t) -> {})));
  }

  @Test
  void broadHandlerThatNeverUsesTheException() {
    MethodModel m =
        tryCatch(clause(EXCEPTION, "e", false), (b, t) -> step(b, t, call(b, 12, OWNER, "log")));
    assertEquals(List.of("SwallowedException@11"), ids(m));
  }

  @Test
  void usingTheVariableIsHandling() {
    MethodModel m =
        tryCatch(
            clause(EXCEPTION, "e", false),
            (b, t) -> {
              step(b, t, b.use(12, "e", null));
              step(b, t, call(b, 12, OWNER, "log"));
            });
    assertEquals(List.of(), ids(m));
  }

  @Test
  void broadHandlerThatReturnsOrThrowsIsNotSwallowed() {
    MethodModel returns =
        tryCatch(
            clause(EXCEPTION, "e", false),
            (b, t) -> {
              Node ret = step(b, t, b.returnAt(12, false, null));
              b.edge(ret, b.exit());
              t[0] = null;
            });
    assertEquals(List.of(), ids(returns));
    MethodModel narrow =
        tryCatch(clause(IOE, "e", false), (b, t) -> step(b, t, call(b, 12, OWNER, "log")));
    assertEquals(List.of(), ids(narrow));
  }

  @Test
  void expectedExceptionInATest() {
    CatchClause expected = new CatchClause(List.of(IOE), "e", true, Set.of(), "fail");
    assertEquals(List.of(), ids(tryCatch(expected, (b, t) -> {})));
  }

  @Test
  void interruptedAndLogged() {
    MethodModel m =
        tryCatch(
            clause(IE, "e", false),
            (b, t) -> {
              step(b, t, b.use(12, "e", null));
              step(b, t, call(b, 12, OWNER, "log"));
            });
    assertEquals(List.of("InterruptSwallowed@11"), ids(m));
    MethodModel empty = tryCatch(clause(IE, "e", true), (b, t) -> {});
    assertEquals(List.of("InterruptSwallowed@11"), ids(empty));
  }

  @Test
  void interruptRestored() {
    MethodModel m =
        tryCatch(
            clause(IE, "e", false),
            (b, t) -> {
              Node current = step(b, t, call(b, 12, "java.lang.Thread", "currentThread"));
              b.describeCall(
                  current, ResultUse.RECEIVER, TaskOperation.CURRENT_THREAD, null, List.of());
              Node interrupt = step(b, t, call(b, 12, "java.lang.Thread", "interrupt"));
              b.describeCall(
                  interrupt, ResultUse.OTHER, TaskOperation.INTERRUPT, current, List.of());
            });
    assertEquals(List.of(), ids(m));
  }

  @Test
  void configuredInterruptRestoringMethod() {
    MethodModel m =
        tryCatch(
            clause(IE, "e", false),
            (b, t) -> {
              step(b, t, b.use(12, "e", null));
              step(b, t, call(b, 12, "demo.Interrupts", "restore"));
            });
    assertEquals(List.of("InterruptSwallowed@11"), ids(m));
    LatchkeyConfig config =
        LatchkeyConfig.from(
            key ->
                key.equals(LatchkeyConfig.INTERRUPT_RESTORING_METHODS)
                    ? "demo.Interrupts#restore"
                    : null);
    assertEquals(
        List.of(), Latchkey.analyze(new ClassModel(OWNER, List.of(m)), config).stream().toList());
  }

  @Test
  void interruptOfAnotherThreadDoesNotCount() {
    MethodModel m =
        tryCatch(
            clause(IE, "e", false),
            (b, t) -> {
              Node interrupt = step(b, t, call(b, 12, "java.lang.Thread", "interrupt"));
              b.describeCall(interrupt, ResultUse.OTHER, TaskOperation.INTERRUPT, null, List.of());
            });
    assertEquals(List.of("InterruptSwallowed@11"), ids(m));
  }

  @Test
  void deferredRestoreInAFinallyIsFine() {
    // boolean interrupted = false; try { while (true) { try { await(); return; }
    //   catch (InterruptedException e) { interrupted = true; } } }
    // finally { if (interrupted) Thread.currentThread().interrupt(); }
    MethodModel.Builder b =
        MethodModel.builder(new MethodRef(OWNER, "awaitUninterruptibly", "()V"));
    Node clear = b.assign(9, "interrupted", null);
    Node header = b.nop(-1, null);
    Node await = call(b, 10, OWNER, "await");
    Node ret = b.returnAt(11, false, null);
    Node handler = b.catchEntry(12, clause(IE, "e", false), null);
    Node set = b.assign(13, "interrupted", null);
    Node setTrue = b.branch(13, "interrupted", null);
    Node end = b.catchEnd(handler);
    Node test = b.branch(15, "interrupted", null);
    Node current = call(b, 16, "java.lang.Thread", "currentThread");
    b.describeCall(current, ResultUse.RECEIVER, TaskOperation.CURRENT_THREAD, null, List.of());
    Node interrupt = call(b, 16, "java.lang.Thread", "interrupt");
    b.describeCall(interrupt, ResultUse.OTHER, TaskOperation.INTERRUPT, current, List.of());
    Node clearFalse = b.branch(9, "interrupted", null);
    b.edge(b.entry(), clear).edge(clear, clearFalse).falseEdge(clearFalse, header);
    b.edge(header, await).edge(await, ret).exceptionalEdge(await, handler);
    b.edge(handler, set).edge(set, setTrue).trueEdge(setTrue, end).edge(end, header);
    b.edge(ret, test).trueEdge(test, current).falseEdge(test, b.exit());
    b.edge(current, interrupt).edge(interrupt, b.exit());
    assertEquals(List.of(), ids(b.build()));
  }

  @Test
  void broadClauseAfterAnInterruptedClauseNeverSeesTheInterrupt() {
    MethodModel.Builder b = MethodModel.builder(new MethodRef(OWNER, "importOne", "()V"));
    Node submit = call(b, 10, OWNER, "submit");
    Node named = b.catchEntry(11, clause(IE, "e", false), null);
    Node current = call(b, 12, "java.lang.Thread", "currentThread");
    b.describeCall(current, ResultUse.RECEIVER, TaskOperation.CURRENT_THREAD, null, List.of());
    Node interrupt = call(b, 12, "java.lang.Thread", "interrupt");
    b.describeCall(interrupt, ResultUse.OTHER, TaskOperation.INTERRUPT, current, List.of());
    Node namedEnd = b.catchEnd(named);
    Node broad = b.catchEntry(13, clause(EXCEPTION, "e", false, IE), null);
    Node use = b.use(14, "e", null);
    Node broadEnd = b.catchEnd(broad);
    b.edge(b.entry(), submit).edge(submit, b.exit());
    b.exceptionalEdge(submit, named).exceptionalEdge(submit, broad);
    b.edge(named, current)
        .edge(current, interrupt)
        .edge(interrupt, namedEnd)
        .edge(namedEnd, b.exit());
    b.edge(broad, use).edge(use, broadEnd).edge(broadEnd, b.exit());
    assertEquals(List.of(), ids(b.build()));
  }

  @Test
  void workerLoopThatNeverEndsSwallowsTheInterrupt() {
    MethodModel.Builder b = MethodModel.builder(new MethodRef(OWNER, "run", "()V"));
    Node header = b.nop(-1, null);
    Node take = call(b, 10, OWNER, "take");
    Node handler = b.catchEntry(11, clause(IE, "e", false), null);
    Node log = call(b, 12, OWNER, "log");
    Node end = b.catchEnd(handler);
    b.edge(b.entry(), header).edge(header, take).edge(take, header).exceptionalEdge(take, handler);
    b.edge(handler, log).edge(log, end).edge(end, header);
    assertEquals(List.of("InterruptSwallowed@11"), ids(b.build()));
  }

  @Test
  void rethrowingTheInterruptIsFineWrappingIsNot() {
    MethodModel rethrow =
        tryCatch(
            clause(IE, "e", false),
            (b, t) -> {
              Node thrown = step(b, t, b.throwing(12, "e", null, false, null));
              b.exceptionalEdge(thrown, b.exceptionalExit());
              t[0] = null;
            });
    assertEquals(List.of(), ids(rethrow));
    MethodModel wrap =
        tryCatch(
            clause(IE, "e", false),
            (b, t) -> {
              step(b, t, b.use(12, "e", null));
              Node thrown =
                  step(b, t, b.throwing(12, null, "java.lang.RuntimeException", false, null));
              b.exceptionalEdge(thrown, b.exceptionalExit());
              t[0] = null;
            });
    assertEquals(List.of("InterruptSwallowed@11"), ids(wrap));
  }

  @Test
  void convertingToInterruptedIoExceptionCarriesTheInterrupt() {
    MethodModel convert =
        tryCatch(
            clause(IE, "e", false),
            (b, t) -> {
              Node thrown =
                  step(b, t, b.throwing(12, null, "java.io.InterruptedIOException", false, null));
              b.exceptionalEdge(thrown, b.exceptionalExit());
              t[0] = null;
            });
    assertEquals(List.of(), ids(convert));
  }

  @Test
  void topLevelRunThatEndsAfterTheHandlerHasNobodyToTell() {
    MethodModel.Builder b = MethodModel.builder(new MethodRef(OWNER, "run", "()V"));
    Node work = call(b, 10, OWNER, "sleep");
    Node handler = b.catchEntry(11, clause(IE, "e", true), null);
    Node end = b.catchEnd(handler);
    b.edge(b.entry(), work).edge(work, b.exit()).exceptionalEdge(work, handler);
    b.edge(handler, end).edge(end, b.exit());
    assertEquals(List.of(), ids(b.build()));
  }

  @Test
  void emptyHandlerWithACommentIsAnIntendedDrop() {
    CatchClause commented =
        new CatchClause(List.of(IOE), "e", true, Set.of(), "work", false, " // already gone ");
    assertEquals(List.of(), ids(tryCatch(commented, (b, t) -> {})));
    CatchClause bare = new CatchClause(List.of(IOE), "e", true, Set.of(), "work", false, " ");
    assertEquals(List.of("SwallowedException@11"), ids(tryCatch(bare, (b, t) -> {})));
  }

  @Test
  void broadCatchAroundSleepIsOnlyInterruptSwallowed() {
    MethodModel m = tryCatch(clause(EXCEPTION, "e", true, IE), (b, t) -> {});
    assertEquals(List.of("InterruptSwallowed@11"), ids(m));
  }

  @Test
  void discardedSubmitIsLostUnlessTheTaskCatchesEverything() {
    MethodRef body = new MethodRef(OWNER, "lambda$start$0", "()V");
    MethodModel.Builder b = MethodModel.builder(new MethodRef(OWNER, "start", "()V"));
    Node submit =
        b.call(
            10,
            new MethodRef(
                "java.util.concurrent.ExecutorService",
                "submit",
                "(Ljava/lang/Runnable;)Ljava/util/concurrent/Future;"),
            null,
            List.of(),
            "submit()",
            null);
    b.describeCall(submit, ResultUse.DISCARDED, TaskOperation.SUBMIT, null, List.of(body));
    b.edge(b.entry(), submit).edge(submit, b.exit()).exceptionalEdge(submit, b.exceptionalExit());
    MethodModel start = b.build();

    MethodModel.Builder throwing = MethodModel.builder(body).flag(MethodModel.Flag.LAMBDA);
    Node work = call(throwing, 11, OWNER, "work");
    throwing
        .edge(throwing.entry(), work)
        .edge(work, throwing.exit())
        .exceptionalEdge(work, throwing.exceptionalExit());
    assertEquals(List.of("LostTaskException@10"), ids(start, throwing.build()));

    MethodModel.Builder safe = MethodModel.builder(body).flag(MethodModel.Flag.LAMBDA);
    Node guarded = call(safe, 11, OWNER, "work");
    Node handler =
        safe.catchEntry(
            12,
            new CatchClause(List.of("java.lang.Throwable"), "t", false, Set.of(), "work"),
            null);
    Node use = safe.use(13, "t", null);
    Node end = safe.catchEnd(handler);
    safe.edge(safe.entry(), guarded).edge(guarded, safe.exit()).exceptionalEdge(guarded, handler);
    safe.edge(handler, use).edge(use, end).edge(end, safe.exit());
    assertEquals(List.of(), ids(start, safe.build()));
  }

  @Test
  void asyncChainWithoutObserverIsLost() {
    MethodModel.Builder b = MethodModel.builder(new MethodRef(OWNER, "refresh", "()V"));
    Node async =
        b.call(
            10,
            new MethodRef("java.util.concurrent.CompletableFuture", "supplyAsync", "()V"),
            null,
            List.of(),
            "supplyAsync()",
            null);
    b.describeCall(async, ResultUse.RECEIVER, TaskOperation.ASYNC_START, null, List.of());
    Node then =
        b.call(
            10,
            new MethodRef("java.util.concurrent.CompletableFuture", "thenAccept", "()V"),
            null,
            List.of(),
            "thenAccept()",
            null);
    b.describeCall(then, ResultUse.DISCARDED, TaskOperation.CHAIN_STEP, async, List.of());
    b.edge(b.entry(), async).edge(async, then).edge(then, b.exit());
    assertEquals(List.of("LostTaskException@10"), ids(b.build()));

    MethodModel.Builder observed = MethodModel.builder(new MethodRef(OWNER, "refresh", "()V"));
    Node start =
        observed.call(
            10,
            new MethodRef("java.util.concurrent.CompletableFuture", "runAsync", "()V"),
            null,
            List.of(),
            "runAsync()",
            null);
    observed.describeCall(start, ResultUse.RECEIVER, TaskOperation.ASYNC_START, null, List.of());
    Node handled =
        observed.call(
            10,
            new MethodRef("java.util.concurrent.CompletableFuture", "exceptionally", "()V"),
            null,
            List.of(),
            "exceptionally()",
            null);
    observed.describeCall(handled, ResultUse.DISCARDED, TaskOperation.OBSERVE, start, List.of());
    observed.edge(observed.entry(), start).edge(start, handled).edge(handled, observed.exit());
    assertEquals(List.of(), ids(observed.build()));
  }

  @Test
  void executeAndStoredFuturesAreFine() {
    MethodModel.Builder b = MethodModel.builder(new MethodRef(OWNER, "start", "()V"));
    Node execute =
        b.call(
            10,
            new MethodRef("java.util.concurrent.Executor", "execute", "()V"),
            null,
            List.of(),
            "execute()",
            null);
    b.describeCall(execute, ResultUse.DISCARDED, TaskOperation.EXECUTE, null, List.of());
    Node submit =
        b.call(
            11,
            new MethodRef("java.util.concurrent.ExecutorService", "submit", "()V"),
            null,
            List.of(),
            "submit()",
            null);
    b.describeCall(submit, ResultUse.STORED, TaskOperation.SUBMIT, null, List.of());
    b.edge(b.entry(), execute).edge(execute, submit).edge(submit, b.exit());
    assertEquals(List.of(), ids(b.build()));
  }

  @Test
  void aThrowGuardedByASuccessFlagMasksNothing() {
    // ok = false; try { work(); ok = true; } finally { if (ok) throw ...; }
    MethodModel.Builder b = MethodModel.builder(new MethodRef(OWNER, "write", "()V"));
    Node init = b.assign(9, "ok", null);
    Node initValue = b.branch(9, "ok", null);
    Node work = call(b, 10, OWNER, "work");
    Node set = b.assign(11, "ok", null);
    Node setValue = b.branch(11, "ok", null);
    Node test = b.branch(12, "ok", null);
    Node thrown = b.throwing(13, null, "java.io.IOException", true, null);
    Node testAfterFailure = b.branch(12, "ok", null);
    Node rethrow = b.throwing(14, "t", null, false, null);
    b.edge(b.entry(), init).edge(init, initValue).falseEdge(initValue, work);
    b.edge(work, set).edge(set, setValue).trueEdge(setValue, test);
    b.trueEdge(test, thrown).falseEdge(test, b.exit());
    b.exceptionalEdge(thrown, b.exceptionalExit());
    b.exceptionalEdge(work, testAfterFailure);
    b.trueEdge(testAfterFailure, thrown).falseEdge(testAfterFailure, rethrow);
    b.exceptionalEdge(rethrow, b.exceptionalExit());
    assertEquals(List.of(), ids(b.build()));
  }

  @Test
  void jumpsOutOfFinally() {
    MethodModel.Builder b = MethodModel.builder(new MethodRef(OWNER, "close", "()I"));
    Node ret = b.returnAt(12, true, null);
    Node inner = b.returnAt(14, false, null);
    b.edge(b.entry(), ret).edge(ret, b.exit()).edge(b.entry(), inner).edge(inner, b.exit());
    assertEquals(List.of("FinallyMasksException@12"), ids(b.build()));
  }

  private static List<String> ids(MethodModel... methods) {
    List<Finding> findings =
        Latchkey.analyze(new ClassModel(OWNER, List.of(methods)), LatchkeyConfig.DEFAULT);
    return findings.stream()
        .map(f -> f.check().id() + "@" + f.primary().line())
        .collect(Collectors.toList());
  }
}
