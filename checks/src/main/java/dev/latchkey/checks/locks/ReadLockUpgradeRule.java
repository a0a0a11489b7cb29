package dev.latchkey.checks.locks;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.LockView;
import dev.latchkey.checks.model.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * ReadLockUpgrade: a blocking acquisition of a write view while the same lock's read view is held.
 * Read/write locks do not upgrade: the writer waits for all readers, itself included, forever.
 */
final class ReadLockUpgradeRule {
  private ReadLockUpgradeRule() {}

  static List<Finding> apply(AnalyzedMethod method) {
    List<Finding> findings = new ArrayList<>();
    List<LockSite> sites = new ArrayList<>(method.acquisitions());
    sites.addAll(method.waits());
    for (LockSite site : sites) {
      if (!site.blocking() || site.lock().view() != LockView.WRITE) {
        continue;
      }
      LockPath read = site.lock().viewOwner().view(LockView.READ);
      for (Fact fact : method.in(site.node())) {
        LockState state = fact.lock(read);
        if (state != null && state.isHeld()) {
          Node readSite = method.model().nodes().get(state.heldBy().get(0));
          findings.add(
              new Finding(
                  CheckId.READ_LOCK_UPGRADE,
                  site.node(),
                  List.of(readSite),
                  site.lock().displayName()
                      + " is acquired while its read lock (acquired at line "
                      + readSite.line()
                      + ") is held: read locks do not upgrade, so this thread waits for itself"
                      + " forever; release the read lock first"));
          break;
        }
      }
    }
    return findings;
  }
}
