package dev.latchkey.inspections.source;

import com.github.javaparser.ast.Node;
import java.util.Set;

/** Suppressions the analysis applies after the core: those written on fields. */
public final class SourceSuppressions {
  private SourceSuppressions() {}

  /**
   * The check ids suppressed on the field whose initializer holds {@code node} (field initializers
   * run in constructors and {@code <clinit>}, whose models carry only their own suppressions).
   */
  public static Set<String> onEnclosingField(Node node) {
    return Annotations.fieldSuppressionsAt(node);
  }
}
