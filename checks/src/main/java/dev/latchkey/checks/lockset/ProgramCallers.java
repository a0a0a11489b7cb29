package dev.latchkey.checks.lockset;

import dev.latchkey.checks.Program;
import dev.latchkey.checks.lockorder.ClassSummary;
import dev.latchkey.checks.lockorder.HeldLock;
import dev.latchkey.checks.lockorder.MethodSummary;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The calls of each method from the program's classes (their summaries, {@link Program}), with the
 * locks held at each call: where a method of one class gets its entry locks from callers in other
 * classes. Computed once per program.
 */
final class ProgramCallers {
  /** A call of the method in {@code className}. */
  record Caller(String className, MethodSummary.CallSite call) {}

  private final Map<MethodRef, List<Caller>> callers = new HashMap<>();

  private ProgramCallers(Program program) {
    for (ClassSummary cls : program.summaries()) {
      for (MethodSummary method : cls.methods()) {
        for (MethodSummary.CallSite call : method.calls()) {
          if (!call.bodyRunsHere()) {
            callers
                .computeIfAbsent(call.callee(), ref -> new ArrayList<>())
                .add(new Caller(cls.className(), call));
          }
        }
      }
    }
  }

  static ProgramCallers of(Program program) {
    return program.derived(ProgramCallers.class, ProgramCallers::new);
  }

  /** The calls of {@code method} from classes other than {@code className}. */
  List<Caller> from(MethodRef method, String className) {
    return from(method, Set.of(className));
  }

  /** The calls of {@code method} from classes other than {@code classNames}. */
  List<Caller> from(MethodRef method, Set<String> classNames) {
    List<Caller> others = new ArrayList<>();
    for (Caller caller : callers.getOrDefault(method, List.of())) {
      if (!classNames.contains(caller.className())) {
        others.add(caller);
      }
    }
    return others;
  }

  /**
   * The locks held at {@code caller} as {@code callee}'s body names them: a lock reached through
   * the call's receiver is reached through {@code this}, one through an argument through the
   * parameter; statics stay; a lock of the calling object is the enclosing instance's when the
   * callee's class is nested in the caller's ({@code Outer.this.lock} in an anonymous class run
   * where it is made). Locks it cannot name are left out.
   */
  static Set<LockPath> carried(Caller caller, MethodModel callee, String calleeClass) {
    List<LockPath> held = new ArrayList<>();
    for (HeldLock lock : caller.call().held()) {
      held.add(lock.path());
    }
    MethodSummary.CallSite call = caller.call();
    return carried(
        held, call.receiver(), call.arguments(), caller.className(), callee, calleeClass);
  }

  /**
   * The locks {@code held} at a call in class {@code callerClass} (on {@code receiver}, null when
   * not nameable, with {@code arguments}) as {@code callee}'s body, in {@code calleeClass}, names
   * them; see {@link #carried(Caller, MethodModel, String)}.
   */
  static Set<LockPath> carried(
      Iterable<LockPath> held,
      LockPath receiver,
      List<LockPath> arguments,
      String callerClass,
      MethodModel callee,
      String calleeClass) {
    Set<LockPath> carried = new HashSet<>();
    for (LockPath lock : held) {
      LockPath named = null;
      if (lock.rootKind() == LockPath.RootKind.STATIC) {
        named = lock;
      } else if (receiver != null) {
        named = lock.replacePrefix(receiver, LockPath.ofThis());
      }
      if (named == null
          && lock.rootKind() == LockPath.RootKind.THIS
          && calleeClass.startsWith(callerClass + "$")) {
        named = lock.replacePrefix(LockPath.ofThis(), LockPath.ofOuter(callerClass));
      }
      for (int i = 0; named == null && i < arguments.size(); i++) {
        LockPath argument = arguments.get(i);
        if (argument != null && i < callee.parameterNames().size()) {
          named = lock.replacePrefix(argument, LockPath.ofLocal(callee.parameterNames().get(i)));
        }
      }
      if (named != null) {
        carried.add(named);
      }
    }
    return carried;
  }
}
