package dev.latchkey.checks;

/**
 * The catalogue: every check Latchkey has, with the facts every front-end and document must agree
 * on. The Error Prone {@code @BugPattern}s, SpotBugs' {@code findbugs.xml}/{@code messages.xml},
 * the README's table and {@code docs/checks/} are verified against this enum by tests.
 */
public enum CheckId {
  LOCK_NOT_RELEASED(
      "LockNotReleased",
      Family.UNRELEASED_LOCKS,
      Severity.ERROR,
      "A lock or permit is acquired but not released on every path out of the method",
      "Release the lock in a finally block that directly follows the acquisition"),
  LOCK_INSIDE_TRY(
      "LockInsideTry",
      Family.UNRELEASED_LOCKS,
      Severity.WARNING,
      "The lock is acquired inside the try whose finally releases it, so a failed acquisition"
          + " releases a lock that is not held",
      "Move the acquisition to the statement just before the try"),
  UNLOCK_NOT_HELD(
      "UnlockNotHeld",
      Family.UNRELEASED_LOCKS,
      Severity.ERROR,
      "A lock or permit is released on a path where this method does not hold it",
      "Release only what was acquired: guard the release with the tryLock() result, or release"
          + " the same lock view that was acquired"),
  READ_LOCK_UPGRADE(
      "ReadLockUpgrade",
      Family.UNRELEASED_LOCKS,
      Severity.ERROR,
      "The write lock of a read/write lock is acquired while its read lock is held: the thread"
          + " deadlocks with itself",
      "Release the read lock before acquiring the write lock, then re-check the state under the"
          + " write lock"),
  SWALLOWED_EXCEPTION(
      "SwallowedException",
      Family.SWALLOWED_EXCEPTIONS,
      Severity.WARNING,
      "A catch block discards the exception: an empty handler, or a broad handler that never uses"
          + " it",
      "Log the exception with its stack trace, wrap and rethrow it, or catch only what the code"
          + " can handle"),
  INTERRUPT_SWALLOWED(
      "InterruptSwallowed",
      Family.SWALLOWED_EXCEPTIONS,
      Severity.ERROR,
      "InterruptedException is caught and neither re-thrown nor the interrupt status restored, so"
          + " the thread can no longer be stopped",
      "Call Thread.currentThread().interrupt() first thing in the handler, or rethrow the"
          + " InterruptedException"),
  LOST_TASK_EXCEPTION(
      "LostTaskException",
      Family.SWALLOWED_EXCEPTIONS,
      Severity.WARNING,
      "The Future of an asynchronous task is discarded, so an exception thrown by the task is"
          + " never seen",
      "Keep the Future and read it (get/join), add exceptionally/whenComplete to the chain, use"
          + " execute(), or catch and log failures inside the task"),
  FINALLY_MASKS_EXCEPTION(
      "FinallyMasksException",
      Family.SWALLOWED_EXCEPTIONS,
      Severity.ERROR,
      "A return, throw, break or continue leaves a finally block and discards the exception in"
          + " flight",
      "Move the return, throw, break or continue out of the finally block"),
  UNBOUNDED_EXECUTOR(
      "UnboundedExecutor",
      Family.UNBOUNDED_EXECUTORS,
      Severity.WARNING,
      "An executor is created with an unbounded number of threads or an unbounded work queue",
      "Use a ThreadPoolExecutor with a bounded queue (ArrayBlockingQueue or LinkedBlockingQueue(n))"
          + " and an explicit rejection policy"),
  UNBOUNDED_SUBMISSION(
      "UnboundedSubmission",
      Family.UNBOUNDED_EXECUTORS,
      Severity.ERROR,
      "A thread or task is started for every item of a loop with nothing bounding how many run or"
          + " wait at once",
      "Bound the work in flight: a fixed-size executor with a bounded queue, a Semaphore around each"
          + " task, or batches that wait for the previous one"),
  EXECUTOR_NOT_SHUTDOWN(
      "ExecutorNotShutdown",
      Family.UNBOUNDED_EXECUTORS,
      Severity.WARNING,
      "An executor created by a method is neither shut down nor handed on, so its threads outlive"
          + " every call",
      "Shut the executor down in a finally block (or try-with-resources on JDK 19+), or keep one"
          + " executor for the application's lifetime"),
  UNGUARDED_FIELD_ACCESS(
      "UnguardedFieldAccess",
      Family.DATA_RACES,
      Severity.WARNING,
      "A field that is written under a lock elsewhere is accessed here without that lock",
      "Hold the same lock for every access of the field, or make the field volatile or final, or"
          + " use an atomic or concurrent type"),
  GUARDED_BY_VIOLATION(
      "GuardedByViolation",
      Family.DATA_RACES,
      Severity.ERROR,
      "A member annotated @GuardedBy is accessed without holding its lock",
      "Hold the lock named by @GuardedBy around the access (a write needs the write lock)"),
  RACY_TASK_MUTATION(
      "RacyTaskMutation",
      Family.DATA_RACES,
      Severity.ERROR,
      "Code that runs on another thread (a task, a thread, a parallel stream) mutates shared state"
          + " without synchronization",
      "Return results through the Future or a collector, use a thread-safe type (concurrent"
          + " collection, atomic), or hold a lock that every other access holds"),
  NON_ATOMIC_UPDATE(
      "NonAtomicUpdate",
      Family.DATA_RACES,
      Severity.WARNING,
      "A compound action (read-modify-write, check-then-act) on a volatile field, concurrent map or"
          + " atomic is not atomic although each step is",
      "Use the atomic operation: incrementAndGet/updateAndGet/accumulateAndGet, putIfAbsent,"
          + " computeIfAbsent, merge"),
  UNSAFE_LAZY_INIT(
      "UnsafeLazyInit",
      Family.DATA_RACES,
      Severity.WARNING,
      "A field is lazily initialized without safe publication: double-checked locking on a"
          + " non-volatile field, or an unsynchronized static lazy initialization",
      "Declare the field volatile, use the holder-class idiom, or initialize it under a lock"),
  LOCK_ORDER_INVERSION(
      "LockOrderInversion",
      Family.LOCK_ORDER,
      Severity.ERROR,
      "Two code paths acquire the same locks in opposite order, so two threads can deadlock",
      "Acquire the locks in one global order everywhere (order by a stable id when the locks are"
          + " instances of one class), or release the first lock before taking the second"),
  BLOCKING_UNDER_LOCK(
      "BlockingUnderLock",
      Family.LOCK_ORDER,
      Severity.WARNING,
      "A call that can block indefinitely is made while holding a lock, stalling every thread that"
          + " needs the lock",
      "Move the blocking call out of the locked region, or wait on the lock's own monitor or"
          + " condition"),
  TIMED_BLOCKING_UNDER_LOCK(
      "TimedBlockingUnderLock",
      Family.LOCK_ORDER,
      Severity.INFO,
      "A call that waits up to a timeout is made while holding a lock, stalling every thread that"
          + " needs the lock for that long",
      "Move the wait out of the locked region, or keep the timeout short and documented");

  /**
   * Where every check's page lives (ending with a slash): the build's {@code latchkey.docs.baseUrl}
   * setting, the base of every link a finding shows in any front-end.
   */
  public static final String DOCS_BASE_URL = BuildSettings.docsBaseUrl();

  private final String id;
  private final Family family;
  private final Severity severity;
  private final String summary;
  private final String fixHint;

  CheckId(String id, Family family, Severity severity, String summary, String fixHint) {
    this.id = id;
    this.family = family;
    this.severity = severity;
    this.summary = summary;
    this.fixHint = fixHint;
  }

  /** The stable name users see and suppress: the same in javac, SpotBugs and the docs. */
  public String id() {
    return id;
  }

  public Family family() {
    return family;
  }

  public Severity severity() {
    return severity;
  }

  /** One line, no trailing period. */
  public String summary() {
    return summary;
  }

  public String fixHint() {
    return fixHint;
  }

  /** Repository-relative path of the doc page. */
  public String docPath() {
    return "docs/checks/" + id + ".md";
  }

  public String docUrl() {
    return DOCS_BASE_URL + id + ".md";
  }

  /** The page that lists every check. */
  public static String docsIndexUrl() {
    return DOCS_BASE_URL + "README.md";
  }

  /** The check with this stable name, or null. */
  public static CheckId byId(String id) {
    for (CheckId check : values()) {
      if (check.id.equals(id)) {
        return check;
      }
    }
    return null;
  }
}
