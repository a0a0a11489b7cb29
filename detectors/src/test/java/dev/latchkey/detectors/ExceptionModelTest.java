package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.model.CatchClause;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.Edge;
import dev.latchkey.checks.model.EdgeKind;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The model the translation builds for the swallowed-exception family
 * (notes/FRONTENDS-exceptions.md): CATCH nodes and their clauses, CATCH_END, USE, THROW, RETURN and
 * JUMP with {@code leavesFinally}, and what each CALL says about its result, its task API meaning,
 * its receiver call and the task bodies passed to it.
 */
class ExceptionModelTest {
  private static final String HEADER =
      "package snip;\n"
          + "import java.io.*;\n"
          + "import java.util.*;\n"
          + "import java.util.concurrent.*;\n";

  private static ClassModel model(String body) {
    return Snippets.compile("snip.S", HEADER + body).model("snip.S");
  }

  private static MethodModel method(ClassModel model, String name) {
    return model.methods().stream()
        .filter(m -> m.ref().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no model of " + name + " in " + model.name()));
  }

  private static List<Node> nodes(MethodModel method, NodeKind kind) {
    return method.nodes().stream().filter(node -> node.kind() == kind).toList();
  }

  /** The CATCH nodes of a method, as "line types variable empty=.. last=.. declares=[..]". */
  private static List<String> catches(MethodModel method) {
    List<String> result = new ArrayList<>();
    for (Node node : nodes(method, NodeKind.CATCH)) {
      CatchClause clause = node.catchClause();
      result.add(
          node.line()
              + " "
              + clause.caughtTypes().stream()
                  .map(type -> type.substring(type.lastIndexOf('.') + 1))
                  .collect(Collectors.joining("|"))
              + " "
              + clause.variable()
              + " empty="
              + clause.emptyBody()
              + " last="
              + clause.tryLastCallName()
              + " declares="
              + new TreeSet<>(
                  clause.tryDeclaredExceptions().stream()
                      .map(type -> type.substring(type.lastIndexOf('.') + 1))
                      .toList()));
    }
    result.sort(Comparator.naturalOrder());
    return result;
  }

  /** The distinct "kind@line[ detail]" of the given kinds, sorted by line. */
  private static List<String> events(MethodModel method, NodeKind... kinds) {
    TreeSet<String> result =
        new TreeSet<>(
            Comparator.comparingInt((String event) -> Integer.parseInt(event.split("[@ ]")[1]))
                .thenComparing(Comparator.naturalOrder()));
    for (Node node : method.nodes()) {
      if (!List.of(kinds).contains(node.kind())) {
        continue;
      }
      String detail =
          switch (node.kind()) {
            case THROW ->
                " var=" + node.variable() + " type=" + node.thrownType() + finallyFlag(node);
            case RETURN, JUMP -> finallyFlag(node);
            case USE -> " " + node.variable();
            case CATCH_END -> " of " + node.handler().line();
            default -> "";
          };
      int line = node.kind() == NodeKind.CATCH_END ? node.handler().line() : node.line();
      result.add(node.kind() + "@" + line + detail);
    }
    return new ArrayList<>(result);
  }

  private static String finallyFlag(Node node) {
    return node.leavesFinally() ? " leavesFinally" : "";
  }

  /** The CALLs of a method named {@code name}, as "line resultUse operation receiver bodies". */
  private static List<String> calls(MethodModel method, String name) {
    TreeSet<String> result = new TreeSet<>();
    for (Node node : nodes(method, NodeKind.CALL)) {
      if (!node.callee().name().equals(name)) {
        continue;
      }
      result.add(
          node.line()
              + " "
              + node.resultUse()
              + " "
              + node.taskOperation()
              + " receiverCall="
              + (node.receiverCall() == null ? null : node.receiverCall().callee().name())
              + " bodies="
              + node.taskBodies().stream().map(MethodRef::name).toList());
    }
    return new ArrayList<>(result);
  }

  @Test
  void catchClauseFacts() {
    ClassModel model =
        model(
            """
            public class S {
              void read() throws IOException {}
              void log(Object o) {}
              void m() {
                try {
                  Thread.sleep(10);
                  read();
                } catch (IOException | InterruptedException e) {
                  log(e);
                }
              }
              void quiet() {
                try {
                  read();
                } catch (IOException e) {
                }
                try {
                  read();
                } catch (IOException e) {} catch (RuntimeException e) { log(e); }
              }
            }
            """);
    assertEquals(
        List.of(
            "12 IOException|InterruptedException e empty=false last=read"
                + " declares=[IOException, InterruptedException]"),
        catches(method(model, "m")));
    // An unread catch variable has no LocalVariableTable entry: its name is unknown.
    assertEquals(
        List.of(
            "19 IOException null empty=true last=read declares=[IOException]",
            "23 IOException null empty=true last=read declares=[IOException]",
            "23 RuntimeException e empty=false last=read declares=[IOException]"),
        catches(method(model, "quiet")));
  }

  @Test
  void emptyBodiesAndStatementsThatLookLikeJumps() {
    ClassModel model =
        model(
            """
            public class S {
              void work() {}
              void loop(List<String> xs) {
                for (String x : xs) {
                  try {
                    work();
                  } catch (IllegalStateException e) {
                    continue;
                  } catch (IllegalArgumentException e) {
                    break;
                  } catch (RuntimeException e) {
                  }
                  work();
                }
              }
              // javac threads the jump at the end of the try block to the loop's head: the
              // continue and the end of an empty block are the same goto.
              void lastInLoop(int n) {
                int i = 0;
                while (i < n) {
                  i++;
                  try {
                    work();
                  } catch (IllegalStateException e) {
                    continue;
                  }
                }
                while (i > 0) {
                  i--;
                  try {
                    work();
                  } catch (IllegalStateException e) {
                  }
                }
              }
              int withFinally() {
                try {
                  work();
                } catch (IllegalStateException e) {
                } catch (IllegalArgumentException e) {
                  return 1;
                } finally {
                  work();
                }
                return 0;
              }
            }
            """);
    assertEquals(
        List.of(
            // continue and break are statements, even though javac writes only a goto
            "11 IllegalStateException e empty=false last=work declares=[]",
            "13 IllegalArgumentException e empty=false last=work declares=[]",
            // an empty block: no LocalVariableTable entry, so no name
            "15 RuntimeException null empty=true last=work declares=[]"),
        catches(method(model, "loop")));
    assertEquals(
        List.of(
            "28 IllegalStateException e empty=false last=work declares=[]",
            "36 IllegalStateException null empty=true last=work declares=[]"),
        catches(method(model, "lastInLoop")));
    assertEquals(
        List.of(
            "43 IllegalStateException null empty=true last=work declares=[]",
            "44 IllegalArgumentException e empty=false last=work declares=[]"),
        catches(method(model, "withFinally")));
  }

  @Test
  void noCatchForFinallyTryWithResourcesOrSynchronized() {
    ClassModel model =
        model(
            """
            public class S {
              void work() {}
              long m(File f, Object monitor) throws IOException {
                try {
                  work();
                } finally {
                  work();
                }
                synchronized (monitor) {
                  work();
                }
                try (Reader r = new FileReader(f)) {
                  return r.read();
                }
              }
              int n(File f) {
                try (Reader r = new FileReader(f)) {
                  return r.read();
                } catch (IOException e) {
                  return -1;
                }
              }
            }
            """);
    assertEquals(List.of(), catches(method(model, "m")));
    // The statement's own catch clause, at its line; the generated close handlers are not. The
    // resource's creation is in the try block; the generated close() is not its last call.
    assertEquals(
        List.of(
            "23 IOException e empty=false last=read declares=[FileNotFoundException, IOException]"),
        catches(method(model, "n")));
  }

  @Test
  void catchEndsUsesAndThrows() {
    ClassModel model =
        model(
            """
            public class S {
              void work() throws IOException {}
              void log(Object o) {}
              void m(List<String> xs) throws IOException {
                for (String x : xs) {
                  try {
                    work();
                  } catch (IOException outer) {
                    try {
                      work();
                    } catch (IOException inner) {
                      log(outer);
                      break;
                    }
                    Runnable r = () -> log(outer);
                    r.run();
                  } catch (IllegalStateException e) {
                    throw e;
                  } catch (RuntimeException e) {
                    throw new UncheckedIOException(new IOException(e));
                  }
                }
              }
            }
            """);
    assertEquals(
        List.of(
            "CATCH@12",
            "CATCH_END@12 of 12", // falls out of the outer handler
            "CATCH@15",
            "CATCH_END@15 of 15", // break
            "USE@16 outer", // the nested handler reads the outer variable, not its own
            "USE@19 outer", // captured by the lambda: a use where the lambda is created
            "CATCH@21",
            "THROW@22 var=e type=java.lang.IllegalStateException",
            "USE@22 e",
            "CATCH@23",
            "THROW@24 var=null type=java.io.UncheckedIOException",
            "USE@24 e"),
        events(
            method(model, "m"), NodeKind.CATCH, NodeKind.CATCH_END, NodeKind.USE, NodeKind.THROW));
  }

  @Test
  void theBreakOutOfANestedHandlerLeavesBothHandlers() {
    MethodModel method =
        method(
            model(
                """
                public class S {
                  void work() throws IOException {}
                  void m(List<String> xs) {
                    for (String x : xs) {
                      try {
                        work();
                      } catch (IOException outer) {
                        try {
                          work();
                        } catch (IOException inner) {
                          break;
                        }
                      }
                    }
                  }
                }
                """),
            "m");
    // break: CATCH_END of the inner handler, then of the outer one, then the loop's exit.
    Node innerCatch =
        nodes(method, NodeKind.CATCH).stream().filter(n -> n.line() == 14).findFirst().get();
    Node innerEnd = null;
    for (Node node : nodes(method, NodeKind.CATCH_END)) {
      if (node.handler() == innerCatch) {
        for (Edge edge : node.out()) {
          if (edge.target().kind() == NodeKind.CATCH_END && edge.target().handler().line() == 11) {
            innerEnd = node;
          }
        }
      }
    }
    assertTrue(innerEnd != null, "inner CATCH_END followed by the outer one: " + method.nodes());
  }

  @Test
  void jumpsOutOfFinally() {
    ClassModel model =
        model(
            """
            public class S {
              int n;
              void work() {}
              int ret() {
                try {
                  work();
                } finally {
                  return n;
                }
              }
              void loop(List<String> xs) {
                for (String x : xs) {
                  try {
                    work();
                  } finally {
                    if (n > 0) {
                      continue;
                    }
                    for (String y : xs) {
                      if (y == null) {
                        break;
                      }
                    }
                  }
                }
              }
              void thrown(boolean b) throws IOException {
                IOException saved = null;
                try {
                  work();
                } finally {
                  try {
                    if (b) {
                      throw new IllegalStateException();
                    }
                  } catch (RuntimeException e) {
                    saved = new IOException(e);
                  }
                  if (saved != null) {
                    throw saved;
                  }
                }
              }
              int noCallInTry() {
                try {
                  n++;
                } finally {
                  return n;
                }
              }
            }
            """);
    assertEquals(List.of("RETURN@12 leavesFinally"), events(method(model, "ret"), NodeKind.RETURN));
    assertEquals(
        List.of("JUMP@21 leavesFinally", "RETURN@30"), // not the break of the inner loop
        events(method(model, "loop"), NodeKind.JUMP, NodeKind.RETURN));
    assertEquals(
        List.of(
            "THROW@38 var=null type=java.lang.IllegalStateException",
            "THROW@44 var=saved type=java.io.IOException leavesFinally",
            "THROW@46 var=null type=java.lang.Throwable"), // javac's rethrow at the end of the
        // finally copy
        events(method(model, "thrown"), NodeKind.THROW));
    // The try block cannot throw: only the copy of the finally block on the normal path runs.
    assertEquals(
        List.of("RETURN@52 leavesFinally"), events(method(model, "noCallInTry"), NodeKind.RETURN));
  }

  @Test
  void callsDescribeTheirResultTaskAndBodies() {
    ClassModel model =
        model(
            """
            public class S {
              ExecutorService pool;
              ScheduledExecutorService scheduler;
              Future<?> kept;
              void work() {}
              Future<?> m(List<Callable<String>> tasks) throws Exception {
                pool.submit(this::work);
                kept = pool.submit(() -> work());
                Future<?> local = pool.submit(() -> work());
                List<Future<?>> all = new ArrayList<>();
                all.add(pool.submit(System::gc));
                pool.invokeAll(tasks);
                pool.execute(this::work);
                scheduler.scheduleAtFixedRate(this::work, 1, 1, TimeUnit.SECONDS);
                CompletableFuture.supplyAsync(() -> "x").thenApply(String::length).join();
                Thread.currentThread().interrupt();
                if (pool.submit(this::work).isDone()) {
                  return null;
                }
                return pool.submit(this::work);
              }
            }
            """);
    MethodModel m = method(model, "m");
    assertEquals(
        List.of(
            "11 DISCARDED SUBMIT receiverCall=null bodies=[work]",
            "12 STORED SUBMIT receiverCall=null bodies=[lambda$m$0]",
            "13 STORED SUBMIT receiverCall=null bodies=[lambda$m$1]",
            "15 ARGUMENT SUBMIT receiverCall=null bodies=[]", // System::gc is no method of S
            "21 RECEIVER SUBMIT receiverCall=null bodies=[work]",
            "24 RETURNED SUBMIT receiverCall=null bodies=[work]"),
        calls(m, "submit"));
    assertEquals(
        List.of("16 DISCARDED INVOKE_ALL receiverCall=null bodies=[]"), calls(m, "invokeAll"));
    assertEquals(List.of("17 OTHER EXECUTE receiverCall=null bodies=[work]"), calls(m, "execute"));
    assertEquals(
        List.of("18 DISCARDED PERIODIC receiverCall=null bodies=[work]"),
        calls(m, "scheduleAtFixedRate"));
    assertEquals(
        List.of("19 RECEIVER ASYNC_START receiverCall=null bodies=[lambda$m$2]"),
        calls(m, "supplyAsync"));
    assertEquals(
        List.of("19 RECEIVER CHAIN_STEP receiverCall=supplyAsync bodies=[]"),
        calls(m, "thenApply"));
    assertEquals(
        List.of("19 DISCARDED OBSERVE receiverCall=thenApply bodies=[]"), calls(m, "join"));
    assertEquals(
        List.of("20 OTHER INTERRUPT receiverCall=currentThread bodies=[]"), calls(m, "interrupt"));
    assertEquals(
        List.of("20 RECEIVER CURRENT_THREAD receiverCall=null bodies=[]"),
        calls(m, "currentThread"));
    assertEquals(List.of("21 OTHER null receiverCall=submit bodies=[]"), calls(m, "isDone"));
  }

  @Test
  void assertThrowsLambdaIsATaskBodyOfTheCall() {
    // The core can tell a handler in a lambda passed to assertThrows from the call's task bodies.
    ClassModel model =
        model(
            """
            public class S {
              static void assertThrows(Class<?> type, Runnable body) {}
              void parse() throws IOException {}
              void test() {
                assertThrows(IllegalStateException.class, () -> {
                  try {
                    parse();
                  } catch (IOException e) {
                  }
                });
              }
            }
            """);
    assertEquals(
        List.of("9 OTHER null receiverCall=null bodies=[lambda$test$0]"),
        calls(method(model, "test"), "assertThrows"));
  }

  @Test
  void catchLineIsTheCatchClauseEvenWhenTheBlockIsOnOneLine() {
    ClassModel model =
        model(
            """
            public class S {
              int parse(String s) {
                int n = 0;
                try { n = Integer.parseInt(s); } catch (NumberFormatException e) {} return n;
              }
            }
            """);
    assertEquals(
        List.of("8 NumberFormatException null empty=true last=parseInt declares=[]"),
        catches(method(model, "parse")));
    assertTrue(
        method(model, "parse").nodes().stream()
            .filter(node -> node.kind() == NodeKind.CATCH)
            .allMatch(
                node -> node.out().stream().allMatch(edge -> edge.kind() == EdgeKind.NORMAL)));
  }

  @Test
  void throwNodesCarryTheStaticTypeOfLocalsAndCasts() {
    ClassModel model =
        model(
            "public class S {\n"
                + "  void local(InterruptedException e) throws IOException {\n"
                + "    InterruptedIOException x = new InterruptedIOException();\n"
                + "    x.initCause(e);\n"
                + "    throw x;\n"
                + "  }\n"
                + "  void cast(InterruptedException e) throws IOException {\n"
                + "    throw (InterruptedIOException) new InterruptedIOException().initCause(e);\n"
                + "  }\n"
                + "}\n");
    for (String name : List.of("local", "cast")) {
      List<Node> throwsOut = nodes(method(model, name), NodeKind.THROW);
      assertEquals(1, throwsOut.size(), name);
      assertEquals("java.io.InterruptedIOException", throwsOut.get(0).thrownType(), name);
    }
  }
}
