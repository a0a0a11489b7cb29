package dev.latchkey.checks.races;

import dev.latchkey.checks.api.ConcurrencyAnnotations;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.lockset.ImmediateCalls;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
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
 * What the race rules share about one class: its methods by reference, where each method is called
 * or each lambda is created, the locks every method holds on entry (a private helper whose every
 * call holds L, a lambda run immediately where L is held), which methods run only while an object
 * or the class is being initialized, and the held locks before every node.
 */
final class RaceContext {
  /** How a method or lambda body is reached from a node of another method. */
  enum SiteKind {
    /** A call of the method on {@code this} (or a static call). */
    CALL_ON_THIS,
    /** A call of the method on another object. */
    CALL_ON_OTHER,
    /** The body is passed to a method that runs it before returning. */
    RUN_IMMEDIATELY,
    /** The body is passed somewhere it may run later, on another thread. */
    RUN_LATER
  }

  record Site(MethodModel caller, Node call, SiteKind kind) {}

  final ClassModel cls;
  final LatchkeyConfig config;
  private final Map<MethodRef, MethodModel> byRef = new HashMap<>();
  private final Map<MethodModel, List<Site>> sites = new IdentityHashMap<>();
  private final Map<MethodModel, Set<LockPath>> entry = new IdentityHashMap<>();
  private final Map<MethodModel, MethodLocks> locks = new IdentityHashMap<>();
  private final Set<MethodModel> initOnly =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  /** CALLs by the path their result is stored into, per class whose code stores it. */
  private final Map<String, Map<LockPath, List<Site>>> stores = new HashMap<>();

  private final ClassScope scope;
  private FieldAccesses accesses;
  private final Map<MethodModel, FreshObjects> fresh = new IdentityHashMap<>();
  private List<FieldModel> judged;

  RaceContext(ClassModel cls, LatchkeyConfig config) {
    this(cls, List.of(), config);
  }

  /**
   * The context of {@code cls} with the {@code related} classes whose code shares its fields (its
   * nest and superclasses, see {@link ClassScope}): their accesses, locks and task starts count,
   * but the rules report only in {@code cls}.
   */
  RaceContext(ClassModel cls, List<ClassModel> related, LatchkeyConfig config) {
    this.cls = cls;
    this.config = config;
    this.scope = new ClassScope(cls, related);
    for (MethodModel method : scope.methods()) {
      byRef.put(method.ref(), method);
      sites.put(method, new ArrayList<>());
    }
    for (MethodModel caller : scope.methods()) {
      for (Node node : caller.nodes()) {
        if (node.kind() == NodeKind.CALL) {
          recordSites(caller, node);
          recordStore(caller, node);
        }
      }
    }
    solveEntries();
    solveInitOnly();
  }

  /** Every method of the class and of the related classes, the class's own first. */
  List<MethodModel> methods() {
    return scope.methods();
  }

  /** The class whose method {@code method} is. */
  ClassModel classOf(MethodModel method) {
    return scope.classOf(method);
  }

  /** The class that declares {@code field} (the analysed class or a related one). */
  ClassModel declaringClass(FieldModel field) {
    return scope.declaringClass(field);
  }

  /**
   * The fields the race rules judge for this class: its own, and the fields of related classes
   * (outer, nested, inherited) that its code accesses.
   */
  List<FieldModel> fields() {
    if (judged == null) {
      judged = scope.fieldsUsedBy(cls.methods());
    }
    return judged;
  }

  /**
   * The field a one-step path names ({@code this.f}, inherited included; {@code Outer.this.f};
   * {@code Cls.F}), when the class or a related one declares it; else null.
   */
  FieldModel fieldAt(LockPath path) {
    return scope.fieldAt(path);
  }

  MethodModel method(MethodRef ref) {
    return byRef.get(ref);
  }

  List<Site> sites(MethodModel method) {
    return sites.getOrDefault(method, List.of());
  }

  /** The locks held before {@code node} of {@code method}, the method's entry locks included. */
  MethodLocks locks(MethodModel method) {
    return locks.computeIfAbsent(
        method, m -> new MethodLocks(m, entry.getOrDefault(m, Set.of()), config));
  }

  /**
   * The CALLs whose result is stored into {@code target}: in {@code method} only, or anywhere in
   * the class when {@code method} is null ({@code Outer.this.f} also in the outer class's code).
   */
  List<Node> storesInto(LockPath target, MethodModel method) {
    List<Node> calls = new ArrayList<>();
    String owner = method == null ? cls.name() : scope.classOf(method).name();
    LockPath key = target;
    if (method == null && target.rootKind() == LockPath.RootKind.OUTER) {
      owner = target.root();
      key = target.rebase(LockPath.ofThis());
    }
    for (Site site : stores.getOrDefault(owner, Map.of()).getOrDefault(key, List.of())) {
      if (method == null || site.caller() == method) {
        calls.add(site.call());
      }
    }
    return calls;
  }

  private void recordStore(MethodModel caller, Node call) {
    LockPath target = call.resultStoredTo();
    if (target == null) {
      return;
    }
    String owner = scope.classOf(caller).name();
    if (target.rootKind() == LockPath.RootKind.OUTER) {
      owner = target.root();
      target = target.rebase(LockPath.ofThis());
    }
    stores
        .computeIfAbsent(owner, name -> new HashMap<>())
        .computeIfAbsent(target, path -> new ArrayList<>())
        .add(new Site(caller, call, SiteKind.CALL_ON_THIS));
  }

  /**
   * The reads and writes of {@code field} outside initialization code, in the class and the related
   * ones, with the locks held there as seen from the accessed object ({@link FieldAccesses}).
   */
  List<FieldAccess> accesses(FieldModel field) {
    if (accesses == null) {
      accesses = new FieldAccesses(this, scope);
    }
    return accesses.of(field);
  }

  /** Constructors, static initializers, deserialization hooks, and code run only from them. */
  boolean isInitialization(MethodModel method) {
    return isInitializer(method) || initOnly.contains(method);
  }

  static boolean isInitializer(MethodModel method) {
    String name = method.ref().name();
    return method.has(Flag.CONSTRUCTOR)
        || name.equals("<init>")
        || name.equals("<clinit>")
        || isDeserializationHook(method);
  }

  /**
   * The serialization hooks that fill in a fresh object before deserialization returns it ({@code
   * private void readObject(ObjectInputStream)}, {@code readObjectNoData()}): like a constructor,
   * they run before any other thread can see the object.
   */
  private static boolean isDeserializationHook(MethodModel method) {
    String name = method.ref().name();
    String descriptor = method.ref().descriptor();
    return !method.has(Flag.STATIC)
        && (name.equals("readObject") && "(Ljava/io/ObjectInputStream;)V".equals(descriptor)
            || name.equals("readObjectNoData") && "()V".equals(descriptor));
  }

  /**
   * The declared field {@code access} names, when the class or a related one (outer, nested,
   * superclass) declares it; else null.
   */
  FieldModel ownField(Node access) {
    return scope.field(access.field());
  }

  /**
   * Whether {@code access} reads or writes a field of the object or class the code works on: {@code
   * this.count} (declared or inherited), the outer object's {@code Outer.this.count}, a static
   * {@code Foo.COUNT} — not the field of another instance ({@code other.count}).
   */
  boolean isOwnAccess(Node access) {
    FieldModel field = ownField(access);
    return field != null && access.path() != null && scope.fieldAt(access.path()) == field;
  }

  /**
   * Whether {@code access} of {@code method} touches a field that other threads can reach: a field
   * of the class or a related one, of this object, the outer one, a class, or another object that
   * the method has not just created itself.
   */
  boolean isSharedAccess(MethodModel method, Node access) {
    if (ownField(access) == null || access.path() == null) {
      return false;
    }
    LockPath object = access.path().parent();
    return object.rootKind() != LockPath.RootKind.LOCAL
        || !fresh.computeIfAbsent(method, FreshObjects::new).owned(object.root(), access);
  }

  /**
   * How the analysed class's code names a field: {@code this.f} (declared or inherited), {@code
   * Outer.this.f}, or {@code Cls.F}.
   */
  LockPath ownPath(FieldModel field) {
    String owner = declaringClass(field).name();
    if (field.isStatic()) {
      return LockPath.ofStaticField(owner, field.name());
    }
    LockPath onThis = LockPath.ofThis().field(field.name());
    return scope.fieldAt(onThis) == field ? onThis : LockPath.ofOuter(owner).field(field.name());
  }

  /** The class or the field says it is confined to one thread, or not meant to be shared. */
  boolean confined(FieldModel field) {
    return (field == null ? cls : declaringClass(field))
            .annotations().stream().anyMatch(ConcurrencyAnnotations::isConfinement)
        || field != null
            && field.annotations().stream().anyMatch(ConcurrencyAnnotations::isConfinement);
  }

  boolean runsImmediately(Node call) {
    if (helperInvocations(call) != null) {
      return true;
    }
    return ImmediateCalls.runsBodiesNow(call, config.immediateMethods());
  }

  private void recordSites(MethodModel caller, Node call) {
    MethodModel callee = byRef.get(call.callee());
    if (callee != null) {
      LockPath receiver = call.receiver();
      boolean onThis = receiver == null || receiver.equals(LockPath.ofThis());
      sites
          .get(callee)
          .add(new Site(caller, call, onThis ? SiteKind.CALL_ON_THIS : SiteKind.CALL_ON_OTHER));
    }
    List<Node> invocations = helperInvocations(call);
    boolean immediate = invocations == null && runsImmediately(call);
    for (MethodRef ref : call.taskBodies()) {
      MethodModel body = byRef.get(ref);
      if (body == null) {
        continue;
      }
      if (invocations != null) {
        // Run by the helper, with the locks the helper holds where it runs it.
        for (Node invocation : invocations) {
          sites.get(body).add(new Site(callee, invocation, SiteKind.RUN_IMMEDIATELY));
        }
      } else {
        sites
            .get(body)
            .add(new Site(caller, call, immediate ? SiteKind.RUN_IMMEDIATELY : SiteKind.RUN_LATER));
      }
    }
  }

  private List<Node> helperInvocations(Node call) {
    return HelperInvocations.of(call, byRef.get(call.callee()));
  }

  /** Methods whose entry locks come from their call sites: private helpers and lambda bodies. */
  private boolean inheritsLocks(MethodModel method) {
    if (isInitializer(method) || sites(method).isEmpty()) {
      return false;
    }
    if (!method.has(Flag.LAMBDA) && !method.has(Flag.NOT_OVERRIDABLE)) {
      return false;
    }
    for (Site site : sites(method)) {
      if (site.kind() == SiteKind.CALL_ON_OTHER || site.kind() == SiteKind.RUN_LATER) {
        return false;
      }
    }
    return true;
  }

  /**
   * Entry locks by a descending fixpoint: a helper starts by holding "everything" and keeps the
   * locks held at all of its call sites; a cycle of helpers nobody else calls holds nothing.
   */
  private void solveEntries() {
    List<MethodModel> inheriting = new ArrayList<>();
    for (MethodModel method : scope.methods()) {
      entry.put(method, declaredEntry(method));
      if (inheritsLocks(method)) {
        inheriting.add(method);
      }
    }
    Map<MethodModel, Set<LockPath>> solved = new IdentityHashMap<>();
    boolean changed = true;
    for (int round = 0; changed && round < 20 + inheriting.size(); round++) {
      changed = false;
      Set<MethodModel> known = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      known.addAll(solved.keySet());
      for (MethodModel method : known) {
        adoptEntry(method, solved.get(method));
      }
      for (MethodModel method : inheriting) {
        Set<LockPath> common = null;
        for (Site site : sites(method)) {
          if (inheriting.contains(site.caller()) && !known.contains(site.caller())) {
            continue; // an unsolved caller holds "everything" for now
          }
          MethodLocks callerLocks = locks(site.caller());
          if (!callerLocks.reached(site.call())) {
            continue;
          }
          Set<LockPath> held = new HashSet<>();
          for (LockPath lock : callerLocks.before(site.call())) {
            if (lock.rootKind() != LockPath.RootKind.LOCAL) {
              held.add(lock);
            }
          }
          if (common == null) {
            common = held;
          } else {
            common.retainAll(held);
          }
        }
        if (common == null) {
          continue;
        }
        common.addAll(declaredEntry(method));
        if (!common.equals(solved.get(method))) {
          solved.put(method, Set.copyOf(common));
          changed = true;
        }
      }
    }
    for (MethodModel method : scope.methods()) {
      if (solved.containsKey(method)) {
        adoptEntry(method, solved.get(method));
      }
    }
  }

  /** Sets a method's entry locks; its held locks are recomputed only when they changed. */
  private void adoptEntry(MethodModel method, Set<LockPath> held) {
    if (!held.equals(entry.get(method))) {
      entry.put(method, held);
      locks.remove(method);
    }
  }

  /**
   * What the method itself says its callers hold: the lock of its own {@code @GuardedBy}, and every
   * lock of this object or class that it releases but never acquires (a release helper such as
   * {@code finishEditing() { version++; lock.unlock(); }}).
   */
  private Set<LockPath> declaredEntry(MethodModel method) {
    Set<LockPath> held = new HashSet<>();
    if (method.guardedBy() != null && !method.has(Flag.STATIC)) {
      LockPath guard = scope.ownGuard(method);
      if (guard != null) {
        held.add(guard);
      }
    }
    Set<LockPath> acquired = new HashSet<>();
    Set<LockPath> released = new HashSet<>();
    for (Node node : method.nodes()) {
      if (node.kind() == NodeKind.ACQUIRE || node.kind() == NodeKind.TRY_ACQUIRE) {
        acquired.add(node.lock());
      } else if (node.kind() == NodeKind.RELEASE
          && node.lockKind() == dev.latchkey.checks.model.LockKind.LOCK
          && node.lock().rootKind() != LockPath.RootKind.LOCAL) {
        released.add(node.lock());
      }
    }
    released.removeAll(acquired);
    held.addAll(released);
    return held;
  }

  /** Methods reached only from constructors and static initializers (an ascending fixpoint). */
  private void solveInitOnly() {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (MethodModel method : scope.methods()) {
        if (initOnly.contains(method)
            || isInitializer(method)
            || sites(method).isEmpty()
            || !method.has(Flag.LAMBDA) && !method.has(Flag.NOT_OVERRIDABLE)) {
          continue;
        }
        boolean all = true;
        for (Site site : sites(method)) {
          if (site.kind() == SiteKind.RUN_LATER
              || !isInitializer(site.caller()) && !initOnly.contains(site.caller())) {
            all = false;
            break;
          }
        }
        if (all) {
          initOnly.add(method);
          changed = true;
        }
      }
    }
  }
}
