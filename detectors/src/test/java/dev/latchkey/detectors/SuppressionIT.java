package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code @SuppressFBWarnings} suppresses Latchkey's bugs of every family in SpotBugs, on the
 * method, around a lambda, on the class, and on a field for the executor its initializer creates,
 * and SpotBugs does not then call the annotation useless (US_USELESS_SUPPRESSION_*): the detector
 * tells SpotBugs' suppression matcher which annotation the core honoured, which also shows that
 * SpotBugs matches plugin bug types.
 */
class SuppressionIT {
  private static final String SOURCE =
      """
      package snip;
      import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
      import java.util.concurrent.locks.*;
      public class Suppressed {
        private final Lock lock = new ReentrantLock();
        void work() {}
        @SuppressFBWarnings("LockNotReleased")
        void onMethod() {
          lock.lock();
          work();
        }
        @SuppressFBWarnings(value = "LockNotReleased", justification = "test")
        Runnable aroundLambda() {
          return () -> {
            lock.lock();
            work();
          };
        }
        @SuppressFBWarnings
        void everything() {
          lock.lock();
          work();
          lock.unlock();
          lock.unlock();
        }
        void notSuppressed() {
          lock.lock();
          work();
        }
        void read() throws java.io.IOException {}
        String fetch() throws Exception {
          read();
          return "";
        }
        @SuppressFBWarnings("SwallowedException")
        void quiet() {
          try {
            read();
          } catch (java.io.IOException e) {
          }
        }
        @SuppressFBWarnings(value = "LostTaskException", justification = "fire and forget")
        void fire(java.util.concurrent.ExecutorService pool) {
          pool.submit(this::fetch);
        }
        @SuppressFBWarnings("FinallyMasksException")
        int count() {
          try {
            read();
          } catch (java.io.IOException e) {
            e.printStackTrace();
          } finally {
            return 1;
          }
        }
        void notSuppressedEither() {
          try {
            Thread.sleep(1);
          } catch (InterruptedException e) {
          }
        }
        @SuppressFBWarnings(value = "UnboundedExecutor", justification = "few short tasks")
        private final java.util.concurrent.ExecutorService pool =
            java.util.concurrent.Executors.newCachedThreadPool();
        private final java.util.concurrent.ExecutorService other =
            java.util.concurrent.Executors.newCachedThreadPool();
        @SuppressFBWarnings("UnboundedSubmission")
        void startAll(java.util.List<Runnable> jobs) {
          jobs.forEach(job -> new Thread(job).start());
        }
        @SuppressFBWarnings("ExecutorNotShutdown")
        void once(Runnable job) {
          java.util.concurrent.Executors.newSingleThreadExecutor().execute(job);
        }
        @SuppressFBWarnings("UnlockNotHeld")
        static class Nested {
          private final Lock lock = new ReentrantLock();
          void twice() {
            lock.lock();
            try {
              lock.unlock();
            } finally {
              lock.unlock();
            }
          }
        }
      }
      """;

  @Test
  void suppressedFindingsAreGoneAndTheirAnnotationsAreNotUseless() throws Exception {
    SpotBugsRun.Report report =
        SpotBugsRun.run(
            SpotBugsRun.pluginJar(),
            JavaSources.compile("snip.Suppressed", SOURCE),
            null,
            Map.of(),
            List.of());

    List<String> latchkey =
        report.latchkeyBugs().stream().map(bug -> bug.type() + "@" + bug.line()).sorted().toList();
    assertEquals(
        List.of(
            "InterruptSwallowed@59",
            "LockNotReleased@27",
            "UnboundedExecutor@66",
            "UnboundedExecutor@73"),
        latchkey,
        "only the unsuppressed methods and fields");
    List<String> useless =
        report.bugs().stream()
            .filter(bug -> bug.type().startsWith("US_USELESS_SUPPRESSION"))
            .map(SpotBugsRun.Bug::toString)
            .toList();
    assertEquals(List.of(), useless);
  }
}
