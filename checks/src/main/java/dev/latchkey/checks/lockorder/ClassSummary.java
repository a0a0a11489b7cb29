package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;

/**
 * What other classes need to know about one class for whole-program lock order. Placeholder: the
 * lock-order family defines its content.
 */
public record ClassSummary(String className) {
  public static ClassSummary of(ClassModel cls, LatchkeyConfig config) {
    return new ClassSummary(cls.name());
  }
}
