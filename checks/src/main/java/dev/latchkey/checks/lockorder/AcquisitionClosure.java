package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.Program;
import dev.latchkey.checks.lockorder.MethodSummary.Acquisition;
import dev.latchkey.checks.lockorder.MethodSummary.CallSite;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which locks each method of the program acquires, itself or through calls (across classes, calls
 * dispatched by {@link Dispatch}), in the method's own terms. Computed for the whole program in
 * layers of chain length (layer n: the acquisitions first reached through n - 1 calls), so each
 * lock keeps its shortest chain, ties broken by the sites' names: the result does not depend on the
 * order in which classes or methods are visited. Bounded: chains of {@link #MAX_CHAIN} sites,
 * {@link #MAX_PER_METHOD} locks per method, paths of 6 selectors; a method where a bound dropped
 * something is {@link #cut}.
 */
final class AcquisitionClosure {
  static final int MAX_CHAIN = 12;
  static final int MAX_PER_METHOD = 64;

  static final Comparator<Site> SITE_ORDER =
      Comparator.comparing(Site::className)
          .thenComparing(site -> site.method().name())
          .thenComparing(site -> site.method().descriptor())
          .thenComparingInt(Site::line)
          .thenComparingInt(Site::nodeId);

  static final Comparator<List<Site>> CHAIN_ORDER =
      Comparator.<List<Site>>comparingInt(List::size)
          .thenComparing(
              (a, b) -> {
                for (int i = 0; i < a.size(); i++) {
                  int order = SITE_ORDER.compare(a.get(i), b.get(i));
                  if (order != 0) {
                    return order;
                  }
                }
                return 0;
              });

  private static final Comparator<Transitive> BEST =
      Comparator.comparing((Transitive t) -> Objects.toString(t.key()))
          .thenComparing(t -> Objects.toString(t.path()))
          .thenComparing(Transitive::chain, CHAIN_ORDER);

  /** A call that may run {@code callee}: the method making it and the call. */
  private record Caller(MethodSummary method, CallSite call, int fanOut) {}

  private final Program program;
  private final Dispatch dispatch;
  private final Map<MethodRef, Map<Object, Transitive>> found = new HashMap<>();
  private final Set<MethodRef> cut = new HashSet<>();

  AcquisitionClosure(Program program, Dispatch dispatch) {
    this.program = program;
    this.dispatch = dispatch;
    Map<MethodRef, List<Caller>> callers = new HashMap<>();
    Map<MethodRef, List<Transitive>> layer = new LinkedHashMap<>();
    for (ClassSummary cls : program.summaries()) {
      for (MethodSummary method : cls.methods()) {
        Map<Object, Transitive> direct = direct(method);
        found.put(method.ref(), direct);
        if (!direct.isEmpty()) {
          layer.put(method.ref(), List.copyOf(direct.values()));
        }
        for (CallSite call : method.calls()) {
          Dispatch.Targets targets = dispatch.of(call.callee());
          int fanOut = targets.total() > 1 ? targets.total() : 0;
          for (MethodSummary target : targets.methods()) {
            callers
                .computeIfAbsent(target.ref(), ref -> new ArrayList<>())
                .add(new Caller(method, call, fanOut));
          }
        }
      }
    }
    for (int length = 2; length <= MAX_CHAIN && !layer.isEmpty(); length++) {
      layer = next(layer, callers);
    }
    for (MethodRef method : layer.keySet()) {
      for (Caller caller : callers.getOrDefault(method, List.of())) {
        cut.add(caller.method().ref()); // reaches further than the chain bound follows
      }
    }
  }

  /** The acquisitions first reached through one more call than those of {@code layer}. */
  private Map<MethodRef, List<Transitive>> next(
      Map<MethodRef, List<Transitive>> layer, Map<MethodRef, List<Caller>> callers) {
    Map<MethodRef, List<Transitive>> candidates = new HashMap<>();
    for (Map.Entry<MethodRef, List<Transitive>> entry : layer.entrySet()) {
      for (Caller caller : callers.getOrDefault(entry.getKey(), List.of())) {
        MethodSummary callee = dispatchTarget(caller, entry.getKey());
        for (Transitive acquired : entry.getValue()) {
          Transitive extended = extend(acquired, caller, callee);
          if (extended != null) {
            candidates
                .computeIfAbsent(caller.method().ref(), ref -> new ArrayList<>())
                .add(extended);
          }
        }
      }
    }
    Map<MethodRef, List<Transitive>> added = new LinkedHashMap<>();
    List<MethodRef> order = new ArrayList<>(candidates.keySet());
    order.sort(
        Comparator.comparing(MethodRef::owner)
            .thenComparing(MethodRef::name)
            .thenComparing(MethodRef::descriptor));
    for (MethodRef ref : order) {
      List<Transitive> list = candidates.get(ref);
      list.sort(BEST);
      Map<Object, Transitive> mine = found.get(ref);
      for (Transitive candidate : list) {
        Object id = id(candidate.path(), candidate.key());
        if (mine.containsKey(id)) {
          continue;
        }
        if (mine.size() >= MAX_PER_METHOD) {
          cut.add(ref);
          break;
        }
        mine.put(id, candidate);
        added.computeIfAbsent(ref, r -> new ArrayList<>()).add(candidate);
      }
    }
    return added;
  }

  private MethodSummary dispatchTarget(Caller caller, MethodRef target) {
    for (MethodSummary method : dispatch.of(caller.call().callee()).methods()) {
      if (method.ref().equals(target)) {
        return method;
      }
    }
    throw new IllegalStateException("not a target: " + target);
  }

  /** {@code acquired} in {@code callee}, as the caller's call reaches it; null when unnameable. */
  private Transitive extend(Transitive acquired, Caller caller, MethodSummary callee) {
    CallSite call = caller.call();
    if (callee.constructor() && thisRooted(acquired.path())) {
      return null; // the new object's monitor: no other thread can hold it yet
    }
    LockPath path = rebase(acquired.path(), call, callee);
    String key = rebasedKey(acquired, path, call, callee);
    if (key == null) {
      return null;
    }
    List<Site> chain = new ArrayList<>();
    chain.add(call.site());
    chain.addAll(acquired.chain());
    Set<String> inside = new TreeSet<>(acquired.inside());
    for (HeldLock held : call.held()) {
      if (held.key() != null) {
        inside.add(dispatch.canonical(held.key(), held.path()));
      }
    }
    int fanOut = Math.max(caller.fanOut(), acquired.fanOut());
    boolean finalOwner =
        // this-rooted in the callee, reached through this or a final field: this-rooted here too,
        // even when the path grew too long to keep
        acquired.finalOwner()
            && (call.bodyRunsHere() || finalHop(call.receiver(), caller.method().ref().owner()));
    return new Transitive(path, key, chain, List.copyOf(inside), fanOut, finalOwner);
  }

  /**
   * The key of a callee's lock at the call: a lock on a parameter whose type names nothing of the
   * application ({@code Object}, {@code Lock}: a JDK type) is named by the caller's argument.
   */
  String rebasedKey(Transitive acquired, LockPath rebased, CallSite call, MethodSummary callee) {
    LockPath path = acquired.path();
    String key = acquired.key();
    if (path == null || path.rootKind() != LockPath.RootKind.LOCAL || callee.lambda()) {
      return key;
    }
    int index = callee.parameterNames().indexOf(path.root());
    if (index < 0 || (key != null && !key.startsWith("java."))) {
      return key;
    }
    String argumentKey = call.argumentKey(index);
    if (argumentKey == null || rebased == null) {
      return key;
    }
    LockPath lock = LockKeys.collapse(path);
    return dispatch.canonical(argumentKey + String.join("", lock.selectors()), rebased);
  }

  /**
   * Whether {@code path}, a lock of a method of {@code owner}, belongs to {@code this} or to an
   * object reached from it through final fields only: {@code this}, {@code this.lock}, {@code
   * this.pool.lock} with {@code pool} final. (Deeper selectors are fields of other classes, known
   * final only as calls rebase them.)
   */
  boolean finalOwner(LockPath path, String owner) {
    if (!thisRooted(path)) {
      return false;
    }
    int selectors = path.selectors().size();
    return selectors <= 1
        || (selectors == 2
            && field(path, 0) != null
            && finalHop(LockPath.ofThis().field(field(path, 0)), owner));
  }

  /** Whether {@code receiver} is {@code this} or {@code this.f} with {@code f} final in owner. */
  boolean finalHop(LockPath receiver, String owner) {
    if (receiver == null || receiver.rootKind() != LockPath.RootKind.THIS) {
      return false;
    }
    if (receiver.selectors().isEmpty()) {
      return true;
    }
    ClassSummary cls = program.summary(owner);
    return receiver.selectors().size() == 1
        && cls != null
        && field(receiver, 0) != null
        && cls.finalFields().contains(field(receiver, 0));
  }

  /**
   * The field name of selector {@code index}, or for a no-argument call {@code "getPool()"} (a
   * getter of a final field is a final hop too, see {@link ClassSummary#finalFields()}); null for a
   * view.
   */
  private static String field(LockPath path, int index) {
    String selector = path.selectors().get(index);
    return selector.startsWith(".") ? selector.substring(1) : null;
  }

  static boolean thisRooted(LockPath path) {
    return path != null && path.rootKind() == LockPath.RootKind.THIS;
  }

  /** The bodies a call may run. */
  Dispatch.Targets targets(MethodRef callee) {
    return dispatch.of(callee);
  }

  /** The locks {@code ref} acquires transitively; empty when it is not in the program. */
  List<Transitive> of(MethodRef ref) {
    Map<Object, Transitive> known = found.get(ref);
    return known == null ? List.of() : List.copyOf(known.values());
  }

  /** Whether a bound (chain length, locks per method) dropped some of {@code ref}'s locks. */
  boolean cut(MethodRef ref) {
    return cut.contains(ref);
  }

  Dispatch dispatch() {
    return dispatch;
  }

  private static Object id(LockPath path, String key) {
    return List.of(Objects.toString(path), Objects.toString(key));
  }

  /** A method's own acquisitions (and monitor), named as its callers can name them. */
  private Map<Object, Transitive> direct(MethodSummary method) {
    List<Transitive> result = new ArrayList<>();
    if (method.ownMonitor() != null && method.ownMonitor().key() != null) {
      Site site =
          new Site(method.ref().owner(), method.ref(), method.line(), "synchronized method", -1);
      HeldLock own = method.ownMonitor();
      result.add(
          new Transitive(
              own.path(),
              dispatch.canonical(own.key(), own.path()),
              List.of(site),
              List.of(),
              0,
              true));
    }
    for (Acquisition acquisition : method.acquisitions()) {
      Set<String> inside = new TreeSet<>();
      for (HeldLock held : acquisition.held()) {
        if (held.key() != null) {
          inside.add(dispatch.canonical(held.key(), held.path()));
        }
      }
      result.add(
          new Transitive(
              nameable(acquisition.lock(), method),
              dispatch.canonical(acquisition.key(), acquisition.lock()),
              List.of(acquisition.site()),
              List.copyOf(inside),
              0,
              finalOwner(acquisition.lock(), method.ref().owner())));
    }
    Map<Object, Transitive> byId = new LinkedHashMap<>();
    for (Transitive transitive : result) {
      if (transitive.key() != null || transitive.path() != null) {
        byId.putIfAbsent(id(transitive.path(), transitive.key()), transitive);
      }
    }
    return byId;
  }

  /** The path as the method's callers see it (this, parameters, statics), or null. */
  private static LockPath nameable(LockPath path, MethodSummary method) {
    return switch (path.rootKind()) {
      case THIS, STATIC -> path;
      case OUTER -> null;
      case LOCAL -> method.lambda() != method.parameterNames().contains(path.root()) ? path : null;
    };
  }

  /** {@code path}, acquired in {@code callee}, in the terms of the method making {@code call}. */
  static LockPath rebase(LockPath path, CallSite call, MethodSummary callee) {
    if (path == null) {
      return null;
    }
    LockPath result =
        switch (path.rootKind()) {
          case STATIC -> path;
          case OUTER -> null;
          case THIS ->
              call.bodyRunsHere()
                  ? path
                  : call.receiver() == null ? null : path.rebase(call.receiver());
          case LOCAL -> {
            int index = callee.parameterNames().indexOf(path.root());
            if (callee.lambda()) {
              yield index >= 0 ? null : path; // captured locals keep their names
            }
            LockPath argument =
                index >= 0 && index < call.arguments().size() ? call.arguments().get(index) : null;
            yield argument == null ? null : path.rebase(argument);
          }
        };
    return result == null || LockKeys.tooLong(result) ? null : result;
  }
}
