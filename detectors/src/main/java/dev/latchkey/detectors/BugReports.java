package dev.latchkey.detectors;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.RelatedLocation;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.NodeKind;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.SuppressionMatcher;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

/**
 * Turns the core's findings into SpotBugs {@link BugInstance}s: bug type = the CheckId, priority
 * from the catalogue's severity, the class and method, the source line of the instruction the
 * finding names, the core's message as a string annotation (shown by messages.xml's LongDescription
 * as {@code {2}}) and the method in source terms ({@code {3}}: "the lambda in all()", not SpotBugs'
 * {@code lambda$all$0(Void)}).
 */
final class BugReports {
  private final Detector detector;
  private final BugReporter reporter;
  private final JavaClass cls;
  private final ClassFacts facts;

  BugReports(Detector detector, BugReporter reporter, JavaClass cls, ClassFacts facts) {
    this.facts = facts;
    this.detector = detector;
    this.reporter = reporter;
    this.cls = cls;
  }

  /** SpotBugs priority for a catalogue severity. */
  static int priority(CheckId check) {
    return switch (check.severity()) {
      case ERROR -> Priorities.HIGH_PRIORITY;
      case WARNING -> Priorities.NORMAL_PRIORITY;
      case INFO -> Priorities.LOW_PRIORITY;
    };
  }

  /**
   * Reports each finding once. javac copies {@code finally} code for every way out of a {@code
   * try}, so one source statement can be several instructions with the same finding: those are one
   * report.
   */
  void report(List<Finding> findings) {
    Set<String> reported = new HashSet<>();
    for (Finding finding : findings) {
      BytecodeOrigin origin = (BytecodeOrigin) finding.primary().origin();
      if (reported.add(key(finding, origin))) {
        reporter.reportBug(bugInstance(finding, cls, origin.method(), origin.pc()));
      }
    }
  }

  /**
   * Findings the core left out because of a {@code @SuppressFBWarnings} are not reported, but
   * SpotBugs is told that the annotation was used, so that it does not flag it as a useless
   * suppression (US_USELESS_SUPPRESSION_ON_*). Only when SpotBugs itself holds a suppressor that
   * matches is anything recorded.
   */
  void noteSuppressed(
      List<Finding> suppressed, SuppressionReader suppressions, SuppressionMatcher matcher) {
    if (matcher == null) {
      return;
    }
    for (Finding finding : suppressed) {
      BytecodeOrigin origin = (BytecodeOrigin) finding.primary().origin();
      for (SuppressionReader.Site site : suppressions.sitesFor(origin.method())) {
        if (!site.everything() && !site.values().contains(finding.check().id())) {
          continue;
        }
        // SpotBugs matches a method's annotation by the bug's method, a class's annotation by the
        // bug's class name prefix: describe the finding as sitting where its annotation is (a
        // lambda body's finding on the method that holds the lambda, ...).
        if (site.field() != null) {
          continue; // SpotBugs matches field annotations only to bugs about the field
        }
        BugInstance bug =
            site.method() != null
                ? bugInstance(finding, site.owner(), site.method(), -1)
                : bugInstance(finding, cls, origin.method(), origin.pc());
        if (matcher.match(bug)) {
          break;
        }
      }
    }
  }

  private BugInstance bugInstance(Finding finding, JavaClass owner, Method method, int pc) {
    BugInstance bug =
        new BugInstance(detector, finding.check().id(), priority(finding.check()))
            .addClassAndMethod(owner, method);
    bug.addString(finding.message());
    bug.addString(SourceNames.of(owner, method));
    if (pc >= 0 && method.getCode() != null) {
      bug.addSourceLine(SourceLineAnnotation.fromVisitedInstruction(owner, method, pc));
      addRelated(bug, finding);
    }
    Field field = owner == cls ? storedField(finding, owner) : null;
    if (field != null) {
      bug.addField(owner.getClassName(), field.getName(), field.getSignature(), field.isStatic());
    }
    return bug;
  }

  /**
   * The finding's related places (the other acquisitions of a lock-order cycle, the guarded
   * accesses of a field), in this class or another, as further source lines after the primary one,
   * each with its description as its role; without descriptions (findings that only name nodes)
   * "Lock obtained at" for an acquisition, "Another occurrence at" otherwise.
   */
  private void addRelated(BugInstance bug, Finding finding) {
    Set<String> seen = new HashSet<>();
    if (!finding.relatedLocations().isEmpty()) {
      for (RelatedLocation location : finding.relatedLocations()) {
        Node node = location.node();
        BytecodeOrigin origin =
            node != null && node.origin() instanceof BytecodeOrigin known ? known : null;
        int line = location.line() > 0 ? location.line() : node != null ? node.line() : -1;
        String role =
            location.description() == null || location.description().isBlank()
                ? SourceLineAnnotation.ROLE_ANOTHER_INSTANCE
                : location.description();
        addLine(bug, seen, location.className(), origin, line, role);
      }
      return;
    }
    for (Node related : finding.related()) {
      if (related.origin() instanceof BytecodeOrigin origin) {
        addLine(
            bug,
            seen,
            origin.className(),
            origin,
            related.line(),
            related.kind() == NodeKind.ACQUIRE
                ? SourceLineAnnotation.ROLE_LOCK_OBTAINED_AT
                : SourceLineAnnotation.ROLE_ANOTHER_INSTANCE);
      }
    }
  }

  private void addLine(
      BugInstance bug,
      Set<String> seen,
      String className,
      BytecodeOrigin origin,
      int line,
      String role) {
    String owner = className != null ? className : cls.getClassName();
    if (line < 1 || !seen.add(owner + ":" + line + ":" + role)) {
      return;
    }
    String sourceFile = origin != null && origin.sourceFile() != null ? origin.sourceFile() : null;
    if (sourceFile == null) {
      sourceFile = sourceFileOf(owner);
    }
    int pc = origin == null ? -1 : origin.pc();
    SourceLineAnnotation annotation =
        new SourceLineAnnotation(
            owner,
            sourceFile != null ? sourceFile : SourceLineAnnotation.UNKNOWN_SOURCE_FILE,
            line,
            line,
            pc,
            pc);
    annotation.setDescription(role);
    bug.addSourceLine(annotation);
  }

  /** The source file name a class file records, or null. */
  private String sourceFileOf(String className) {
    if (className.equals(cls.getClassName())) {
      return cls.getSourceFileName();
    }
    JavaClass other = facts.lookup(className);
    return other == null ? null : other.getSourceFileName();
  }

  /**
   * The field of {@code owner} the finding's call stores its result into ({@code private final
   * ExecutorService pool = Executors.newCachedThreadPool();}), or null. The bug then names the
   * field, so that SpotBugs' own {@code @SuppressFBWarnings} on the field suppresses it, as the
   * javac front-end honours a suppression on the field for its initializer. (A class file does not
   * tell an initializer from a constructor's assignment: the annotation covers both here.)
   */
  private static Field storedField(Finding finding, JavaClass owner) {
    LockPath stored = finding.primary().resultStoredTo();
    if (stored == null) {
      return null;
    }
    for (Field field : owner.getFields()) {
      LockPath path =
          field.isStatic()
              ? LockPath.ofStaticField(owner.getClassName(), field.getName())
              : LockPath.ofThis().field(field.getName());
      if (path.equals(stored)) {
        return field;
      }
    }
    return null;
  }

  private static String key(Finding finding, BytecodeOrigin origin) {
    return finding.check().id()
        + " "
        + origin.method().getName()
        + origin.method().getSignature()
        + " "
        + finding.primary().line();
  }
}
