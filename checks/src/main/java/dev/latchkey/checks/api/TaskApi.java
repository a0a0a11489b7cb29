package dev.latchkey.checks.api;

import dev.latchkey.checks.model.TaskOperation;
import java.util.List;
import java.util.function.Predicate;

/**
 * The one table of task, executor, future and thread APIs. Front-ends ask it about each call and
 * record the answer on the CALL node; the rules read only the answer.
 */
public final class TaskApi {
  public static final String EXECUTOR = "java.util.concurrent.Executor";
  public static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";
  public static final String SCHEDULED_EXECUTOR_SERVICE =
      "java.util.concurrent.ScheduledExecutorService";
  public static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";
  public static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
  public static final String FUTURE = "java.util.concurrent.Future";
  public static final String THREAD = "java.lang.Thread";
  public static final String INTERRUPTED_EXCEPTION = "java.lang.InterruptedException";
  public static final String EXECUTORS = "java.util.concurrent.Executors";
  public static final String THREAD_POOL_EXECUTOR = "java.util.concurrent.ThreadPoolExecutor";
  public static final String SCHEDULED_THREAD_POOL_EXECUTOR =
      "java.util.concurrent.ScheduledThreadPoolExecutor";
  public static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
  public static final String THREAD_BUILDER = "java.lang.Thread$Builder";

  /** The {@code Executors} factories that create a new executor service. */
  public static final List<String> EXECUTOR_FACTORIES =
      List.of(
          "newCachedThreadPool",
          "newFixedThreadPool",
          "newSingleThreadExecutor",
          "newScheduledThreadPool",
          "newSingleThreadScheduledExecutor",
          "newWorkStealingPool",
          "newVirtualThreadPerTaskExecutor",
          "newThreadPerTaskExecutor");

  private record Entry(String type, String method, TaskOperation operation) {}

  private static final List<String> OBSERVERS =
      List.of(
          "exceptionally",
          "exceptionallyAsync",
          "exceptionallyCompose",
          "exceptionallyComposeAsync",
          "handle",
          "handleAsync",
          "whenComplete",
          "whenCompleteAsync",
          "join",
          "get",
          "getNow",
          "resultNow",
          "exceptionNow");

  private static final List<String> ASYNC_STEPS =
      List.of(
          "thenApplyAsync",
          "thenAcceptAsync",
          "thenRunAsync",
          "thenComposeAsync",
          "thenCombineAsync",
          "thenAcceptBothAsync",
          "runAfterBothAsync",
          "runAfterEitherAsync",
          "applyToEitherAsync",
          "acceptEitherAsync");

  private static final List<String> CHAIN_STEPS =
      List.of(
          "thenApply",
          "thenAccept",
          "thenRun",
          "thenCompose",
          "thenCombine",
          "thenAcceptBoth",
          "runAfterBoth",
          "runAfterEither",
          "applyToEither",
          "acceptEither",
          "toCompletableFuture",
          "orTimeout",
          "completeOnTimeout",
          "copy");

  private static final List<Entry> TABLE = table();

  private TaskApi() {}

  /**
   * What calling {@code method} does, or null when the table does not know it.
   *
   * @param ownerIsA tells whether the receiver's static type (for static calls: the class named in
   *     the call) is, or is a subtype of, the class or interface with the given binary name
   */
  public static TaskOperation classify(String method, Predicate<String> ownerIsA) {
    for (Entry entry : TABLE) {
      if (entry.method.equals(method) && ownerIsA.test(entry.type)) {
        return entry.operation;
      }
    }
    return null;
  }

  private static List<Entry> table() {
    List<Entry> entries = new java.util.ArrayList<>();
    entries.add(
        new Entry(SCHEDULED_EXECUTOR_SERVICE, "scheduleAtFixedRate", TaskOperation.PERIODIC));
    entries.add(
        new Entry(SCHEDULED_EXECUTOR_SERVICE, "scheduleWithFixedDelay", TaskOperation.PERIODIC));
    entries.add(new Entry(SCHEDULED_EXECUTOR_SERVICE, "schedule", TaskOperation.SUBMIT));
    entries.add(new Entry(EXECUTOR_SERVICE, "submit", TaskOperation.SUBMIT));
    entries.add(new Entry(EXECUTOR_SERVICE, "invokeAll", TaskOperation.INVOKE_ALL));
    entries.add(new Entry(EXECUTOR, "execute", TaskOperation.EXECUTE));
    entries.add(new Entry(COMPLETABLE_FUTURE, "runAsync", TaskOperation.ASYNC_START));
    entries.add(new Entry(COMPLETABLE_FUTURE, "supplyAsync", TaskOperation.ASYNC_START));
    for (String method : ASYNC_STEPS) {
      entries.add(new Entry(COMPLETION_STAGE, method, TaskOperation.ASYNC_STEP));
    }
    for (String method : CHAIN_STEPS) {
      entries.add(new Entry(COMPLETION_STAGE, method, TaskOperation.CHAIN_STEP));
    }
    for (String method : OBSERVERS) {
      entries.add(new Entry(COMPLETION_STAGE, method, TaskOperation.OBSERVE));
      entries.add(new Entry(FUTURE, method, TaskOperation.OBSERVE));
    }
    entries.add(new Entry(THREAD, "currentThread", TaskOperation.CURRENT_THREAD));
    entries.add(new Entry(THREAD, "interrupt", TaskOperation.INTERRUPT));
    for (String factory : EXECUTOR_FACTORIES) {
      entries.add(new Entry(EXECUTORS, factory, TaskOperation.CREATE_EXECUTOR));
    }
    for (String executor :
        List.of(SCHEDULED_THREAD_POOL_EXECUTOR, THREAD_POOL_EXECUTOR, FORK_JOIN_POOL)) {
      entries.add(new Entry(executor, "<init>", TaskOperation.CREATE_EXECUTOR));
    }
    entries.add(new Entry(THREAD, "<init>", TaskOperation.THREAD_CREATE));
    entries.add(new Entry(THREAD, "start", TaskOperation.THREAD_START));
    entries.add(new Entry(THREAD, "startVirtualThread", TaskOperation.THREAD_START));
    entries.add(new Entry(THREAD_BUILDER, "start", TaskOperation.THREAD_START));
    for (String method : List.of("shutdown", "shutdownNow", "close")) {
      entries.add(new Entry(EXECUTOR_SERVICE, method, TaskOperation.SHUTDOWN));
    }
    entries.add(new Entry("java.lang.Iterable", "forEach", TaskOperation.FOR_EACH));
    entries.add(new Entry("java.util.Map", "forEach", TaskOperation.FOR_EACH));
    entries.add(new Entry("java.util.stream.Stream", "forEach", TaskOperation.FOR_EACH));
    entries.add(new Entry("java.util.stream.Stream", "forEachOrdered", TaskOperation.FOR_EACH));
    entries.add(new Entry("java.util.concurrent.BlockingQueue", "put", TaskOperation.QUEUE_PUT));
    entries.add(new Entry("java.util.concurrent.CountDownLatch", "await", TaskOperation.WAIT));
    entries.add(new Entry("java.util.concurrent.CyclicBarrier", "await", TaskOperation.WAIT));
    entries.add(
        new Entry("java.util.concurrent.Phaser", "arriveAndAwaitAdvance", TaskOperation.WAIT));
    entries.add(new Entry(THREAD, "join", TaskOperation.WAIT));
    entries.add(new Entry(EXECUTOR_SERVICE, "awaitTermination", TaskOperation.WAIT));
    return List.copyOf(entries);
  }
}
