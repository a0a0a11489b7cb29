package dev.latchkey.checks.lockset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.LockView;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code @GuardedBy} expressions resolve to the lock they name, and to nothing otherwise. */
class GuardExpressionsTest {
  private static final LockPath THIS = LockPath.ofThis();
  private static final LockPath SELF = THIS.field("items");

  private static FieldModel field(String name, boolean isStatic) {
    return new FieldModel(name, "Ljava/lang/Object;", isStatic, true, false, Set.of(), null, 1);
  }

  /**
   * {@code pkg.Outer$Inner} with fields LOCK (static), lock and rw, whose code takes {@code taken}.
   */
  private static ClassModel inner(LockPath... taken) {
    MethodModel.Builder method = MethodModel.builder(new MethodRef("pkg.Outer$Inner", "m", "()V"));
    Node last = method.entry();
    for (LockPath lock : taken) {
      Node acquire = method.acquire(3, lock, LockKind.MONITOR, false, "synchronized", null);
      method.edge(last, acquire);
      last = acquire;
    }
    method.edge(last, method.exit());
    return new ClassModel(
        "pkg.Outer$Inner",
        List.of(method.build()),
        List.of(field("LOCK", true), field("lock", false), field("rw", false)),
        Set.of());
  }

  private static LockPath resolve(String expression, ClassModel cls) {
    return GuardExpressions.resolve(expression, THIS, SELF, cls);
  }

  @Test
  void namesOfThisClassAndItsEnclosingClasses() {
    ClassModel cls = inner();
    assertEquals(THIS, resolve("this", cls));
    assertEquals(THIS.field("lock"), resolve("lock", cls));
    assertEquals(THIS.field("lock"), resolve("this.lock", cls));
    assertEquals(
        LockPath.ofLocal("other").field("lock"),
        GuardExpressions.resolve("lock", LockPath.ofLocal("other"), null, cls));
    assertEquals(LockPath.ofStaticField("pkg.Outer$Inner", "LOCK"), resolve("LOCK", cls));
    assertEquals(LockPath.ofStaticField("pkg.Outer", "GLOBAL"), resolve("Outer.GLOBAL", cls));
    assertEquals(LockPath.ofClassLiteral("pkg.Outer$Inner"), resolve("Inner.class", cls));
    assertEquals(LockPath.ofOuter("pkg.Outer").field("lock"), resolve("Outer.this.lock", cls));
    assertEquals(THIS.call("getLock"), resolve("getLock()", cls));
    assertEquals(SELF, resolve("itself", cls));
    assertEquals(THIS.field("rw").view(LockView.WRITE), resolve("rw.writeLock()", cls));
    assertNull(GuardExpressions.resolve("this", null, SELF, cls));
  }

  @Test
  void qualifiedClassNamesAreExact() {
    ClassModel cls = inner();
    assertEquals(
        LockPath.ofStaticField("com.acme.Locks$Inner", "MU"),
        resolve("com.acme.Locks.Inner.MU", cls));
    assertEquals(LockPath.ofStaticField("pkg.Locks$Inner", "MU"), resolve("Locks.Inner.MU", cls));
    assertEquals(LockPath.ofClassLiteral("pkg.Registry"), resolve("pkg.Registry.class", cls));
  }

  @Test
  void classNamesMatchTheLocksTheCodeTakes() {
    LockPath mu = LockPath.ofStaticField("other.pkg.Locks$Inner", "MU");
    LockPath registry = LockPath.ofClassLiteral("other.pkg.Registry");
    ClassModel cls = inner(mu, registry, THIS.field("inherited"));
    assertEquals(mu, resolve("Locks.Inner.MU", cls));
    assertEquals(registry, resolve("Registry.class", cls));
    assertEquals(THIS.field("inherited"), resolve("inherited", cls));
  }

  @Test
  void namesOfNothingResolveToNothing() {
    ClassModel cls = inner();
    assertNull(resolve("UI_THREAD", cls));
    assertNull(resolve("lokc", cls));
    assertNull(resolve("mystery.lock", cls));
  }

  @Test
  void aGuardedMethodsParameterIsTheCallsArgument() {
    MethodModel callee =
        MethodModel.builder(new MethodRef("pkg.Outer$Inner", "process", "(Lpkg/Work;)V"))
            .parameterNames("work")
            .guardedBy("work.lock")
            .build();
    ClassModel cls = inner();
    assertEquals(
        LockPath.ofLocal("work").field("lock"), GuardExpressions.resolveForMethod(callee, cls));
    assertEquals(
        THIS.field("current").field("lock"),
        GuardExpressions.resolveForCall(callee, THIS, Arrays.asList(THIS.field("current")), cls));
    assertNull(GuardExpressions.resolveForCall(callee, THIS, Arrays.asList((LockPath) null), cls));
  }
}
