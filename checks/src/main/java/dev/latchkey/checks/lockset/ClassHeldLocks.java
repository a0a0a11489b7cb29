package dev.latchkey.checks.lockset;

import dev.latchkey.checks.config.MethodPattern;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link HeldLocks} for every method of one class, where the body of a lambda that runs at once
 * ({@link ImmediateCalls}: {@code forEach}, {@code computeIfAbsent}, ...) starts holding the locks
 * held at every call that creates it. Any other lambda, and every ordinary method, starts holding
 * nothing (a {@code synchronized} method: its own monitor). Shared by the race and lock-order
 * families.
 */
public final class ClassHeldLocks {
  private final Map<MethodRef, MethodModel> methods = new HashMap<>();
  private final Map<MethodRef, List<Creation>> creations = new HashMap<>();
  private final Map<MethodModel, HeldLocks> solved = new IdentityHashMap<>();
  private final Map<MethodModel, Set<LockPath>> entries = new IdentityHashMap<>();
  private final Set<MethodModel> inProgress = new HashSet<>();
  private final List<MethodPattern> immediateMethods;

  /** A call in {@code method} that passes a body to {@code call}. */
  private record Creation(MethodModel method, Node call) {}

  private ClassHeldLocks(ClassModel cls, List<MethodPattern> immediateMethods) {
    this.immediateMethods = List.copyOf(immediateMethods);
    for (MethodModel method : cls.methods()) {
      methods.put(method.ref(), method);
    }
    for (MethodModel method : cls.methods()) {
      for (Node node : method.nodes()) {
        if (node.kind() == NodeKind.CALL) {
          for (MethodRef body : node.taskBodies()) {
            creations
                .computeIfAbsent(body, ref -> new ArrayList<>())
                .add(new Creation(method, node));
          }
        }
      }
    }
  }

  /** {@code immediateMethods}: the user's additions to the table of immediate-run methods. */
  public static ClassHeldLocks of(ClassModel cls, List<MethodPattern> immediateMethods) {
    return new ClassHeldLocks(cls, immediateMethods);
  }

  /**
   * Whether {@code call} runs its task bodies at once, on the calling thread ({@link
   * ImmediateCalls}).
   */
  public boolean runsBodiesNow(Node call) {
    return ImmediateCalls.runsBodiesNow(call, immediateMethods);
  }

  /** The held-lock analysis of {@code method} (a method of this class), with its entry locks. */
  public HeldLocks held(MethodModel method) {
    HeldLocks done = solved.get(method);
    if (done == null) {
      done = HeldLocks.of(method, entryLocks(method));
      solved.put(method, done);
    }
    return done;
  }

  /**
   * The locks {@code method} holds when it starts: for a lambda body run at once by every call that
   * creates it, the locks held at all those calls; otherwise none.
   */
  public Set<LockPath> entryLocks(MethodModel method) {
    Set<LockPath> known = entries.get(method);
    if (known != null) {
      return known;
    }
    if (!method.has(MethodModel.Flag.LAMBDA) || !inProgress.add(method)) {
      return Set.of();
    }
    Set<LockPath> common = null;
    for (Creation creation : creations.getOrDefault(method.ref(), List.of())) {
      if (!runsBodiesNow(creation.call())) {
        common = Set.of();
        break;
      }
      HeldLocks creator = held(creation.method());
      if (!creator.reached(creation.call())) {
        continue;
      }
      Set<LockPath> here = creator.before(creation.call());
      if (common == null) {
        common = new HashSet<>(here);
      } else {
        common.retainAll(here);
      }
    }
    inProgress.remove(method);
    Set<LockPath> result = common == null ? Set.of() : Set.copyOf(common);
    entries.put(method, result);
    return result;
  }

  /** Whether {@code method} is a lambda body that some call of the class runs at once. */
  public boolean runsInCreator(MethodModel method) {
    if (!method.has(MethodModel.Flag.LAMBDA)) {
      return false;
    }
    List<Creation> made = creations.getOrDefault(method.ref(), List.of());
    return !made.isEmpty() && made.stream().allMatch(c -> runsBodiesNow(c.call()));
  }

  /** The methods of this class that create the lambda or method reference {@code body}. */
  public List<MethodModel> creators(MethodModel body) {
    List<MethodModel> result = new ArrayList<>();
    for (Creation creation : creations.getOrDefault(body.ref(), List.of())) {
      if (!result.contains(creation.method())) {
        result.add(creation.method());
      }
    }
    return result;
  }

  /** The method of this class with this reference, or null. */
  public MethodModel method(MethodRef ref) {
    return methods.get(ref);
  }
}
