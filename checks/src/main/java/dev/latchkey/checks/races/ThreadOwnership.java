package dev.latchkey.checks.races;

import dev.latchkey.checks.lockset.CallSites;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * State owned by one thread: a field used, outside initialization, only by the body of a thread or
 * task ({@code run()}, {@code call()}) and the code that body alone runs (private helpers, lambdas
 * it runs at once) is read and written by the one thread that runs it, however the object's other
 * state is shared. A {@code run()} loop's counters and buffers are the common case.
 */
final class ThreadOwnership {
  private final Set<MethodModel> owned = Collections.newSetFromMap(new IdentityHashMap<>());
  private final String className;

  private ThreadOwnership(RaceContext context) {
    this.className = context.cls.name();
    for (MethodModel method : context.cls.methods()) {
      if (isThreadEntry(method)) {
        owned.add(method);
      }
    }
    boolean changed = !owned.isEmpty();
    while (changed) {
      changed = false;
      for (MethodModel method : context.cls.methods()) {
        if (!owned.contains(method) && runsOnlyFromOwned(context, method)) {
          owned.add(method);
          changed = true;
        }
      }
    }
  }

  static ThreadOwnership of(RaceContext context) {
    return new ThreadOwnership(context);
  }

  /**
   * The entry points Latchkey treats as one thread: {@code public void run()} (a {@code Thread} or
   * {@code Runnable} body) and {@code call()} without parameters (a {@code Callable} body).
   */
  static boolean isThreadEntry(MethodModel method) {
    String name = method.ref().name();
    String descriptor = method.ref().descriptor();
    return !method.has(Flag.STATIC)
        && !method.has(Flag.LAMBDA)
        && (name.equals("run") && "()V".equals(descriptor)
            || name.equals("call") && descriptor != null && descriptor.startsWith("()"));
  }

  /**
   * Whether every access in {@code accesses} runs only on the thread of one entry point, on a field
   * of the thread's own object or class: the outer object's field used from a task class's {@code
   * run()} ({@code Outer.this.count}) is shared by every task made from it.
   */
  boolean owns(List<FieldAccess> accesses) {
    if (owned.isEmpty() || accesses.isEmpty()) {
      return false;
    }
    for (FieldAccess access : accesses) {
      if (!owned.contains(access.method()) || !ofOwnObject(access.node().path())) {
        return false;
      }
    }
    return true;
  }

  private boolean ofOwnObject(LockPath path) {
    if (path == null) {
      return true;
    }
    LockPath object = path.parent();
    return object.equals(LockPath.ofThis())
        || path.rootKind() == LockPath.RootKind.STATIC && path.root().equals(className);
  }

  private boolean runsOnlyFromOwned(RaceContext context, MethodModel method) {
    if (!method.has(Flag.LAMBDA) && !method.has(Flag.NOT_OVERRIDABLE)
        || context.sites(method).isEmpty()) {
      return false;
    }
    for (CallSites.Site site : context.sites(method)) {
      if (site.kind() == CallSites.Kind.RUN_LATER
          || site.kind() == CallSites.Kind.CALL_ON_OTHER
          || !owned.contains(site.caller())) {
        return false;
      }
    }
    return true;
  }
}
