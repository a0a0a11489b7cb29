package dev.latchkey.checks.races;

import static dev.latchkey.checks.races.RaceCode.field;
import static dev.latchkey.checks.races.RaceCode.method;
import static dev.latchkey.checks.races.UnguardedFieldAccessTest.THIS;
import static dev.latchkey.checks.races.UnguardedFieldAccessTest.fields;
import static dev.latchkey.checks.races.UnguardedFieldAccessTest.findings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.latchkey.checks.Latchkey;
import dev.latchkey.checks.Program;
import dev.latchkey.checks.RelatedClasses;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which accesses belong to a field: another instance's ({@code other.f}, judged against that
 * instance's locks), a fresh object's (owned: not judged), a static field's (only class locks guard
 * it), and the accesses of related classes (the outer object's field from a nested class).
 */
class FieldReachTest {
  private static final LockPath OTHER = LockPath.ofLocal("other");
  private final Map<String, FieldModel> count = fields(field("count", "I"));

  @Test
  void otherInstanceWrittenUnderThisMonitorOnly() {
    MethodModel set = method("set", count, 10).flag(Flag.SYNCHRONIZED).write("count").build();
    MethodModel transfer =
        method("transfer", count, 20)
            .parameters("other")
            .flag(Flag.SYNCHRONIZED)
            .writeAt(OTHER, "count")
            .build();
    MethodModel locked =
        method("locked", count, 30)
            .parameters("other")
            .synchronizedOn(OTHER, c -> c.writeAt(OTHER, "count"))
            .build();
    assertEquals(List.of("UnguardedFieldAccess@20"), findings(count, set, transfer, locked));
  }

  @Test
  void freshObjectIsOwnedUntilPassedOn() {
    LockPath copy = LockPath.ofLocal("copy");
    MethodModel set = method("set", count, 10).flag(Flag.SYNCHRONIZED).write("count").build();
    MethodModel copied =
        method("copied", count, 20)
            .callStored(RaceCode.OWNER, "<init>", copy, null)
            .writeAt(copy, "count")
            .escape("copy")
            .build();
    MethodModel registered =
        method("registered", count, 30)
            .callStored(RaceCode.OWNER, "<init>", copy, null)
            .call("java.util.List", "add", THIS.field("registry"), copy)
            .writeAt(copy, "count")
            .build();
    assertEquals(List.of("UnguardedFieldAccess@32"), findings(count, set, copied, registered));
  }

  @Test
  void instanceMonitorDoesNotGuardAStaticField() {
    Map<String, FieldModel> created = fields(field("created", "I", "static"));
    MethodModel track =
        method("track", created, 10).flag(Flag.SYNCHRONIZED).write("created").build();
    MethodModel reset =
        method("reset", created, 20)
            .flag(Flag.STATIC)
            .flag(Flag.SYNCHRONIZED)
            .write("created")
            .build();
    assertEquals(List.of("UnguardedFieldAccess@10"), findings(created, track, reset));
  }

  @Test
  void outerFieldReadFromANestedClass() {
    MethodModel set = method("set", count, 10).flag(Flag.SYNCHRONIZED).write("count").build();
    ClassModel outer =
        new ClassModel(RaceCode.OWNER, List.of(set), List.copyOf(count.values()), Set.of());
    MethodModel show =
        method("show", count, 20).readAt(LockPath.ofOuter(RaceCode.OWNER), "count").build();
    ClassModel inner = new ClassModel(RaceCode.OWNER + "$View", List.of(show), List.of(), Set.of());
    List<ClassModel> related = RelatedClasses.of(inner, Map.of(outer.name(), outer));
    assertEquals(List.of(outer), related);
    assertEquals(
        List.of("UnguardedFieldAccess@20"),
        Latchkey.analyze(inner, LatchkeyConfig.DEFAULT, Program.empty(), related).stream()
            .map(f -> f.check().id() + "@" + f.primary().line())
            .toList());
    // Alone, the nested class knows no guard for the outer field.
    assertEquals(List.of(), Latchkey.analyze(inner, LatchkeyConfig.DEFAULT));
  }

  @Test
  void nestsAndSuperclasses() {
    assertEquals("a.Outer", RelatedClasses.topLevel("a.Outer$Inner$1"));
    assertEquals("Outer", RelatedClasses.topLevel("Outer"));
    ClassModel base = new ClassModel("a.Base", List.of(), List.of(), Set.of());
    ClassModel sub = new ClassModel("a.Sub", List.of(), List.of(), Set.of(), List.of("a.Base"));
    ClassModel other = new ClassModel("a.Other$1", List.of(), List.of(), Set.of());
    assertEquals(
        List.of(base),
        RelatedClasses.of(sub, Map.of("a.Base", base, "a.Sub", sub, "a.Other$1", other)));
    assertNull(LockPath.ofLocal("x").field("f").relativeTo(LockPath.ofLocal("y")));
    assertEquals(
        THIS.field("lock"), LockPath.ofLocal("x").field("lock").relativeTo(LockPath.ofLocal("x")));
  }
}
