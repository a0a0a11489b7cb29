package dev.latchkey.checks.api;

import dev.latchkey.checks.model.BlockingOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The one table of calls that can make a thread wait (BlockingUnderLock, TimedBlockingUnderLock).
 * Front-ends ask it about every method invocation and record the answer on the node they emit for
 * it ({@code MethodModel.Builder.describeBlocking}); users add their own methods with the {@code
 * BlockingMethods} option, which the core applies itself.
 */
public final class BlockingApi {
  private static final String TIME_UNIT = "Ljava/util/concurrent/TimeUnit;";
  private static final String DURATION = "Ljava/time/Duration;";

  /** Which descriptors of the method an entry covers, and what they do. */
  private enum Shape {
    /** Every overload waits without bound. */
    ALWAYS,
    /**
     * Every overload has a duration that ends early when the awaited event comes: {@code
     * awaitNanos}.
     */
    ALWAYS_TIMED,
    /** No arguments: waits without bound; any argument list is a timeout. */
    NO_ARGS_OR_TIMED,
    /** Only the overloads with a {@code TimeUnit} or {@code Duration} wait (timed). */
    TIMED_ONLY,
    /** Overloads with a {@code TimeUnit} or {@code Duration} are timed, the others unbounded. */
    UNIT_MEANS_TIMED
  }

  private record Entry(String type, String method, Shape shape, BlockingOperation base) {}

  private static final List<Entry> TABLE = table();

  private BlockingApi() {}

  /**
   * How calling {@code method} with JVM {@code descriptor} can block, or null when it does not.
   *
   * @param ownerIsA tells whether the receiver's static type (for static calls: the class named in
   *     the call) is, or is a subtype of, the class or interface with the given binary name
   */
  public static BlockingOperation classify(
      String method, String descriptor, Predicate<String> ownerIsA) {
    for (Entry entry : TABLE) {
      if (!entry.method.equals(method) || !ownerIsA.test(entry.type)) {
        continue;
      }
      BlockingOperation result = apply(entry, descriptor);
      if (result != null) {
        return result;
      }
    }
    return null;
  }

  /** True when {@code method} is one the table knows at all: a cheap filter before type tests. */
  public static boolean mayBlock(String method) {
    for (Entry entry : TABLE) {
      if (entry.method.equals(method)) {
        return true;
      }
    }
    return false;
  }

  private static BlockingOperation apply(Entry entry, String descriptor) {
    boolean noArgs = descriptor.startsWith("()");
    boolean unit = descriptor.contains(TIME_UNIT) || descriptor.contains(DURATION);
    boolean timed =
        switch (entry.shape) {
          case ALWAYS -> false;
          case ALWAYS_TIMED, TIMED_ONLY -> true;
          case NO_ARGS_OR_TIMED -> !noArgs;
          case UNIT_MEANS_TIMED -> unit;
        };
    if (entry.shape == Shape.TIMED_ONLY && !unit) {
      return null;
    }
    return timed ? timedOf(entry.base) : entry.base;
  }

  private static BlockingOperation timedOf(BlockingOperation base) {
    return switch (base) {
      case WAIT -> BlockingOperation.TIMED_WAIT;
      case AWAIT -> BlockingOperation.TIMED_AWAIT;
      default -> BlockingOperation.TIMED;
    };
  }

  private static List<Entry> table() {
    List<Entry> t = new ArrayList<>();
    BlockingOperation blocks = BlockingOperation.BLOCKS;
    // A sleep never ends early: a lock held across it stalls its other users for the whole sleep,
    // by design, so it counts as blocking, not as a bounded wait for something to arrive.
    t.add(new Entry("java.lang.Thread", "sleep", Shape.ALWAYS, blocks));
    t.add(new Entry("java.lang.Thread", "join", Shape.NO_ARGS_OR_TIMED, blocks));
    t.add(new Entry("java.lang.Object", "wait", Shape.NO_ARGS_OR_TIMED, BlockingOperation.WAIT));
    t.add(new Entry("java.util.concurrent.Future", "get", Shape.NO_ARGS_OR_TIMED, blocks));
    t.add(new Entry("java.util.concurrent.CompletableFuture", "join", Shape.ALWAYS, blocks));
    String queue = "java.util.concurrent.BlockingQueue";
    String deque = "java.util.concurrent.BlockingDeque";
    t.add(new Entry(queue, "put", Shape.ALWAYS, blocks));
    t.add(new Entry(queue, "take", Shape.ALWAYS, blocks));
    t.add(new Entry(queue, "offer", Shape.TIMED_ONLY, blocks));
    t.add(new Entry(queue, "poll", Shape.TIMED_ONLY, blocks));
    for (String method : List.of("putFirst", "putLast", "takeFirst", "takeLast")) {
      t.add(new Entry(deque, method, Shape.ALWAYS, blocks));
    }
    for (String method : List.of("offerFirst", "offerLast", "pollFirst", "pollLast")) {
      t.add(new Entry(deque, method, Shape.TIMED_ONLY, blocks));
    }
    t.add(new Entry("java.util.concurrent.TransferQueue", "transfer", Shape.ALWAYS, blocks));
    t.add(new Entry("java.util.concurrent.TransferQueue", "tryTransfer", Shape.TIMED_ONLY, blocks));
    t.add(
        new Entry("java.util.concurrent.CountDownLatch", "await", Shape.NO_ARGS_OR_TIMED, blocks));
    t.add(new Entry("java.util.concurrent.CyclicBarrier", "await", Shape.NO_ARGS_OR_TIMED, blocks));
    String phaser = "java.util.concurrent.Phaser";
    t.add(new Entry(phaser, "arriveAndAwaitAdvance", Shape.ALWAYS, blocks));
    t.add(new Entry(phaser, "awaitAdvance", Shape.ALWAYS, blocks));
    t.add(new Entry(phaser, "awaitAdvanceInterruptibly", Shape.UNIT_MEANS_TIMED, blocks));
    t.add(new Entry("java.util.concurrent.Exchanger", "exchange", Shape.UNIT_MEANS_TIMED, blocks));
    String semaphore = LockApi.SEMAPHORE;
    t.add(new Entry(semaphore, "acquire", Shape.ALWAYS, blocks));
    t.add(new Entry(semaphore, "acquireUninterruptibly", Shape.ALWAYS, blocks));
    t.add(new Entry(semaphore, "tryAcquire", Shape.TIMED_ONLY, blocks));
    String condition = "java.util.concurrent.locks.Condition";
    t.add(new Entry(condition, "await", Shape.NO_ARGS_OR_TIMED, BlockingOperation.AWAIT));
    t.add(new Entry(condition, "awaitUninterruptibly", Shape.ALWAYS, BlockingOperation.AWAIT));
    t.add(new Entry(condition, "awaitNanos", Shape.ALWAYS_TIMED, BlockingOperation.AWAIT));
    t.add(new Entry(condition, "awaitUntil", Shape.ALWAYS_TIMED, BlockingOperation.AWAIT));
    String locks = "java.util.concurrent.locks.LockSupport";
    t.add(new Entry(locks, "park", Shape.ALWAYS, blocks));
    t.add(new Entry(locks, "parkNanos", Shape.ALWAYS_TIMED, blocks));
    t.add(new Entry(locks, "parkUntil", Shape.ALWAYS_TIMED, blocks));
    String executor = TaskApi.EXECUTOR_SERVICE;
    t.add(new Entry(executor, "invokeAll", Shape.UNIT_MEANS_TIMED, blocks));
    t.add(new Entry(executor, "invokeAny", Shape.UNIT_MEANS_TIMED, blocks));
    t.add(new Entry(executor, "awaitTermination", Shape.ALWAYS_TIMED, blocks));
    t.add(new Entry("java.lang.Process", "waitFor", Shape.NO_ARGS_OR_TIMED, blocks));
    t.add(new Entry("java.net.ServerSocket", "accept", Shape.ALWAYS, blocks));
    t.add(new Entry("java.net.http.HttpClient", "send", Shape.ALWAYS, blocks));
    for (String method : List.of("read", "readAllBytes", "readNBytes", "transferTo")) {
      t.add(new Entry("java.io.InputStream", method, Shape.ALWAYS, BlockingOperation.STREAM_READ));
    }
    return List.copyOf(t);
  }
}
