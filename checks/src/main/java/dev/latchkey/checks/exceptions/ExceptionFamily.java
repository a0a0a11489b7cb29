package dev.latchkey.checks.exceptions;

import dev.latchkey.checks.Finding;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The swallowed-exception family over one class. */
public final class ExceptionFamily {
  private ExceptionFamily() {}

  /** Each method's findings of the family, before suppressions. */
  public static Map<MethodModel, List<Finding>> analyze(ClassModel cls) {
    Map<MethodRef, MethodModel> byRef = new HashMap<>();
    cls.methods().forEach(method -> byRef.put(method.ref(), method));
    Set<MethodRef> expectedToThrow = expectedToThrow(cls);
    Map<MethodModel, List<Finding>> findings = new java.util.IdentityHashMap<>();
    for (MethodModel method : cls.methods()) {
      List<Finding> found = new ArrayList<>();
      if (!expectedToThrow.contains(method.ref())) {
        found.addAll(SwallowedExceptionRule.apply(method));
      }
      found.addAll(InterruptSwallowedRule.apply(method));
      found.addAll(LostTaskExceptionRule.apply(method, byRef::get));
      found.addAll(FinallyMasksExceptionRule.apply(method));
      findings.put(method, found);
    }
    return findings;
  }

  /**
   * Lambda bodies a test runs expecting an exception ({@code assertThrows(X.class, () -> ...)}):
   * what they catch and drop is part of the scenario.
   */
  private static Set<MethodRef> expectedToThrow(ClassModel cls) {
    Set<MethodRef> bodies = new HashSet<>();
    for (MethodModel method : cls.methods()) {
      for (Node node : method.nodes()) {
        if (node.kind() == NodeKind.CALL && expectsThrow(node.callee().name())) {
          bodies.addAll(node.taskBodies());
        }
      }
    }
    return bodies;
  }

  private static boolean expectsThrow(String method) {
    return method.startsWith("assertThrows")
        || method.startsWith("assertThatThrownBy")
        || method.startsWith("expectThrows")
        || method.startsWith("assertThatExceptionOfType");
  }
}
