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
 * analyses while typing ({@code debounceMillis}, 250 by default).
 */
record ServerSettings(
    LatchkeyConfig config,
    List<Path> classPath,
    boolean classPathGiven,
    boolean mavenClasspath,
    List<Path> sourceRoots,
    long debounceMillis) {

  static ServerSettings from(JsonElement options, Path root) {
    JsonObject object =
        options != null && options.isJsonObject() ? options.getAsJsonObject() : new JsonObject();
    LatchkeyConfig config =
        LatchkeyConfig.from(
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
            });
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
        config, classPath, object.has("classpath"), maven, sourceRoots, debounce);
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
