package dev.latchkey.checks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DisplayNamesTest {
  private static MethodRef ref(String owner, String name) {
    return new MethodRef(owner, name, "()V");
  }

  @Test
  void compilerNamedBodiesReadAsTheSourceNamesThem() {
    assertEquals(
        "the lambda in Cache.all()", DisplayNames.method(ref("pkg.Cache", "lambda$all$0")));
    assertEquals(
        "the static initializer of Cache", DisplayNames.method(ref("pkg.Cache", "<clinit>")));
    assertEquals(
        "the lambda in the static initializer of Cache",
        DisplayNames.method(ref("pkg.Cache", "lambda$static$1")));
    assertEquals(
        "the constructor of Cache.Entry", DisplayNames.method(ref("pkg.Cache$Entry", "<init>")));
    assertEquals("Cache.refresh()", DisplayNames.method(ref("pkg.Cache", "refresh")));
    assertEquals("the lambda in all()", ref("pkg.Cache", "lambda$all$0").displayName());
  }

  @Test
  void anonymousAndLocalClasses() {
    assertEquals(
        "the anonymous class in Http2Connection", DisplayNames.type("p.Http2Connection$6"));
    assertEquals("the local class Helper in Outer", DisplayNames.type("p.Outer$1Helper"));
    assertEquals(
        "the anonymous Runnable in Http2Connection.start()",
        DisplayNames.anonymous(
            "p.Http2Connection$6", "java.lang.Runnable", ref("p.Http2Connection", "start")));
  }

  @Test
  void locksAndCallsInSourceForm() {
    LockPath write = LockPath.ofThis().field("refreshLock").view(LockView.WRITE);
    assertEquals("the write lock of refreshLock", write.displayName());
    assertEquals("pool", LockPath.ofThis().field("pool").displayName());
    assertEquals(
        "refreshLock.writeLock().lock()", DisplayNames.code("this.refreshLock#write.lock()"));
  }
}
