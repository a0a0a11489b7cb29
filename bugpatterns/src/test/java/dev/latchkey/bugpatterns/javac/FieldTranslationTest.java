package dev.latchkey.bugpatterns.javac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.FieldRef;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The javac translation of what the race checks read (notes/FRONTENDS-races-lockorder.md, sections
 * 2 to 5): field reads and writes in evaluation order with their paths and compound flag, array
 * element stores, the class's fields and annotations, {@code @GuardedBy} on fields and methods,
 * lambda parameters, and the bound receivers of method references.
 */
class FieldTranslationTest {
  private static final String[] HEADER = {
    "package p;", "import java.util.*;", "import java.util.concurrent.*;", "abstract class T {",
  };

  private static Map<String, ClassModel> translate(String... body) {
    List<String> lines = new ArrayList<>(List.of(HEADER));
    lines.add("  int count;");
    lines.add("  static int total;");
    lines.add("  int[] slots = new int[4];");
    lines.add("  abstract int f(int x);");
    lines.addAll(List.of(body));
    lines.add("}");
    return Translations.of(lines.toArray(new String[0]));
  }

  private static MethodModel method(String name, String... body) {
    return Translations.method(translate(body), name);
  }

  /** Body lines count from 1 after the header and the four members every snippet has. */
  private static int line(int bodyLine) {
    return HEADER.length + 4 + bodyLine;
  }

  /** The field and array events in node order: {@code R this.count}, {@code W+ T.total}. */
  private static List<String> accesses(MethodModel method) {
    List<String> events = new ArrayList<>();
    for (Node node : method.nodes()) {
      String kind =
          switch (node.kind()) {
            case FIELD_READ -> "R ";
            case FIELD_WRITE -> node.compound() ? "W+ " : "W ";
            case ARRAY_WRITE -> node.compound() ? "A+ " : "A ";
            default -> null;
          };
      if (kind != null) {
        events.add(kind + node.path());
      }
    }
    return events;
  }

  @Test
  void readsAndWritesInEvaluationOrder() {
    MethodModel m =
        method(
            "m",
            "void m(T other, int x) {",
            "  count = x;",
            "  count++;",
            "  --count;",
            "  total += x;",
            "  count = count * 2 + x;",
            "  count = f(count);",
            "  this.count = this.count | x;",
            "  other.count = count;",
            "}");
    assertEquals(
        List.of(
            "W this.count",
            "R this.count",
            "W+ this.count",
            "R this.count",
            "W+ this.count",
            "R T.total",
            "W+ T.total",
            "R this.count",
            "W+ this.count",
            "R this.count",
            "W+ this.count",
            "R this.count",
            "W+ this.count",
            "R this.count",
            "W other.count"),
        accesses(m));
    Node write = m.nodes().stream().filter(n -> n.kind() == NodeKind.FIELD_WRITE).findFirst().get();
    assertEquals(new FieldRef("p.T", "count", "I"), write.field());
    assertEquals(line(2), write.line());
    assertEquals("count", write.label());
  }

  @Test
  void readsInAConditionComeBeforeTheSplit() {
    MethodModel m =
        method(
            "get",
            "static T instance;",
            "static T get() {",
            "  if (instance == null) {",
            "    instance = null;",
            "  }",
            "  return instance;",
            "}");
    assertEquals(List.of("R T.instance", "W T.instance", "R T.instance"), accesses(m));
    Node read = m.nodes().stream().filter(n -> n.kind() == NodeKind.FIELD_READ).findFirst().get();
    assertTrue(m.nodes().stream().noneMatch(n -> n.kind() == NodeKind.BRANCH), "no BRANCH");
    assertEquals(line(3), read.line());
    assertEquals("T.instance", read.label());
  }

  @Test
  void arrayStoresNameTheArray() {
    MethodModel m =
        method(
            "m",
            "void m(int i) {",
            "  int[] local = new int[2];",
            "  slots[i] = 1;",
            "  slots[i]++;",
            "  slots[0] += i;",
            "  local[0] = local[1] + 1;",
            "  f(slots.length);",
            "}");
    assertEquals(
        List.of(
            "R this.slots",
            "A this.slots",
            "R this.slots",
            "A+ this.slots",
            "R this.slots",
            "A+ this.slots",
            "A+ local",
            "R this.slots"),
        accesses(m),
        "the array's own read comes first; length is no field");
  }

  @Test
  void pathsOfOtherObjectsOuterInstancesAndUnnameableOnes() {
    Map<String, ClassModel> models =
        translate(
            "T next;",
            "abstract T make();",
            "void m(T other) {",
            "  other.next.count = 1;",
            "  make().count = 2;",
            "}",
            "class Inner {",
            "  int own;",
            "  void n() { count++; T.this.count = 3; own = 4; }",
            "}");
    assertEquals(
        List.of("R other.next", "W other.next.count", "W null"),
        accesses(Translations.method(models, "m")));
    LockPath outer = LockPath.ofOuter("p.T");
    assertEquals(
        List.of(
            "R " + outer.field("count"),
            "W+ " + outer.field("count"),
            "W " + outer.field("count"),
            "W this.own"),
        accesses(Translations.method(models, "p.T$Inner", "n")));
  }

  @Test
  void constantsAreNoReadsAndInitializersWriteInConstructors() {
    Map<String, ClassModel> models =
        translate(
            "static final int MAX = 10;",
            "final int k = 3;",
            "static final List<String> NAMES = new ArrayList<>();",
            "int m() { return MAX + k + count; }");
    assertEquals(List.of("R this.count"), accesses(Translations.method(models, "m")));
    assertEquals(
        List.of("W this.slots", "W this.k"), accesses(Translations.method(models, "<init>")));
    assertEquals(List.of("W T.NAMES"), accesses(Translations.method(models, "<clinit>")));
  }

  @Test
  void fieldsWithTheirAnnotationsAndGuards() {
    ClassModel cls =
        translate(
                "@javax.annotation.concurrent.GuardedBy(\"this\") private long hits;",
                "@SuppressWarnings(\"unused\") private volatile String name;",
                "@javax.annotation.concurrent.GuardedBy(\"lock\") void held() { }")
            .get("p.T");
    FieldModel hits = cls.field("hits");
    assertEquals("J", hits.descriptor());
    assertEquals("this", hits.guardedBy());
    assertEquals(Set.of("javax.annotation.concurrent.GuardedBy"), hits.annotations());
    assertEquals(line(1), hits.line());
    FieldModel name = cls.field("name");
    assertTrue(name.isVolatile() && !name.isStatic() && !name.isFinal());
    assertEquals(
        Set.of("java.lang.SuppressWarnings"), name.annotations(), "SOURCE retention included");
    assertNull(name.guardedBy());
    assertTrue(cls.field("total").isStatic());
    assertEquals("[I", cls.field("slots").descriptor());
    assertEquals(
        List.of("count", "total", "slots", "hits", "name"),
        cls.fields().stream().map(FieldModel::name).toList());
    assertEquals("lock", Translations.method(Map.of("p.T", cls), "held").guardedBy());
  }

  @Test
  void classAnnotationsIncludeThoseOfEnclosingClasses() {
    Map<String, ClassModel> models =
        Translations.of(
            "package p;",
            "@javax.annotation.concurrent.NotThreadSafe",
            "class T {",
            "  static class Nested { }",
            "  @Deprecated class Inner { Runnable r = new Runnable() { public void run() { } }; }",
            "}");
    String notThreadSafe = "javax.annotation.concurrent.NotThreadSafe";
    assertEquals(Set.of(notThreadSafe), models.get("p.T").annotations());
    assertEquals(Set.of(notThreadSafe), models.get("p.T$Nested").annotations());
    assertEquals(
        Set.of(notThreadSafe, "java.lang.Deprecated"), models.get("p.T$Inner$1").annotations());
  }

  @Test
  void lambdasKeepTheirDeclaredParametersAndCapturedNames() {
    Map<String, ClassModel> models =
        translate(
            "void m(List<String> xs, ExecutorService ex) {",
            "  List<String> found = new ArrayList<>();",
            "  xs.forEach(s -> found.add(s));",
            "  ex.submit(() -> { count = found.size(); });",
            "}");
    MethodModel each = Translations.method(models, "lambda$m$0");
    assertEquals(List.of("s"), each.parameterNames());
    assertEquals(List.of("found"), each.capturedNames());
    Node add = each.nodes().stream().filter(n -> n.kind() == NodeKind.CALL).findFirst().get();
    assertEquals(LockPath.ofLocal("found"), add.receiver(), "a captured local keeps its name");
    MethodModel task = Translations.method(models, "lambda$m$1");
    assertEquals(List.of(), task.parameterNames());
    assertEquals(List.of("found"), task.capturedNames());
    assertEquals(List.of("W this.count"), accesses(task));
  }

  @Test
  void boundReceiversOfMethodReferencesRunAlongsideTheTaskBodies() {
    Map<String, ClassModel> models =
        translate(
            "private final List<String> results = new ArrayList<>();",
            "private Runnable sink;",
            "void run() { }",
            "void m(List<String> xs, ExecutorService ex) {",
            "  List<String> local = new ArrayList<>();",
            "  xs.forEach(results::add);",
            "  xs.parallelStream().forEach(local::add);",
            "  ex.submit(sink::run);",
            "  ex.submit(this::run);",
            "  xs.forEach(String::trim);",
            "  ex.submit(() -> run());",
            "}");
    MethodModel m = Translations.method(models, "m");
    List<String> described = new ArrayList<>();
    for (Node node : m.nodes()) {
      if (node.kind() == NodeKind.CALL && !node.taskBodies().isEmpty()) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < node.taskBodies().size(); i++) {
          MethodRef body = node.taskBodies().get(i);
          LockPath bound = i < node.boundReceivers().size() ? node.boundReceivers().get(i) : null;
          bodies.add(body.owner() + "." + body.name() + "@" + bound);
        }
        described.add(node.callee().name() + " " + bodies);
      }
    }
    assertEquals(
        Arrays.asList(
            "forEach [java.util.List.add@this.results]",
            "forEach [java.util.List.add@local]",
            "submit [java.lang.Runnable.run@this.sink]",
            "submit [p.T.run@this]",
            "submit [p.T.lambda$m$0@null]"),
        described,
        "unbound and static references name no receiver and no body of another class");
    Node parallelForEach =
        m.nodes().stream()
            .filter(
                n ->
                    n.kind() == NodeKind.CALL
                        && n.receiverCall() != null
                        && n.receiverCall().callee().name().equals("parallelStream"))
            .findFirst()
            .orElseThrow();
    assertEquals("forEach", parallelForEach.callee().name());
  }
}
