package dev.latchkey.checks;

import dev.latchkey.checks.model.CatchClause;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A finding's fingerprint: {@code CheckId:binary.ClassName#member:subject}, and {@code :n} for the
 * n-th (n > 1, in line order) finding of a class with the same text. It names no line, so it
 * survives reformatting and code moved within the file, and only names what both front-ends see
 * alike, so javac and SpotBugs give one defect one fingerprint: baselines, SARIF {@code
 * partialFingerprints} and editors use it.
 *
 * <ul>
 *   <li>member: the method's source name; a lambda body ({@code lambda$confirm$0}) counts as its
 *       enclosing method ({@code confirm}), {@code <init>} and {@code <clinit>} as such;
 *   <li>subject: the lock path ({@code this.lock}), else the field's name, else the called method's
 *       name, else the caught types, else empty.
 * </ul>
 */
public final class Fingerprints {
  private Fingerprints() {}

  /** The fingerprint format's version, part of the SARIF {@code partialFingerprints} key. */
  public static final String SARIF_KEY = "latchkey/v1";

  /**
   * {@code findings} of class {@code className} (in line order), each with its fingerprint; {@code
   * methodOf} gives the method a finding was found in.
   */
  static List<Finding> assign(
      String className, List<Finding> findings, Map<Finding, MethodModel> methodOf) {
    Map<String, Integer> seen = new HashMap<>();
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding finding : findings) {
      String base =
          finding.check().id()
              + ":"
              + className
              + "#"
              + member(methodOf.get(finding).ref().name())
              + ":"
              + subject(finding.primary());
      int n = seen.merge(base, 1, Integer::sum);
      out.add(finding.withFingerprint(n == 1 ? base : base + ":" + n));
    }
    return out;
  }

  /** The source member a method name stands for ({@code lambda$run$2} is {@code run}). */
  static String member(String methodName) {
    if (methodName.startsWith("lambda$")) {
      int end = methodName.indexOf('$', "lambda$".length());
      String enclosing =
          methodName.substring("lambda$".length(), end < 0 ? methodName.length() : end);
      return switch (enclosing) {
        case "new" -> "<init>";
        case "static" -> "<clinit>";
        default -> enclosing;
      };
    }
    return methodName;
  }

  private static String subject(Node node) {
    if (node.lock() != null) {
      return node.lock().toString();
    }
    if (node.field() != null) {
      return node.field().name();
    }
    if (node.callee() != null) {
      return node.callee().name();
    }
    CatchClause clause = node.catchClause();
    if (clause != null) {
      return String.join("|", clause.caughtTypes());
    }
    return "";
  }
}
