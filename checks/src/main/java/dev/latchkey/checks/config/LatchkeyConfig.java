package dev.latchkey.checks.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * User configuration shared by all front-ends. Error Prone reads it from {@code
 * -XepOpt:Latchkey:<Key>=<value>}, SpotBugs from system properties {@code latchkey.<key>} (key with
 * a lower-case first letter).
 */
public final class LatchkeyConfig {
  /** Comma-separated {@link MethodPattern}s of methods that acquire a lock. */
  public static final String ACQUIRE_METHODS = "AcquireMethods";

  /** Comma-separated {@link MethodPattern}s of methods that release a lock. */
  public static final String RELEASE_METHODS = "ReleaseMethods";

  /**
   * Comma-separated {@link MethodPattern}s of methods that run the lambdas passed to them before
   * they return, on the calling thread (added to {@code
   * dev.latchkey.checks.api.ImmediateCallbacks}); the argument index, if given, is ignored.
   */
  public static final String IMMEDIATE_METHODS = "ImmediateMethods";

  /**
   * Comma-separated {@link MethodPattern}s of methods that can block without bound (the argument
   * index, if any, is ignored): BlockingUnderLock reports calls of them made while holding a lock.
   */
  public static final String BLOCKING_METHODS = "BlockingMethods";

  /** {@code true} to judge executors in test code too (UnboundedExecutor, ExecutorNotShutdown). */
  public static final String CHECK_TEST_CODE = "CheckTestCode";

  /**
   * Test-only fault injection: analysing the class with this binary name throws, so tests can prove
   * that an internal failure is reported once and the build goes on.
   */
  public static final String FAIL_ON_CLASS = "FailOnClass";

  public static final LatchkeyConfig DEFAULT =
      new LatchkeyConfig(List.of(), List.of(), null, false, List.of(), List.of());

  private final List<MethodPattern> acquireMethods;
  private final List<MethodPattern> releaseMethods;
  private final String failOnClass;
  private final boolean checkTestCode;
  private final List<MethodPattern> immediateMethods;
  private final List<MethodPattern> blockingMethods;

  public LatchkeyConfig(
      List<MethodPattern> acquireMethods, List<MethodPattern> releaseMethods, String failOnClass) {
    this(acquireMethods, releaseMethods, failOnClass, false);
  }

  public LatchkeyConfig(
      List<MethodPattern> acquireMethods,
      List<MethodPattern> releaseMethods,
      String failOnClass,
      boolean checkTestCode) {
    this(acquireMethods, releaseMethods, failOnClass, checkTestCode, List.of(), List.of());
  }

  public LatchkeyConfig(
      List<MethodPattern> acquireMethods,
      List<MethodPattern> releaseMethods,
      String failOnClass,
      boolean checkTestCode,
      List<MethodPattern> immediateMethods,
      List<MethodPattern> blockingMethods) {
    this.immediateMethods = List.copyOf(immediateMethods);
    this.blockingMethods = List.copyOf(blockingMethods);
    this.acquireMethods = List.copyOf(acquireMethods);
    this.releaseMethods = List.copyOf(releaseMethods);
    this.failOnClass = failOnClass;
    this.checkTestCode = checkTestCode;
  }

  /**
   * Reads the configuration through {@code lookup}, which maps a key such as {@code AcquireMethods}
   * to its value or null.
   */
  public static LatchkeyConfig from(Function<String, String> lookup) {
    return new LatchkeyConfig(
        patterns(lookup.apply(ACQUIRE_METHODS)),
        patterns(lookup.apply(RELEASE_METHODS)),
        blankToNull(lookup.apply(FAIL_ON_CLASS)),
        Boolean.parseBoolean(blankToNull(lookup.apply(CHECK_TEST_CODE))),
        patterns(lookup.apply(IMMEDIATE_METHODS)),
        patterns(lookup.apply(BLOCKING_METHODS)));
  }

  /** The configuration in system properties: {@code latchkey.acquireMethods}, ... */
  public static LatchkeyConfig fromSystemProperties() {
    return from(key -> System.getProperty(systemPropertyName(key)));
  }

  /** {@code AcquireMethods} becomes {@code latchkey.acquireMethods}. */
  public static String systemPropertyName(String key) {
    return "latchkey." + Character.toLowerCase(key.charAt(0)) + key.substring(1);
  }

  /** {@code AcquireMethods} becomes {@code Latchkey:AcquireMethods}, for {@code -XepOpt:}. */
  public static String errorProneFlagName(String key) {
    return "Latchkey:" + key;
  }

  public List<MethodPattern> acquireMethods() {
    return acquireMethods;
  }

  public List<MethodPattern> releaseMethods() {
    return releaseMethods;
  }

  /** User-named methods that run their lambda arguments immediately. */
  public List<MethodPattern> immediateMethods() {
    return immediateMethods;
  }

  /** User-named methods that block without bound ({@link #BLOCKING_METHODS}). */
  public List<MethodPattern> blockingMethods() {
    return blockingMethods;
  }

  /** Whether executors in test code are judged too. */
  public boolean checkTestCode() {
    return checkTestCode;
  }

  /** Fails on purpose when asked to analyse {@code className}; see {@link #FAIL_ON_CLASS}. */
  public void injectFault(String className) {
    if (className.equals(failOnClass)) {
      throw new IllegalStateException("Latchkey: injected fault while analysing " + className);
    }
  }

  private static List<MethodPattern> patterns(String value) {
    List<MethodPattern> patterns = new ArrayList<>();
    if (value != null) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          patterns.add(MethodPattern.parse(part));
        }
      }
    }
    return patterns;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
