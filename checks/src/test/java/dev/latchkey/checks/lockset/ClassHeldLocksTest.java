package dev.latchkey.checks.lockset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.checks.Program;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.FieldRef;
import dev.latchkey.checks.model.LockKind;
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
  private static final LockPath THIS = LockPath.ofThis();
  private static final LockPath LOCK = THIS.field("lock");
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

  private static MethodModel.Builder method(String owner, String name, MethodModel.Flag... flags) {
    MethodModel.Builder method = MethodModel.builder(new MethodRef(owner, name, "()V"));
    for (MethodModel.Flag flag : flags) {
      method.flag(flag);
    }
    return method;
  }

  /** {@code void m() { <before>; this.count++; }} with the given lock events before the write. */
  private static MethodModel chain(MethodModel.Builder method, Node... nodes) {
    Node last = method.entry();
    for (Node node : nodes) {
      method.edge(last, node);
      last = node;
    }
    method.edge(last, method.exit());
    return method.build();
  }

  @Test
  void anAssertionBeforeTakingTheLockMeansTheCallerHoldsIt() {
    MethodModel.Builder grow = method(OWNER, "grow");
    Node check = grow.heldAssertion(3, LOCK, LockKind.MONITOR, "holdsLock", null);
    Node write =
        grow.fieldAccess(
            4, true, new FieldRef(OWNER, "size", "I"), THIS.field("size"), true, "size", null);
    MethodModel asserting = chain(grow, check, write);
    MethodModel.Builder late = method(OWNER, "late");
    Node enter = late.monitorEnter(6, LOCK, OWNER, "synchronized (lock)", null);
    Node lateCheck = late.heldAssertion(7, LOCK, LockKind.MONITOR, "holdsLock", null);
    MethodModel afterTaking = chain(late, enter, lateCheck);
    ClassHeldLocks held =
        ClassHeldLocks.of(new ClassModel(OWNER, List.of(asserting, afterTaking)), List.of());
    assertEquals(Set.of(LOCK), held.entryLocks(asserting));
    assertEquals(Set.of(LOCK), held.held(asserting).before(write));
    assertEquals(Set.of(), held.entryLocks(afterTaking));
  }

  @Test
  void aNonOverridableHelperHoldsWhatEveryCallerHoldsButLockOrderSeesItAtTheCall() {
    MethodRef helperRef = new MethodRef(OWNER, "helper", "()V");
    MethodModel.Builder caller = method(OWNER, "caller");
    Node enter = caller.monitorEnter(3, LOCK, OWNER, "synchronized (lock)", null);
    Node call = caller.call(4, helperRef, null, List.of(), "helper()", null);
    Node exit = caller.monitorExit(5, LOCK, OWNER, null);
    MethodModel callerModel = chain(caller, enter, call, exit);
    MethodModel helper = chain(method(OWNER, "helper", MethodModel.Flag.NOT_OVERRIDABLE));
    ClassHeldLocks held =
        ClassHeldLocks.of(new ClassModel(OWNER, List.of(callerModel, helper)), List.of());
    assertEquals(Set.of(LOCK), held.held(helper).before(helper.exit()));
    assertEquals(Set.of(), held.heldByOwnCode(helper).before(helper.exit()));
  }

  @Test
  void aGuardAHelperReturnsHoldsTheHelpersLockUntilItIsClosed() {
    MethodRef openRef = new MethodRef(OWNER, "openSection", "()Ldemo/Section;");
    MethodModel.Builder open = MethodModel.builder(openRef).flag(MethodModel.Flag.NOT_OVERRIDABLE);
    Node lock = open.acquire(3, LOCK, LockKind.LOCK, false, "lock.lock()", null);
    MethodModel opener = chain(open, lock);
    MethodModel.Builder user = method(OWNER, "add");
    Node made = user.call(6, openRef, null, List.of(), "openSection()", null);
    user.describeValues(made, LockPath.ofLocal("s"), List.of(), List.of());
    Node inside =
        user.call(7, new MethodRef(OWNER, "work", "()V"), null, List.of(), "work()", null);
    Node close =
        user.call(
            8,
            new MethodRef("demo.Section", "close", "()V"),
            LockPath.ofLocal("s"),
            List.of(),
            "close()",
            null);
    Node after = user.call(9, new MethodRef(OWNER, "work", "()V"), null, List.of(), "work()", null);
    MethodModel adding = chain(user, made, inside, close, after);
    ClassHeldLocks held =
        ClassHeldLocks.of(new ClassModel(OWNER, List.of(opener, adding)), List.of());
    assertEquals(Set.of(LOCK), held.held(adding).before(inside));
    assertEquals(Set.of(), held.held(adding).before(after));
  }

  @Test
  void anAnonymousClassRunWhereItIsMadeHoldsItsCreatorsLocks() {
    String anonymous = OWNER + "$1";
    MethodRef runRef = new MethodRef(anonymous, "run", "()V");
    MethodModel.Builder creator = method(OWNER, "runNow");
    Node enter = creator.monitorEnter(3, LOCK, OWNER, "synchronized (lock)", null);
    Node run = creator.call(4, runRef, null, List.of(), "run()", null);
    Node exit = creator.monitorExit(5, LOCK, OWNER, null);
    ClassModel outer = new ClassModel(OWNER, List.of(chain(creator, enter, run, exit)));
    MethodModel body = chain(method(anonymous, "run"));
    ClassModel inner = new ClassModel(anonymous, List.of(body));
    Program program = Program.of(List.of(outer, inner), LatchkeyConfig.DEFAULT);
    Set<LockPath> outerLock = Set.of(LockPath.ofOuter(OWNER).field("lock"));
    assertEquals(
        outerLock, ClassHeldLocks.of(inner, LatchkeyConfig.DEFAULT, program).entryLocks(body));
    assertEquals(Set.of(), ClassHeldLocks.of(inner, LatchkeyConfig.DEFAULT).entryLocks(body));
  }

  @Test
  void overAScopeCallsFromRelatedClassesGiveEntryLocks() {
    // Outer.runNow(): synchronized (lock) { new Runnable() {..}.run(); }
    String anonymous = OWNER + "$1";
    MethodModel.Builder creator = method(OWNER, "runNow");
    Node enter = creator.monitorEnter(3, LOCK, OWNER, "synchronized (lock)", null);
    Node run =
        creator.call(4, new MethodRef(anonymous, "run", "()V"), null, List.of(), "run()", null);
    Node exit = creator.monitorExit(5, LOCK, OWNER, null);
    // private void Outer.helper() {}, called from Outer$Inner.go() under Outer.this.lock.
    MethodModel helper = chain(method(OWNER, "helper", MethodModel.Flag.NOT_OVERRIDABLE));
    ClassModel outer = new ClassModel(OWNER, List.of(chain(creator, enter, run, exit), helper));
    MethodModel body = chain(method(anonymous, "run"));
    ClassModel task = new ClassModel(anonymous, List.of(body));
    String innerName = OWNER + "$Inner";
    LockPath outerThis = LockPath.ofOuter(OWNER);
    MethodModel.Builder go = method(innerName, "go");
    Node innerEnter =
        go.monitorEnter(8, outerThis.field("lock"), innerName, "synchronized (lock)", null);
    Node call = go.call(9, helper.ref(), outerThis, List.of(), "helper()", null);
    Node innerExit = go.monitorExit(10, outerThis.field("lock"), innerName, null);
    ClassModel inner = new ClassModel(innerName, List.of(chain(go, innerEnter, call, innerExit)));

    ClassHeldLocks scoped =
        ClassHeldLocks.of(
            new ClassScope(task, List.of(outer, inner)), LatchkeyConfig.DEFAULT, Program.empty());
    assertEquals(Set.of(outerThis.field("lock")), scoped.entryLocks(body));
    ClassHeldLocks fromOuter =
        ClassHeldLocks.of(
            new ClassScope(outer, List.of(task, inner)), LatchkeyConfig.DEFAULT, Program.empty());
    assertEquals(Set.of(LOCK), fromOuter.entryLocks(helper));
    assertEquals(Set.of(), ClassHeldLocks.of(outer, LatchkeyConfig.DEFAULT).entryLocks(helper));
  }
}
