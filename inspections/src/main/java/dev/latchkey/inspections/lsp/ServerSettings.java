package dev.latchkey.inspections.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.latchkey.checks.config.LatchkeyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the client configures in its initialization options: Latchkey's settings (keys of {@link
 * LatchkeyConfig} with a lower-case first letter: {@code acquireMethods}, {@code releaseMethods},
 * {@code immediateMethods}, {@code blockingMethods}, {@code checkTestCode}; a string or a list of
 * strings each), the class path ({@code classpath}: a list of jars and class directories; when
 * absent, the workspace's Maven build is asked once, in the background: {@code mavenClasspath:
 * false} turns that off), the source roots ({@code sourceRoots}; by default {@code src/main/java}
 * and {@code src/test/java} of the workspace, or the workspace itself), and the debounce delay of
 * analyses while typing ({@code debounceMillis}, 250 by default). The options override the keys of
 * the project's {@code latchkey.properties} at the workspace root (or the file the option {@code
 * config} names), whose {@code Baseline} holds findings back as in every front-end; {@code
 * configProblem} says why that file could not be read, or is null.
 */
record ServerSettings(
    LatchkeyConfig config,
    List<Path> classPath,
    boolean classPathGiven,
    boolean mavenClasspath,
    List<Path> sourceRoots,
    long debounceMillis,
    String configProblem) {

  static ServerSettings from(JsonElement options, Path root) {
    JsonObject object =
        options != null && options.isJsonObject() ? options.getAsJsonObject() : new JsonObject();
    java.util.function.Function<String, String> lookup =
        key -> {
          String name = Character.toLowerCase(key.charAt(0)) + key.substring(1);
          JsonElement value = object.get(name);
          if (value == null || value.isJsonNull()) {
            return null;
          }
          if (value.isJsonArray()) {
            List<String> parts = new ArrayList<>();
            value.getAsJsonArray().forEach(e -> parts.add(e.getAsString()));
            return String.join(",", parts);
          }
          return value.getAsString();
        };
    // The project's latchkey.properties (at the workspace root, or the option "config"), each
    // option overriding its key, as the javac and SpotBugs front-ends read it. A file that does not
    // parse is reported and left out: the options alone configure the server then.
    LatchkeyConfig config;
    String configProblem = null;
    try {
      config = LatchkeyConfig.load(lookup, root == null ? Path.of("") : root);
    } catch (RuntimeException e) {
      configProblem = "configuration not read: " + e.getMessage();
      LatchkeyConfig fallback;
      try {
        fallback = LatchkeyConfig.from(lookup);
      } catch (RuntimeException again) {
        fallback = LatchkeyConfig.DEFAULT;
      }
      config = fallback;
    }
    List<Path> classPath = paths(object.get("classpath"), root);
    List<Path> sourceRoots = paths(object.get("sourceRoots"), root);
    if (sourceRoots.isEmpty() && root != null) {
      for (String conventional : List.of("src/main/java", "src/test/java")) {
        if (Files.isDirectory(root.resolve(conventional))) {
          sourceRoots.add(root.resolve(conventional));
        }
      }
      if (sourceRoots.isEmpty()) {
        sourceRoots.add(root);
      }
    }
    boolean maven = !object.has("mavenClasspath") || object.get("mavenClasspath").getAsBoolean();
    long debounce = object.has("debounceMillis") ? object.get("debounceMillis").getAsLong() : 250;
    return new ServerSettings(
        config, classPath, object.has("classpath"), maven, sourceRoots, debounce, configProblem);
  }

  private static List<Path> paths(JsonElement value, Path root) {
    List<Path> paths = new ArrayList<>();
    if (value == null || value.isJsonNull()) {
      return paths;
    }
    JsonArray array = value.isJsonArray() ? value.getAsJsonArray() : new JsonArray();
    if (!value.isJsonArray()) {
      for (String part : value.getAsString().split(java.io.File.pathSeparator)) {
        array.add(part);
      }
    }
    for (JsonElement element : array) {
      String text = element.getAsString();
      if (!text.isBlank()) {
        Path path = Path.of(text);
        paths.add(path.isAbsolute() || root == null ? path : root.resolve(path));
      }
    }
    return paths;
  }
}
