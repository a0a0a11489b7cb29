package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.Program;
import dev.latchkey.checks.lockorder.MethodSummary.Acquisition;
import dev.latchkey.checks.lockorder.MethodSummary.CallSite;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which locks each method of the program acquires, itself or through calls (across classes), in the
 * method's own terms. Computed on demand per region of the call graph, to a fixpoint (so recursion
 * is handled), bounded in call depth, path length and region size, and memoised.
 */
final class AcquisitionClosure {
  static final int MAX_CHAIN = 8;
  private static final int MAX_REGION = 4096;
  private static final int MAX_PER_METHOD = 64;
  private static final int MAX_ROUNDS = 32;

  private final Program program;
  private final Map<MethodRef, List<Transitive>> done = new HashMap<>();

  AcquisitionClosure(Program program) {
    this.program = program;
  }

  /** The summary of {@code ref} in the program, or null. */
  MethodSummary resolve(MethodRef ref) {
    var summary = program.summary(ref.owner());
    return summary == null ? null : summary.method(ref);
  }

  /** The locks {@code ref} acquires transitively; empty when it is not in the program. */
  synchronized List<Transitive> of(MethodRef ref) {
    List<Transitive> known = done.get(ref);
    if (known != null) {
      return known;
    }
    Map<MethodRef, MethodSummary> region = region(ref);
    Map<MethodRef, Map<Object, Transitive>> found = new HashMap<>();
    for (MethodSummary method : region.values()) {
      found.put(method.ref(), direct(method));
    }
    boolean changed = true;
    for (int round = 0; changed && round < MAX_ROUNDS; round++) {
      changed = false;
      for (MethodSummary method : region.values()) {
        Map<Object, Transitive> mine = found.get(method.ref());
        for (CallSite call : method.calls()) {
          MethodSummary callee = resolve(call.callee());
          if (callee == null) {
            continue;
          }
          Iterable<Transitive> theirs =
              done.containsKey(callee.ref())
                  ? done.get(callee.ref())
                  : found.getOrDefault(callee.ref(), Map.of()).values();
          for (Transitive acquired : List.copyOf(toList(theirs))) {
            if (acquired.chain().size() >= MAX_CHAIN || mine.size() >= MAX_PER_METHOD) {
              continue;
            }
            LockPath path = rebase(acquired.path(), call, callee);
            Object id = List.of(Objects.toString(path), acquired.key());
            if (!mine.containsKey(id)) {
              List<Site> chain = new ArrayList<>();
              chain.add(call.site());
              chain.addAll(acquired.chain());
              mine.put(id, new Transitive(path, acquired.key(), chain));
              changed = true;
            }
          }
        }
      }
    }
    for (Map.Entry<MethodRef, Map<Object, Transitive>> entry : found.entrySet()) {
      done.put(entry.getKey(), List.copyOf(entry.getValue().values()));
    }
    return done.getOrDefault(ref, List.of());
  }

  private static <T> List<T> toList(Iterable<T> items) {
    List<T> list = new ArrayList<>();
    items.forEach(list::add);
    return list;
  }

  /** The methods reachable from {@code ref} by calls, not yet memoised. */
  private Map<MethodRef, MethodSummary> region(MethodRef ref) {
    Map<MethodRef, MethodSummary> region = new LinkedHashMap<>();
    Deque<MethodRef> work = new ArrayDeque<>();
    work.add(ref);
    while (!work.isEmpty() && region.size() < MAX_REGION) {
      MethodRef next = work.poll();
      if (region.containsKey(next) || done.containsKey(next)) {
        continue;
      }
      MethodSummary method = resolve(next);
      if (method == null) {
        continue;
      }
      region.put(next, method);
      for (CallSite call : method.calls()) {
        work.add(call.callee());
      }
    }
    return region;
  }

  /** A method's own acquisitions (and monitor), named as its callers can name them. */
  private static Map<Object, Transitive> direct(MethodSummary method) {
    Map<Object, Transitive> result = new LinkedHashMap<>();
    if (method.ownMonitor() != null && method.ownMonitor().key() != null) {
      Site site =
          new Site(method.ref().owner(), method.ref(), method.line(), "synchronized method", -1);
      add(result, method.ownMonitor().path(), method.ownMonitor().key(), site);
    }
    for (Acquisition acquisition : method.acquisitions()) {
      add(result, nameable(acquisition.lock(), method), acquisition.key(), acquisition.site());
    }
    return result;
  }

  private static void add(Map<Object, Transitive> into, LockPath path, String key, Site site) {
    Object id = List.of(Objects.toString(path), key);
    into.putIfAbsent(id, new Transitive(path, key, List.of(site)));
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
