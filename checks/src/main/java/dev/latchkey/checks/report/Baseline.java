package dev.latchkey.checks.report;

import dev.latchkey.checks.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A baseline: the fingerprints ({@link Finding#fingerprint()}) of findings a project has accepted
 * for now, so that only new ones are reported. One JSON file for every front-end:
 *
 * <pre>{@code
 * {
 *   "latchkeyBaseline": 1,
 *   "fingerprints": [
 *     "LockNotReleased:com.acme.Pool#borrow:this.permits"
 *   ]
 * }
 * }</pre>
 *
 * Updating adds the current findings' fingerprints to the file (never removes any), so the
 * front-ends and compilations of one build can each add theirs; start from an empty file to drop
 * fixed findings.
 */
public final class Baseline {
  /** No baseline: every finding is new. */
  public static final Baseline NONE = new Baseline(Set.of());

  private final Set<String> fingerprints;

  private Baseline(Set<String> fingerprints) {
    this.fingerprints = fingerprints;
  }

  /**
   * The baseline in {@code file}; an absent file is an empty baseline (the first update writes it),
   * null is {@link #NONE}.
   *
   * @throws IllegalArgumentException when the file is not a baseline
   */
  public static Baseline read(Path file) {
    if (file == null || !Files.exists(file)) {
      return NONE;
    }
    return new Baseline(fingerprintsIn(file));
  }

  /** Whether {@code finding} is accepted by this baseline (so not reported). */
  public boolean contains(Finding finding) {
    return finding.fingerprint() != null && fingerprints.contains(finding.fingerprint());
  }

  /** The findings not in this baseline. */
  public List<Finding> newFindings(Collection<Finding> findings) {
    List<Finding> fresh = new ArrayList<>();
    for (Finding finding : findings) {
      if (!contains(finding)) {
        fresh.add(finding);
      }
    }
    return fresh;
  }

  /** Adds {@code added} fingerprints to the baseline {@code file}, creating it if needed. */
  public static void update(Path file, Collection<String> added) {
    Set<String> all = new TreeSet<>(Files.exists(file) ? fingerprintsIn(file) : Set.of());
    all.addAll(added);
    StringBuilder json = new StringBuilder("{\n  \"latchkeyBaseline\": 1,\n  \"fingerprints\": [");
    int i = 0;
    for (String fingerprint : all) {
      json.append(i++ == 0 ? "\n    " : ",\n    ").append(Json.quote(fingerprint));
    }
    json.append(all.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    SarifLog.writeAtomically(file, json.toString());
  }

  private static Set<String> fingerprintsIn(Path file) {
    Object parsed;
    try {
      parsed = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Latchkey: cannot read the baseline " + file, e);
    }
    if (!(parsed instanceof Map<?, ?> map && map.get("fingerprints") instanceof List<?> list)) {
      throw new IllegalArgumentException(
          "Latchkey: " + file + " is not a baseline (no \"fingerprints\" list)");
    }
    Set<String> fingerprints = new TreeSet<>();
    for (Object element : list) {
      if (element instanceof String fingerprint) {
        fingerprints.add(fingerprint);
      }
    }
    return fingerprints;
  }
}
