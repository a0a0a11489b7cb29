package dev.latchkey.checks.api;

import java.util.Set;

/** What marks a method as test code: the one table both front-ends read. */
public final class TestCode {
  /** Simple names of the annotations of test methods and fixtures (JUnit 4 and 5, TestNG). */
  private static final Set<String> ANNOTATIONS =
      Set.of(
          "Test",
          "ParameterizedTest",
          "RepeatedTest",
          "TestFactory",
          "TestTemplate",
          "BeforeEach",
          "BeforeAll",
          "AfterEach",
          "AfterAll",
          "Before",
          "After",
          "BeforeClass",
          "AfterClass",
          "BeforeMethod",
          "AfterMethod");

  private TestCode() {}

  /** Whether an annotation with this simple name makes its method test code. */
  public static boolean isTestAnnotation(String simpleName) {
    return ANNOTATIONS.contains(simpleName);
  }
}
