package dev.latchkey.checks.races;

import static dev.latchkey.checks.races.RaceCode.field;
import static dev.latchkey.checks.races.RaceCode.method;
import static dev.latchkey.checks.races.UnguardedFieldAccessTest.LOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.checks.Latchkey;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A large class (many fields, a long chain of private helpers called under the lock, many
 * accessors) is analysed to the same answer as a small one: the entry-lock fixpoint settles and
 * every defect is found once.
 */
class RaceScalingTest {
  @Test
  void longHelperChainsAndManyFieldsStillFindEveryDefect() {
    int size = 150;
    Map<String, FieldModel> fields = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      fields.put("f" + i, field("f" + i, "I"));
    }
    List<MethodModel> methods = new ArrayList<>();
    // entry() holds the lock and calls h0; h(i) writes f(i) and calls h(i+1): all run holding it.
    methods.add(method("entry", fields, 10).synchronizedOn(LOCK, c -> c.callMethod("h0")).build());
    for (int i = 0; i < size; i++) {
      RaceCode helper =
          method("h" + i, fields, 1000 + 10 * i).flag(Flag.NOT_OVERRIDABLE).write("f" + i);
      if (i + 1 < size) {
        helper.callMethod("h" + (i + 1));
      }
      methods.add(helper.build());
    }
    // Every field is read without the lock by a getter; every tenth getter takes the lock.
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int line = 5000 + 10 * i;
      if (i % 10 == 0) {
        String name = "f" + i;
        methods.add(
            method("get" + i, fields, line).synchronizedOn(LOCK, c -> c.read(name)).build());
      } else {
        methods.add(method("get" + i, fields, line).read("f" + i).build());
        expected.add("UnguardedFieldAccess@" + line);
      }
    }
    ClassModel cls =
        new ClassModel(RaceCode.OWNER, methods, List.copyOf(fields.values()), Set.of());
    List<String> found =
        Latchkey.analyze(cls, LatchkeyConfig.DEFAULT).stream()
            .map(f -> f.check().id() + "@" + f.primary().line())
            .toList();
    assertEquals(expected, found);
  }
}
