package dev.latchkey.checks.exceptions;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.api.ExceptionApi;
import dev.latchkey.checks.model.CatchClause;
import dev.latchkey.checks.model.CatchSource;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SwallowedException: an empty handler, or a broad handler that never looks at the exception and
 * neither throws nor returns. InterruptedException handlers are InterruptSwallowed's.
 */
final class SwallowedExceptionRule {
  private SwallowedExceptionRule() {}

  static List<Finding> apply(MethodModel method) {
    List<Finding> findings = new ArrayList<>();
    for (Node node : method.nodes()) {
      if (node.kind() != NodeKind.CATCH) {
        continue;
      }
      CatchClause clause = node.catchClause();
      if (ExceptionTypes.catchesInterrupted(clause) || expectedByTest(clause)) {
        continue;
      }
      String caught = simpleNames(clause.caughtTypes());
      if (clause.emptyBody()) {
        if (!optedOut(clause.variable())
            && !CatchSource.hasComment(clause.blockSource())
            && !fallsBack(method, clause)) {
          findings.add(
              finding(node, "this empty handler discards every " + caught + advice(clause)));
        }
        continue;
      }
      if (!ExceptionTypes.catchesBroadly(clause)) {
        continue;
      }
      HandlerRegion region = HandlerRegion.of(method, node);
      if (!region.readsVariable(clause.variable())
          && !region.containsAny(NodeKind.THROW, NodeKind.RETURN)) {
        findings.add(
            finding(
                node,
                "this handler catches "
                    + caught
                    + " but never uses the exception, so the failure and its stack trace are"
                    + " lost: log it with the exception, wrap and rethrow it, or catch only what"
                    + " you can handle"));
      }
    }
    return findings;
  }

  /**
   * What to do, with the opt-outs only where the front-end can see them: a variable name it reads
   * (javac; bytecode from the source file or the LocalVariableTable) and a comment (source read).
   */
  private static String advice(CatchClause clause) {
    String advice = ": handle it, log it, or rethrow it";
    if (clause.blockSource() != null) {
      return advice
          + " (if dropping it is intended, say why in a comment inside the block, or name the"
          + " variable `ignored`)";
    }
    return clause.variable() != null
        ? advice + " (name the variable `ignored` if dropping it is intended)"
        : advice;
  }

  private static Finding finding(Node node, String message) {
    return new Finding(CheckId.SWALLOWED_EXCEPTION, node, List.of(), message);
  }

  /** The convention Error Prone users know: such a variable is dropped on purpose. */
  static boolean optedOut(String variable) {
    if (variable == null) {
      return false;
    }
    String name = variable.toLowerCase(Locale.ROOT);
    return name.equals("ignore") || name.startsWith("ignored") || name.startsWith("expected");
  }

  /**
   * An attempt with a fallback: {@code try { return Integer.parseInt(text); } catch
   * (NumberFormatException e) {} return defaultValue;}. In a method that returns a value, the
   * {@code try} block ends in a {@code return} (or {@code throw}), so only the handler reaches the
   * code after it: that code computes the result another way, and the narrow exception said no more
   * than "not this way". Only expected, narrow failures ({@link ExceptionApi#isExpectedFailure}: a
   * parse, a missing file, a probe) qualify: an {@code IOException} or a broad handler also ends
   * work half-done, and the fallback result then hides it. A lambda body is still reported (its
   * result type is not known alike to both front-ends).
   */
  private static boolean fallsBack(MethodModel method, CatchClause clause) {
    String descriptor = method.ref().descriptor();
    return clause.tryEndsInReturnOrThrow()
        && clause.caughtTypes().stream().allMatch(ExceptionApi::isExpectedFailure)
        && !method.has(MethodModel.Flag.LAMBDA)
        && descriptor != null
        && !descriptor.endsWith(")V");
  }

  /** {@code try { parse(); fail("..."); } catch (ParseException expected) {}}. */
  private static boolean expectedByTest(CatchClause clause) {
    return "fail".equals(clause.tryLastCallName());
  }

  static String simpleNames(List<String> types) {
    List<String> names = new ArrayList<>();
    for (String type : types) {
      names.add(type.substring(type.lastIndexOf('.') + 1).replace('$', '.'));
    }
    return String.join(" | ", names);
  }
}
