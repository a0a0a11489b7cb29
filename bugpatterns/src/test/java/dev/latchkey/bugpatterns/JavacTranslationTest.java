package dev.latchkey.bugpatterns;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.ScannerSupplier;
import org.junit.jupiter.api.Test;

/**
 * Shapes of javac code whose translation the fixtures do not pin down: each test states which
 * finding (if any) the core must be handed the facts for.
 */
class JavacTranslationTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(
          ScannerSupplier.fromBugCheckerClasses(
              LockNotReleased.class,
              LockInsideTry.class,
              UnlockNotHeld.class,
              ReadLockUpgrade.class),
          getClass());

  private CompilationTestHelper source(String... lines) {
    String[] all = new String[lines.length + 5];
    all[0] = "package p;";
    all[1] = "import java.util.concurrent.*;";
    all[2] = "import java.util.concurrent.locks.*;";
    all[3] = "abstract class T {";
    System.arraycopy(lines, 0, all, 4, lines.length);
    all[all.length - 1] = "}";
    return helper.addSourceLines("p/T.java", all);
  }

  @Test
  void spinningOnTryLockThenReleasingInFinally() {
    source(
            "  final Lock lock = new ReentrantLock();",
            "  abstract void work();",
            "  void m() {",
            "    while (!lock.tryLock()) {",
            "      Thread.onSpinWait();",
            "    }",
            "    try { work(); } finally { lock.unlock(); }",
            "  }")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void flagsAssignedConstantsAreFollowed() {
    source(
            "  final Lock lock = new ReentrantLock();",
            "  abstract void work();",
            "  void interruptibly() throws InterruptedException {",
            "    boolean acquired = false;",
            "    try {",
            "      lock.lockInterruptibly();",
            "      acquired = true;",
            "      work();",
            "    } finally {",
            "      if (acquired) lock.unlock();",
            "    }",
            "  }",
            "  void timed() throws InterruptedException {",
            "    boolean locked = false;",
            "    try {",
            "      locked = lock.tryLock(1, TimeUnit.SECONDS);",
            "      if (locked) work();",
            "    } finally {",
            "      if (locked) lock.unlock();",
            "    }",
            "  }")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void conditionsCombiningTryLockWithOtherTests() {
    source(
            "  final Lock lock = new ReentrantLock();",
            "  abstract void work();",
            "  void m(boolean ready) {",
            "    if (ready && lock.tryLock()) {",
            "      try { work(); } finally { lock.unlock(); }",
            "    }",
            "  }",
            "  void either(boolean skip) {",
            "    if (skip || !lock.tryLock()) return;",
            "    try { work(); } finally { lock.unlock(); }",
            "  }",
            "  void both(boolean a, boolean b) {",
            "    if ((a || !b) && lock.tryLock()) {",
            "      try { work(); } finally { lock.unlock(); }",
            "    }",
            "  }",
            "  void stored(boolean a) {",
            "    boolean locked = a && lock.tryLock();",
            "    boolean copy = locked;",
            "    try { work(); } finally { if (copy) lock.unlock(); }",
            "  }",
            "  void n() {",
            "    if (!lock.tryLock()) throw new IllegalStateException(\"busy\");",
            "    try { work(); } finally { lock.unlock(); }",
            "  }",
            "  boolean o() {",
            "    return lock.tryLock() ? release() : false;",
            "  }",
            "  private boolean release() { lock.unlock(); return true; }")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void aTestAfterTheTryLockThatFailsLeaks() {
    source(
            "  final Lock lock = new ReentrantLock();",
            "  abstract void work();",
            "  void m(boolean a, boolean b) {",
            "    // BUG: Diagnostic contains: [LockNotReleased]",
            "    if (a && lock.tryLock() && !b) {",
            "      try { work(); } finally { lock.unlock(); }",
            "    }",
            "  }")
        .doTest();
  }

  @Test
  void heldChecksGuardTheRelease() {
    source(
            "  final ReentrantLock lock = new ReentrantLock();",
            "  abstract void work();",
            "  void m() {",
            "    try {",
            "      work();",
            "    } finally {",
            "      if (lock.isHeldByCurrentThread()) lock.unlock();",
            "    }",
            "  }",
            "  void n() {",
            "    lock.lock();",
            "    try { work(); } finally { lock.unlock(); }",
            "    if (lock.isHeldByCurrentThread()) lock.unlock();",
            "  }",
            "  void twice() {",
            "    lock.lock();",
            "    try { work(); } finally { lock.unlock(); }",
            "    // BUG: Diagnostic contains: [UnlockNotHeld]",
            "    lock.unlock();",
            "  }")
        .doTest();
  }

  @Test
  void loopsWithBreakContinueAndReturnThroughFinally() {
    source(
            "  final Lock lock = new ReentrantLock();",
            "  abstract boolean work(int i);",
            "  int m(int n) {",
            "    for (int i = 0; i < n; i++) {",
            "      lock.lock();",
            "      try {",
            "        if (work(i)) continue;",
            "        if (i > 10) break;",
            "        if (i > 5) return i;",
            "      } finally {",
            "        lock.unlock();",
            "      }",
            "    }",
            "    return -1;",
            "  }",
            "  int leak(int n) {",
            "    for (int i = 0; i < n; i++) {",
            "      // BUG: Diagnostic contains: [LockNotReleased]",
            "      lock.lock();",
            "      if (work(i)) continue;",
            "      lock.unlock();",
            "    }",
            "    return -1;",
            "  }")
        .doTest();
  }

  @Test
  void catchThatDoesNotReleaseAndRethrows() {
    source(
            "  final Lock lock = new ReentrantLock();",
            "  abstract void work() throws java.io.IOException;",
            "  void m() {",
            "    // BUG: Diagnostic contains: not released when work() throws",
            "    lock.lock();",
            "    try {",
            "      work();",
            "      lock.unlock();",
            "    } catch (java.io.IOException e) {",
            "      lock.unlock();",
            "      throw new RuntimeException(e);",
            "    }",
            "  }",
            "  void checkedOnly() {",
            "    lock.lock();",
            "    try {",
            "      work();",
            "    } catch (java.io.IOException e) {",
            "      // the IOException handler releases; unchecked exceptions would leak, but the",
            "      // catch-all below covers them",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }")
        .doTest();
  }

  @Test
  void tryWithResourcesAndSynchronizedAroundLocks() {
    source(
            "  final Lock lock = new ReentrantLock();",
            "  abstract java.io.Closeable open() throws java.io.IOException;",
            "  void m() throws java.io.IOException {",
            "    lock.lock();",
            "    try (java.io.Closeable c = open()) {",
            "      synchronized (this) { c.close(); }",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  void n() throws java.io.IOException {",
            "    try (java.io.Closeable c = open()) {",
            "      // BUG: Diagnostic contains: [LockNotReleased]",
            "      lock.lock();",
            "      c.close();",
            "      lock.unlock();",
            "    }",
            "  }")
        .doTest();
  }

  @Test
  void switchOnEnumAndStringArms() {
    source(
            "  final Lock lock = new ReentrantLock();",
            "  enum Mode { A, B }",
            "  abstract void work();",
            "  void m(Mode mode, String s) {",
            "    lock.lock();",
            "    try {",
            "      switch (mode) { case A: work(); break; default: return; }",
            "      switch (s) { case \"x\" -> work(); default -> {} }",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  void n(Mode mode) {",
            "    // BUG: Diagnostic contains: [LockNotReleased]",
            "    lock.lock();",
            "    switch (mode) { case A: lock.unlock(); break; default: work(); }",
            "  }")
        .doTest();
  }

  @Test
  void localAndAnonymousClassesAndLambdasAreTheirOwnMethods() {
    source(
            "  final Lock lock = new ReentrantLock();",
            "  abstract void work();",
            "  Runnable m() {",
            "    lock.lock();",
            "    try {",
            "      class Local implements Runnable {",
            "        public void run() {",
            "          // BUG: Diagnostic contains: [LockNotReleased]",
            "          lock.lock();",
            "          work();",
            "        }",
            "      }",
            "      Runnable r = () -> { lock.lock(); try { work(); } finally { lock.unlock(); } };",
            "      return new Local();",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  final Runnable field = () -> {",
            "    // BUG: Diagnostic contains: [LockNotReleased]",
            "    lock.lock();",
            "    work();",
            "  };")
        .doTest();
  }

  @Test
  void semaphorePermitsAndUpgrades() {
    source(
            "  final Semaphore permits = new Semaphore(2);",
            "  final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();",
            "  abstract void work();",
            "  void m() throws InterruptedException {",
            "    permits.acquire();",
            "    try { work(); } finally { permits.release(); }",
            "    if (permits.tryAcquire()) {",
            "      try { work(); } finally { permits.release(); }",
            "    }",
            "  }",
            "  void upgrade() {",
            "    rw.readLock().lock();",
            "    try {",
            "      // BUG: Diagnostic contains: [ReadLockUpgrade]",
            "      rw.writeLock().lock();",
            "      try { work(); } finally { rw.writeLock().unlock(); }",
            "    } finally {",
            "      rw.readLock().unlock();",
            "    }",
            "  }",
            "  void downgrade() {",
            "    rw.writeLock().lock();",
            "    try {",
            "      rw.readLock().lock();",
            "      try { work(); } finally { rw.readLock().unlock(); }",
            "    } finally {",
            "      rw.writeLock().unlock();",
            "    }",
            "  }")
        .doTest();
  }

  @Test
  void suppressionOnEnclosingDeclarations() {
    source(
            "  final Lock lock = new ReentrantLock();",
            "  abstract void work();",
            "  @SuppressWarnings(\"LockNotReleased\")",
            "  Runnable m() {",
            "    return new Runnable() {",
            "      public void run() { lock.lock(); work(); }",
            "    };",
            "  }",
            "  @SuppressWarnings(\"LockNotReleased\")",
            "  final Runnable field = () -> { lock.lock(); work(); };",
            "  @edu.umd.cs.findbugs.annotations.SuppressFBWarnings",
            "  void all() { lock.lock(); work(); lock.unlock(); lock.unlock(); }")
        .expectNoDiagnostics()
        .doTest();
  }
}
