package dev.latchkey.checks.races;

import dev.latchkey.checks.Program;
import dev.latchkey.checks.api.ConcurrencyAnnotations;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.lockset.CallSites;
import dev.latchkey.checks.lockset.CallerLocks;
import dev.latchkey.checks.lockset.ClassHeldLocks;
import dev.latchkey.checks.lockset.ClassScope;
import dev.latchkey.checks.lockset.HeldLocks;
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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the race rules share about one class and the related classes whose code shares its fields
 * (its nest and superclasses, a {@link ClassScope}): their methods by reference, the held locks
 * before every node (the shared lockset engine over the scope, {@link ClassHeldLocks}: entry locks
 * from callers, lambdas run at once, assertions, guards), where each call's result is stored, which
 * fields are judged for the class, and which methods run only while an object or the class is being
 * initialized. The rules report only in the analysed class.
 */
final class RaceContext {
  final ClassModel cls;
  final LatchkeyConfig config;
  private final ClassScope scope;
  private final ClassHeldLocks held;
  private CallerLocks callerLocks;
  private final Set<MethodModel> initOnly =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  /** CALLs by the path their result is stored into, per class whose code stores it. */
  private final Map<String, Map<LockPath, List<Node>>> stores = new HashMap<>();

  private final Map<Node, MethodModel> storeMethods = new IdentityHashMap<>();
  private FieldAccesses accesses;
  private final Map<MethodModel, FreshObjects> fresh = new IdentityHashMap<>();
  private List<FieldModel> judged;

  /**
   * The context of {@code cls} with the {@code related} classes whose code shares its fields (its
   * nest and superclasses, see {@link ClassScope}): their accesses, locks and task starts count,
   * but the rules report only in {@code cls}. The calls of the scope's methods from the {@code
   * program}'s other classes count for the locks they hold on entry.
   */
  RaceContext(ClassModel cls, List<ClassModel> related, LatchkeyConfig config, Program program) {
    this.cls = cls;
    this.config = config;
    this.scope = new ClassScope(cls, related);
    this.held = ClassHeldLocks.of(scope, config, program);
    for (MethodModel caller : scope.methods()) {
      for (Node node : caller.nodes()) {
        if (node.kind() == NodeKind.CALL) {
          recordStore(caller, node);
        }
      }
    }
    solveInitOnly();
  }

  /**
   * The annotations that state the class's thread-safety: its own (and its enclosing classes'),
   * then its superclasses' — a subclass of a class declared {@code @ThreadSafe} is shared the same
   * way, unless it opts out itself ({@code @NotThreadSafe}).
   */
  Set<String> contractAnnotations() {
    Set<String> all = new java.util.LinkedHashSet<>(cls.annotations());
    for (ClassModel superclass : scope.superclassesOfAnalysed()) {
      all.addAll(superclass.annotations());
    }
    return all;
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
    return held.method(ref);
  }

  /** The locks every in-class call of an overridable method holds, initialization left out. */
  CallerLocks callerLocks() {
    if (callerLocks == null) {
      callerLocks = new CallerLocks(held, this::isInitialization);
    }
    return callerLocks;
  }

  /** The locks held before each node of {@code method}, the method's entry locks included. */
  HeldLocks locks(MethodModel method) {
    return held.held(method);
  }

  /**
   * The CALLs whose result is stored into {@code target}: in {@code method} only, or anywhere in
   * the class when {@code method} is null ({@code Outer.this.f} also in the outer class's code).
   */
  List<Node> storesInto(LockPath target, MethodModel method) {
    String owner = method == null ? cls.name() : scope.classOf(method).name();
    LockPath key = target;
    if (method == null && target.rootKind() == LockPath.RootKind.OUTER) {
      owner = target.root();
      key = target.rebase(LockPath.ofThis());
    }
    List<Node> calls = new ArrayList<>();
    for (Node call : stores.getOrDefault(owner, Map.of()).getOrDefault(key, List.of())) {
      if (method == null || storeMethods.get(call) == method) {
        calls.add(call);
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
        .add(call);
    storeMethods.put(call, caller);
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
        || isDeserializationHook(method)
        || isFinalizer(method);
  }

  /**
   * {@code protected void finalize()}: it runs once the object is unreachable, when no other thread
   * can reach it any more; like a constructor, its accesses cannot race.
   */
  private static boolean isFinalizer(MethodModel method) {
    return !method.has(Flag.STATIC)
        && method.ref().name().equals("finalize")
        && "()V".equals(method.ref().descriptor());
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

  /** Where {@code method} is called, or its body passed, inside the class and the related ones. */
  List<CallSites.Site> sites(MethodModel method) {
    return held.sites(method);
  }

  boolean runsImmediately(Node call) {
    return held.runsBodiesOnCallingThread(call);
  }

  /** Methods reached only from constructors and static initializers (an ascending fixpoint). */
  private void solveInitOnly() {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (MethodModel method : scope.methods()) {
        List<CallSites.Site> sites = held.sites(method);
        if (initOnly.contains(method)
            || isInitializer(method)
            || sites.isEmpty()
            || !method.has(Flag.LAMBDA) && !method.has(Flag.NOT_OVERRIDABLE)) {
          continue;
        }
        boolean all = true;
        for (CallSites.Site site : sites) {
          if (site.kind() == CallSites.Kind.RUN_LATER
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
