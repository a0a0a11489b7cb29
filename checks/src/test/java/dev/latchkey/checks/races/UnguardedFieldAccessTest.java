package dev.latchkey.checks.races;

import static dev.latchkey.checks.races.RaceCode.field;
import static dev.latchkey.checks.races.RaceCode.method;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.checks.Finding;
import dev.latchkey.checks.Latchkey;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.config.MethodPattern;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.LockView;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import dev.latchkey.checks.model.TaskOperation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** UnguardedFieldAccess on hand-built models shaped like the fixtures. */
class UnguardedFieldAccessTest {
  static final LockPath THIS = LockPath.ofThis();
  static final LockPath LOCK = THIS.field("lock");

  static Map<String, FieldModel> fields(FieldModel... fields) {
    Map<String, FieldModel> map = new LinkedHashMap<>();
    for (FieldModel field : fields) {
      map.put(field.name(), field);
    }
    return map;
  }

  static List<String> findings(Map<String, FieldModel> fields, MethodModel... methods) {
    return findings(fields, Set.of(), LatchkeyConfig.DEFAULT, methods);
  }

  static List<String> findings(
      Map<String, FieldModel> fields,
      Set<String> classAnnotations,
      LatchkeyConfig config,
      MethodModel... methods) {
    ClassModel cls =
        new ClassModel(
            RaceCode.OWNER, List.of(methods), List.copyOf(fields.values()), classAnnotations);
    return Latchkey.analyze(cls, config).stream()
        .map(f -> f.check().id() + "@" + f.primary().line())
        .toList();
  }

  static List<Finding> raw(Map<String, FieldModel> fields, MethodModel... methods) {
    ClassModel cls =
        new ClassModel(RaceCode.OWNER, List.of(methods), List.copyOf(fields.values()), Set.of());
    return Latchkey.analyze(cls, LatchkeyConfig.DEFAULT);
  }

  private final Map<String, FieldModel> count = fields(field("count", "I"));

  @Test
  void getterWithoutTheLockOfTheSynchronizedSetter() {
    MethodModel set = method("set", count, 10).flag(Flag.SYNCHRONIZED).write("count").build();
    MethodModel get = method("get", count, 20).read("count").build();
    assertEquals(List.of("UnguardedFieldAccess@20"), findings(count, set, get));
    Finding finding = raw(count, set, get).get(0);
    assertEquals(10, finding.related().get(0).line());
  }

  @Test
  void everyAccessUnderTheLockIsFine() {
    MethodModel set = method("set", count, 10).synchronizedOn(LOCK, c -> c.write("count")).build();
    MethodModel get = method("get", count, 20).synchronizedOn(LOCK, c -> c.read("count")).build();
    assertEquals(List.of(), findings(count, set, get));
  }

  @Test
  void unlockedWriteIsReportedToo() {
    MethodModel reset = method("reset", count, 10).flag(Flag.SYNCHRONIZED).write("count").build();
    MethodModel bump = method("bump", count, 20).increment("count").build();
    MethodModel get = method("get", count, 30).flag(Flag.SYNCHRONIZED).read("count").build();
    assertEquals(List.of("UnguardedFieldAccess@20"), findings(count, reset, bump, get));
  }

  @Test
  void oneLockedWriteAmongUnlockedAccessesIsNoGuard() {
    MethodModel reset = method("reset", count, 10).flag(Flag.SYNCHRONIZED).write("count").build();
    MethodModel bump = method("bump", count, 20).increment("count").build();
    MethodModel get = method("get", count, 30).read("count").build();
    assertEquals(List.of(), findings(count, reset, bump, get));
  }

  @Test
  void oneFindingPerFieldAtTheUnguardedWrite() {
    MethodModel add = method("add", count, 10).flag(Flag.SYNCHRONIZED).increment("count").build();
    MethodModel get = method("get", count, 20).read("count").build();
    MethodModel clear = method("clear", count, 30).write("count").build();
    MethodModel peek = method("peek", count, 40).read("count").build();
    MethodModel size = method("size", count, 50).flag(Flag.SYNCHRONIZED).read("count").build();
    MethodModel sub = method("sub", count, 60).flag(Flag.SYNCHRONIZED).increment("count").build();
    List<Finding> findings = raw(count, add, get, clear, peek, size, sub);
    assertEquals(1, findings.size());
    assertEquals(30, findings.get(0).primary().line());
    assertEquals(
        List.of(20, 40, 10), findings.get(0).related().stream().map(n -> n.line()).toList());
  }

  @Test
  void neverWrittenUnderALockIsNotJudged() {
    MethodModel set = method("set", count, 10).write("count").build();
    MethodModel get = method("get", count, 20).flag(Flag.SYNCHRONIZED).read("count").build();
    assertEquals(List.of(), findings(count, set, get));
  }

  @Test
  void writesUnderDifferentLocksAreOneRace() {
    MethodModel a = method("a", count, 10).synchronizedOn(LOCK, c -> c.write("count")).build();
    MethodModel b = method("b", count, 20).flag(Flag.SYNCHRONIZED).write("count").build();
    MethodModel get = method("get", count, 30).read("count").build();
    assertEquals(List.of("UnguardedFieldAccess@11"), findings(count, a, b, get));
  }

  @Test
  void privateHelperCalledOnlyUnderTheLock() {
    MethodModel helper =
        method("helper", count, 10).flag(Flag.NOT_OVERRIDABLE).increment("count").build();
    MethodModel a =
        method("a", count, 20).synchronizedOn(LOCK, c -> c.callMethod("helper")).build();
    MethodModel b = method("b", count, 30).lock(LOCK).callMethod("helper").unlock(LOCK).build();
    MethodModel get = method("get", count, 40).synchronizedOn(LOCK, c -> c.read("count")).build();
    assertEquals(List.of(), findings(count, helper, a, b, get));
  }

  @Test
  void privateHelperAlsoCalledWithoutTheLock() {
    MethodModel helper =
        method("helper", count, 10).flag(Flag.NOT_OVERRIDABLE).increment("count").build();
    MethodModel a =
        method("a", count, 20).synchronizedOn(LOCK, c -> c.callMethod("helper")).build();
    MethodModel b = method("b", count, 30).callMethod("helper").build();
    MethodModel set = method("set", count, 40).flag(Flag.SYNCHRONIZED).write("count").build();
    MethodModel get = method("get", count, 50).flag(Flag.SYNCHRONIZED).read("count").build();
    assertEquals(List.of("UnguardedFieldAccess@10"), findings(count, helper, a, b, set, get));
  }

  @Test
  void recursiveHelpersKeepTheCallersLock() {
    MethodModel even =
        method("even", count, 10)
            .flag(Flag.NOT_OVERRIDABLE)
            .write("count")
            .callMethod("odd")
            .build();
    MethodModel odd =
        method("odd", count, 20)
            .flag(Flag.NOT_OVERRIDABLE)
            .read("count")
            .callMethod("even")
            .build();
    MethodModel run = method("run", count, 30).flag(Flag.SYNCHRONIZED).callMethod("even").build();
    assertEquals(List.of(), findings(count, even, odd, run));
  }

  @Test
  void lambdaRunImmediatelyInsideASynchronizedMethod() {
    MethodModel body =
        method("lambda$drain$0", count, 12).flag(Flag.LAMBDA).increment("count").build();
    MethodModel drain =
        method("drain", count, 10)
            .flag(Flag.SYNCHRONIZED)
            .callWith(
                "java.util.List",
                "forEach",
                THIS.field("items"),
                TaskOperation.FOR_EACH,
                null,
                List.of(body.ref()))
            .build();
    MethodModel get = method("get", count, 20).flag(Flag.SYNCHRONIZED).read("count").build();
    assertEquals(List.of(), findings(count, body, drain, get));
  }

  @Test
  void lambdaThatRunsLaterHoldsNothing() {
    MethodModel body = method("lambda$start$0", count, 12).flag(Flag.LAMBDA).read("count").build();
    MethodModel start =
        method("start", count, 10)
            .flag(Flag.SYNCHRONIZED)
            .write("count")
            .callWith(
                "java.util.concurrent.Executor",
                "execute",
                THIS.field("executor"),
                TaskOperation.EXECUTE,
                null,
                List.of(body.ref()))
            .build();
    assertEquals(List.of("UnguardedFieldAccess@12"), findings(count, body, start));
  }

  @Test
  void configuredImmediateMethod() {
    MethodModel body =
        method("lambda$run$0", count, 12).flag(Flag.LAMBDA).increment("count").build();
    MethodModel run =
        method("run", count, 10)
            .flag(Flag.SYNCHRONIZED)
            .callWith(
                "com.acme.Batch", "each", THIS.field("batch"), null, null, List.of(body.ref()))
            .build();
    MethodModel get = method("get", count, 20).flag(Flag.SYNCHRONIZED).write("count").build();
    MethodModel size = method("size", count, 30).flag(Flag.SYNCHRONIZED).read("count").build();
    assertEquals(List.of("UnguardedFieldAccess@12"), findings(count, body, run, get, size));
    LatchkeyConfig config =
        LatchkeyConfig.from(key -> key.equals("ImmediateMethods") ? "com.acme.Batch#each" : null);
    assertEquals(List.of(), findings(count, Set.of(), config, body, run, get, size));
  }

  @Test
  void volatileFinalAndThreadSafeFieldsAreNotJudged() {
    Map<String, FieldModel> fields =
        fields(
            field("flag", "Z", "volatile"),
            field("map", "Ljava/util/concurrent/ConcurrentHashMap;"));
    MethodModel set =
        method("set", fields, 10).flag(Flag.SYNCHRONIZED).write("flag").write("map").build();
    MethodModel get = method("get", fields, 20).read("flag").read("map").build();
    assertEquals(List.of(), findings(fields, set, get));
  }

  @Test
  void constructorsAndTheirHelpersAreNotJudged() {
    MethodModel init =
        method("<init>", count, 5)
            .flag(Flag.CONSTRUCTOR)
            .write("count")
            .callMethod("setup")
            .build();
    MethodModel setup = method("setup", count, 8).flag(Flag.NOT_OVERRIDABLE).write("count").build();
    MethodModel set = method("set", count, 10).flag(Flag.SYNCHRONIZED).write("count").build();
    MethodModel get = method("get", count, 20).flag(Flag.SYNCHRONIZED).read("count").build();
    assertEquals(List.of(), findings(count, init, setup, set, get));
  }

  @Test
  void tryLockHoldsTheLockOnItsSuccessfulBranch() {
    MethodModel set = method("set", count, 10).lock(LOCK).write("count").unlock(LOCK).build();
    MethodModel poll = method("poll", count, 20).ifTryLock(LOCK, c -> c.read("count")).build();
    assertEquals(List.of(), findings(count, set, poll));
  }

  @Test
  void readsUnderTheReadLockWritesUnderTheWriteLock() {
    LockPath read = THIS.field("rw").view(LockView.READ);
    LockPath write = THIS.field("rw").view(LockView.WRITE);
    MethodModel set = method("set", count, 10).lock(write).write("count").unlock(write).build();
    MethodModel get = method("get", count, 20).lock(read).read("count").unlock(read).build();
    assertEquals(List.of(), findings(count, set, get));
  }

  @Test
  void tryWithResourcesGuardHoldsTheLock() {
    LockPath guard = LockPath.ofLocal("guard");
    MethodModel set =
        method("set", count, 10)
            .callStored("demo.LockGuard", "acquire", guard, null, LOCK)
            .write("count")
            .call("demo.LockGuard", "close", guard)
            .build();
    MethodModel get =
        method("get", count, 20)
            .callStored("demo.LockGuard", "<init>", guard, null, LOCK)
            .read("count")
            .call("demo.LockGuard", "close", guard)
            .read("count")
            .build();
    assertEquals(List.of("UnguardedFieldAccess@23"), findings(count, set, get));
  }

  @Test
  void configuredAcquireAndReleaseWrappers() {
    LatchkeyConfig config =
        new LatchkeyConfig(
            List.of(MethodPattern.parse("demo.Locks#acquire(0)")),
            List.of(MethodPattern.parse("demo.Locks#release(0)")),
            null);
    MethodModel set =
        method("set", count, 10)
            .call("demo.Locks", "acquire", null, LOCK)
            .write("count")
            .call("demo.Locks", "release", null, LOCK)
            .build();
    MethodModel get = method("get", count, 20).synchronizedOn(THIS, c -> c.read("count")).build();
    assertEquals(List.of("UnguardedFieldAccess@21"), findings(count, Set.of(), config, set, get));
    MethodModel get2 =
        method("get", count, 20)
            .call("demo.Locks", "acquire", null, LOCK)
            .read("count")
            .call("demo.Locks", "release", null, LOCK)
            .build();
    assertEquals(List.of(), findings(count, Set.of(), config, set, get2));
  }

  @Test
  void confinedClassesAreNotJudged() {
    MethodModel set = method("set", count, 10).flag(Flag.SYNCHRONIZED).write("count").build();
    MethodModel get = method("get", count, 20).read("count").build();
    assertEquals(
        List.of(),
        findings(
            count, Set.of("net.jcip.annotations.NotThreadSafe"), LatchkeyConfig.DEFAULT, set, get));
  }

  @Test
  void otherInstancesFieldsAreJudgedAgainstTheirOwnLocks() {
    MethodModel set = method("set", count, 10).flag(Flag.SYNCHRONIZED).write("count").build();
    MethodModel same =
        method("same", count, 20)
            .flag(Flag.SYNCHRONIZED)
            .parameters("other")
            .readOf("other", "count")
            .build();
    MethodModel locked =
        method("locked", count, 30)
            .parameters("other")
            .synchronizedOn(LockPath.ofLocal("other"), c -> c.readOf("other", "count"))
            .build();
    assertEquals(List.of("UnguardedFieldAccess@20"), findings(count, set, same, locked));
  }

  @Test
  void releaseHelperRunsHoldingTheLockItReleases() {
    MethodModel pin = method("pin", count, 10).lock(LOCK).increment("count").build();
    MethodModel finish = method("finish", count, 20).increment("count").unlock(LOCK).build();
    MethodModel peek = method("peek", count, 30).read("count").build();
    assertEquals(List.of("UnguardedFieldAccess@30"), findings(count, pin, finish, peek));
  }

  @Test
  void lambdaRunByASameClassLockingHelper() {
    MethodModel action =
        method("lambda$increment$0", count, 11).flag(Flag.LAMBDA).increment("count").build();
    MethodModel increment =
        method("increment", count, 10)
            .callWith(RaceCode.OWNER, "withLock", THIS, null, null, List.of(action.ref()))
            .build();
    LockPath parameter = LockPath.ofLocal("action");
    MethodModel withLock =
        method("withLock", count, 20)
            .flag(Flag.NOT_OVERRIDABLE)
            .parameters("action")
            .lock(LOCK)
            .call("java.lang.Runnable", "run", parameter)
            .unlock(LOCK)
            .build();
    MethodModel get = method("get", count, 30).lock(LOCK).read("count").unlock(LOCK).build();
    MethodModel peek = method("peek", count, 40).read("count").build();
    MethodModel reset = method("reset", count, 50).lock(LOCK).write("count").unlock(LOCK).build();
    assertEquals(
        List.of("UnguardedFieldAccess@40"),
        findings(count, action, increment, withLock, get, peek, reset));
    MethodModel storing =
        method("withLock", count, 20)
            .flag(Flag.NOT_OVERRIDABLE)
            .parameters("action")
            .lock(LOCK)
            .call("java.lang.Runnable", "run", parameter)
            .call("java.util.List", "add", THIS.field("later"), parameter)
            .unlock(LOCK)
            .build();
    MethodModel size = method("size", count, 60).lock(LOCK).read("count").unlock(LOCK).build();
    assertEquals(
        List.of("UnguardedFieldAccess@11"),
        findings(count, action, increment, storing, get, peek, reset, size));
  }
}
