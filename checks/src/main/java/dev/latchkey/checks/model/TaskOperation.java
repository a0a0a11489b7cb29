package dev.latchkey.checks.model;

/** What a call does with tasks, threads and futures, as {@code TaskApi} classifies it. */
public enum TaskOperation {
  /**
   * {@code ExecutorService.submit}, {@code ScheduledExecutorService.schedule}: returns a Future.
   */
  SUBMIT,
  /** {@code ExecutorService.invokeAll}: returns the tasks' futures. */
  INVOKE_ALL,
  /** {@code Executor.execute}: failures reach the uncaught-exception handler. */
  EXECUTE,
  /** {@code scheduleAtFixedRate}/{@code scheduleWithFixedDelay}: one failure ends the schedule. */
  PERIODIC,
  /** {@code CompletableFuture.runAsync}/{@code supplyAsync}: starts an asynchronous chain. */
  ASYNC_START,
  /** A {@code then*Async} stage: runs on another thread. */
  ASYNC_STEP,
  /** Another stage of a CompletionStage chain ({@code thenApply}, {@code thenCompose}, ...). */
  CHAIN_STEP,
  /**
   * Observes a chain's failure: {@code exceptionally}, {@code handle}, {@code whenComplete}, {@code
   * join}, {@code get}.
   */
  OBSERVE,
  /** {@code Thread.currentThread()}. */
  CURRENT_THREAD,
  /** {@code Thread.interrupt()}. */
  INTERRUPT,
  /**
   * Creates an executor service: an {@code Executors.new*} factory, or a constructor of {@code
   * ThreadPoolExecutor}, {@code ScheduledThreadPoolExecutor} or {@code ForkJoinPool}.
   */
  CREATE_EXECUTOR,
  /** {@code new Thread(..)} (or a subclass). */
  THREAD_CREATE,
  /**
   * {@code Thread.start()}, {@code Thread.startVirtualThread(..)}, {@code
   * Thread.Builder.start(..)}.
   */
  THREAD_START,
  /** {@code ExecutorService.shutdown()}, {@code shutdownNow()}, {@code close()}. */
  SHUTDOWN,
  /**
   * {@code Iterable.forEach}, {@code Map.forEach}, {@code Stream.forEach(Ordered)}: runs its
   * argument per item.
   */
  FOR_EACH,
  /** {@code BlockingQueue.put}: blocks while the queue is full. */
  QUEUE_PUT,
  /**
   * Waits for earlier work: {@code CountDownLatch.await}, {@code Thread.join}, {@code
   * awaitTermination}, ...
   */
  WAIT
}
