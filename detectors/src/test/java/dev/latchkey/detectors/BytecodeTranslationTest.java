package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The bytecode translation of small javac-compiled snippets, judged by the core: each snippet marks
 * the lines where a finding is expected with {@code // expect: CheckId}, like the fixtures.
 */
class BytecodeTranslationTest {
  private static final String HEADER =
      "package snip;\n"
          + "import java.util.*;\n"
          + "import java.util.concurrent.*;\n"
          + "import java.util.concurrent.locks.*;\n"
          + "import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;\n";

  private static void check(String body) {
    String source = HEADER + body;
    Snippets snippets = Snippets.compile("snip.S", source);
    assertEquals(
        Snippets.expected(source), snippets.findings(), () -> "messages: " + snippets.messages());
  }

  @Test
  void releaseInFinallyIsFine() {
    check(
        """
        public class S {
          private final Lock lock = new ReentrantLock();
          private int count;
          void work() { count++; }
          void ok() {
            lock.lock();
            try {
              work();
            } finally {
              lock.unlock();
            }
          }
        }
        """);
  }

  @Test
  void callBetweenAcquireAndReleaseWithoutFinally() {
    check(
        """
        public class S {
          private final Lock lock = new ReentrantLock();
          void work() {}
          void bad() {
            lock.lock(); // expect: LockNotReleased
            work();
            lock.unlock();
          }
        }
        """);
  }

  @Test
  void earlyReturnLeavesLockHeld() {
    check(
        """
        public class S {
          private final Lock lock = new ReentrantLock();
          private int count;
          int bad(boolean quick) {
            lock.lock(); // expect: LockNotReleased
            if (quick) {
              return 0;
            }
            count++;
            lock.unlock();
            return count; // expect: UnguardedFieldAccess
          }
        }
        """);
  }

  @Test
  void interruptibleAcquisitionInsideTry() {
    check(
        """
        public class S {
          private final Lock lock = new ReentrantLock();
          void work() {}
          void bad() throws InterruptedException {
            try {
              lock.lockInterruptibly(); // expect: LockInsideTry
              work();
            } finally {
              lock.unlock();
            }
          }
        }
        """);
  }

  @Test
  void tryLockTestedDirectly() {
    check(
        """
        public class S {
          private final Lock lock = new ReentrantLock();
          void work() {}
          void ok() {
            if (lock.tryLock()) {
              try {
                work();
              } finally {
                lock.unlock();
              }
            }
          }
          void loop() throws InterruptedException {
            while (!lock.tryLock(1, TimeUnit.SECONDS)) {
              work();
            }
            try {
              work();
            } finally {
              lock.unlock();
            }
          }
        }
        """);
  }

  @Test
  void tryLockResultInBooleanLocal() {
    check(
        """
        public class S {
          private final Lock lock = new ReentrantLock();
          void work() {}
          void ok() {
            boolean locked = lock.tryLock();
            try {
              work();
            } finally {
              if (locked) {
                lock.unlock();
              }
            }
          }
          void ignored() {
            lock.tryLock();
            try {
              work();
            } finally {
              lock.unlock(); // expect: UnlockNotHeld
            }
          }
        }
        """);
  }

  @Test
  void doubleUnlock() {
    check(
        """
        public class S {
          private final Lock lock = new ReentrantLock();
          void work() {}
          void bad() {
            lock.lock();
            try {
              work();
              lock.unlock();
            } finally {
              lock.unlock(); // expect: UnlockNotHeld
            }
          }
        }
        """);
  }

  @Test
  void readLockUpgrade() {
    check(
        """
        public class S {
          private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
          private Map<String, String> cache = new HashMap<>();
          String get(String key) {
            rw.readLock().lock();
            try {
              String value = cache.get(key);
              if (value == null) {
                rw.writeLock().lock(); // expect: ReadLockUpgrade
                try {
                  cache.put(key, "x");
                } finally {
                  rw.writeLock().unlock();
                }
              }
              return value;
            } finally {
              rw.readLock().unlock();
            }
          }
        }
        """);
  }

  @Test
  void aliasedLocalAndViews() {
    check(
        """
        public class S {
          private final ReadWriteLock rw = new ReentrantReadWriteLock();
          private final Lock lock = new ReentrantLock();
          void work() {}
          void ok() {
            Lock l = lock;
            l.lock();
            try {
              work();
            } finally {
              lock.unlock();
            }
          }
          void okView() {
            Lock r = rw.readLock();
            r.lock();
            try {
              work();
            } finally {
              rw.readLock().unlock();
            }
          }
          void wrongView() {
            rw.readLock().lock(); // expect: LockNotReleased
            try {
              work();
            } finally {
              rw.writeLock().unlock(); // expect: UnlockNotHeld
            }
          }
        }
        """);
  }

  @Test
  void boxingSwitchesAndAssertsAreNoCallsButEnhancedForIs() {
    // As in the javac front-end's CFG: boxing and switch on strings/enums call nothing; an assert
    // throws (AssertionError); an enhanced for calls iterator()/hasNext()/next(), which may throw.
    check(
        """
        public class S {
          enum Mode { A, B }
          private final Lock lock = new ReentrantLock();
          private final List<Integer> values = new ArrayList<>();
          private Integer total = 0;
          void noCalls(String text, Mode mode) {
            lock.lock();
            total += 1;
            switch (text) {
              case "a": total = 1; break;
              case "b": total = 2; break;
              default: break;
            }
            switch (mode) {
              case A: total = 3; break;
              default: break;
            }
            lock.unlock();
          }
          void asserts() {
            lock.lock(); // expect: LockNotReleased
            assert total > 0 : "positive";
            lock.unlock();
          }
          void loop() {
            lock.lock(); // expect: LockNotReleased
            for (int v : values) {
              total += v;
            }
            lock.unlock();
          }
        }
        """);
  }

  @Test
  void booleanLocalsAreTrackedThroughAssignments() {
    check(
        """
        public class S {
          private final Lock lock = new ReentrantLock();
          void work() {}
          void ok() {
            boolean locked = false;
            try {
              locked = lock.tryLock();
              work();
            } finally {
              if (locked) {
                lock.unlock();
              }
            }
          }
          void flag(boolean shared) {
            if (shared) {
              lock.lock();
            }
            try {
              work();
            } finally {
              if (shared) {
                lock.unlock();
              }
            }
          }
        }
        """);
  }

  @Test
  void accessorThatNamesTheLockIsNoCall() {
    check(
        """
        public class S {
          private final Lock lock = new ReentrantLock();
          private int count;
          protected Lock getLock() { return lock; }
          int get() {
            getLock().lock();
            try {
              return count;
            } finally {
              getLock().unlock();
            }
          }
        }
        """);
  }

  @Test
  void capturedAliasKeepsItsPathInsideTheLambda() {
    check(
        """
        public class S {
          private final Lock lock = new ReentrantLock();
          void work() {}
          Runnable task() {
            Lock l = lock;
            return () -> {
              l.lock();
              try {
                work();
              } finally {
                lock.unlock();
              }
            };
          }
        }
        """);
  }

  @Test
  void lambdaBodiesAreJudgedOnTheirOwn() {
    check(
        """
        public class S {
          private final Lock lock = new ReentrantLock();
          private final ExecutorService executor = Executors.newSingleThreadExecutor(); // expect: UnboundedExecutor
          void work() {}
          void submit() {
            executor.submit(() -> { // expect: LostTaskException
              lock.lock(); // expect: LockNotReleased
              work();
            });
          }
        }
        """);
  }

  @Test
  void acquiringMethodsAndHelpers() {
    check(
        """
        public class S {
          private final Lock lock = new ReentrantLock();
          void work() {}
          void lockBoth() {
            lock.lock();
            work();
          }
          private void unlockQuietly(Lock l) {
            l.unlock();
          }
          void ok() {
            lock.lock();
            try {
              work();
            } finally {
              unlockQuietly(lock);
            }
          }
        }
        """);
  }

  @Test
  void semaphorePermits() {
    check(
        """
        public class S {
          private final Semaphore permits = new Semaphore(3);
          void work() {}
          void ok() throws InterruptedException {
            permits.acquire();
            try {
              work();
            } finally {
              permits.release();
            }
          }
          void bad() throws InterruptedException {
            try {
              permits.acquire(); // expect: LockInsideTry
              work();
            } finally {
              permits.release();
            }
          }
        }
        """);
  }

  @Test
  void suppressFbWarningsOnMethodClassAndAroundLambdas() {
    check(
        """
        public class S {
          private final Lock lock = new ReentrantLock();
          void work() {}
          @SuppressFBWarnings("LockNotReleased")
          void suppressed() {
            lock.lock();
            work();
          }
          @SuppressFBWarnings("UnlockNotHeld")
          void otherId() {
            lock.lock(); // expect: LockNotReleased
            work();
          }
          @SuppressFBWarnings
          Runnable everything() {
            return () -> {
              lock.lock();
              work();
            };
          }
          @SuppressFBWarnings("LockNotReleased")
          static class Nested {
            private final Lock lock = new ReentrantLock();
            void work() {}
            void bad() {
              lock.lock();
              work();
            }
          }
        }
        """);
  }

  @Test
  void innerClassUsesTheOuterLock() {
    check(
        """
        public class S {
          private final Lock lock = new ReentrantLock();
          void work() {}
          class Inner {
            void bad() {
              lock.lock(); // expect: LockNotReleased
              work();
              lock.unlock();
            }
            void ok() {
              lock.lock();
              try {
                work();
              } finally {
                S.this.lock.unlock();
              }
            }
          }
          Runnable anonymous(Lock given) {
            return new Runnable() {
              @Override
              public void run() {
                given.lock();
                try {
                  work();
                } finally {
                  given.unlock();
                }
              }
            };
          }
        }
        """);
  }

  @Test
  void staticLockAndTryWithResources() {
    check(
        """
        public class S {
          private static final Lock LOCK = new ReentrantLock();
          static AutoCloseable open() { return null; }
          static void ok() throws Exception {
            LOCK.lock();
            try (AutoCloseable c = open()) {
              c.toString();
            } finally {
              LOCK.unlock();
            }
          }
          static void bad() throws Exception {
            LOCK.lock(); // expect: LockNotReleased
            try (AutoCloseable c = open()) {
              c.toString();
            }
            LOCK.unlock();
          }
        }
        """);
  }

  @Test
  void checkedHandlerIsReachedOnlyFromCallsThatDeclareIt() {
    check(
        """
        public class S {
          private final Lock lock = new ReentrantLock();
          void work() {}
          void read() throws java.io.IOException {}
          void m() {
            try {
              work();
              lock.lock(); // expect: LockNotReleased
              read();
            } catch (java.io.IOException e) {
              lock.unlock();
              return;
            }
            lock.unlock();
          }
        }
        """);
  }

  // ------------------------------------------------------------------ swallowed exceptions

  @Test
  void swallowedExceptions() {
    check(
        """
        public class S {
          void work() throws java.io.IOException {}
          void log(Object o) {}
          void empty() {
            try {
              work();
            } catch (java.io.IOException e) { // expect: SwallowedException
            }
          }
          void broadUnused() {
            try {
              work();
            } catch (Exception e) { // expect: SwallowedException
              log("failed");
            }
          }
          void broadUsed() {
            try {
              work();
            } catch (Exception e) {
              log(e);
            }
          }
          void narrowWithBody() {
            try {
              work();
            } catch (java.io.IOException e) {
              log("failed");
            }
          }
          int broadReturns() {
            try {
              work();
              return 1;
            } catch (Exception e) {
              return 0;
            }
          }
          // The try block always returns: the code after the statement is not the handler's
          // (a void method: no attempt with a fallback value).
          void afterTheStatement(String text) {
            try {
              log(Integer.parseInt(text));
              return;
            } catch (NumberFormatException e) {} // expect: SwallowedException
            log("not a number");
          }
          int afterTheStatementBroad(String text) {
            try {
              return Integer.parseInt(text);
            } catch (RuntimeException e) { // expect: SwallowedException
              log("not a number");
            }
            return 0;
          }
          void emptyWithFinally() {
            try {
              work();
            } catch (java.io.IOException e) { // expect: SwallowedException
            } finally {
              log("done");
            }
          }
          // return in the catch block: its instruction comes after javac's copy of the finally.
          int broadReturnsWithFinally() {
            try {
              work();
              return 1;
            } catch (Exception e) {
              log("failed");
              return 0;
            } finally {
              log("done");
            }
          }
          // throw in the finally block is not the catch block's.
          void broadThrowsOnlyInFinally(boolean b) {
            try {
              work();
            } catch (Exception e) { // expect: SwallowedException
              log("failed");
            } finally {
              if (b) {
                throw new IllegalStateException(); // expect: FinallyMasksException
              }
            }
          }
          void inLambda(ExecutorService pool) {
            pool.execute(() -> {
              try {
                work();
              } catch (Exception e) { // expect: SwallowedException
                log("failed");
              }
            });
          }
          void capturedByLambda(ExecutorService pool) {
            try {
              work();
            } catch (Exception e) {
              pool.execute(() -> log(e));
            }
          }
          void closeResource(java.io.Reader reader) throws java.io.IOException {
            try (reader) {
              reader.read();
            }
          }
          void synchronizedBlock() throws java.io.IOException {
            synchronized (this) {
              work();
            }
          }
        }
        """);
  }

  @Test
  void swallowedInterrupts() {
    check(
        """
        public class S {
          void log(Object o) {}
          void logged() {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) { // expect: InterruptSwallowed
              log(e);
            }
          }
          void restored() {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          void rethrown() throws InterruptedException {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              log(e);
              throw e;
            }
          }
          void wrapped() {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) { // expect: InterruptSwallowed
              throw new IllegalStateException(e);
            }
          }
          void broadAroundSleep() {
            try {
              Thread.sleep(10);
            } catch (Exception e) { // expect: InterruptSwallowed
            }
          }
          void restoredOnOnePath(boolean stopping) {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) { // expect: InterruptSwallowed
              if (stopping) {
                Thread.currentThread().interrupt();
                return;
              }
              log("again");
            }
          }
          void worker(BlockingQueue<Runnable> jobs) {
            while (true) {
              try {
                jobs.take().run();
              } catch (InterruptedException e) { // expect: InterruptSwallowed
                continue;
              }
            }
          }
          // Every path to the end of the method runs the finally block that restores the status.
          void restoredOnlyByTheFinallyBlock() {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              log(e);
            } finally {
              Thread.currentThread().interrupt();
            }
          }
          void restoredInFinally() throws Exception {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            } finally {
              log("done");
            }
          }
        }
        """);
  }

  @Test
  void lostTaskExceptions() {
    check(
        """
        public class S {
          ExecutorService pool;
          ScheduledExecutorService scheduler;
          Future<?> kept;
          String work() throws Exception {
            return fetch();
          }
          String fetch() {
            return toString();
          }
          void safe() {
            try {
              work();
            } catch (Exception e) {
              e.printStackTrace();
            }
          }
          void m(Executor io) throws Exception {
            pool.submit(this::work); // expect: LostTaskException
            pool.submit(this::safe);
            kept = pool.submit(this::work);
            pool.submit(this::work).get();
            pool.execute(this::safe);
            scheduler.scheduleAtFixedRate(this::safe, 1, 1, TimeUnit.SECONDS);
            scheduler.scheduleAtFixedRate(() -> safe(), 1, 1, TimeUnit.SECONDS); // expect: LostTaskException
            CompletableFuture.runAsync(this::safe, io);
            CompletableFuture.supplyAsync(this::fetch, io).thenApply(String::length); // expect: LostTaskException
            CompletableFuture.supplyAsync(this::fetch, io).thenApply(String::length).join();
            CompletableFuture.supplyAsync(this::fetch, io).exceptionally(t -> "y");
            CompletableFuture.supplyAsync(() -> "cannot fail", io).thenApply(String::length);
          }
        }
        """);
  }

  @Test
  void jumpsOutOfFinallyBlocks() {
    check(
        """
        public class S {
          int n;
          void work() {}
          int returns() {
            try {
              work();
            } finally {
              return n; // expect: FinallyMasksException
            }
          }
          void throwsFromFinally() {
            try {
              work();
            } finally {
              if (n > 0) {
                throw new IllegalStateException(); // expect: FinallyMasksException
              }
            }
          }
          void caughtInside() {
            try {
              work();
            } finally {
              try {
                throw new IllegalStateException();
              } catch (RuntimeException e) {
                e.printStackTrace();
              }
            }
          }
          void loops(List<String> xs) {
            for (String x : xs) {
              try {
                work();
              } finally {
                for (String y : xs) {
                  if (y.isEmpty()) {
                    continue;
                  }
                  if (y.equals(x)) {
                    break;
                  }
                }
                if (x.isEmpty()) {
                  break; // expect: FinallyMasksException
                }
              }
            }
          }
          Runnable lambdaInFinally() {
            try {
              work();
            } finally {
              n++;
            }
            return () -> {
              try {
                work();
              } finally {
                return; // expect: FinallyMasksException
              }
            };
          }
          // An assert is no throw statement (the javac front-end sees no jump either).
          void assertInFinally() {
            try {
              work();
            } finally {
              assert n > 0 : "negative";
            }
          }
          int returnInCatchIsFine() {
            try {
              work();
              return 1;
            } catch (RuntimeException e) {
              e.printStackTrace();
              return 0;
            } finally {
              n++;
            }
          }
        }
        """);
  }
}
