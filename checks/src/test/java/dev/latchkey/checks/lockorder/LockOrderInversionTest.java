package dev.latchkey.checks.lockorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Finding;
import dev.latchkey.checks.Latchkey;
import dev.latchkey.checks.Program;
import dev.latchkey.checks.RelatedLocation;
import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.checks.model.ClassModel;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodModel.Flag;
import dev.latchkey.checks.model.Node;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LockOrderInversion on hand-built models shaped like the fixtures in fixtures/lockorder. */
class LockOrderInversionTest {
  static final String BANK = "demo.Bank";
  static final String ACCOUNT = "demo.Account";
  static final String LEDGER = "demo.Ledger";

  static LockPath field(String name) {
    return LockPath.ofThis().field(name);
  }

  static LockPath local(String name) {
    return LockPath.ofLocal(name);
  }

  /** Findings of {@code check} in {@code cls}, with the others of the program visible. */
  static List<Finding> findings(CheckId check, ClassModel cls, ClassModel... others) {
    List<ClassModel> all = new ArrayList<>(List.of(others));
    all.add(0, cls);
    Program program = Program.of(all, LatchkeyConfig.DEFAULT);
    return Latchkey.analyze(cls, LatchkeyConfig.DEFAULT, program).stream()
        .filter(finding -> finding.check() == check)
        .toList();
  }

  static List<Integer> lines(List<Finding> findings) {
    return findings.stream().map(finding -> finding.primary().line()).sorted().toList();
  }

  static List<Integer> inversions(ClassModel cls, ClassModel... others) {
    return lines(findings(CheckId.LOCK_ORDER_INVERSION, cls, others));
  }

  /** {@code synchronized (this.a) { synchronized (this.b) {} }}; returns the inner node. */
  static Node nestMonitors(Code code, String outer, String inner) {
    Node[] innerNode = new Node[1];
    code.sync(field(outer), BANK, body -> innerNode[0] = body.sync(field(inner), BANK, x -> {}));
    return innerNode[0];
  }

  @Test
  void twoMethodsNestTwoMonitorsInOppositeOrder() {
    Code debit = Code.method(BANK, "debit", 10);
    Node first = nestMonitors(debit, "accounts", "audit");
    Code report = Code.method(BANK, "report", 20);
    Node second = nestMonitors(report, "audit", "accounts");
    ClassModel bank = new ClassModel(BANK, List.of(debit.build(), report.build()));

    List<Finding> found = findings(CheckId.LOCK_ORDER_INVERSION, bank);
    assertEquals(List.of(first.line(), second.line()), lines(found));
    Finding atDebit = found.get(0);
    assertTrue(
        atDebit.message().contains("`debit()` takes `this.accounts` then `this.audit`"),
        atDebit.message());
    assertTrue(atDebit.message().contains("`report()` takes them in the opposite order"));
    List<RelatedLocation> related = atDebit.relatedLocations();
    assertEquals(1, related.size());
    assertEquals(second, related.get(0).node());
    assertEquals(List.of(second), atDebit.related());
  }

  @Test
  void consistentOrderInManyMethodsIsNotReported() {
    List<MethodModel> methods = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Code code = Code.method(BANK, "m" + i, 10 * (i + 1));
      nestMonitors(code, "accounts", "audit");
      methods.add(code.build());
    }
    assertEquals(List.of(), inversions(new ClassModel(BANK, methods)));
  }

  @Test
  void reentrantLocksInOppositeOrder() {
    Code a = Code.method(BANK, "a", 10);
    a.lock(field("left"), BANK);
    Node first = a.lock(field("right"), BANK);
    a.unlock(field("right"), BANK);
    a.unlock(field("left"), BANK);
    Code b = Code.method(BANK, "b", 20);
    b.lock(field("right"), BANK);
    Node second = b.lock(field("left"), BANK);
    b.unlock(field("left"), BANK);
    b.unlock(field("right"), BANK);
    assertEquals(
        List.of(first.line(), second.line()),
        inversions(new ClassModel(BANK, List.of(a.build(), b.build()))));
  }

  @Test
  void monitorAgainstLockInOppositeOrder() {
    Code a = Code.method(BANK, "a", 10);
    Node[] first = new Node[1];
    a.sync(
        field("state"),
        BANK,
        body -> {
          first[0] = body.lock(field("io"), BANK);
          body.unlock(field("io"), BANK);
        });
    Code b = Code.method(BANK, "b", 20);
    b.lock(field("io"), BANK);
    Node second = b.sync(field("state"), BANK, x -> {});
    b.unlock(field("io"), BANK);
    assertEquals(
        List.of(first[0].line(), second.line()),
        inversions(new ClassModel(BANK, List.of(a.build(), b.build()))));
  }

  @Test
  void locksReleasedBeforeTheNextIsTakenGiveNoEdge() {
    Code a = Code.method(BANK, "a", 10);
    a.sync(field("x"), BANK, body -> {});
    a.sync(field("y"), BANK, body -> {});
    Code b = Code.method(BANK, "b", 20);
    nestMonitors(b, "y", "x");
    assertEquals(List.of(), inversions(new ClassModel(BANK, List.of(a.build(), b.build()))));
  }

  @Test
  void reentrantAcquisitionIsNoEdge() {
    Code a = Code.method(BANK, "a", 10);
    a.sync(
        field("x"),
        BANK,
        body -> body.sync(field("y"), BANK, inner -> inner.sync(field("x"), BANK, z -> {})));
    Code b = Code.method(BANK, "b", 20).flag(Flag.SYNCHRONIZED);
    b.sync(LockPath.ofThis(), BANK, body -> {});
    assertEquals(List.of(), inversions(new ClassModel(BANK, List.of(a.build(), b.build()))));
  }

  @Test
  void tryLockCannotDeadlock() {
    Code a = Code.method(BANK, "a", 10);
    a.lock(field("x"), BANK);
    a.lock(field("y"), BANK);
    a.unlock(field("y"), BANK);
    a.unlock(field("x"), BANK);
    Code b = Code.method(BANK, "b", 20);
    b.lock(field("y"), BANK);
    b.tryLock(field("x"), BANK, then -> then.unlock(field("x"), BANK));
    b.unlock(field("y"), BANK);
    assertEquals(List.of(), inversions(new ClassModel(BANK, List.of(a.build(), b.build()))));
  }

  @Test
  void threeLockCycle() {
    Code a = Code.method(BANK, "a", 10);
    Node ab = nestMonitors(a, "p", "q");
    Code b = Code.method(BANK, "b", 20);
    Node bc = nestMonitors(b, "q", "r");
    Code c = Code.method(BANK, "c", 30);
    Node ca = nestMonitors(c, "r", "p");
    List<Finding> found =
        findings(
            CheckId.LOCK_ORDER_INVERSION,
            new ClassModel(BANK, List.of(a.build(), b.build(), c.build())));
    assertEquals(List.of(ab.line(), bc.line(), ca.line()), lines(found));
    assertEquals(2, found.get(0).relatedLocations().size());
    assertTrue(
        found.get(0).message().contains("`b()` takes `this.q` then `this.r`"),
        found.get(0).message());
  }

  @Test
  void transferBetweenTwoParametersIsAnInversionWithItself() {
    Code transfer = Code.method(BANK, "transfer", 10, "from", "to");
    Node[] inner = new Node[1];
    transfer.sync(
        local("from"), ACCOUNT, body -> inner[0] = body.sync(local("to"), ACCOUNT, x -> {}));
    List<Finding> found =
        findings(CheckId.LOCK_ORDER_INVERSION, new ClassModel(BANK, List.of(transfer.build())));
    assertEquals(List.of(inner[0].line()), lines(found));
    assertTrue(found.get(0).message().contains("both are Account locks"), found.get(0).message());
  }

  @Test
  void orderingByIdTakesBothOrdersAndIsNotReported() {
    Code transfer = Code.method(BANK, "transfer", 10, "a", "b");
    transfer.branch(
        then -> then.sync(local("a"), ACCOUNT, body -> body.sync(local("b"), ACCOUNT, x -> {})),
        otherwise ->
            otherwise.sync(local("b"), ACCOUNT, body -> body.sync(local("a"), ACCOUNT, x -> {})));
    assertEquals(List.of(), inversions(new ClassModel(BANK, List.of(transfer.build()))));
  }

  @Test
  void localsOfTheSameTypeAreNotASelfLoop() {
    Code transfer = Code.method(BANK, "transfer", 10, "a", "b");
    transfer.sync(local("first"), ACCOUNT, body -> body.sync(local("second"), ACCOUNT, x -> {}));
    assertEquals(List.of(), inversions(new ClassModel(BANK, List.of(transfer.build()))));
  }

  @Test
  void synchronizedMethodCallingAnotherInstancesSynchronizedMethod() {
    // synchronized void transferTo(Account other) { other.deposit(); } synchronized void deposit()
    Code deposit = Code.method(ACCOUNT, "deposit", 10).flag(Flag.SYNCHRONIZED);
    Code transferTo = Code.method(ACCOUNT, "transferTo", 20, "other").flag(Flag.SYNCHRONIZED);
    Node call = transferTo.call(deposit.ref(), local("other"));
    List<Finding> found =
        findings(
            CheckId.LOCK_ORDER_INVERSION,
            new ClassModel(ACCOUNT, List.of(deposit.build(), transferTo.build())));
    assertEquals(List.of(call.line()), lines(found));
  }

  @Test
  void callOnThisOfASynchronizedMethodIsReentrant() {
    Code deposit = Code.method(ACCOUNT, "deposit", 10).flag(Flag.SYNCHRONIZED);
    Code twice = Code.method(ACCOUNT, "twice", 20).flag(Flag.SYNCHRONIZED);
    twice.call(deposit.ref(), LockPath.ofThis());
    assertEquals(
        List.of(), inversions(new ClassModel(ACCOUNT, List.of(deposit.build(), twice.build()))));
  }

  @Test
  void inversionThroughACallIntoAnotherClass() {
    // Bank.transfer: synchronized (this.lock) { ledger.record(); } with Ledger.record taking
    // Ledger.LOCK; Ledger.audit: synchronized (LOCK) { bank.total(); } taking bank's lock.
    LockPath ledgerLock = LockPath.ofStaticField(LEDGER, "LOCK");
    Code record = Code.method(LEDGER, "record", 10);
    Node recordAcquires = record.sync(ledgerLock, LEDGER, x -> {});
    Code total = Code.method(BANK, "total", 40);
    total.sync(field("lock"), BANK, x -> {});
    Code audit = Code.method(LEDGER, "audit", 20, "bank");
    Node[] auditCall = new Node[1];
    audit.sync(ledgerLock, LEDGER, body -> auditCall[0] = body.call(total.ref(), local("bank")));
    Code transfer = Code.method(BANK, "transfer", 30);
    Node[] transferCall = new Node[1];
    transfer.sync(
        field("lock"), BANK, body -> transferCall[0] = body.call(record.ref(), field("ledger")));
    ClassModel bank = new ClassModel(BANK, List.of(transfer.build(), total.build()));
    ClassModel ledger = new ClassModel(LEDGER, List.of(record.build(), audit.build()));

    List<Finding> inBank = findings(CheckId.LOCK_ORDER_INVERSION, bank, ledger);
    assertEquals(List.of(transferCall[0].line()), lines(inBank));
    String message = inBank.get(0).message();
    assertTrue(
        message.contains(
            "`transfer()` takes `this.lock` then `Ledger.LOCK` (via `Ledger.record()`)"),
        message);
    assertTrue(message.contains("`Ledger.audit()` takes them in the opposite order"), message);
    List<RelatedLocation> related = inBank.get(0).relatedLocations();
    assertEquals(LEDGER, related.get(0).className());
    assertEquals(recordAcquires.line(), related.get(0).line());
    assertEquals(null, related.get(0).node());
    assertEquals(List.of(auditCall[0].line()), inversions(ledger, bank));
    // One compilation unit at a time (javac): each class alone sees no cycle.
    assertEquals(List.of(), inversions(bank));
  }

  @Test
  void staticLockAgainstInstanceLock() {
    LockPath registry = LockPath.ofStaticField(BANK, "REGISTRY");
    Code a = Code.method(BANK, "open", 10);
    Node[] first = new Node[1];
    a.sync(registry, BANK, body -> first[0] = body.sync(LockPath.ofThis(), BANK, x -> {}));
    Code b = Code.method(BANK, "close", 20).flag(Flag.SYNCHRONIZED);
    Node second = b.sync(registry, BANK, x -> {});
    assertEquals(
        List.of(first[0].line(), second.line()),
        inversions(new ClassModel(BANK, List.of(a.build(), b.build()))));
  }

  @Test
  void locksTakenInALambdaRunByForEach() {
    // synchronized (this.registry) { accounts.forEach(a -> { synchronized (a) { .. } }); }
    // and elsewhere: synchronized (account) { synchronized (this.registry) { .. } }
    Code lambda = Code.method(BANK, "lambda$audit$0", 12, "a").flag(Flag.LAMBDA);
    Node inLambda = lambda.sync(local("a"), ACCOUNT, x -> {});
    Code audit = Code.method(BANK, "audit", 10);
    audit.sync(
        field("registry"),
        BANK,
        body ->
            body.callWithBodies(
                new dev.latchkey.checks.model.MethodRef(
                    "java.util.List", "forEach", "(Ljava/util/function/Consumer;)V"),
                field("accounts"),
                lambda.ref()));
    Code close = Code.method(BANK, "close", 20, "account");
    Node[] second = new Node[1];
    close.sync(
        local("account"), ACCOUNT, body -> second[0] = body.sync(field("registry"), BANK, x -> {}));
    assertEquals(
        List.of(inLambda.line(), second[0].line()),
        inversions(new ClassModel(BANK, List.of(audit.build(), lambda.build(), close.build()))));
  }

  @Test
  void lambdaSubmittedToAnExecutorHoldsNothing() {
    Code lambda = Code.method(BANK, "lambda$audit$0", 12, "a").flag(Flag.LAMBDA);
    lambda.sync(local("a"), ACCOUNT, x -> {});
    Code audit = Code.method(BANK, "audit", 10);
    audit.sync(
        field("registry"),
        BANK,
        body ->
            body.callWithBodies(
                new dev.latchkey.checks.model.MethodRef(
                    "java.util.concurrent.ExecutorService",
                    "submit",
                    "(Ljava/lang/Runnable;)Ljava/util/concurrent/Future;"),
                field("pool"),
                lambda.ref()));
    Code close = Code.method(BANK, "close", 20, "account");
    close.sync(local("account"), ACCOUNT, body -> body.sync(field("registry"), BANK, x -> {}));
    assertEquals(
        List.of(),
        inversions(new ClassModel(BANK, List.of(audit.build(), lambda.build(), close.build()))));
  }

  @Test
  void recursionAndUnknownShapesDoNotThrow() {
    Code a = Code.method(BANK, "walk", 10, "node");
    a.sync(
        local("node"),
        ACCOUNT,
        body -> body.call(Code.ref(BANK, "walk", 1), null, local("node").field("next")));
    Code b = Code.method(BANK, "b", 20);
    b.sync(local("unknown"), null, body -> body.call(Code.ref("other.Missing", "x", 0), null));
    ClassModel cls = new ClassModel(BANK, List.of(a.build(), b.build()));
    assertEquals(List.of(), inversions(cls));
  }

  @Test
  void suppressionOnTheMethodHidesTheFinding() {
    Code debit = Code.method(BANK, "debit", 10).suppress("LockOrderInversion");
    nestMonitors(debit, "accounts", "audit");
    Code report = Code.method(BANK, "report", 20);
    Node second = nestMonitors(report, "audit", "accounts");
    assertEquals(
        List.of(second.line()),
        inversions(new ClassModel(BANK, List.of(debit.build(), report.build()))));
  }

  @Test
  void aLongCycleAcrossManyClassesIsFoundAndBounded() {
    int size = 300;
    List<ClassModel> classes = new ArrayList<>();
    List<Integer> callLines = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String owner = "demo.C" + i;
      String next = "demo.C" + ((i + 1) % size);
      Code step = Code.method(owner, "step", 10, "next");
      Node[] call = new Node[1];
      step.sync(
          field("lock"),
          owner,
          body -> call[0] = body.call(Code.ref(next, "step", 1), local("next"), local("next")));
      callLines.add(call[0].line());
      classes.add(new ClassModel(owner, List.of(step.build())));
    }
    Program program = Program.of(classes, LatchkeyConfig.DEFAULT);
    long text = 0;
    int leads = 0;
    for (ClassModel cls : classes) {
      List<Finding> found =
          Latchkey.analyze(cls, LatchkeyConfig.DEFAULT, program).stream()
              .filter(finding -> finding.check() == CheckId.LOCK_ORDER_INVERSION)
              .toList();
      assertEquals(1, found.size(), cls.name());
      Finding finding = found.get(0);
      assertTrue(finding.message().contains("edges of a lock cycle"), finding.message());
      assertTrue(
          finding.relatedLocations().size() <= LockOrderInversionRule.MAX_RELATED, cls.name());
      if (finding.message().contains("the cycle: ")) {
        leads++;
      } else {
        text += finding.message().length();
      }
    }
    // Each finding names its neighbours only; the whole cycle is spelled out once.
    assertEquals(1, leads);
    assertTrue(text / (size - 1) < 1500, "average message length " + text / (size - 1));
  }

  /** A registry whose synchronized fire() calls an interface with {@code count} implementations. */
  static List<ClassModel> registryWithHandlers(int count) {
    String registry = "demo.Registry";
    String handler = "demo.Handler";
    List<ClassModel> classes = new ArrayList<>();
    Code fire = Code.method(registry, "fire", 10).flag(Flag.SYNCHRONIZED);
    fire.call(Code.ref(handler, "handle", 0), local("h"));
    Code size = Code.method(registry, "size", 20).flag(Flag.SYNCHRONIZED);
    classes.add(new ClassModel(registry, List.of(fire.build(), size.build())));
    for (int i = 0; i < count; i++) {
      String owner = "demo.H" + (char) ('a' + i);
      Code handle = Code.method(owner, "handle", 10).flag(Flag.SYNCHRONIZED);
      Code counter = Code.method(owner, "count", 20).flag(Flag.SYNCHRONIZED);
      counter.call(size.ref(), local("registry"));
      classes.add(
          new ClassModel(
              owner,
              List.of(handle.build(), counter.build()),
              List.of(),
              java.util.Set.of(),
              List.of("java.lang.Object", handler)));
    }
    return classes;
  }

  static List<Finding> allFindings(List<ClassModel> classes, Program program) {
    List<Finding> all = new ArrayList<>();
    for (ClassModel cls : classes) {
      all.addAll(
          Latchkey.analyze(cls, LatchkeyConfig.DEFAULT, program).stream()
              .filter(finding -> finding.check() == CheckId.LOCK_ORDER_INVERSION)
              .toList());
    }
    return all;
  }

  @Test
  void anInterfaceCallReachesAtMostEightImplementationsAndSaysHowMany() {
    List<ClassModel> classes = registryWithHandlers(10);
    Program program = Program.of(classes, LatchkeyConfig.DEFAULT);
    List<Finding> found = allFindings(classes, program);
    Finding atFire =
        found.stream()
            .filter(finding -> finding.message().startsWith("`fire()`"))
            .findFirst()
            .orElseThrow();
    assertTrue(atFire.message().contains("one of 10 implementations"), atFire.message());
    // Only the first 8 handlers by name are reached, so only their count() closes a cycle.
    assertEquals(
        List.of(
            "demo.Ha", "demo.Hb", "demo.Hc", "demo.Hd", "demo.He", "demo.Hf", "demo.Hg", "demo.Hh"),
        classes.stream()
            .filter(cls -> !allFindings(List.of(cls), program).isEmpty())
            .map(ClassModel::name)
            .filter(name -> name.startsWith("demo.H"))
            .toList());
  }

  @Test
  void findingsDoNotDependOnTheOrderClassesComeIn() {
    List<ClassModel> classes = registryWithHandlers(10);
    List<ClassModel> reversed = new ArrayList<>(classes);
    java.util.Collections.reverse(reversed);
    List<Finding> forward = allFindings(classes, Program.of(classes, LatchkeyConfig.DEFAULT));
    List<Finding> backward = allFindings(classes, Program.of(reversed, LatchkeyConfig.DEFAULT));
    assertEquals(
        forward.stream().map(f -> f.message() + f.relatedLocations()).toList(),
        backward.stream().map(f -> f.message() + f.relatedLocations()).toList());
  }

  @Test
  void mutualRecursionStillCarriesTheInnerAcquisition() {
    Code b = Code.method(BANK, "b", 20);
    Code c = Code.method(BANK, "c", 30);
    c.call(b.ref(), LockPath.ofThis());
    b.call(c.ref(), LockPath.ofThis());
    b.sync(field("q"), BANK, x -> {});
    Code a = Code.method(BANK, "a", 10);
    Node[] call = new Node[1];
    a.sync(field("p"), BANK, body -> call[0] = body.call(b.ref(), LockPath.ofThis()));
    Code d = Code.method(BANK, "d", 40);
    Node inner = nestMonitors(d, "q", "p");
    ClassModel cls = new ClassModel(BANK, List.of(c.build(), b.build(), a.build(), d.build()));
    assertEquals(List.of(call[0].line(), inner.line()), inversions(cls));
  }

  @Test
  void keysAreShownWithSimpleClassNames() {
    assertEquals("Account.lock", LockKeys.display("demo.pkg.Bank$Account.lock"));
    assertEquals("Ledger.LOCK", LockKeys.display("demo.Ledger.LOCK"));
    assertEquals("Bank", LockKeys.display("demo.Bank"));
    assertEquals("Bank.class", LockKeys.display("demo.Bank.class"));
  }
}
