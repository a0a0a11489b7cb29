package dev.latchkey.bugpatterns;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** The canonical lock paths javac code gets (notes/FRONTENDS.md, "Lock paths"). */
class LockPathResolverTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(LockPathProbe.class, getClass());

  @Test
  void fieldsOfThisImplicitOrExplicit() {
    helper
        .addSourceLines(
            "p/Fields.java",
            "package p;",
            "import java.util.concurrent.locks.*;",
            "class Fields {",
            "  private final Lock lock = new ReentrantLock();",
            "  private final Fields next = null;",
            "  void m() {",
            "    // BUG: Diagnostic contains: path=THIS this this.lock",
            "    lock.lock();",
            "    // BUG: Diagnostic contains: path=THIS this this.lock",
            "    this.lock.lock();",
            "    // BUG: Diagnostic contains: path=THIS this this.next.lock",
            "    this.next.lock.lock();",
            "    // BUG: Diagnostic contains: path=THIS this this.lock",
            "    ((ReentrantLock) (lock)).lock();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void staticFieldsByDeclaringClassUnderAnySpelling() {
    helper
        .addSourceLines(
            "p/Statics.java",
            "package p;",
            "import java.util.concurrent.locks.*;",
            "class Statics {",
            "  static final Lock LOCK = new ReentrantLock();",
            "  static class Inner {",
            "    static final Lock INNER = new ReentrantLock();",
            "    void m() {",
            "      // BUG: Diagnostic contains: path=STATIC p.Statics Statics.LOCK",
            "      LOCK.lock();",
            "      // BUG: Diagnostic contains: path=STATIC p.Statics Statics.LOCK",
            "      Statics.LOCK.lock();",
            "      // BUG: Diagnostic contains: path=STATIC p.Statics$Inner Inner.INNER",
            "      INNER.lock();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void viewsAndNoArgumentCalls() {
    helper
        .addSourceLines(
            "p/Views.java",
            "package p;",
            "import java.util.concurrent.locks.*;",
            "class Views {",
            "  private final ReadWriteLock rw = new ReentrantReadWriteLock();",
            "  private final StampedLock sl = new StampedLock();",
            "  Lock getLock() { return null; }",
            "  Lock lockFor(String key) { return null; }",
            "  void m() {",
            "    // BUG: Diagnostic contains: path=THIS this this.rw#read",
            "    rw.readLock().lock();",
            "    // BUG: Diagnostic contains: path=THIS this this.rw#write",
            "    this.rw.writeLock().lock();",
            "    // BUG: Diagnostic contains: path=THIS this this.sl#write",
            "    sl.asWriteLock().lock();",
            "    // BUG: Diagnostic contains: path=THIS this this.getLock()",
            "    getLock().lock();",
            "    // BUG: Diagnostic contains: path=unknown",
            "    lockFor(\"a\").lock();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void localsParametersAndAliases() {
    helper
        .addSourceLines(
            "p/Locals.java",
            "package p;",
            "import java.util.concurrent.locks.*;",
            "class Locals {",
            "  private final Lock lock = new ReentrantLock();",
            "  private final ReadWriteLock rw = new ReentrantReadWriteLock();",
            "  Lock[] locks;",
            "  void m(Lock param, boolean b) {",
            "    Lock alias = this.lock;",
            "    Lock read = rw.readLock();",
            "    Lock reassigned = lock;",
            "    reassigned = param;",
            "    Lock assignedOnce;",
            "    assignedOnce = lock;",
            "    // BUG: Diagnostic contains: path=LOCAL param param",
            "    param.lock();",
            "    // BUG: Diagnostic contains: path=THIS this this.lock",
            "    alias.lock();",
            "    // BUG: Diagnostic contains: path=THIS this this.rw#read",
            "    read.lock();",
            "    // BUG: Diagnostic contains: path=LOCAL reassigned reassigned",
            "    reassigned.lock();",
            "    // BUG: Diagnostic contains: path=THIS this this.lock",
            "    assignedOnce.lock();",
            "    // BUG: Diagnostic contains: path=unknown",
            "    locks[0].lock();",
            "    Lock fromArray = locks[1];",
            "    // BUG: Diagnostic contains: path=LOCAL fromArray fromArray",
            "    fromArray.lock();",
            "    Runnable r = () -> {",
            "      // BUG: Diagnostic contains: path=THIS this this.lock",
            "      alias.lock();",
            "    };",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void enclosingInstances() {
    helper
        .addSourceLines(
            "p/Outer.java",
            "package p;",
            "import java.util.concurrent.locks.*;",
            "class Outer {",
            "  final Lock lock = new ReentrantLock();",
            "  class Inner {",
            "    final Lock own = new ReentrantLock();",
            "    void m() {",
            "      // BUG: Diagnostic contains: path=OUTER p.Outer Outer.this.lock",
            "      lock.lock();",
            "      // BUG: Diagnostic contains: path=OUTER p.Outer Outer.this.lock",
            "      Outer.this.lock.lock();",
            "      // BUG: Diagnostic contains: path=THIS this this.own",
            "      Inner.this.own.lock();",
            "    }",
            "    class Deeper {",
            "      void m() {",
            "        // BUG: Diagnostic contains: path=unknown",
            "        lock.lock();",
            "      }",
            "    }",
            "  }",
            "  Runnable task() {",
            "    Lock alias = lock;",
            "    return new Runnable() {",
            "      public void run() {",
            "        // BUG: Diagnostic contains: path=OUTER p.Outer Outer.this.lock",
            "        lock.lock();",
            "        // BUG: Diagnostic contains: path=LOCAL alias alias",
            "        alias.lock();",
            "      }",
            "    };",
            "  }",
            "}")
        .doTest();
  }
}
