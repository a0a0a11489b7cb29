package dev.latchkey.checks.races;

import dev.latchkey.checks.Program;
import dev.latchkey.checks.api.ConcurrencyAnnotations;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.lockset.CallSites;
import dev.latchkey.checks.lockset.ClassHeldLocks;
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
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the race rules share about one class: its methods by reference, the held locks before every
 * node (the shared lockset engine, {@link ClassHeldLocks}: entry locks from callers, lambdas run at
 * once, assertions, guards), where each call's result is stored, and which methods run only while
 * an object or the class is being initialized.
 */
final class RaceContext {
  final ClassModel cls;
  final LatchkeyConfig config;
  private final ClassHeldLocks held;
  private final Set<MethodModel> initOnly =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<LockPath, List<Node>> stores = new HashMap<>();
  private final Map<Node, MethodModel> storeMethods = new IdentityHashMap<>();
  private Map<String, List<FieldAccess>> accesses;

  RaceContext(ClassModel cls, LatchkeyConfig config, Program program) {
    this.cls = cls;
    this.config = config;
    this.held = ClassHeldLocks.of(cls, config, program);
    for (MethodModel caller : cls.methods()) {
      for (Node node : caller.nodes()) {
        if (node.kind() == NodeKind.CALL && node.resultStoredTo() != null) {
          stores.computeIfAbsent(node.resultStoredTo(), path -> new ArrayList<>()).add(node);
          storeMethods.put(node, caller);
        }
      }
    }
    solveInitOnly();
  }

  MethodModel method(MethodRef ref) {
    return held.method(ref);
  }

  /** The locks held before each node of {@code method}, the method's entry locks included. */
  HeldLocks locks(MethodModel method) {
    return held.held(method);
  }

  /**
   * The CALLs whose result is stored into {@code target}: in {@code method} only, or anywhere in
   * the class when {@code method} is null.
   */
  List<Node> storesInto(LockPath target, MethodModel method) {
    List<Node> calls = new ArrayList<>();
    for (Node call : stores.getOrDefault(target, List.of())) {
      if (method == null || storeMethods.get(call) == method) {
        calls.add(call);
      }
    }
    return calls;
  }

  /**
   * The reads and writes of a field of this object or class ({@code this.f}, {@code Cls.F}) outside
   * initialization code, with the locks held there (those of locals and parameters left out: they
   * cannot guard a field of this object).
   */
  List<FieldAccess> accesses(FieldModel field) {
    if (accesses == null) {
      accesses = new HashMap<>();
      for (MethodModel method : cls.methods()) {
        if (isInitialization(method)) {
          continue;
        }
        for (Node node : method.nodes()) {
          if ((node.kind() == NodeKind.FIELD_READ || node.kind() == NodeKind.FIELD_WRITE)
              && isOwnAccess(node)
              && locks(method).reached(node)) {
            accesses
                .computeIfAbsent(node.field().name(), name -> new ArrayList<>())
                .add(new FieldAccess(method, node, sharedLocks(locks(method), node)));
          }
        }
      }
    }
    return accesses.getOrDefault(field.name(), List.of());
  }

  /**
   * The locks held before {@code node} that can guard shared state: those of locals and parameters
   * left out (they cannot guard a field of this object).
   */
  static Set<LockPath> sharedLocks(HeldLocks locks, Node node) {
    Set<LockPath> held = new HashSet<>();
    for (LockPath lock : locks.before(node)) {
      if (lock.rootKind() != LockPath.RootKind.LOCAL) {
        held.add(lock);
      }
    }
    return held;
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

  /** The declared field {@code access} names, when it is a field of this class; else null. */
  FieldModel ownField(Node access) {
    if (access.field() == null || !access.field().owner().equals(cls.name())) {
      return null;
    }
    return cls.field(access.field().name());
  }

  /**
   * Whether {@code access} reads or writes a field of this very object ({@code this.count}) or a
   * static field of this class ({@code Foo.COUNT}) — not the field of another instance.
   */
  boolean isOwnAccess(Node access) {
    FieldModel field = ownField(access);
    return field != null && access.path() != null && access.path().equals(ownPath(field));
  }

  LockPath ownPath(FieldModel field) {
    return field.isStatic()
        ? LockPath.ofStaticField(cls.name(), field.name())
        : LockPath.ofThis().field(field.name());
  }

  /** The class or the field says it is confined to one thread, or not meant to be shared. */
  boolean confined(FieldModel field) {
    return cls.annotations().stream().anyMatch(ConcurrencyAnnotations::isConfinement)
        || field != null
            && field.annotations().stream().anyMatch(ConcurrencyAnnotations::isConfinement);
  }

  /** Where {@code method} is called, or its body passed, inside the class. */
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
      for (MethodModel method : cls.methods()) {
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
