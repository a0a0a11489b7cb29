package dev.latchkey.checks.lockset;

import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each method and lambda body of one class is reached from inside the class: the calls of a
 * method, and the calls that pass a lambda or method reference (run at once on the calling thread,
 * run by a helper of the class that invokes it, or handed on to run later). Over a {@link
 * ClassScope}, the calls from the scope's other classes count too ({@link Kind#CALL_ACROSS}).
 */
public final class CallSites {
  /** How a method or lambda body is reached from a node of another method. */
  public enum Kind {
    /** A call of the method on {@code this} (or a static call). */
    CALL_ON_THIS,
    /** A call of the method on another object. */
    CALL_ON_OTHER,
    /**
     * A call of the method from another class of the scope (an enclosing or nested class calling
     * {@code Outer.this.helper()}, {@code new Runnable() {..}.run()}, a static helper): it runs on
     * the calling thread; the locks held there are named as the callee's body names them ({@link
     * ClassHeldLocks}).
     */
    CALL_ACROSS,
    /** The body is passed to a call that runs it before returning ({@link ImmediateCalls}). */
    RUN_IMMEDIATELY,
    /** The body is run by a helper of the class that invokes its parameter ({@code withLock}). */
    RUN_BY_HELPER,
    /** The body is passed somewhere it may run later, on another thread. */
    RUN_LATER
  }

  /** {@code method} reaches the body at {@code call}. */
  public record Site(MethodModel caller, Node call, Kind kind) {
    /** Whether the body runs on the caller's thread before the call returns. */
    public boolean runsNow() {
      return kind != Kind.CALL_ON_OTHER && kind != Kind.RUN_LATER;
    }
  }

  private final Map<MethodRef, MethodModel> byRef = new HashMap<>();

  /** The analysed class's instance methods by name and descriptor: overrides of inherited ones. */
  private final Map<String, MethodModel> overrides = new HashMap<>();

  private final Map<MethodModel, List<Site>> sites = new IdentityHashMap<>();
  private final LatchkeyConfig config;
  private final ClassScope scope;

  private CallSites(ClassScope scope, LatchkeyConfig config) {
    this.config = config;
    this.scope = scope;
    for (MethodModel method : scope.methods()) {
      byRef.put(method.ref(), method);
      sites.put(method, new ArrayList<>());
    }
    for (MethodModel method : scope.analysed().methods()) {
      if (!method.has(MethodModel.Flag.STATIC) && !method.has(MethodModel.Flag.LAMBDA)) {
        overrides.put(method.ref().name() + method.ref().descriptor(), method);
      }
    }
    for (MethodModel caller : scope.methods()) {
      for (Node node : caller.nodes()) {
        if (node.kind() == NodeKind.CALL) {
          record(caller, node);
        }
      }
    }
  }

  static CallSites of(ClassModel cls, LatchkeyConfig config) {
    return new CallSites(ClassScope.of(cls), config);
  }

  /** The sites over every method of {@code scope}. */
  static CallSites of(ClassScope scope, LatchkeyConfig config) {
    return new CallSites(scope, config);
  }

  /** The method of the class (of the scope) with this reference, or null. */
  MethodModel method(MethodRef ref) {
    return byRef.get(ref);
  }

  List<Site> of(MethodModel method) {
    return sites.getOrDefault(method, List.of());
  }

  /**
   * Whether {@code call} runs the bodies passed to it on the calling thread before it returns: a
   * library method that does ({@link ImmediateCalls}), or a helper of the class that invokes them.
   */
  boolean runsBodiesNow(Node call) {
    return helperInvocations(call) != null
        || ImmediateCalls.runsBodiesNow(call, config.immediateMethods());
  }

  private List<Node> helperInvocations(Node call) {
    return HelperInvocations.of(call, byRef.get(call.callee()));
  }

  private void record(MethodModel caller, Node call) {
    MethodModel callee = byRef.get(call.callee());
    if (callee != null) {
      LockPath receiver = call.receiver();
      boolean onThis = receiver == null || receiver.equals(LockPath.ofThis());
      Kind kind =
          scope.classOf(caller) != scope.classOf(callee)
              ? Kind.CALL_ACROSS
              : onThis ? Kind.CALL_ON_THIS : Kind.CALL_ON_OTHER;
      sites.get(callee).add(new Site(caller, call, kind));
    }
    recordOverride(caller, call);
    List<Node> invocations = helperInvocations(call);
    boolean immediate =
        invocations == null && ImmediateCalls.runsBodiesNow(call, config.immediateMethods());
    for (MethodRef ref : call.taskBodies()) {
      MethodModel body = byRef.get(ref);
      if (body == null) {
        continue;
      }
      if (invocations != null) {
        // Run by the helper, with the locks the helper holds where it runs it.
        for (Node invocation : invocations) {
          sites.get(body).add(new Site(callee, invocation, Kind.RUN_BY_HELPER));
        }
      } else {
        sites
            .get(body)
            .add(new Site(caller, call, immediate ? Kind.RUN_IMMEDIATELY : Kind.RUN_LATER));
      }
    }
  }

  /**
   * A superclass's call on {@code this} of a method the analysed class overrides runs the override
   * on this object (a template method: {@code synchronized createDataSource()} calling {@code
   * createConnectionFactory()}): a call of the override on this object.
   */
  private void recordOverride(MethodModel caller, Node call) {
    LockPath receiver = call.receiver();
    if (receiver != null && !receiver.equals(LockPath.ofThis())) {
      return;
    }
    String signature = call.callee().name() + call.callee().descriptor();
    if (signature.equals(caller.ref().name() + caller.ref().descriptor())) {
      return; // super.doStop() in an override of doStop(): the superclass's body, not a dispatch
    }
    MethodModel override = overrides.get(signature);
    if (override != null
        && override.ref() != call.callee()
        && !override.ref().equals(call.callee())
        && !caller.has(MethodModel.Flag.STATIC)
        && scope.isSuperclassOfAnalysed(scope.classOf(caller))) {
      sites.get(override).add(new Site(caller, call, Kind.CALL_ON_THIS));
    }
  }
}
