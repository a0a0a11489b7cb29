package dev.latchkey.checks.races;

import static dev.latchkey.checks.races.RaceCode.field;
import static dev.latchkey.checks.races.RaceCode.method;
import static dev.latchkey.checks.races.UnguardedFieldAccessTest.findings;
import static dev.latchkey.checks.races.UnguardedFieldAccessTest.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.Finding;
import dev.latchkey.checks.api.ConcurrencyAnnotations;
import dev.latchkey.checks.api.ThreadSafeTypes;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * UnguardedFieldAccess on a never-replaced container read without the lock its mutations hold, and
 * on fields written in methods annotated {@code @ThreadSafe}.
 */
class ContainerReadsAndMethodContractsTest {
  private static final String LIST = "java.util.ArrayList";
  private static final String INFER = "com.facebook.infer.annotation.ThreadSafe";
  private static final LockPath NAMES = LockPath.ofThis().field("names");

  private final Map<String, FieldModel> names =
      UnguardedFieldAccessTest.fields(field("names", "Ljava/util/ArrayList;", "final"));
  private final Map<String, FieldModel> current =
      UnguardedFieldAccessTest.fields(field("current", "Ljava/lang/Object;"));

  private MethodModel mutation(String name, int line, boolean locked) {
    RaceCode code = method(name, names, line);
    if (locked) {
      code.flag(Flag.SYNCHRONIZED);
    }
    return code.read("names").sameLine().call(LIST, "add", NAMES).build();
  }

  private MethodModel containerRead(String name, int line, String call) {
    return method(name, names, line).read("names").sameLine().call(LIST, call, NAMES).build();
  }

  @Test
  void readersAndMutatorsAreOneTable() {
    assertTrue(ThreadSafeTypes.isMutator("put"));
    assertFalse(ThreadSafeTypes.isReader("put"));
    assertTrue(ThreadSafeTypes.isReader("get"));
    assertFalse(ThreadSafeTypes.isMutator("get"));
    assertTrue(ThreadSafeTypes.isReader("iterator"));
    assertTrue(ThreadSafeTypes.isView("iterator"));
    assertFalse(ThreadSafeTypes.isReader("frobnicate"));
  }

  @Test
  void containerReadWithoutTheLockOfItsMutations() {
    MethodModel add = mutation("add", 10, true);
    MethodModel drop = mutation("drop", 20, true);
    MethodModel size = containerRead("size", 30, "size");
    MethodModel first = containerRead("first", 40, "get");
    assertEquals(List.of("UnguardedFieldAccess@30"), findings(names, add, drop, size, first));
    Finding finding = raw(names, add, drop, size, first).get(0);
    assertTrue(finding.message().startsWith("`names` is read (`this.names.size()`) here without"));
    assertTrue(finding.message().contains("which guards its mutations (line 10 in"));
    assertEquals(List.of(40, 10), finding.related().stream().map(n -> n.line()).toList());
  }

  @Test
  void unguardedMutationIsThePrimary() {
    MethodModel add = mutation("add", 10, true);
    MethodModel drop = mutation("drop", 20, true);
    MethodModel size = containerRead("size", 30, "size");
    MethodModel put = mutation("put", 40, false);
    assertEquals(List.of("UnguardedFieldAccess@40"), findings(names, add, drop, size, put));
  }

  @Test
  void noGuardNoContainerReadFinding() {
    MethodModel add = mutation("add", 10, true);
    MethodModel clear = mutation("clear", 20, false);
    MethodModel trim = mutation("trim", 30, false);
    MethodModel size = containerRead("size", 40, "size");
    assertEquals(List.of(), findings(names, add, clear, trim, size));
  }

  @Test
  void readingTheFieldItselfIsNoContainerRead() {
    MethodModel add = mutation("add", 10, true);
    MethodModel drop = mutation("drop", 20, true);
    MethodModel backing = method("backing", names, 30).read("names").build();
    assertEquals(List.of(), findings(names, add, drop, backing));
  }

  @Test
  void unknownMethodOfTheContainerIsNoRead() {
    MethodModel add = mutation("add", 10, true);
    MethodModel drop = mutation("drop", 20, true);
    MethodModel other = containerRead("other", 30, "trimToSize");
    assertEquals(List.of(), findings(names, add, drop, other));
  }

  @Test
  void fieldWrittenInAThreadSafeMethod() {
    MethodModel replace =
        method("replace", current, 10).annotations(INFER).write("current").build();
    MethodModel get = method("get", current, 20).read("current").build();
    assertEquals(List.of("UnguardedFieldAccess@10"), findings(current, replace, get));
  }

  @Test
  void fieldOnlyReadInAThreadSafeMethodHasNoContract() {
    MethodModel read = method("read", current, 10).annotations(INFER).read("current").build();
    MethodModel set = method("set", current, 20).write("current").build();
    assertEquals(List.of(), findings(current, read, set));
  }

  @Test
  void checksDisabledOnAMethodTakesItsAccessesOut() {
    String disabled = ConcurrencyAnnotations.falseElement(INFER, "enableChecks");
    MethodModel set = method("set", current, 10).flag(Flag.SYNCHRONIZED).write("current").build();
    MethodModel reset =
        method("reset", current, 20).annotations(INFER, disabled).write("current").build();
    MethodModel get = method("get", current, 30).flag(Flag.SYNCHRONIZED).read("current").build();
    assertEquals(List.of(), findings(current, set, reset, get));
    MethodModel plain = method("reset", current, 20).write("current").build();
    assertEquals(List.of("UnguardedFieldAccess@20"), findings(current, set, plain, get));
  }
}
