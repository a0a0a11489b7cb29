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
import dev.latchkey.checks.model.LockView;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import dev.latchkey.checks.model.TaskOperation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GuardedByViolation, NonAtomicUpdate, UnsafeLazyInit and the family's one-finding rule. */
class OtherRaceRulesTest {
  private static final String EXECUTOR = "java.util.concurrent.ExecutorService";

  @Test
  void guardedFieldAccessedWithoutItsLock() {
    Map<String, FieldModel> f = fields(field("balance", "J", "guardedBy=lock"));
    MethodModel ok = method("ok", f, 10).synchronizedOn(LOCK, c -> c.read("balance")).build();
    MethodModel bad = method("bad", f, 20).write("balance").build();
    MethodModel wrongLock =
        method("wrongLock", f, 30).flag(Flag.SYNCHRONIZED).read("balance").build();
    assertEquals(
        List.of("GuardedByViolation@20", "GuardedByViolation@30"), findings(f, ok, bad, wrongLock));
  }

  @Test
  void guardedFieldInALambdaThatRunsLater() {
    Map<String, FieldModel> f = fields(field("balance", "J", "guardedBy=lock"));
    MethodModel body = method("lambda$audit$0", f, 13).flag(Flag.LAMBDA).read("balance").build();
    MethodModel audit =
        method("audit", f, 10)
            .synchronizedOn(
                LOCK,
                c ->
                    c.callWith(
                        EXECUTOR,
                        "submit",
                        THIS.field("executor"),
                        TaskOperation.SUBMIT,
                        null,
                        List.of(body.ref())))
            .build();
    assertEquals(List.of("GuardedByViolation@13"), findings(f, body, audit));
  }

  @Test
  void readWriteLockGuard() {
    Map<String, FieldModel> f = fields(field("prices", "Ljava/util/Map;", "guardedBy=rw"));
    LockPath read = THIS.field("rw").view(LockView.READ);
    LockPath write = THIS.field("rw").view(LockView.WRITE);
    MethodModel get = method("get", f, 10).lock(read).read("prices").unlock(read).build();
    MethodModel set = method("set", f, 20).lock(write).write("prices").unlock(write).build();
    MethodModel wrong = method("wrong", f, 30).lock(read).write("prices").unlock(read).build();
    assertEquals(List.of("GuardedByViolation@31"), findings(f, get, set, wrong));
  }

  @Test
  void guardedMethodCalledWithoutItsLock() {
    Map<String, FieldModel> f = fields(field("count", "I", "guardedBy=lock"));
    MethodModel helper =
        method("helper", f, 10).guardedBy("lock").flag(Flag.NOT_OVERRIDABLE).write("count").build();
    MethodModel ok = method("ok", f, 20).synchronizedOn(LOCK, c -> c.callMethod("helper")).build();
    MethodModel bad = method("bad", f, 30).callMethod("helper").build();
    assertEquals(List.of("GuardedByViolation@30"), findings(f, helper, ok, bad));
  }

  @Test
  void volatileCompoundUpdate() {
    Map<String, FieldModel> f = fields(field("hits", "I", "volatile"));
    MethodModel bump = method("bump", f, 10).increment("hits").build();
    MethodModel read = method("read", f, 20).read("hits").build();
    assertEquals(List.of("NonAtomicUpdate@10"), findings(f, bump, read));
    MethodModel locked = method("bump", f, 10).flag(Flag.SYNCHRONIZED).increment("hits").build();
    assertEquals(List.of(), findings(f, locked, read));
  }

  @Test
  void checkThenActOnAConcurrentMap() {
    Map<String, FieldModel> f =
        fields(field("cache", "Ljava/util/concurrent/ConcurrentHashMap;", "final"));
    LockPath cache = THIS.field("cache");
    LockPath key = LockPath.ofLocal("key");
    MethodModel bad =
        method("bad", f, 10)
            .parameters("key")
            .read("cache")
            .sameLine()
            .call("java.util.concurrent.ConcurrentHashMap", "containsKey", cache, key)
            .ifUnknown(
                c ->
                    c.read("cache")
                        .sameLine()
                        .call("java.util.concurrent.ConcurrentHashMap", "put", cache, key, null))
            .build();
    MethodModel good =
        method("good", f, 20)
            .parameters("key")
            .call("java.util.concurrent.ConcurrentHashMap", "putIfAbsent", cache, key, null)
            .build();
    assertEquals(List.of("NonAtomicUpdate@11"), findings(f, bad, good));
  }

  @Test
  void getThenSetOnAnAtomic() {
    Map<String, FieldModel> f =
        fields(field("total", "Ljava/util/concurrent/atomic/AtomicLong;", "final"));
    LockPath total = THIS.field("total");
    String atomic = "java.util.concurrent.atomic.AtomicLong";
    MethodModel bad =
        method("add", f, 10)
            .call(atomic, "get", total)
            .sameLine()
            .call(atomic, "set", total, (LockPath) null)
            .build();
    MethodModel reset = method("reset", f, 20).call(atomic, "set", total, (LockPath) null).build();
    assertEquals(List.of("NonAtomicUpdate@10"), findings(f, bad, reset));
  }

  private static MethodModel doubleChecked(Map<String, FieldModel> f, String field) {
    return method("get", f, 10)
        .read(field)
        .ifUnknown(c -> c.synchronizedOn(THIS, d -> d.read(field).ifUnknown(e -> e.write(field))))
        .read(field)
        .build();
  }

  @Test
  void doubleCheckedLockingWithoutVolatile() {
    Map<String, FieldModel> f = fields(field("config", "Ldemo/Config;"));
    assertEquals(List.of("UnsafeLazyInit@13"), findings(f, doubleChecked(f, "config")));
    Map<String, FieldModel> v = fields(field("config", "Ldemo/Config;", "volatile"));
    assertEquals(List.of(), findings(v, doubleChecked(v, "config")));
    Map<String, FieldModel> s = fields(field("config", "Ljava/lang/String;"));
    assertEquals(List.of(), findings(s, doubleChecked(s, "config")));
  }

  @Test
  void staticLazyInitWithoutSynchronization() {
    Map<String, FieldModel> f = fields(field("INSTANCE", "Ldemo/Counter;", "static"));
    MethodModel get =
        method("getInstance", f, 10)
            .flag(Flag.STATIC)
            .read("INSTANCE")
            .ifUnknown(c -> c.write("INSTANCE"))
            .read("INSTANCE")
            .build();
    assertEquals(List.of("UnsafeLazyInit@11"), findings(f, get));
    MethodModel synced =
        method("getInstance", f, 10)
            .flag(Flag.STATIC)
            .flag(Flag.SYNCHRONIZED)
            .read("INSTANCE")
            .ifUnknown(c -> c.write("INSTANCE"))
            .build();
    assertEquals(List.of(), findings(f, synced));
    MethodModel holder = method("<clinit>", f, 5).flag(Flag.STATIC).write("INSTANCE").build();
    MethodModel getter = method("getInstance", f, 10).flag(Flag.STATIC).read("INSTANCE").build();
    assertEquals(List.of(), findings(f, holder, getter));
  }

  @Test
  void doubleCheckedLockingReadsAreNotAlsoUnguardedAccesses() {
    Map<String, FieldModel> f = fields(field("config", "Ldemo/Config;"));
    MethodModel reset = method("reset", f, 30).synchronizedOn(THIS, c -> c.write("config")).build();
    MethodModel peek = method("peek", f, 40).read("config").build();
    assertEquals(
        List.of("UnsafeLazyInit@13", "UnguardedFieldAccess@40"),
        findings(f, doubleChecked(f, "config"), reset, peek));
  }

  @Test
  void guardedByItselfAllowsFetchingTheMonitor() {
    Map<String, FieldModel> f =
        fields(field("names", "Ljava/util/List;", "final", "guardedBy=itself"));
    LockPath names = THIS.field("names");
    MethodModel add =
        method("add", f, 10)
            .read("names")
            .sameLine()
            .synchronizedOn(names, c -> c.read("names"))
            .build();
    MethodModel count = method("count", f, 20).read("names").build();
    assertEquals(List.of("GuardedByViolation@20"), findings(f, add, count));
  }

  @Test
  void checkThenActOnAMapCreatedAsAConcurrentMap() {
    Map<String, FieldModel> f = fields(field("aliases", "Ljava/util/Map;", "final"));
    LockPath aliases = THIS.field("aliases");
    LockPath name = LockPath.ofLocal("name");
    MethodModel init =
        method("<init>", f, 1)
            .flag(Flag.CONSTRUCTOR)
            .callStored("java.util.concurrent.ConcurrentHashMap", "<init>", aliases, null)
            .build();
    MethodModel alias =
        method("alias", f, 10)
            .parameters("name")
            .call("java.util.Map", "get", aliases, name)
            .ifUnknown(c -> c.call("java.util.Map", "put", aliases, name, null))
            .build();
    assertEquals(List.of("NonAtomicUpdate@11"), findings(f, init, alias));
    MethodModel plain =
        method("<init>", f, 1)
            .flag(Flag.CONSTRUCTOR)
            .callStored("java.util.HashMap", "<init>", aliases, null)
            .build();
    assertEquals(List.of(), findings(f, plain, alias));
  }

  @Test
  void checkThenActUnderALockEveryWriterHolds() {
    Map<String, FieldModel> f =
        fields(field("cache", "Ljava/util/concurrent/ConcurrentHashMap;", "final"));
    LockPath cache = THIS.field("cache");
    LockPath key = LockPath.ofLocal("key");
    String chm = "java.util.concurrent.ConcurrentHashMap";
    MethodModel load =
        method("load", f, 10)
            .flag(Flag.SYNCHRONIZED)
            .parameters("key")
            .call(chm, "containsKey", cache, key)
            .ifUnknown(c -> c.call(chm, "put", cache, key, null))
            .build();
    MethodModel evict =
        method("evict", f, 20)
            .flag(Flag.SYNCHRONIZED)
            .parameters("key")
            .call(chm, "remove", cache, key)
            .build();
    assertEquals(List.of(), findings(f, load, evict));
    MethodModel evictUnlocked =
        method("evict", f, 20).parameters("key").call(chm, "remove", cache, key).build();
    assertEquals(List.of("NonAtomicUpdate@11"), findings(f, load, evictUnlocked));
  }
}
