package dev.latchkey.checks.lockset;

import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls whose result is a guard closed later in the method: stored in a local that is {@code
 * close()}d, as try-with-resources does ({@code try (AutoLock l = lock.lock()) {..}}). The close
 * names the local, or — where the front-end follows the local to the value it holds — the call's
 * own path ({@code this.lock.lock()}).
 */
public final class LockGuards {
  private LockGuards() {}

  /** The {@code close()} calls in {@code method} of the result of {@code call}. */
  public static List<Node> closes(MethodModel method, Node call) {
    List<Node> closes = new ArrayList<>();
    LockPath stored = call.resultStoredTo();
    if (call.kind() != NodeKind.CALL
        || stored == null
        || stored.rootKind() != LockPath.RootKind.LOCAL) {
      return closes;
    }
    LockPath value = valuePath(call);
    for (Node node : method.nodes()) {
      if (node.kind() == NodeKind.CALL
          && node.callee().name().equals("close")
          && node.arguments().isEmpty()
          && node.receiver() != null
          && (node.receiver().equals(stored) || node.receiver().equals(value))) {
        closes.add(node);
      }
    }
    return closes;
  }

  /** The path of a no-argument instance call's result ({@code this.lock.lock()}), or null. */
  private static LockPath valuePath(Node call) {
    if (!call.arguments().isEmpty()
        || call.receiver() == null
        || call.callee().name().startsWith("<")) {
      return null;
    }
    return call.receiver().call(call.callee().name());
  }
}
