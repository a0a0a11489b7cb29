package dev.latchkey.bugpatterns;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import org.junit.jupiter.api.Test;

/** InterruptSwallowed's suggested fix restores the interrupt first thing in the handler. */
class InterruptSwallowedFixTest {
  private final BugCheckerRefactoringTestHelper helper =
      BugCheckerRefactoringTestHelper.newInstance(InterruptSwallowed.class, getClass());

  @Test
  void insertsTheRestoreBeforeTheFirstStatement() {
    helper
        .addInputLines(
            "p/Worker.java",
            "package p;",
            "import java.util.concurrent.BlockingQueue;",
            "class Worker {",
            "  private final java.util.logging.Logger log = java.util.logging.Logger.getGlobal();",
            "  void run(BlockingQueue<Runnable> jobs) {",
            "    while (true) {",
            "      try {",
            "        jobs.take().run();",
            "      } catch (InterruptedException e) {",
            "        log.info(\"interrupted\");",
            "        continue;",
            "      }",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "p/Worker.java",
            "package p;",
            "import java.util.concurrent.BlockingQueue;",
            "class Worker {",
            "  private final java.util.logging.Logger log = java.util.logging.Logger.getGlobal();",
            "  void run(BlockingQueue<Runnable> jobs) {",
            "    while (true) {",
            "      try {",
            "        jobs.take().run();",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "        log.info(\"interrupted\");",
            "        continue;",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void fillsAnEmptyHandlerWithTheIndentationOfTheFile() {
    helper
        .addInputLines(
            "p/Pause.java",
            "package p;",
            "class Pause {",
            "    void pause(long millis) {",
            "        try {",
            "            Thread.sleep(millis);",
            "        } catch (InterruptedException ignored) {}",
            "    }",
            "}")
        .addOutputLines(
            "p/Pause.java",
            "package p;",
            "class Pause {",
            "    void pause(long millis) {",
            "        try {",
            "            Thread.sleep(millis);",
            "        } catch (InterruptedException ignored) {",
            "            Thread.currentThread().interrupt();",
            "        }",
            "    }",
            "}")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void keepsTheCommentsOfAnEmptyHandlerAfterTheRestore() {
    helper
        .addInputLines(
            "p/Nap.java",
            "package p;",
            "class Nap {",
            "  void nap(long millis) {",
            "    try {",
            "      Thread.sleep(millis);",
            "    } catch (InterruptedException e) {",
            "      // woken up early: fine",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "p/Nap.java",
            "package p;",
            "class Nap {",
            "  void nap(long millis) {",
            "    try {",
            "      Thread.sleep(millis);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "      // woken up early: fine",
            "    }",
            "  }",
            "}")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void noFixForABroadHandler() {
    // Restoring the interrupt on every failure a catch (Exception e) sees would be wrong.
    helper
        .addInputLines(
            "p/Nap.java",
            "package p;",
            "class Nap {",
            "  void nap(long millis) {",
            "    try {",
            "      Thread.sleep(millis);",
            "    } catch (Exception e) {",
            "      // woken up early: fine",
            "    }",
            "  }",
            "}")
        .expectUnchanged()
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void noChangeWhereTheInterruptIsRestored() {
    helper
        .addInputLines(
            "p/Polite.java",
            "package p;",
            "class Polite {",
            "  void pause(long millis) {",
            "    try {",
            "      Thread.sleep(millis);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}")
        .expectUnchanged()
        .doTest(TestMode.TEXT_MATCH);
  }
}
