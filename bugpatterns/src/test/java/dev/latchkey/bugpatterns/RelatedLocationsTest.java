package dev.latchkey.bugpatterns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.RelatedLocation;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

/** javac has one position per diagnostic: a finding's related places go into its message. */
class RelatedLocationsTest {
  private final MethodModel.Builder model = MethodModel.builder(new MethodRef("p.T", "m", "()V"));
  private final Node primary = model.nop(10, null);
  private final Node other = model.nop(20, null);
  private final Node named = model.nop(30, null);

  @Test
  void relatedLocationsAreAppendedWithTheirClassAndLine() {
    MethodRef audit = new MethodRef("p.Ledger", "audit", "()V");
    Finding finding =
        Finding.withLocations(
            CheckId.LOCK_ORDER_INVERSION,
            primary,
            "`m()` takes `a` then `b`",
            List.of(
                new RelatedLocation("p.T", audit, 20, "`m()` takes `b`", other),
                new RelatedLocation("p.Ledger", audit, 12, "`audit()` takes `b` then `a`", null)));
    assertEquals(
        "`m()` takes `a` then `b`; related: `m()` takes `b` at T:20;"
            + " related: `audit()` takes `b` then `a` at Ledger:12",
        JavacFindingReporter.withRelatedLines(finding));
  }

  @Test
  void relatedNodesNameTheLinesTheMessageDoesNotName() {
    Finding finding =
        new Finding(
            CheckId.UNGUARDED_FIELD_ACCESS,
            primary,
            List.of(other, named, primary),
            "`count` is written under `this.lock` at line 30");
    assertEquals(
        "`count` is written under `this.lock` at line 30 (see line 20)",
        JavacFindingReporter.withRelatedLines(finding));
    Finding plain = new Finding(CheckId.UNGUARDED_FIELD_ACCESS, primary, List.of(), "plain");
    assertEquals("plain", JavacFindingReporter.withRelatedLines(plain));
  }
}
