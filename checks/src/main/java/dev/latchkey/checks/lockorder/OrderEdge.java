package dev.latchkey.checks.lockorder;

import java.util.List;

/**
 * An edge of the lock-order graph: lock {@code to} is acquired while {@code from} is held.
 *
 * @param from the key of the held lock
 * @param to the key of the acquired lock
 * @param site where: the inner acquisition, or the call that leads to it
 * @param heldText the held lock as the method names it ({@code this.lock})
 * @param acquiredText the acquired lock as the method names it, or its key
 * @param chain when {@code site} is a call: the sites from the callee down to the acquisition
 * @param selfLoop two locks of the same key taken in argument order ({@code transfer(from, to)})
 * @param gates the keys of the other locks held while {@code to} is acquired here (sorted): an
 *     order both of whose directions always run under one of them cannot deadlock
 * @param fanOut when a call of the chain may run several bodies, how many (0: none)
 * @param descends the acquired lock belongs to an object the held lock's object holds in a final
 *     field (directly or through more final fields): a wrapper taking its delegate's lock
 */
record OrderEdge(
    String from,
    String to,
    Site site,
    String heldText,
    String acquiredText,
    List<Site> chain,
    boolean selfLoop,
    List<String> gates,
    int fanOut,
    boolean descends) {
  OrderEdge {
    chain = List.copyOf(chain);
    gates = List.copyOf(gates);
  }

  /** "`transfer()` takes `this.lock` then `Ledger.LOCK` (via `Ledger.record()`)". */
  String describe(String fromClass) {
    return "`"
        + site.methodText(fromClass)
        + "` takes `"
        + heldText
        + "` then `"
        + acquiredText
        + "`"
        + via(fromClass);
  }

  String via(String fromClass) {
    if (chain.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(" (via ");
    String previous = null;
    int shown = 0;
    for (Site step : chain) {
      String name = step.methodText(fromClass);
      if (name.equals(previous)) {
        continue;
      }
      text.append(shown == 0 ? "" : " -> ").append('`').append(name).append('`');
      previous = name;
      shown++;
    }
    if (fanOut > 1) {
      text.append(", one of ").append(fanOut).append(" implementations a call there may run");
    }
    return text.append(')').toString();
  }
}
