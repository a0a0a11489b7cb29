package dev.latchkey.bugpatterns.javac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.latchkey.checks.model.BlockingOperation;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The javac translation of what BlockingUnderLock reads (notes/FRONTENDS-races-lockorder.md, item
 * 9): the blocking table's answer on the node of every invocation, the receiver of an unqualified
 * {@code wait()}, where a condition or a socket's stream is stored, and the chain of {@code
 * getInputStream().read()}.
 */
class BlockingTranslationTest {
  private static Map<String, ClassModel> translate(String... body) {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "package p;",
                "import java.util.concurrent.*;",
                "import java.util.concurrent.locks.*;",
                "abstract class T {"));
    lines.addAll(List.of(body));
    lines.add("}");
    return Translations.of(lines.toArray(new String[0]));
  }

  private static Node node(MethodModel method, String name) {
    return method.nodes().stream()
        .filter(n -> n.label() != null && n.label().endsWith(name + "()"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + method.nodes()));
  }

  @Test
  void everyInvocationCarriesWhatTheBlockingTableSays() throws Exception {
    Map<String, ClassModel> models =
        translate(
            "final Semaphore permits = new Semaphore(1);",
            "void m(BlockingQueue<String> q, Future<?> f) throws Exception {",
            "  Thread.sleep(10);",
            "  q.take();",
            "  q.poll(1, TimeUnit.SECONDS);",
            "  f.get();",
            "  permits.acquire();",
            "  permits.tryAcquire(1, TimeUnit.SECONDS);",
            "  q.size();",
            "  synchronized (this) { wait(); }",
            "}");
    MethodModel m = Translations.method(models, "m");
    assertEquals(BlockingOperation.BLOCKS, node(m, "sleep").blocking()); // never ends early
    assertEquals(BlockingOperation.BLOCKS, node(m, "take").blocking());
    assertEquals(BlockingOperation.TIMED, node(m, "poll").blocking());
    assertEquals(BlockingOperation.BLOCKS, node(m, "get").blocking());
    Node acquire = node(m, "acquire");
    assertEquals(NodeKind.ACQUIRE, acquire.kind());
    assertEquals(BlockingOperation.BLOCKS, acquire.blocking());
    Node tryAcquire = node(m, "tryAcquire");
    assertEquals(NodeKind.TRY_ACQUIRE, tryAcquire.kind());
    assertEquals(BlockingOperation.TIMED, tryAcquire.blocking());
    assertNull(node(m, "size").blocking());
    Node wait = node(m, "wait");
    assertEquals(BlockingOperation.WAIT, wait.blocking());
    assertEquals(LockPath.ofThis(), wait.receiver(), "an unqualified call is a call on this");
  }

  @Test
  void conditionsAndStreamsAreTracedToWhereTheyComeFrom() {
    Map<String, ClassModel> models =
        translate(
            "final Lock lock = new ReentrantLock();",
            "final Condition notEmpty = lock.newCondition();",
            "void m(java.net.Socket s) throws Exception {",
            "  s.getInputStream().read();",
            "  notEmpty.await();",
            "}");
    MethodModel init = Translations.method(models, "<init>");
    Node newCondition = node(init, "newCondition");
    assertEquals(LockPath.ofThis().field("notEmpty"), newCondition.resultStoredTo());
    assertEquals(LockPath.ofThis().field("lock"), newCondition.receiver());
    MethodModel m = Translations.method(models, "m");
    Node read = node(m, "read");
    assertEquals(BlockingOperation.STREAM_READ, read.blocking());
    assertSame(node(m, "getInputStream"), read.receiverCall());
    assertEquals(BlockingOperation.AWAIT, node(m, "await").blocking());
  }
}
