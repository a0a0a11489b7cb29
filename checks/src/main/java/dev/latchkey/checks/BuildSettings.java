package dev.latchkey.checks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Settings the build writes into {@code latchkey-build.properties} (see the root pom). */
final class BuildSettings {
  private BuildSettings() {}

  static String docsBaseUrl() {
    Properties properties = new Properties();
    try (InputStream in = BuildSettings.class.getResourceAsStream("latchkey-build.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "latchkey-build.properties is missing from latchkey-checks");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String url = properties.getProperty("docsBaseUrl", "");
    if (!url.endsWith("/") || url.contains("${")) {
      throw new IllegalStateException(
          "latchkey.docs.baseUrl is not set by the build: '" + url + "'");
    }
    return url;
  }
}
