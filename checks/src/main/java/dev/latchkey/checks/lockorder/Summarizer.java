package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.api.LibraryLocking;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.lockorder.MethodSummary.Acquisition;
import dev.latchkey.checks.lockorder.MethodSummary.CallSite;
import dev.latchkey.checks.lockset.CallerLocks;
import dev.latchkey.checks.lockset.ClassHeldLocks;
import dev.latchkey.checks.lockset.HeldLocks;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.FieldModel;
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
  private final CallerLocks callerLocks;
  private final Map<MethodModel, List<MethodSummary.WaitSite>> waits;
  private final Map<MethodModel, Map<LockPath, String>> rootTypes = new HashMap<>();

  private Summarizer(ClassModel cls, ClassHeldLocks held, LatchkeyConfig config) {
    this.cls = cls;
    this.held = held;
    this.callerLocks = new CallerLocks(held, caller -> false);
    this.waits = WaitClassifier.unlockedWaits(cls, config, held);
  }

  static ClassSummary summarize(ClassModel cls, LatchkeyConfig config) {
    return summarize(cls, ClassHeldLocks.of(cls, config), config);
  }

  static ClassSummary summarize(ClassModel cls, ClassHeldLocks held, LatchkeyConfig config) {
    Summarizer summarizer = new Summarizer(cls, held, config);
    List<MethodSummary> methods = new ArrayList<>();
    for (MethodModel method : cls.methods()) {
      methods.add(summarizer.summarize(method));
    }
    Set<String> finalFields = new HashSet<>();
    for (FieldModel field : cls.fields()) {
      if (field.isFinal() && !field.isStatic()) {
        finalFields.add(field.name());
      }
    }
    for (MethodModel method : cls.methods()) {
      String getter = finalFieldGetter(method, finalFields);
      if (getter != null) {
        finalFields.add(getter);
      }
    }
    return new ClassSummary(cls.name(), cls.supertypes(), finalFields, methods);
  }

  /**
   * {@code "getPool()"} when {@code method} is a getter of a final field of this object: no
   * parameters, and its body only reads that field and returns it ({@code this.getPool().lock} then
   * names the same object as {@code this.pool.lock}); else null.
   */
  private static String finalFieldGetter(MethodModel method, Set<String> finalFields) {
    if (!method.ref().descriptor().startsWith("()")
        || method.has(MethodModel.Flag.STATIC)
        || method.has(MethodModel.Flag.CONSTRUCTOR)
        || method.has(MethodModel.Flag.LAMBDA)) {
      return null;
    }
    String read = null;
    for (Node node : method.nodes()) {
      switch (node.kind()) {
        case ENTRY, EXIT, EXCEPTIONAL_EXIT, RETURN, NOP, ESCAPE, USE, JUMP -> {}
        case FIELD_READ -> {
          LockPath path = node.path();
          if (read != null
              || path == null
              || path.rootKind() != LockPath.RootKind.THIS
              || path.selectors().size() != 1
              || !finalFields.contains(path.selectors().get(0).substring(1))) {
            return null;
          }
          read = path.selectors().get(0).substring(1);
        }
        default -> {
          return null;
        }
      }
    }
    return read == null ? null : method.ref().name() + "()";
  }

  private MethodSummary summarize(MethodModel method) {
    HeldLocks locks = held.heldByOwnCode(method);
    boolean constructor = method.has(MethodModel.Flag.CONSTRUCTOR);
    List<Acquisition> acquisitions = new ArrayList<>();
    List<CallSite> calls = new ArrayList<>();
    for (Node node : method.nodes()) {
      if (!locks.reached(node)) {
        continue;
      }
      if (node.kind() == NodeKind.ACQUIRE && node.lockKind() != LockKind.PERMIT) {
        if (constructor && node.lock().rootKind() == LockPath.RootKind.THIS) {
          continue; // the object under construction: no other thread can lock it yet
        }
        String key = keyOf(node.lock(), method);
        if (key != null || isParameter(node.lock(), method)) {
          acquisitions.add(
              new Acquisition(site(method, node), node.lock(), key, heldAt(locks, node, method)));
        }
      } else if (node.kind() == NodeKind.CALL) {
        List<HeldLock> heldHere = heldAt(locks, node, method);
        addLibraryMonitor(method, node, heldHere, acquisitions);
        addCalls(method, node, heldHere, calls);
      }
    }
    HeldLock own = null;
    if (method.has(MethodModel.Flag.SYNCHRONIZED)
        && !(constructor || method.has(MethodModel.Flag.LAMBDA))) {
      LockPath monitor = HeldLocks.methodMonitor(method);
      own = new HeldLock(monitor, LockKeys.key(monitor, null, method));
    }
    return new MethodSummary(
        method.ref(),
        method.line(),
        method.parameterNames(),
        method.has(MethodModel.Flag.LAMBDA),
        overridable(method),
        constructor,
        own,
        acquisitions,
        calls,
        waits.getOrDefault(method, List.of()));
  }

  private static boolean overridable(MethodModel method) {
    return !(method.has(MethodModel.Flag.NOT_OVERRIDABLE)
        || method.has(MethodModel.Flag.STATIC)
        || method.has(MethodModel.Flag.CONSTRUCTOR)
        || method.has(MethodModel.Flag.LAMBDA));
  }

  /** A lock rooted at a parameter: its callers name it, even when its own type names nothing. */
  private static boolean isParameter(LockPath lock, MethodModel method) {
    return lock.rootKind() == LockPath.RootKind.LOCAL
        && !method.has(MethodModel.Flag.LAMBDA)
        && method.parameterNames().contains(lock.root());
  }

  /** A JDK method that takes its receiver's monitor ({@code vector.add(x)}): an acquisition. */
  private void addLibraryMonitor(
      MethodModel method, Node call, List<HeldLock> heldHere, List<Acquisition> out) {
    LockPath receiver = call.receiver();
    if (receiver == null || !LibraryLocking.takesReceiverMonitor(call.callee())) {
      return;
    }
    if (method.has(MethodModel.Flag.CONSTRUCTOR) && receiver.rootKind() == LockPath.RootKind.THIS) {
      return;
    }
    String key = keyOf(receiver, method);
    if (key == null && receiver.rootKind() == LockPath.RootKind.LOCAL) {
      key = receiver.selectors().isEmpty() ? call.callee().owner() : null;
    }
    if (key != null || isParameter(receiver, method)) {
      out.add(new Acquisition(site(method, call), receiver, key, heldHere));
    }
  }

  private void addCalls(
      MethodModel method, Node call, List<HeldLock> heldHere, List<CallSite> out) {
    Site site = site(method, call);
    MethodRef callee = call.callee();
    if (!library(callee.owner())) {
      out.add(callSite(site, callee, call.receiver(), call.arguments(), heldHere, method));
    }
    for (LibraryLocking.Callback callback : LibraryLocking.callbacks(callee)) {
      int index = callback.receiverArgument();
      LockPath receiver =
          index >= 0 && index < call.arguments().size() ? call.arguments().get(index) : null;
      MethodRef target = callback.method();
      if (target.owner().equals("java.lang.Object")) {
        // toString of what? Known only for `this`: the class's own (or a subclass's) override.
        if (receiver == null || !receiver.equals(LockPath.ofThis())) {
          continue;
        }
        target = new MethodRef(cls.name(), target.name(), target.descriptor());
      }
      out.add(callSite(site, target, receiver, List.of(), heldHere, method));
    }
    if (!held.runsBodiesNow(call)) {
      return;
    }
    List<MethodRef> bodies = call.taskBodies();
    for (int i = 0; i < bodies.size(); i++) {
      MethodModel body = held.method(bodies.get(i));
      if (body != null && body.has(MethodModel.Flag.LAMBDA)) {
        LockPath self = method.has(MethodModel.Flag.STATIC) ? null : LockPath.ofThis();
        out.add(new CallSite(site, body.ref(), self, List.of(), List.of(), heldHere, true));
      } else if (!library(bodies.get(i).owner())) {
        LockPath bound = i < call.boundReceivers().size() ? call.boundReceivers().get(i) : null;
        out.add(callSite(site, bodies.get(i), bound, List.of(), heldHere, method));
      }
    }
  }

  private CallSite callSite(
      Site site,
      MethodRef callee,
      LockPath receiver,
      List<LockPath> arguments,
      List<HeldLock> heldHere,
      MethodModel method) {
    List<String> keys = new ArrayList<>();
    for (LockPath argument : arguments) {
      keys.add(argument == null ? null : keyOf(argument, method));
    }
    return new CallSite(site, callee, receiver, arguments, keys, heldHere, false);
  }

  static boolean library(String owner) {
    return LIBRARY_PREFIXES.stream().anyMatch(owner::startsWith);
  }

  private Site site(MethodModel method, Node node) {
    return new Site(cls.name(), method.ref(), node.line(), node.label(), node.id());
  }

  private List<HeldLock> heldAt(HeldLocks locks, Node node, MethodModel method) {
    boolean constructor = method.has(MethodModel.Flag.CONSTRUCTOR);
    List<HeldLock> result = new ArrayList<>();
    for (LockPath path : locks.before(node)) {
      // The monitor of an object under construction orders nothing (no other thread has it).
      String key =
          constructor && path.rootKind() == LockPath.RootKind.THIS ? null : keyOf(path, method);
      result.add(new HeldLock(path, key));
    }
    // Locks every caller in the class holds when the method starts: taking one again is
    // re-entrant, so it orders nothing; they are keyless here (the callers' calls carry the order).
    Set<LockPath> own = locks.before(node);
    Set<LockPath> entry = new java.util.TreeSet<>(Comparator.comparing(LockPath::toString));
    entry.addAll(held.entryLocks(method));
    entry.addAll(callerLocks.of(method)); // overridable, called only under them in the class
    for (LockPath path : entry) {
      if (!own.contains(path)) {
        result.add(new HeldLock(path, null));
      }
    }
    result.sort(Comparator.comparing(lock -> lock.path().toString()));
    return result;
  }

  /** The key of {@code path} in {@code method}, its root's type looked up in the method's code. */
  String keyOf(LockPath path, MethodModel method) {
    String objectType = applicationFieldType(path);
    if (objectType != null) {
      return objectType;
    }
    if (path.rootKind() != LockPath.RootKind.LOCAL) {
      return LockKeys.key(path, null, method);
    }
    return LockKeys.key(path, rootType(path, method, new HashSet<>()), method);
  }

  /**
   * The monitor of an application object held in a field of this class ({@code this.model}, a
   * {@code Model}) is that object's monitor, the one {@code Model}'s own {@code synchronized}
   * methods take: its key is the field's type, as {@code this} in {@code Model} is. Null for other
   * paths, and for fields of JDK types (a plain {@code Object} or {@code Lock} is named by its
   * field).
   */
  private String applicationFieldType(LockPath path) {
    if (path.rootKind() != LockPath.RootKind.THIS || path.selectors().size() != 1) {
      return null;
    }
    String selector = path.selectors().get(0);
    if (!selector.startsWith(".") || selector.endsWith(")")) {
      return null;
    }
    FieldModel field = cls.field(selector.substring(1));
    if (field == null || field.isStatic() || !field.descriptor().startsWith("L")) {
      return null;
    }
    String type =
        field.descriptor().substring(1, field.descriptor().length() - 1).replace('/', '.');
    return library(type) ? null : type;
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
