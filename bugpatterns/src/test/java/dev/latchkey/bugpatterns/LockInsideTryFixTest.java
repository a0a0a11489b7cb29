package dev.latchkey.bugpatterns;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import org.junit.jupiter.api.Test;

/** LockInsideTry's suggested fix moves the acquisition to just before the try. */
class LockInsideTryFixTest {
  private final BugCheckerRefactoringTestHelper helper =
      BugCheckerRefactoringTestHelper.newInstance(LockInsideTry.class, getClass());

  @Test
  void movesTheFirstStatementOfTheTryBeforeIt() {
    helper
        .addInputLines(
            "p/Cache.java",
            "package p;",
            "import java.util.concurrent.locks.*;",
            "class Cache {",
            "  private final Lock lock = new ReentrantLock();",
            "  private int size;",
            "  void clear() {",
            "    try {",
            "      lock.lock(); // acquired too late",
            "      size = 0;",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "p/Cache.java",
            "package p;",
            "import java.util.concurrent.locks.*;",
            "class Cache {",
            "  private final Lock lock = new ReentrantLock();",
            "  private int size;",
            "  void clear() {",
            "    lock.lock(); // acquired too late",
            "    try {",
            "      size = 0;",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void movesAnInterruptibleAcquisitionOutOfATryWithCatch() {
    helper
        .addInputLines(
            "p/Queue.java",
            "package p;",
            "import java.util.concurrent.Semaphore;",
            "class Queue {",
            "  private final Semaphore permits = new Semaphore(4);",
            "  void put(Runnable r) throws InterruptedException {",
            "    try {",
            "      permits.acquire();",
            "      r.run();",
            "    } finally {",
            "      permits.release();",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "p/Queue.java",
            "package p;",
            "import java.util.concurrent.Semaphore;",
            "class Queue {",
            "  private final Semaphore permits = new Semaphore(4);",
            "  void put(Runnable r) throws InterruptedException {",
            "    permits.acquire();",
            "    try {",
            "      r.run();",
            "    } finally {",
            "      permits.release();",
            "    }",
            "  }",
            "}")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void noFixWhenTheAcquisitionIsNotTheFirstStatement() {
    helper
        .addInputLines(
            "p/Audit.java",
            "package p;",
            "import java.util.concurrent.locks.*;",
            "class Audit {",
            "  private final Lock lock = new ReentrantLock();",
            "  void add(Runnable audit, Runnable work) {",
            "    try {",
            "      audit.run();",
            "      lock.lock();",
            "      work.run();",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .expectUnchanged()
        .doTest(TestMode.TEXT_MATCH);
  }
}
