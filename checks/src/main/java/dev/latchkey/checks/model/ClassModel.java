package dev.latchkey.checks.model;

import java.util.List;

/**
 * One class as the checks see it: its binary name and the models of its methods, lambda bodies
 * included. Nested and anonymous classes are separate class models.
 */
public record ClassModel(String name, List<MethodModel> methods) {
  public ClassModel {
    methods = List.copyOf(methods);
  }
}
