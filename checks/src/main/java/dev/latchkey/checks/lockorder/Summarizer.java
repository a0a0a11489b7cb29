package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.lockorder.MethodSummary.Acquisition;
import dev.latchkey.checks.lockorder.MethodSummary.CallSite;
import dev.latchkey.checks.lockset.ClassHeldLocks;
import dev.latchkey.checks.lockset.HeldLocks;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a {@link ClassSummary} from a class model. */
final class Summarizer {
  /** Callees in these packages have no summaries (the JDK is not analysed). */
  private static final List<String> LIBRARY_PREFIXES =
      List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

  private final ClassModel cls;
  private final ClassHeldLocks held;
  private final Map<MethodModel, Map<LockPath, String>> rootTypes = new HashMap<>();

  private Summarizer(ClassModel cls, ClassHeldLocks held) {
    this.cls = cls;
    this.held = held;
  }

  static ClassSummary summarize(ClassModel cls, LatchkeyConfig config) {
    return summarize(cls, ClassHeldLocks.of(cls, config));
  }

  static ClassSummary summarize(ClassModel cls, ClassHeldLocks held) {
    Summarizer summarizer = new Summarizer(cls, held);
    List<MethodSummary> methods = new ArrayList<>();
    for (MethodModel method : cls.methods()) {
      methods.add(summarizer.summarize(method));
    }
    return new ClassSummary(cls.name(), methods);
  }

  private MethodSummary summarize(MethodModel method) {
    HeldLocks locks = held.heldByOwnCode(method);
    List<Acquisition> acquisitions = new ArrayList<>();
    List<CallSite> calls = new ArrayList<>();
    for (Node node : method.nodes()) {
      if (!locks.reached(node)) {
        continue;
      }
      if (node.kind() == NodeKind.ACQUIRE && node.lockKind() != LockKind.PERMIT) {
        String key = keyOf(node.lock(), method);
        if (key != null) {
          acquisitions.add(
              new Acquisition(site(method, node), node.lock(), key, heldAt(locks, node, method)));
        }
      } else if (node.kind() == NodeKind.CALL) {
        addCalls(method, node, heldAt(locks, node, method), calls);
      }
    }
    HeldLock own = null;
    if (method.has(MethodModel.Flag.SYNCHRONIZED)) {
      LockPath monitor = HeldLocks.methodMonitor(method);
      own = new HeldLock(monitor, LockKeys.key(monitor, null, method));
    }
    return new MethodSummary(
        method.ref(),
        method.line(),
        method.parameterNames(),
        method.has(MethodModel.Flag.LAMBDA),
        own,
        acquisitions,
        calls);
  }

  private void addCalls(
      MethodModel method, Node call, List<HeldLock> heldHere, List<CallSite> out) {
    Site site = site(method, call);
    if (!library(call.callee().owner())) {
      out.add(
          new CallSite(site, call.callee(), call.receiver(), call.arguments(), heldHere, false));
    }
    if (!held.runsBodiesNow(call)) {
      return;
    }
    List<MethodRef> bodies = call.taskBodies();
    for (int i = 0; i < bodies.size(); i++) {
      MethodModel body = held.method(bodies.get(i));
      if (body != null && body.has(MethodModel.Flag.LAMBDA)) {
        LockPath self = method.has(MethodModel.Flag.STATIC) ? null : LockPath.ofThis();
        out.add(new CallSite(site, body.ref(), self, List.of(), heldHere, true));
      } else if (!library(bodies.get(i).owner())) {
        LockPath bound = i < call.boundReceivers().size() ? call.boundReceivers().get(i) : null;
        out.add(new CallSite(site, bodies.get(i), bound, List.of(), heldHere, false));
      }
    }
  }

  private static boolean library(String owner) {
    return LIBRARY_PREFIXES.stream().anyMatch(owner::startsWith);
  }

  private Site site(MethodModel method, Node node) {
    return new Site(cls.name(), method.ref(), node.line(), node.label(), node.id());
  }

  private List<HeldLock> heldAt(HeldLocks locks, Node node, MethodModel method) {
    List<HeldLock> result = new ArrayList<>();
    for (LockPath path : locks.before(node)) {
      result.add(new HeldLock(path, keyOf(path, method)));
    }
    result.sort(Comparator.comparing(lock -> lock.path().toString()));
    return result;
  }

  /** The key of {@code path} in {@code method}, its root's type looked up in the method's code. */
  String keyOf(LockPath path, MethodModel method) {
    if (path.rootKind() != LockPath.RootKind.LOCAL) {
      return LockKeys.key(path, null, method);
    }
    return LockKeys.key(path, rootType(path, method, new HashSet<>()), method);
  }

  private String rootType(LockPath path, MethodModel method, Set<MethodModel> seen) {
    if (!seen.add(method)) {
      return null;
    }
    String own = rootTypes.computeIfAbsent(method, Summarizer::rootTypes).get(rootOf(path));
    if (own != null) {
      return own;
    }
    // A lambda's captured locals are the creator's.
    if (method.has(MethodModel.Flag.LAMBDA)) {
      for (MethodModel creator : held.creators(method)) {
        String found = rootType(path, creator, seen);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static LockPath rootOf(LockPath path) {
    return LockPath.ofLocal(path.root());
  }

  private static Map<LockPath, String> rootTypes(MethodModel method) {
    Map<LockPath, String> types = new HashMap<>();
    for (Node node : method.nodes()) {
      if (node.lock() != null
          && node.rootType() != null
          && node.lock().rootKind() == LockPath.RootKind.LOCAL) {
        types.putIfAbsent(rootOf(node.lock()), node.rootType());
      }
    }
    return types;
  }
}
