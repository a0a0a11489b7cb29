package dev.latchkey.checks.locks;

import dev.latchkey.checks.Finding;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.config.MethodPattern;
import dev.latchkey.checks.lockset.LockGuards;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
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
 * The unreleased-lock family over one class: solves each method's lock-state dataflow, with calls
 * of the class's own non-overridable helpers judged through their summaries and calls of configured
 * wrappers through the configuration, then applies the family's rules.
 */
public final class LockFamily {
  private final ClassModel cls;
  private final LatchkeyConfig config;
  private final Map<MethodRef, MethodModel> methods = new HashMap<>();
  private final Map<MethodModel, AnalyzedMethod> analyzed = new IdentityHashMap<>();
  private final Map<MethodModel, MethodSummary> summaries = new IdentityHashMap<>();
  private final Set<MethodModel> inProgress = new HashSet<>();
  private final Map<Node, List<CallEffect>> effects = new IdentityHashMap<>();
  private final Set<Node> closedGuards =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  /** Per method of the class, whether every call of it so far has its result closed as a guard. */
  private final Map<MethodRef, Boolean> resultAlwaysClosed = new HashMap<>();

  private LockFamily(ClassModel cls, LatchkeyConfig config) {
    this.cls = cls;
    this.config = config;
    for (MethodModel method : cls.methods()) {
      methods.put(method.ref(), method);
      noteGuards(method);
    }
  }

  /**
   * The calls whose result is stored in a local that is {@code close()}d later ({@code try (Section
   * s = openSection()) {..}}): the guard they return releases what they acquire when it is closed,
   * on every path try-with-resources takes, so the acquisition is the guard's to manage, not this
   * method's (the race checks still see the lock held until the close).
   */
  private void noteGuards(MethodModel method) {
    for (Node node : method.nodes()) {
      if (node.kind() != NodeKind.CALL) {
        continue;
      }
      boolean closed = !LockGuards.closes(method, node).isEmpty();
      if (closed) {
        closedGuards.add(node);
      }
      resultAlwaysClosed.merge(node.callee(), closed, Boolean::logicalAnd);
    }
  }

  /**
   * The methods of the class whose every call here closes the result ({@code try (Section s =
   * openSection())}): they return holding a lock on purpose, for the guard they return to release.
   */
  private Set<MethodRef> guardFactories() {
    Set<MethodRef> factories = new HashSet<>();
    resultAlwaysClosed.forEach(
        (callee, always) -> {
          if (always && methods.containsKey(callee)) {
            factories.add(callee);
          }
        });
    return factories;
  }

  /** Each method's findings of the family in {@code cls}, before suppressions. */
  public static Map<MethodModel, List<Finding>> analyze(ClassModel cls, LatchkeyConfig config) {
    return new LockFamily(cls, config).findings();
  }

  /**
   * How many lock-state facts the solver keeps for {@code method} alone (no summaries): the measure
   * of its work and memory, for tests that keep the cost linear in the size of front-end models.
   */
  public static long storedFacts(MethodModel method) {
    return LockStateAnalysis.run(method, call -> List.of()).storedFacts();
  }

  private Map<MethodModel, List<Finding>> findings() {
    Map<MethodModel, List<Finding>> findings = new IdentityHashMap<>();
    Set<LockPath> releasedInClass = new HashSet<>();
    for (MethodModel method : cls.methods()) {
      for (Node node : method.nodes()) {
        if (node.kind() == NodeKind.RELEASE && node.lock() != null) {
          releasedInClass.add(node.lock());
        }
      }
    }
    Set<MethodRef> guardFactories = guardFactories();
    for (MethodModel method : cls.methods()) {
      AnalyzedMethod analysis = analysis(method);
      List<Finding> found = new ArrayList<>();
      found.addAll(LockNotReleasedRule.apply(analysis, releasedInClass, guardFactories));
      found.addAll(ReleaseNotHeldRule.apply(analysis));
      found.addAll(ReadLockUpgradeRule.apply(analysis));
      findings.put(method, found);
    }
    return findings;
  }

  private AnalyzedMethod analysis(MethodModel method) {
    AnalyzedMethod done = analyzed.get(method);
    if (done == null) {
      inProgress.add(method);
      done = new AnalyzedMethod(LockStateAnalysis.run(method, this::effectsOf));
      inProgress.remove(method);
      analyzed.put(method, done);
    }
    return done;
  }

  private List<CallEffect> effectsOf(Node call) {
    return effects.computeIfAbsent(call, this::computeEffects);
  }

  private List<CallEffect> computeEffects(Node call) {
    List<CallEffect> result = new ArrayList<>();
    MethodRef callee = call.callee();
    addConfigured(result, config.acquireMethods(), call, CallEffect.Kind.ACQUIRES);
    addConfigured(result, config.releaseMethods(), call, CallEffect.Kind.RELEASES);
    if (!result.isEmpty() || closedGuards.contains(call)) {
      return result;
    }
    MethodModel target = methods.get(callee);
    if (target == null || !target.has(MethodModel.Flag.NOT_OVERRIDABLE)) {
      return result;
    }
    MethodSummary summary = summary(target);
    for (LockPath lock : summary.acquires()) {
      addMapped(result, lock, target, call, CallEffect.Kind.ACQUIRES);
    }
    for (LockPath lock : summary.releases()) {
      addMapped(result, lock, target, call, CallEffect.Kind.RELEASES);
    }
    for (LockPath lock : summary.waitsFor()) {
      if (!summary.acquires().contains(lock)) {
        addMapped(result, lock, target, call, CallEffect.Kind.WAITS_FOR);
      }
    }
    return result;
  }

  private static void addConfigured(
      List<CallEffect> result, List<MethodPattern> patterns, Node call, CallEffect.Kind kind) {
    for (MethodPattern pattern : patterns) {
      if (!pattern.matches(call.callee())) {
        continue;
      }
      LockPath lock =
          pattern.argumentIndex() < 0
              ? call.receiver()
              : pattern.argumentIndex() < call.arguments().size()
                  ? call.arguments().get(pattern.argumentIndex())
                  : null;
      if (lock != null) {
        result.add(new CallEffect(kind, lock));
      }
    }
  }

  /** Rewrites a callee-relative lock path into the caller's terms, if the caller can name it. */
  private static void addMapped(
      List<CallEffect> result, LockPath lock, MethodModel callee, Node call, CallEffect.Kind kind) {
    LockPath mapped =
        switch (lock.rootKind()) {
          case STATIC -> lock;
          case OUTER -> null;
          case THIS -> call.receiver() == null ? null : lock.rebase(call.receiver());
          case LOCAL -> {
            int index = callee.parameterNames().indexOf(lock.root());
            LockPath argument =
                index >= 0 && index < call.arguments().size() ? call.arguments().get(index) : null;
            yield argument == null ? null : lock.rebase(argument);
          }
        };
    if (mapped != null) {
      result.add(new CallEffect(kind, mapped));
    }
  }

  private MethodSummary summary(MethodModel method) {
    MethodSummary known = summaries.get(method);
    if (known != null) {
      return known;
    }
    if (inProgress.contains(method)) {
      return MethodSummary.NONE; // recursion: judge the inner call without a summary
    }
    MethodSummary summary = summarize(analysis(method));
    summaries.put(method, summary);
    return summary;
  }

  private static MethodSummary summarize(AnalyzedMethod analysis) {
    MethodModel method = analysis.model();
    Set<Fact> exits = analysis.in(method.exit());
    Set<LockPath> candidates = new HashSet<>();
    exits.forEach(fact -> candidates.addAll(fact.locks().keySet()));
    List<LockPath> acquires = new ArrayList<>();
    List<LockPath> releases = new ArrayList<>();
    List<LockPath> waitsFor = new ArrayList<>();
    for (LockSite site : analysis.acquisitions()) {
      if (site.blocking()
          && nameableByCallers(site.lock(), method)
          && !waitsFor.contains(site.lock())) {
        waitsFor.add(site.lock());
      }
    }
    for (LockSite site : analysis.waits()) {
      if (nameableByCallers(site.lock(), method) && !waitsFor.contains(site.lock())) {
        waitsFor.add(site.lock());
      }
    }
    for (LockPath lock : candidates) {
      if (!nameableByCallers(lock, method)) {
        continue;
      }
      if (exits.stream().allMatch(fact -> AnalyzedMethod.held(fact, lock))) {
        acquires.add(lock);
      } else if (exits.stream()
          .allMatch(
              fact ->
                  fact.lock(lock) != null
                      && fact.lock(lock).status() == LockState.Status.CALLER_RELEASED)) {
        releases.add(lock);
      }
    }
    return new MethodSummary(acquires, releases, waitsFor);
  }

  private static boolean nameableByCallers(LockPath lock, MethodModel method) {
    return switch (lock.rootKind()) {
      case THIS, STATIC -> true;
      case OUTER -> false;
      case LOCAL -> method.parameterNames().contains(lock.root());
    };
  }
}
