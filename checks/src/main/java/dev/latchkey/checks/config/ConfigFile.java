package dev.latchkey.checks.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A project's {@code latchkey.properties}: Java properties whose keys are {@link LatchkeyConfig}'s,
 * written with a lower-case first letter as in the system properties without their {@code
 * latchkey.} prefix ({@code acquireMethods=com.acme.Locks#acquire(0)}, {@code
 * disabledChecks=TimedBlockingUnderLock}, {@code baseline=latchkey-baseline.json}). The baseline's
 * path is relative to the file's directory.
 */
public final class ConfigFile {
  /** The file every front-end looks for in the project root. */
  public static final String DEFAULT_NAME = "latchkey.properties";

  private static final ConfigFile EMPTY = new ConfigFile(Map.of());

  private final Map<String, String> values;

  private ConfigFile(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException if it is missing, unreadable or names an unknown key
   */
  public static ConfigFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "Latchkey: configuration file " + file.toAbsolutePath() + " does not exist");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Latchkey: cannot read " + file.toAbsolutePath(), e);
    }
    Path directory = file.toAbsolutePath().getParent();
    Map<String, String> values = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      String key = Character.toUpperCase(name.charAt(0)) + name.substring(1);
      if (!KNOWN_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "Latchkey: unknown key '" + name + "' in " + file + "; known keys: " + knownKeys());
      }
      String value = properties.getProperty(name).trim();
      if (key.equals(LatchkeyConfig.BASELINE) && !value.isEmpty()) {
        value = directory.resolve(value).normalize().toString();
      }
      values.put(key, value);
    }
    return new ConfigFile(values);
  }

  /** {@code file} if it exists, else an empty configuration. */
  public static ConfigFile readIfPresent(Path file) {
    return Files.exists(file) ? read(file) : EMPTY;
  }

  /** The value of {@code key} ({@code AcquireMethods}), or null. */
  public String get(String key) {
    return values.get(key);
  }

  /**
   * What a project shares across front-ends. Not the SARIF output or the baseline update: each
   * front-end writes its own report, and updating is a command, not a setting.
   */
  private static final List<String> KNOWN_KEYS =
      List.of(
          LatchkeyConfig.ACQUIRE_METHODS,
          LatchkeyConfig.RELEASE_METHODS,
          LatchkeyConfig.BLOCKING_METHODS,
          LatchkeyConfig.INTERRUPT_RESTORING_METHODS,
          LatchkeyConfig.IMMEDIATE_METHODS,
          LatchkeyConfig.CHECK_TEST_CODE,
          LatchkeyConfig.DISABLED_CHECKS,
          LatchkeyConfig.BASELINE);

  private static String knownKeys() {
    StringBuilder text = new StringBuilder();
    for (String key : KNOWN_KEYS) {
      text.append(text.length() == 0 ? "" : ", ")
          .append(Character.toLowerCase(key.charAt(0)))
          .append(key.substring(1));
    }
    return text.toString();
  }
}
