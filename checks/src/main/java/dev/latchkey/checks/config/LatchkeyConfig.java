package dev.latchkey.checks.config;

import dev.latchkey.checks.CheckId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * User configuration shared by all front-ends: a project's {@code latchkey.properties} ({@link
 * ConfigFile}), overridden key by key by the front-end's own settings. Error Prone reads those from
 * {@code -XepOpt:Latchkey:<Key>=<value>}, SpotBugs from system properties {@code latchkey.<key>}
 * (key with a lower-case first letter); see {@link #load}.
 */
public final class LatchkeyConfig {
  /** Path of the configuration file; default {@code latchkey.properties} in the project root. */
  public static final String CONFIG = "Config";

  /** Comma-separated check ids that no front-end reports. */
  public static final String DISABLED_CHECKS = "DisabledChecks";

  /** Path of the baseline file: findings whose fingerprint it lists are not reported. */
  public static final String BASELINE = "Baseline";

  /** {@code true} to add every current finding's fingerprint to the baseline file. */
  public static final String UPDATE_BASELINE = "UpdateBaseline";

  /** Path of a SARIF file the front-end writes its findings to. */
  public static final String SARIF_OUTPUT = "SarifOutput";

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

  /**
   * Comma-separated {@link MethodPattern}s of methods that restore the interrupt status (or turn it
   * into an exception that carries it) when a handler of InterruptedException calls them: a
   * library's {@code Interrupts.restore(e)}, Jetty's {@code IO.rethrow(t)} (InterruptSwallowed).
   */
  public static final String INTERRUPT_RESTORING_METHODS = "InterruptRestoringMethods";

  /** {@code true} to judge executors in test code too (UnboundedExecutor, ExecutorNotShutdown). */
  public static final String CHECK_TEST_CODE = "CheckTestCode";

  /**
   * Test-only fault injection: analysing the class with this binary name throws, so tests can prove
   * that an internal failure is reported once and the build goes on.
   */
  public static final String FAIL_ON_CLASS = "FailOnClass";

  public static final LatchkeyConfig DEFAULT =
      new LatchkeyConfig(List.of(), List.of(), null, false, List.of(), List.of());

  /** Where a front-end reports to, beside its host's own output; all optional. */
  public record Reporting(Path baseline, boolean updateBaseline, Path sarifOutput) {
    static final Reporting NONE = new Reporting(null, false, null);
  }

  private final List<MethodPattern> acquireMethods;
  private final List<MethodPattern> interruptRestoringMethods;
  private final List<MethodPattern> releaseMethods;
  private final String failOnClass;
  private final boolean checkTestCode;
  private final List<MethodPattern> immediateMethods;
  private final List<MethodPattern> blockingMethods;
  private final Set<CheckId> disabledChecks;
  private final Reporting reporting;

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
    this(
        acquireMethods,
        releaseMethods,
        failOnClass,
        checkTestCode,
        immediateMethods,
        blockingMethods,
        Set.of(),
        Reporting.NONE,
        List.of());
  }

  private LatchkeyConfig(
      List<MethodPattern> acquireMethods,
      List<MethodPattern> releaseMethods,
      String failOnClass,
      boolean checkTestCode,
      List<MethodPattern> immediateMethods,
      List<MethodPattern> blockingMethods,
      Set<CheckId> disabledChecks,
      Reporting reporting,
      List<MethodPattern> interruptRestoringMethods) {
    this.disabledChecks = Set.copyOf(disabledChecks);
    this.interruptRestoringMethods = List.copyOf(interruptRestoringMethods);
    this.reporting = reporting;
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
    String baseline = blankToNull(lookup.apply(BASELINE));
    String sarif = blankToNull(lookup.apply(SARIF_OUTPUT));
    return new LatchkeyConfig(
        patterns(lookup.apply(ACQUIRE_METHODS)),
        patterns(lookup.apply(RELEASE_METHODS)),
        blankToNull(lookup.apply(FAIL_ON_CLASS)),
        Boolean.parseBoolean(blankToNull(lookup.apply(CHECK_TEST_CODE))),
        patterns(lookup.apply(IMMEDIATE_METHODS)),
        patterns(lookup.apply(BLOCKING_METHODS)),
        checks(lookup.apply(DISABLED_CHECKS)),
        new Reporting(
            baseline == null ? null : Path.of(baseline),
            Boolean.parseBoolean(blankToNull(lookup.apply(UPDATE_BASELINE))),
            sarif == null ? null : Path.of(sarif)),
        patterns(lookup.apply(INTERRUPT_RESTORING_METHODS)));
  }

  /**
   * The configuration of a project: the file named by {@code overrides}' {@link #CONFIG} (an error
   * if it does not exist), else {@code latchkey.properties} in {@code projectRoot} if there is one,
   * with each key {@code overrides} gives (even as an empty value, which unsets it) replacing the
   * file's. Every front-end calls this; relative paths in the file are relative to the file's
   * directory, those in {@code overrides} to the working directory.
   *
   * @throws IllegalArgumentException for a missing named file or a value that does not parse
   */
  public static LatchkeyConfig load(Function<String, String> overrides, Path projectRoot) {
    String named = blankToNull(overrides.apply(CONFIG));
    ConfigFile file =
        named != null
            ? ConfigFile.read(Path.of(named))
            : ConfigFile.readIfPresent(projectRoot.resolve(ConfigFile.DEFAULT_NAME));
    return from(
        key -> {
          String override = overrides.apply(key);
          return override != null ? override : file.get(key);
        });
  }

  /**
   * The configuration of a SpotBugs run: system properties ({@code latchkey.acquireMethods}, ...,
   * {@code latchkey.config} for the file) over the file, whose default is in the working directory.
   */
  public static LatchkeyConfig fromSystemProperties() {
    return load(key -> System.getProperty(systemPropertyName(key)), Path.of(""));
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

  /** User-named methods that restore the interrupt ({@link #INTERRUPT_RESTORING_METHODS}). */
  public List<MethodPattern> interruptRestoringMethods() {
    return interruptRestoringMethods;
  }

  /** User-named methods that block without bound ({@link #BLOCKING_METHODS}). */
  public List<MethodPattern> blockingMethods() {
    return blockingMethods;
  }

  /** Whether {@code check} is reported at all (not turned off by {@link #DISABLED_CHECKS}). */
  public boolean enabled(CheckId check) {
    return !disabledChecks.contains(check);
  }

  /** Baseline and SARIF settings. */
  public Reporting reporting() {
    return reporting;
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

  private static Set<CheckId> checks(String value) {
    Set<CheckId> checks = EnumSet.noneOf(CheckId.class);
    if (value != null) {
      for (String part : value.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        CheckId check = CheckId.byId(part.trim());
        if (check == null) {
          throw new IllegalArgumentException(
              "Latchkey: unknown check '" + part.trim() + "' in " + DISABLED_CHECKS);
        }
        checks.add(check);
      }
    }
    return checks;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
