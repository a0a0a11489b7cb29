package dev.latchkey.checks.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.Latchkey;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.config.MethodPattern;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.LockView;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The unreleased-lock family on hand-built models, independent of any front-end. */
class LockFamilyTest {
  private static final LockPath LOCK = LockPath.ofThis().field("lock");
  private static final LockPath OTHER = LockPath.ofThis().field("other");
  private static final LockPath RW = LockPath.ofThis().field("rw");

  @Test
  void releaseInFinallyIsFine() {
    MethodModel m =
        CodeBuilder.method("update")
            .lock(LOCK)
            .tryFinally(code -> code.call("work", null), code -> code.unlock(LOCK))
            .build();
    assertEquals(List.of(), findings(m));
  }

  @Test
  void throwingCallBetweenAcquisitionAndTryLeaks() {
    CodeBuilder code = CodeBuilder.method("update");
    int lockLine = code.nextLine();
    MethodModel m =
        code.lock(LOCK)
            .call("prepare", null)
            .tryFinally(c -> c.call("work", null), c -> c.unlock(LOCK))
            .build();
    List<Finding> found = findings(m);
    assertEquals(List.of("LockNotReleased@" + lockLine), summary(found));
    assertTrue(found.get(0).message().contains("when prepare() throws"), found.get(0).message());
  }

  @Test
  void earlyReturnLeaksAndNamesTheReturn() {
    CodeBuilder code = CodeBuilder.method("update");
    int lockLine = code.nextLine();
    MethodModel m =
        code.lock(LOCK).ifVar("done", c -> c.ret()).call("work", null).unlock(LOCK).build();
    List<Finding> found = findings(m);
    assertEquals(List.of("LockNotReleased@" + lockLine), summary(found));
    assertTrue(found.get(0).message().contains("return at line " + (lockLine + 2)));
  }

  @Test
  void returnInsideTryFinallyIsReleased() {
    MethodModel m =
        CodeBuilder.method("update")
            .lock(LOCK)
            .tryFinally(
                c -> c.ifVar("done", CodeBuilder::ret).call("work", null), c -> c.unlock(LOCK))
            .build();
    assertEquals(List.of(), findings(m));
  }

  @Test
  void twoLocksBeforeOneTry() {
    MethodModel m =
        CodeBuilder.method("transfer")
            .lock(LOCK)
            .lock(OTHER)
            .tryFinally(c -> c.call("work", null), c -> c.unlock(OTHER).unlock(LOCK))
            .build();
    // lock() does not fail in practice, so the first lock does not leak through the second.
    assertEquals(List.of(), findings(m));
    CodeBuilder code = CodeBuilder.method("transfer");
    int first = code.nextLine();
    MethodModel interruptible =
        code.lock(LOCK)
            .lockInterruptibly(OTHER)
            .tryFinally(c -> c.call("work", null), c -> c.unlock(OTHER).unlock(LOCK))
            .build();
    List<Finding> found = findings(interruptible);
    assertEquals(List.of("LockNotReleased@" + first), summary(found));
    assertTrue(found.get(0).message().contains("lockInterruptibly() throws"));
  }

  @Test
  void lockInterruptiblyInsideTry() {
    CodeBuilder code = CodeBuilder.method("update");
    int lockLine = code.nextLine();
    MethodModel m =
        code.tryFinally(c -> c.lockInterruptibly(LOCK).call("work", null), c -> c.unlock(LOCK))
            .build();
    assertEquals(List.of("LockInsideTry@" + lockLine), summary(findings(m)));
  }

  @Test
  void neverReleasedWhenWorkFollows() {
    CodeBuilder code = CodeBuilder.method("update");
    int lockLine = code.nextLine();
    MethodModel m = code.lock(LOCK).call("work", null).build();
    assertEquals(List.of("LockNotReleased@" + lockLine), summary(findings(m)));
  }

  @Test
  void acquiringMethodsMayReturnHoldingTheLock() {
    MethodModel named = CodeBuilder.method("lockForUpdate").lock(LOCK).call("log", null).build();
    MethodModel bare = CodeBuilder.method("both").lock(LOCK).lock(OTHER).build();
    assertEquals(List.of(), findings(named));
    assertEquals(List.of(), findings(bare));
  }

  @Test
  void beginningNamesNeedAPairedRelease() {
    MethodModel startBatch = CodeBuilder.method("startBatch").lock(LOCK).call("log", null).build();
    int lockLine = 10;
    assertEquals(List.of("LockNotReleased@" + lockLine), summary(findings(startBatch)));
    MethodModel endBatch = CodeBuilder.method("endBatch").unlock(LOCK).build();
    assertEquals(List.of(), summary(findings(startBatch, endBatch)));
  }

  @Test
  void aBooleanTryLockResultMakesAConditionalAcquiringMethod() {
    MethodModel beforeWrite =
        CodeBuilder.booleanMethod("beforeWrite")
            .tryLock(LOCK, "#c1")
            .ifVar("#c1", CodeBuilder::ret)
            .call("log", null)
            .build();
    assertEquals(List.of(), findings(beforeWrite));
  }

  @Test
  void conditionalAcquiringMethods() {
    MethodModel tryEnter =
        CodeBuilder.method("tryEnter").tryLock(LOCK, "#c1").ifVar("#c1", CodeBuilder::ret).build();
    assertEquals(List.of(), findings(tryEnter));
    MethodModel enterIf =
        CodeBuilder.booleanMethod("enterIf")
            .lock(LOCK)
            .call("isSatisfied", null)
            .ifVar("satisfied", CodeBuilder::ret)
            .unlock(LOCK)
            .build();
    assertEquals(List.of(), findings(enterIf));
    CodeBuilder leaky = CodeBuilder.method("update");
    int lockLine = leaky.nextLine();
    MethodModel releasesSomewhere =
        leaky.lock(LOCK).ifVar("done", CodeBuilder::ret).call("work", null).unlock(LOCK).build();
    assertEquals(List.of("LockNotReleased@" + lockLine), summary(findings(releasesSomewhere)));
  }

  @Test
  void permitsTakenAndNotGivenBackAreHandedOn() {
    LockPath permits = LockPath.ofThis().field("permits");
    MethodModel handOff =
        CodeBuilder.method("download").acquirePermit(permits).call("submit", null).build();
    assertEquals(List.of(), findings(handOff));
    CodeBuilder code = CodeBuilder.method("broadcast");
    int line = code.nextLine();
    MethodModel leaksOnThrow =
        code.acquirePermit(permits).call("send", null).unlock(permits).build();
    assertEquals(List.of("LockNotReleased@" + line), summary(findings(leaksOnThrow)));
  }

  @Test
  void lambdaBodiesAreNeverAcquiringMethods() {
    CodeBuilder code = CodeBuilder.method("lambda$run$0");
    int lockLine = code.nextLine();
    code.raw().flag(MethodModel.Flag.LAMBDA);
    MethodModel m = code.lock(LOCK).build();
    assertEquals(List.of("LockNotReleased@" + lockLine), summary(findings(m)));
  }

  @Test
  void lockInsideTryIsOneFindingAtTheAcquisition() {
    CodeBuilder code = CodeBuilder.method("update");
    int lockLine = code.nextLine();
    MethodModel m =
        code.tryFinally(c -> c.lock(LOCK).call("work", null), c -> c.unlock(LOCK)).build();
    assertEquals(List.of("LockInsideTry@" + lockLine), summary(findings(m)));
  }

  @Test
  void ignoredTryLockResultThenUnlock() {
    CodeBuilder code = CodeBuilder.method("update");
    code.tryLock(LOCK, null);
    int unlockLine = code.nextLine() + 1;
    MethodModel m = code.tryFinally(c -> c.call("work", null), c -> c.unlock(LOCK)).build();
    assertEquals(List.of("UnlockNotHeld@" + unlockLine), summary(findings(m)));
  }

  @Test
  void tryLockResultInVariableGuardsTheUnlock() {
    MethodModel m =
        CodeBuilder.method("update")
            .tryLock(LOCK, "locked")
            .tryFinally(
                c -> c.call("work", null), c -> c.ifVar("locked", then -> then.unlock(LOCK)))
            .build();
    assertEquals(List.of(), findings(m));
  }

  @Test
  void ifTryLockThenUseIsFine() {
    MethodModel m =
        CodeBuilder.method("update")
            .tryLock(LOCK, "#c1")
            .ifVar(
                "#c1",
                then -> then.tryFinally(c -> c.call("work", null), c -> c.unlock(LOCK)),
                otherwise -> otherwise.call("skip", null))
            .build();
    assertEquals(List.of(), findings(m));
  }

  @Test
  void doubleUnlock() {
    CodeBuilder code = CodeBuilder.method("update");
    code.lock(LOCK).tryFinally(c -> c.call("work", null), c -> c.unlock(LOCK));
    int second = code.nextLine();
    MethodModel m = code.unlock(LOCK).build();
    assertEquals(List.of("UnlockNotHeld@" + second), summary(findings(m)));
  }

  @Test
  void correlatedFlagIsUnderstood() {
    MethodModel m =
        CodeBuilder.method("update")
            .ifVar("exclusive", c -> c.lock(LOCK))
            .call("work", null)
            .ifVar("exclusive", c -> c.unlock(LOCK))
            .build();
    // work() may throw while holding the lock: that is a real leak on the exceptional path.
    assertEquals(List.of("LockNotReleased@11"), summary(findings(m)));
    MethodModel safe =
        CodeBuilder.method("update")
            .ifVar("exclusive", c -> c.lock(LOCK))
            .tryFinally(c -> c.call("work", null), c -> c.ifVar("exclusive", t -> t.unlock(LOCK)))
            .build();
    assertEquals(List.of(), findings(safe));
  }

  @Test
  void releaseHelperWithoutAcquisitionIsNotReported() {
    MethodModel m = CodeBuilder.method("unlock").unlock(LOCK).build();
    assertEquals(List.of(), findings(m));
  }

  @Test
  void readToWriteUpgrade() {
    LockPath read = RW.view(LockView.READ);
    LockPath write = RW.view(LockView.WRITE);
    CodeBuilder code = CodeBuilder.method("refresh");
    code.lock(read);
    int writeLine = code.nextLine();
    MethodModel m =
        code.tryFinally(
                c ->
                    c.lock(write)
                        .tryFinally(
                            inner -> inner.call("load", null), inner -> inner.unlock(write)),
                c -> c.unlock(read))
            .build();
    assertEquals(List.of("ReadLockUpgrade@" + writeLine), summary(findings(m)));
  }

  @Test
  void upgradeThroughAHelperThatTakesTheWriteLock() {
    LockPath read = RW.view(LockView.READ);
    LockPath write = RW.view(LockView.WRITE);
    CodeBuilder loadCode = CodeBuilder.method("load");
    loadCode.raw().flag(MethodModel.Flag.NOT_OVERRIDABLE);
    MethodModel load =
        loadCode.lock(write).tryFinally(c -> c.call("fetch", null), c -> c.unlock(write)).build();
    CodeBuilder code = CodeBuilder.method("getOrLoad");
    code.lock(read);
    int callLine = code.nextLine();
    MethodModel caller =
        code.tryFinally(c -> c.call("load", LockPath.ofThis()), c -> c.unlock(read)).build();
    List<Finding> found =
        Latchkey.analyze(
            new ClassModel(CodeBuilder.OWNER, List.of(load, caller)), LatchkeyConfig.DEFAULT);
    assertEquals(List.of("ReadLockUpgrade@" + callLine), summary(found));
  }

  @Test
  void downgradeIsFine() {
    LockPath read = RW.view(LockView.READ);
    LockPath write = RW.view(LockView.WRITE);
    MethodModel m =
        CodeBuilder.method("refresh")
            .lock(write)
            .tryFinally(c -> c.call("load", null).lock(read), c -> c.unlock(write))
            .tryFinally(c -> c.call("use", null), c -> c.unlock(read))
            .build();
    assertEquals(List.of(), findings(m));
  }

  @Test
  void wrongViewReleased() {
    LockPath read = RW.view(LockView.READ);
    LockPath write = RW.view(LockView.WRITE);
    CodeBuilder code = CodeBuilder.method("get");
    int readLine = code.nextLine();
    code.lock(read);
    int unlockLine = code.nextLine() + 1;
    MethodModel m = code.tryFinally(c -> c.call("load", null), c -> c.unlock(write)).build();
    assertEquals(
        List.of("LockNotReleased@" + readLine, "UnlockNotHeld@" + unlockLine),
        summary(findings(m)));
  }

  @Test
  void summarizedHelpersAreAppliedAtCalls() {
    CodeBuilder unlockCode = CodeBuilder.method("unlockQuietly");
    unlockCode.raw().parameterNames("l").flag(MethodModel.Flag.NOT_OVERRIDABLE);
    MethodModel unlockQuietly =
        unlockCode.tryCatch(c -> c.unlock(LockPath.ofLocal("l")), c -> {}).build();
    CodeBuilder lockBothCode = CodeBuilder.method("lockBoth");
    lockBothCode.raw().flag(MethodModel.Flag.NOT_OVERRIDABLE);
    MethodModel lockBoth = lockBothCode.lock(LOCK).lock(OTHER).build();
    MethodRef unlockRef = new MethodRef(CodeBuilder.OWNER, "unlockQuietly", "()V");
    MethodRef lockBothRef = new MethodRef(CodeBuilder.OWNER, "lockBoth", "()V");
    MethodModel caller =
        CodeBuilder.method("transfer")
            .call(lockBothRef, LockPath.ofThis())
            .tryFinally(
                c -> c.call("work", null),
                c ->
                    c.call(unlockRef, LockPath.ofThis(), OTHER)
                        .call(unlockRef, LockPath.ofThis(), LOCK))
            .build();
    CodeBuilder leakyCode = CodeBuilder.method("leaky");
    int callLine = leakyCode.nextLine();
    MethodModel leaky = leakyCode.call(lockBothRef, LockPath.ofThis()).call("work", null).build();
    List<Finding> found =
        Latchkey.analyze(
            new ClassModel(CodeBuilder.OWNER, List.of(unlockQuietly, lockBoth, caller, leaky)),
            LatchkeyConfig.DEFAULT);
    assertEquals(
        List.of("LockNotReleased@" + callLine, "LockNotReleased@" + callLine), summary(found));
  }

  @Test
  void configuredWrappers() {
    MethodRef acquire =
        new MethodRef("demo.Locks", "acquire", "(Ljava/util/concurrent/locks/Lock;)V");
    MethodRef release =
        new MethodRef("demo.Locks", "release", "(Ljava/util/concurrent/locks/Lock;)V");
    LatchkeyConfig config =
        new LatchkeyConfig(
            List.of(MethodPattern.parse("demo.Locks#acquire(0)")),
            List.of(MethodPattern.parse("demo.Locks#release(0)")),
            null);
    MethodModel good =
        CodeBuilder.method("good")
            .call(acquire, null, LOCK)
            .tryFinally(c -> c.call("work", null), c -> c.call(release, null, LOCK))
            .build();
    MethodModel bad =
        CodeBuilder.method("bad").call(acquire, null, LOCK).call("work", null).build();
    List<Finding> found =
        Latchkey.analyze(new ClassModel(CodeBuilder.OWNER, List.of(good, bad)), config);
    assertEquals(1, found.size());
    assertEquals(CheckId.LOCK_NOT_RELEASED, found.get(0).check());
    assertEquals(
        List.of(), Latchkey.analyze(new ClassModel(CodeBuilder.OWNER, List.of(good)), config));
  }

  @Test
  void suppressionsFilterOnlyTheirCheck() {
    CodeBuilder code = CodeBuilder.method("update");
    code.raw().suppress("UnlockNotHeld");
    MethodModel m = code.lock(LOCK).call("work", null).build();
    assertEquals(1, findings(m).size());
    CodeBuilder suppressed = CodeBuilder.method("update");
    suppressed.raw().suppress("LockNotReleased");
    assertEquals(List.of(), findings(suppressed.lock(LOCK).call("work", null).build()));
  }

  static List<Finding> findings(MethodModel... methods) {
    return Latchkey.analyze(
        new ClassModel(CodeBuilder.OWNER, List.of(methods)), LatchkeyConfig.DEFAULT);
  }

  static List<String> summary(List<Finding> findings) {
    return findings.stream()
        .map(f -> f.check().id() + "@" + f.primary().line())
        .collect(Collectors.toList());
  }
}
