package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.EdgeKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model the translation builds for small snippets: lock paths, bindings of tryLock results,
 * flags, parameter names, calls and their arguments (notes/FRONTENDS.md).
 */
class ModelShapeTest {
  private static final String HEADER =
      "package snip;\n"
          + "import java.util.concurrent.*;\n"
          + "import java.util.concurrent.locks.*;\n"
          + "import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;\n";

  private static MethodModel method(ClassModel model, String name) {
    return model.methods().stream()
        .filter(m -> m.ref().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no model of " + name + " in " + model.name()));
  }

  /** The lock events and calls of a method, in bytecode order, as short strings. */
  private static List<String> events(MethodModel method) {
    List<String> events = new ArrayList<>();
    List<Node> nodes = new ArrayList<>(method.nodes());
    nodes.removeIf(node -> !(node.origin() instanceof BytecodeOrigin));
    nodes.sort(
        java.util.Comparator.comparingInt((Node node) -> ((BytecodeOrigin) node.origin()).pc())
            .thenComparingInt(Node::id));
    for (Node node : nodes) {
      switch (node.kind()) {
        case ACQUIRE, RELEASE -> events.add(node.kind() + " " + node.lock());
        case TRY_ACQUIRE, HELD_CHECK ->
            events.add(node.kind() + " " + node.lock() + " " + node.variable());
        case BRANCH, ASSIGN -> events.add(node.kind() + " " + node.variable());
        case CALL ->
            events.add(
                "CALL "
                    + node.callee().owner()
                    + "."
                    + node.callee().name()
                    + " "
                    + node.receiver()
                    + " "
                    + node.arguments());
        default -> {}
      }
    }
    return events;
  }

  @Test
  void lockPaths() {
    Snippets snippets =
        Snippets.compile(
            "snip.S",
            HEADER
                + """
                public class S {
                  static final Lock GLOBAL = new ReentrantLock();
                  final Lock lock = new ReentrantLock();
                  final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
                  final StampedLock sl = new StampedLock();
                  final Semaphore permits = new Semaphore(1);
                  S next;
                  Lock getLock() { return lock; }
                  void paths(Lock param, Lock[] many) {
                    GLOBAL.lock();
                    lock.lock();
                    this.next.lock.lock();
                    rw.readLock().lock();
                    rw.writeLock().lock();
                    sl.asReadLock().lock();
                    getLock().lock();
                    param.lock();
                    Lock alias = rw.readLock();
                    alias.unlock();
                    Lock reassigned = lock;
                    reassigned = param;
                    reassigned.unlock();
                    many[0].lock();
                    ((Lock) (Object) lock).unlock();
                    permits.acquireUninterruptibly();
                  }
                }
                """);
    assertEquals(
        List.of(
            "ACQUIRE S.GLOBAL",
            "ACQUIRE this.lock",
            "ACQUIRE this.next.lock",
            "ACQUIRE this.rw#read",
            "ACQUIRE this.rw#write",
            "ACQUIRE this.sl#read",
            "ACQUIRE this.getLock()",
            "ACQUIRE param",
            "RELEASE this.rw#read",
            "RELEASE reassigned",
            "CALL java.util.concurrent.locks.Lock.lock null []",
            "RELEASE this.lock",
            "ACQUIRE this.permits"),
        events(method(snippets.model("snip.S"), "paths")));
  }

  @Test
  void tryLockResultsAndBooleans() {
    Snippets snippets =
        Snippets.compile(
            "snip.S",
            HEADER
                + """
                public class S {
                  final ReentrantLock lock = new ReentrantLock();
                  void conditions(boolean flag) throws InterruptedException {
                    if (lock.tryLock()) { lock.unlock(); }
                    boolean locked = lock.tryLock(1, TimeUnit.SECONDS);
                    if (!locked) { return; }
                    locked = false;
                    if (lock.isHeldByCurrentThread()) { lock.unlock(); }
                    if (flag) { lock.lock(); }
                    lock.tryLock();
                  }
                }
                """);
    List<String> events = events(method(snippets.model("snip.S"), "conditions"));
    assertTrue(events.get(0).matches("TRY_ACQUIRE this.lock #c\\d+"), events.toString());
    assertTrue(events.get(1).matches("BRANCH #c\\d+"), events.toString());
    assertEquals(
        List.of(
            "RELEASE this.lock",
            "TRY_ACQUIRE this.lock locked",
            "BRANCH locked",
            "ASSIGN locked",
            "BRANCH locked"),
        events.subList(2, 7));
    assertTrue(events.get(7).matches("HELD_CHECK this.lock #c\\d+"), events.toString());
    assertTrue(events.get(8).matches("BRANCH #c\\d+"), events.toString());
    assertEquals(
        List.of(
            "RELEASE this.lock", "BRANCH flag", "ACQUIRE this.lock", "TRY_ACQUIRE this.lock null"),
        events.subList(9, 13));
  }

  @Test
  void constantAssignmentTakesOnlyItsValue() {
    Snippets snippets =
        Snippets.compile(
            "snip.S",
            HEADER
                + """
                public class S {
                  void constant() {
                    boolean done = true;
                  }
                }
                """);
    MethodModel method = method(snippets.model("snip.S"), "constant");
    Node branch =
        method.nodes().stream().filter(n -> n.kind() == NodeKind.BRANCH).findFirst().orElseThrow();
    assertEquals("done", branch.variable());
    assertEquals(1, branch.out().size());
    assertEquals(EdgeKind.TRUE, branch.out().get(0).kind());
  }

  @Test
  void callsCarryReceiverAndArgumentPaths() {
    Snippets snippets =
        Snippets.compile(
            "snip.S",
            HEADER
                + """
                public class S {
                  final Lock lock = new ReentrantLock();
                  static void release(Lock l, int times) {}
                  void helper(Lock l) {}
                  void calls() {
                    release(lock, 2);
                    helper(lock);
                    new S();
                  }
                }
                """);
    assertEquals(
        List.of(
            "CALL snip.S.release null [this.lock, null]",
            "CALL snip.S.helper this [this.lock]",
            "CALL snip.S.<init> null []"),
        events(method(snippets.model("snip.S"), "calls")));
  }

  @Test
  void flagsParametersAndLambdas() {
    Snippets snippets =
        Snippets.compile(
            "snip.S",
            HEADER
                + """
                public class S {
                  final Lock lock = new ReentrantLock();
                  S() {}
                  private void priv(Lock first, long wide, Lock third) {}
                  public void open() {}
                  public final void closed() {}
                  static { System.out.println(); }
                  Runnable task() { return () -> lock.lock(); }
                  static final class Leaf { void m() {} }
                  Object anonymous() { return new Object() { void m() {} }; }
                }
                """);
    ClassModel model = snippets.model("snip.S");
    assertTrue(method(model, "<init>").has(MethodModel.Flag.CONSTRUCTOR));
    assertTrue(method(model, "<init>").has(MethodModel.Flag.NOT_OVERRIDABLE));
    assertEquals(List.of("first", "wide", "third"), method(model, "priv").parameterNames());
    assertTrue(method(model, "priv").has(MethodModel.Flag.NOT_OVERRIDABLE));
    assertTrue(!method(model, "open").has(MethodModel.Flag.NOT_OVERRIDABLE));
    assertTrue(method(model, "closed").has(MethodModel.Flag.NOT_OVERRIDABLE));
    // The static initialiser is modelled, as in the javac front-end (field initialisers live
    // there).
    MethodModel clinit = method(model, "<clinit>");
    assertTrue(clinit.has(MethodModel.Flag.NOT_OVERRIDABLE));
    assertTrue(!clinit.has(MethodModel.Flag.CONSTRUCTOR));
    MethodModel lambda =
        model.methods().stream()
            .filter(m -> m.ref().name().startsWith("lambda$task$"))
            .findFirst()
            .orElseThrow();
    assertTrue(lambda.has(MethodModel.Flag.LAMBDA));
    assertTrue(!lambda.has(MethodModel.Flag.NOT_OVERRIDABLE));
    assertEquals(List.of("ACQUIRE this.lock"), events(lambda));
    assertTrue(method(snippets.model("snip.S$Leaf"), "m").has(MethodModel.Flag.NOT_OVERRIDABLE));
    assertTrue(method(snippets.model("snip.S$1"), "m").has(MethodModel.Flag.NOT_OVERRIDABLE));
  }

  @Test
  void enclosingInstancesAndCapturedLocals() {
    Snippets snippets =
        Snippets.compile(
            "snip.S",
            HEADER
                + """
                public class S {
                  final Lock lock = new ReentrantLock();
                  class Inner {
                    void m() { lock.lock(); S.this.lock.unlock(); }
                  }
                  Runnable anonymous(Lock given) {
                    return new Runnable() { public void run() { given.lock(); lock.unlock(); } };
                  }
                  Runnable lambda(Lock given) {
                    Lock alias = lock;
                    return () -> { alias.lock(); given.unlock(); };
                  }
                }
                """);
    // Outer.this.lock, implicit or explicit: this.this$0.lock in the class file.
    assertEquals(
        List.of("ACQUIRE S.this.lock", "RELEASE S.this.lock"),
        events(method(snippets.model("snip.S$Inner"), "m")));
    MethodModel inner = method(snippets.model("snip.S$Inner"), "m");
    assertTrue(
        inner.nodes().stream()
            .filter(n -> n.kind() == NodeKind.ACQUIRE)
            .allMatch(n -> n.lock().equals(LockPath.ofOuter("snip.S").field("lock"))));
    // A captured local of an anonymous class (val$given) is named like the local.
    assertEquals(
        List.of("ACQUIRE given", "RELEASE S.this.lock"),
        events(method(snippets.model("snip.S$1"), "run")));
    // A lambda's captured alias keeps the path it has where the lambda is created.
    MethodModel lambda =
        snippets.model("snip.S").methods().stream()
            .filter(m -> m.ref().name().startsWith("lambda$lambda$"))
            .findFirst()
            .orElseThrow();
    assertEquals(List.of("ACQUIRE this.lock", "RELEASE given"), events(lambda));
  }
}
