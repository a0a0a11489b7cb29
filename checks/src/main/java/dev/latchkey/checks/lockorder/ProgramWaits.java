package dev.latchkey.checks.lockorder;

import dev.latchkey.checks.Program;
import dev.latchkey.checks.lockorder.MethodSummary.CallSite;
import dev.latchkey.checks.lockorder.MethodSummary.WaitSite;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The waits each method of the program makes, itself or through calls made while it holds none of
 * its own locks (across classes, calls dispatched by {@link Dispatch}): a caller holding a lock
 * makes every one of them wait under it. Computed in layers of chain length like {@link
 * AcquisitionClosure}, so each kind of wait keeps its shortest chain, whatever the visiting order.
 */
final class ProgramWaits {
  private static final int MAX_PER_METHOD = 8;

  /**
   * A wait reached from a method: the wait, the lock it releases in the method's terms (null: none,
   * or one the method cannot name), and the sites from the method down to it.
   */
  record Reached(WaitSite waitSite, LockPath releases, List<Site> chain) {
    Reached {
      chain = List.copyOf(chain);
    }
  }

  private static final Comparator<Reached> BEST =
      Comparator.comparing((Reached r) -> r.waitSite().timed())
          .thenComparing(r -> Objects.toString(r.releases()))
          .thenComparing(Reached::chain, AcquisitionClosure.CHAIN_ORDER);

  private record Caller(MethodSummary method, CallSite call) {}

  private final Map<MethodRef, Map<Object, Reached>> found = new HashMap<>();

  ProgramWaits(Program program, Dispatch dispatch) {
    Map<MethodRef, List<Caller>> callers = new HashMap<>();
    Map<MethodRef, List<Reached>> layer = new LinkedHashMap<>();
    Map<MethodRef, MethodSummary> methods = new HashMap<>();
    for (ClassSummary cls : program.summaries()) {
      for (MethodSummary method : cls.methods()) {
        methods.put(method.ref(), method);
        Map<Object, Reached> own = new LinkedHashMap<>();
        for (WaitSite wait : method.waits()) {
          Reached reached = new Reached(wait, wait.releases(), List.of(wait.site()));
          own.putIfAbsent(id(reached), reached);
        }
        found.put(method.ref(), own);
        if (!own.isEmpty()) {
          layer.put(method.ref(), List.copyOf(own.values()));
        }
        for (CallSite call : method.calls()) {
          if (call.bodyRunsHere() || !call.held().isEmpty()) {
            continue;
          }
          for (MethodSummary target : dispatch.of(call.callee()).methods()) {
            callers
                .computeIfAbsent(target.ref(), ref -> new ArrayList<>())
                .add(new Caller(method, call));
          }
        }
      }
    }
    for (int length = 2; length <= AcquisitionClosure.MAX_CHAIN && !layer.isEmpty(); length++) {
      Map<MethodRef, List<Reached>> candidates = new HashMap<>();
      for (Map.Entry<MethodRef, List<Reached>> entry : layer.entrySet()) {
        MethodSummary callee = methods.get(entry.getKey());
        for (Caller caller : callers.getOrDefault(entry.getKey(), List.of())) {
          for (Reached reached : entry.getValue()) {
            LockPath released =
                AcquisitionClosure.rebase(reached.releases(), caller.call(), callee);
            if (reached.releases() != null && released == null) {
              continue; // releases a lock the caller cannot name: do not guess
            }
            List<Site> chain = new ArrayList<>();
            chain.add(caller.call().site());
            chain.addAll(reached.chain());
            candidates
                .computeIfAbsent(caller.method().ref(), ref -> new ArrayList<>())
                .add(new Reached(reached.waitSite(), released, chain));
          }
        }
      }
      Map<MethodRef, List<Reached>> added = new LinkedHashMap<>();
      for (Map.Entry<MethodRef, List<Reached>> entry : candidates.entrySet()) {
        List<Reached> list = entry.getValue();
        list.sort(BEST);
        Map<Object, Reached> mine = found.get(entry.getKey());
        for (Reached reached : list) {
          if (mine.size() < MAX_PER_METHOD && mine.putIfAbsent(id(reached), reached) == null) {
            added.computeIfAbsent(entry.getKey(), ref -> new ArrayList<>()).add(reached);
          }
        }
      }
      layer = added;
    }
  }

  private static Object id(Reached reached) {
    return List.of(reached.waitSite().timed(), Objects.toString(reached.releases()));
  }

  /** The waits {@code ref} makes or reaches, unbounded ones first; empty when not known. */
  List<Reached> of(MethodRef ref) {
    Map<Object, Reached> known = found.get(ref);
    if (known == null) {
      return List.of();
    }
    List<Reached> result = new ArrayList<>(known.values());
    result.sort(BEST);
    return result;
  }
}
