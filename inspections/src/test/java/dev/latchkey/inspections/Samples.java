package dev.latchkey.inspections;

/** Small sources with known findings, for the command line and language server tests. */
public final class Samples {
  private Samples() {}

  /** LockInsideTry at line 9, InterruptSwallowed at line 18. */
  public static final String COUNTER =
      String.join(
          "\n",
          "package demo;",
          "",
          "import java.util.concurrent.locks.ReentrantLock;",
          "",
          "public class Counter {",
          "  private final ReentrantLock lock = new ReentrantLock();",
          "  private int count;",
          "",
          "  public void increment() {",
          "    try {",
          "      lock.lock(); // take it",
          "      count++;",
          "    } finally {",
          "      lock.unlock();",
          "    }",
          "  }",
          "",
          "  public void pause() {",
          "    try {",
          "      Thread.sleep(10);",
          "    } catch (InterruptedException e) {",
          "    }",
          "  }",
          "}",
          "");

  public static final int LOCK_INSIDE_TRY_LINE = 11;
  public static final int INTERRUPT_SWALLOWED_LINE = 21;
}
