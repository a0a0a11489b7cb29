package dev.latchkey.checks.lockset;

import dev.latchkey.checks.Program;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.config.MethodPattern;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The lockset engine of one class: which locks every method holds before each of its nodes ({@link
 * HeldLocks}), starting from the locks it holds on entry. A method holds on entry
 *
 * <ul>
 *   <li>what it declares: the lock of its own {@code @GuardedBy}, a lock it asserts it holds before
 *       taking it ({@code assert Thread.holdsLock(lock)}, {@code
 *       checkState(lock.isHeldByCurrentThread())}), a lock of {@code this} or a class it releases
 *       but never takes (a release helper);
 *   <li>for a lambda body run at once on the creating thread (by a library method, {@link
 *       ImmediateCalls}, or by a helper of the class that invokes it), the locks held where it
 *       runs;
 *   <li>for a method no subclass can override, called only on {@code this} (or statically) from the
 *       class, the locks held at all of those calls (a descending fixpoint, cycle-safe).
 * </ul>
 *
 * Races read {@link #held}; lock order and blocking read {@link #heldByOwnCode}, which leaves out
 * locks inherited through calls: those are reported at the calls that hold them.
 *
 * <p>The races' engine works over a {@link ClassScope}: the class and its related classes (nest,
 * superclasses). Their methods are one set: a helper or lambda of a related class gets its entry
 * locks from its call sites in any class of the scope, a call from another class of the scope
 * ({@link CallSites.Kind#CALL_ACROSS}) carrying its held locks as the callee's body names them
 * ({@code this.lock} of the outer object is {@code Outer.this.lock} in an anonymous class); only
 * callers outside the scope come from the program's summaries.
 */
public final class ClassHeldLocks {
  private final ClassScope scope;
  private final LatchkeyConfig config;
  private final CallSites sites;
  private final ProgramCallers callers;
  private final Map<MethodModel, Set<LockPath>> declared = new IdentityHashMap<>();
  private final Map<MethodModel, Set<LockPath>> releasedOnly = new IdentityHashMap<>();
  private final Map<MethodModel, List<LockPath>> leftHeld = new IdentityHashMap<>();
  private final CallEffects effects =
      new CallEffects() {
        @Override
        public List<LockPath> acquires(Node call) {
          MethodModel callee = helper(call);
          return callee == null ? List.of() : translate(call, callee, leftHeld(callee));
        }

        @Override
        public List<LockPath> releases(Node call) {
          MethodModel callee = helper(call);
          return callee == null
              ? List.of()
              : translate(call, callee, HeldLocks.sorted(releasedOnly.get(callee)));
        }
      };
  private Entries all;
  private Entries own;

  private ClassHeldLocks(ClassScope scope, LatchkeyConfig config, Program program) {
    this.scope = scope;
    this.config = config;
    this.sites = CallSites.of(scope, config);
    this.callers = program == null ? null : ProgramCallers.of(program);
    for (MethodModel method : scope.methods()) {
      declared.put(method, declaredEntry(method));
    }
  }

  /** The engine for {@code cls} on its own: entry locks from callers inside the class only. */
  public static ClassHeldLocks of(ClassModel cls, LatchkeyConfig config) {
    return new ClassHeldLocks(ClassScope.of(cls), config, null);
  }

  /**
   * The engine for {@code cls} in {@code program}: a method no subclass can override, or a method
   * of an anonymous class called where the object is made ({@code new Runnable() {..}.run()}), also
   * holds on entry what its callers in the program's other classes all hold (javac: the other
   * classes of the compilation unit; SpotBugs: every class analysed). Lock order and blocking do
   * not use these: a call into another class is judged at the call.
   */
  public static ClassHeldLocks of(ClassModel cls, LatchkeyConfig config, Program program) {
    return new ClassHeldLocks(ClassScope.of(cls), config, program);
  }

  /**
   * The engine over the methods of {@code scope} (the races' engine): entry locks from the call
   * sites in every class of the scope, and from the program's classes outside it.
   */
  public static ClassHeldLocks of(ClassScope scope, LatchkeyConfig config, Program program) {
    return new ClassHeldLocks(scope, config, program);
  }

  /** {@code immediateMethods}: the user's additions to the table of immediate-run methods. */
  public static ClassHeldLocks of(ClassModel cls, List<MethodPattern> immediateMethods) {
    return of(
        cls, new LatchkeyConfig(List.of(), List.of(), null, false, immediateMethods, List.of()));
  }

  /** The held locks of {@code method} (a method of the scope), with all of its entry locks. */
  public HeldLocks held(MethodModel method) {
    return all().held(method);
  }

  /**
   * The held locks of {@code method} without those it inherits from the calls of it: what its own
   * code, its declarations and the code that creates it (a lambda run at once) show.
   */
  public HeldLocks heldByOwnCode(MethodModel method) {
    return own().held(method);
  }

  /** The locks {@code method} holds when it starts. */
  public Set<LockPath> entryLocks(MethodModel method) {
    return all().entry(method);
  }

  /** Where {@code method} is called, or its body passed, inside the class (the scope). */
  public List<CallSites.Site> sites(MethodModel method) {
    return sites.of(method);
  }

  /**
   * Whether {@code call} runs its task bodies at once, on the calling thread, by the table of
   * library methods that do ({@link ImmediateCalls}).
   */
  public boolean runsBodiesNow(Node call) {
    return ImmediateCalls.runsBodiesNow(call, config.immediateMethods());
  }

  /**
   * {@link #runsBodiesNow}, or a helper of this class that invokes the bodies it is given itself
   * ({@code withLock(() -> ..)}).
   */
  public boolean runsBodiesOnCallingThread(Node call) {
    return sites.runsBodiesNow(call);
  }

  /** Whether {@code method} is a lambda body that every call creating it runs at once. */
  public boolean runsInCreator(MethodModel method) {
    if (!method.has(Flag.LAMBDA)) {
      return false;
    }
    List<CallSites.Site> made = sites.of(method);
    return !made.isEmpty()
        && made.stream().allMatch(site -> site.kind() == CallSites.Kind.RUN_IMMEDIATELY);
  }

  /** The methods of this class that create the lambda or method reference {@code body}. */
  public List<MethodModel> creators(MethodModel body) {
    List<MethodModel> result = new ArrayList<>();
    for (CallSites.Site site : sites.of(body)) {
      if (site.kind() != CallSites.Kind.RUN_BY_HELPER && !result.contains(site.caller())) {
        result.add(site.caller());
      }
    }
    return result;
  }

  /** The method of this class (of the scope) with this reference, or null. */
  public MethodModel method(MethodRef ref) {
    return sites.method(ref);
  }

  /** Entry locks from every site: what the races read. Solved on first use. */
  private Entries all() {
    if (all == null) {
      all = new Entries(this::inheritsFromAnySite, CallSites.Site::runsNow, true);
    }
    return all;
  }

  /** Entry locks from lambdas' creating calls only: what lock order and blocking read. */
  private Entries own() {
    if (own == null) {
      own =
          new Entries(
              this::runsInCreator, site -> site.kind() == CallSites.Kind.RUN_IMMEDIATELY, false);
    }
    return own;
  }

  private boolean inheritsFromAnySite(MethodModel method) {
    return !isConstructor(method)
        && (!sites.of(method).isEmpty() || !otherCallers(method).isEmpty())
        && (method.has(Flag.LAMBDA)
            || method.has(Flag.NOT_OVERRIDABLE)
            || isAnonymous(scope.classOf(method)))
        && sites.of(method).stream().allMatch(CallSites.Site::runsNow);
  }

  /** The calls of {@code method} from the program's classes outside the scope. */
  private List<ProgramCallers.Caller> otherCallers(MethodModel method) {
    return callers == null || method.has(Flag.LAMBDA)
        ? List.of()
        : callers.from(method.ref(), scope.classNames());
  }

  /** An anonymous class ({@code Outer$1}): its own methods are called only where it is made. */
  private static boolean isAnonymous(ClassModel cls) {
    String name = cls.name();
    String last = name.substring(name.lastIndexOf('$') + 1);
    return name.contains("$") && !last.isEmpty() && last.chars().allMatch(Character::isDigit);
  }

  private static boolean isConstructor(MethodModel method) {
    String name = method.ref().name();
    return method.has(Flag.CONSTRUCTOR) || name.equals("<init>") || name.equals("<clinit>");
  }

  /**
   * Entry locks of one kind by a descending fixpoint: a method that inherits starts by holding
   * "everything" and keeps the locks held at all of its counted sites; a cycle of such methods
   * nobody else calls holds only what it declares.
   */
  private final class Entries {
    private final Map<MethodModel, Set<LockPath>> entry = new IdentityHashMap<>();
    private final Map<MethodModel, HeldLocks> held = new IdentityHashMap<>();

    Entries(
        Predicate<MethodModel> inherits, Predicate<CallSites.Site> counts, boolean acrossClasses) {
      List<MethodModel> inheriting = new ArrayList<>();
      Set<MethodModel> inheritingSet = Collections.newSetFromMap(new IdentityHashMap<>());
      for (MethodModel method : scope.methods()) {
        entry.put(method, declared.get(method));
        if (inherits.test(method)) {
          inheriting.add(method);
          inheritingSet.add(method);
        }
      }
      Set<MethodModel> solved = Collections.newSetFromMap(new IdentityHashMap<>());
      boolean changed = true;
      for (int round = 0; changed && round < 20 + inheriting.size(); round++) {
        changed = false;
        Set<MethodModel> known = Collections.newSetFromMap(new IdentityHashMap<>());
        known.addAll(solved);
        Map<MethodModel, Set<LockPath>> next = new IdentityHashMap<>();
        for (MethodModel method : inheriting) {
          Set<LockPath> common = null;
          for (ProgramCallers.Caller caller :
              acrossClasses ? otherCallers(method) : List.<ProgramCallers.Caller>of()) {
            Set<LockPath> here =
                ProgramCallers.carried(caller, method, scope.classOf(method).name());
            if (common == null) {
              common = here;
            } else {
              common.retainAll(here);
            }
          }
          for (CallSites.Site site : sites.of(method)) {
            if (!counts.test(site)) {
              continue;
            }
            if (inheritingSet.contains(site.caller()) && !known.contains(site.caller())) {
              continue; // an unsolved caller holds "everything" for now
            }
            HeldLocks callerLocks = held(site.caller());
            if (!callerLocks.reached(site.call())) {
              continue;
            }
            Set<LockPath> here = carried(callerLocks.before(site.call()), site, method);
            if (common == null) {
              common = here;
            } else {
              common.retainAll(here);
            }
          }
          if (common != null) {
            common.addAll(declared.get(method));
            next.put(method, Set.copyOf(common));
          }
        }
        for (Map.Entry<MethodModel, Set<LockPath>> solution : next.entrySet()) {
          changed |= solved.add(solution.getKey());
          if (!solution.getValue().equals(entry.get(solution.getKey()))) {
            entry.put(solution.getKey(), solution.getValue());
            held.remove(solution.getKey());
            changed = true;
          }
        }
      }
    }

    Set<LockPath> entry(MethodModel method) {
      return entry.getOrDefault(method, Set.of());
    }

    HeldLocks held(MethodModel method) {
      return held.computeIfAbsent(method, m -> HeldLocks.of(m, entry(m), config, effects));
    }
  }

  /**
   * The locks held at {@code site} that the body it reaches holds too: a lambda run where it is
   * created names the captured locals as its creator does; a called method's frame does not.
   */
  private Set<LockPath> carried(Set<LockPath> atSite, CallSites.Site site, MethodModel body) {
    if (site.kind() == CallSites.Kind.CALL_ACROSS) {
      Node call = site.call();
      return ProgramCallers.carried(
          atSite,
          call.receiver(),
          call.arguments(),
          scope.classOf(site.caller()).name(),
          body,
          scope.classOf(body).name());
    }
    Set<LockPath> carried = new HashSet<>();
    for (LockPath lock : atSite) {
      if (site.kind() == CallSites.Kind.RUN_IMMEDIATELY
          || lock.rootKind() != LockPath.RootKind.LOCAL) {
        carried.add(lock);
      }
    }
    return carried;
  }

  /**
   * What the method itself says its callers hold: the lock of its own {@code @GuardedBy}, the locks
   * it asserts it holds before taking them, and every lock of this object or class that it releases
   * but never acquires (a release helper such as {@code finishEditing() { version++; lock.unlock();
   * }}).
   */
  private Set<LockPath> declaredEntry(MethodModel method) {
    Set<LockPath> held = new HashSet<>();
    if (method.guardedBy() != null && !method.has(Flag.STATIC)) {
      LockPath guard = scope.ownGuard(method);
      if (guard != null) {
        held.add(guard);
      }
    }
    held.addAll(assertedOnEntry(method));
    Set<LockPath> acquired = new HashSet<>();
    Set<LockPath> released = new HashSet<>();
    for (Node node : method.nodes()) {
      if (node.kind() == NodeKind.ACQUIRE || node.kind() == NodeKind.TRY_ACQUIRE) {
        acquired.add(node.lock());
      } else if (node.kind() == NodeKind.RELEASE
          && node.lockKind() == LockKind.LOCK
          && node.lock().rootKind() != LockPath.RootKind.LOCAL) {
        released.add(node.lock());
      }
    }
    released.removeAll(acquired);
    releasedOnly.put(method, Set.copyOf(released));
    held.addAll(released);
    return Set.copyOf(held);
  }

  /** A helper of this class a call runs for sure: not overridable, not a lambda body. */
  private MethodModel helper(Node call) {
    MethodModel callee = sites.method(call.callee());
    return callee == null
            || !callee.has(Flag.NOT_OVERRIDABLE)
            || callee.has(Flag.LAMBDA)
            || isConstructor(callee)
        ? null
        : callee;
  }

  /**
   * The locks {@code method} returns holding, by its own code: held on every normal path to its end
   * (monitors cannot be; its parameters' locks and this object's can).
   */
  private List<LockPath> leftHeld(MethodModel method) {
    List<LockPath> known = leftHeld.get(method);
    if (known == null) {
      HeldLocks own = HeldLocks.of(method, Set.of());
      Set<LockPath> atExit =
          new HashSet<>(own.reached(method.exit()) ? own.before(method.exit()) : Set.of());
      if (method.has(Flag.SYNCHRONIZED)) {
        // A synchronized method's own monitor is released as it returns.
        atExit.remove(HeldLocks.methodMonitor(method));
      }
      known = HeldLocks.sorted(atExit);
      leftHeld.put(method, known);
    }
    return known;
  }

  /**
   * {@code locks}, in the terms of {@code callee}'s body, as the caller at {@code call} names them:
   * {@code this} is the call's receiver, a parameter the argument passed; statics stay.
   */
  private static List<LockPath> translate(Node call, MethodModel callee, List<LockPath> locks) {
    List<LockPath> result = new ArrayList<>();
    LockPath receiver =
        call.receiver() != null
            ? call.receiver()
            : callee.has(Flag.STATIC) ? null : LockPath.ofThis();
    for (LockPath lock : locks) {
      LockPath root =
          switch (lock.rootKind()) {
            case THIS -> receiver;
            case LOCAL -> argument(call, callee, lock.root());
            default -> null;
          };
      LockPath named =
          lock.rootKind() == LockPath.RootKind.STATIC || lock.rootKind() == LockPath.RootKind.OUTER
              ? lock
              : root == null ? null : lock.rebase(root);
      if (named != null) {
        result.add(named);
      }
    }
    return result;
  }

  private static LockPath argument(Node call, MethodModel callee, String parameter) {
    int index = callee.parameterNames().indexOf(parameter);
    return index >= 0 && index < call.arguments().size() ? call.arguments().get(index) : null;
  }

  /**
   * The locks of the method's HELD_ASSERTIONs that some path reaches from the start without taking
   * or releasing that lock on the way: the assertion only passes when the caller holds it.
   */
  private static Set<LockPath> assertedOnEntry(MethodModel method) {
    Set<LockPath> asserted = new HashSet<>();
    for (Node node : method.nodes()) {
      if (node.kind() == NodeKind.HELD_ASSERTION && reachedUntouched(method, node)) {
        asserted.add(node.lock());
      }
    }
    return asserted;
  }

  private static boolean reachedUntouched(MethodModel method, Node assertion) {
    Set<Node> seen = new HashSet<>();
    Deque<Node> work = new ArrayDeque<>(List.of(method.entry()));
    while (!work.isEmpty()) {
      Node node = work.poll();
      if (node == assertion) {
        return true;
      }
      boolean touches =
          (node.kind() == NodeKind.ACQUIRE
                  || node.kind() == NodeKind.TRY_ACQUIRE
                  || node.kind() == NodeKind.RELEASE)
              && assertion.lock().equals(node.lock());
      if (!touches && seen.add(node)) {
        work.addAll(node.successors(true));
      }
    }
    return false;
  }
}
