package dev.latchkey.checks.races;

import dev.latchkey.checks.model.FieldModel;
import dev.latchkey.checks.model.FieldRef;
import dev.latchkey.checks.model.LockKind;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;
import dev.latchkey.checks.model.ResultUse;
import dev.latchkey.checks.model.TaskOperation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds method models the way the front-ends translate the race fixtures: straight code, field
 * reads and writes, synchronized blocks, lock calls, an untracked two-way split ({@code if (x ==
 * null)}), tryLock branches and calls with lambda bodies. Every statement gets its own line.
 */
final class RaceCode {
  static final String OWNER = "demo.Counter";

  private final MethodModel.Builder builder;
  private final Map<String, FieldModel> fields;
  private Node tail;
  private Node last;
  private int line;

  private RaceCode(MethodRef ref, Map<String, FieldModel> fields, int firstLine) {
    this.builder = MethodModel.builder(ref);
    this.fields = fields;
    this.tail = builder.entry();
    this.line = firstLine;
  }

  static RaceCode method(String name, Map<String, FieldModel> fields, int firstLine) {
    return new RaceCode(ref(name), fields, firstLine);
  }

  static MethodRef ref(String name) {
    return new MethodRef(OWNER, name, "()V");
  }

  static FieldModel field(String name, String descriptor, String... modifiers) {
    List<String> mods = Arrays.asList(modifiers);
    String guardedBy = null;
    for (String mod : mods) {
      if (mod.startsWith("guardedBy=")) {
        guardedBy = mod.substring("guardedBy=".length());
      }
    }
    return new FieldModel(
        name,
        descriptor,
        mods.contains("static"),
        mods.contains("final"),
        mods.contains("volatile"),
        Set.of(),
        guardedBy,
        1);
  }

  RaceCode flag(MethodModel.Flag flag) {
    builder.flag(flag);
    return this;
  }

  RaceCode parameters(String... names) {
    builder.parameterNames(names);
    return this;
  }

  RaceCode guardedBy(String expression) {
    builder.guardedBy(expression);
    return this;
  }

  /** Annotations on the method (or a method it overrides), as the front-ends list them. */
  RaceCode annotations(String... names) {
    builder.annotations(Arrays.asList(names));
    return this;
  }

  RaceCode captured(String... names) {
    builder.capturedNames(List.of(names));
    return this;
  }

  /** The line the next statement gets. */
  int nextLine() {
    return line;
  }

  /** The node the last statement made. */
  Node last() {
    return last;
  }

  private FieldRef ref(FieldModel field) {
    return new FieldRef(OWNER, field.name(), field.descriptor());
  }

  private LockPath pathOf(FieldModel field) {
    return field.isStatic()
        ? LockPath.ofStaticField(OWNER, field.name())
        : LockPath.ofThis().field(field.name());
  }

  RaceCode read(String name) {
    FieldModel field = fields.get(name);
    return step(builder.fieldAccess(line++, false, ref(field), pathOf(field), false, name, null));
  }

  RaceCode write(String name) {
    FieldModel field = fields.get(name);
    return step(builder.fieldAccess(line++, true, ref(field), pathOf(field), false, name, null));
  }

  /** {@code name++}: the read and the compound write on one line. */
  RaceCode increment(String name) {
    FieldModel field = fields.get(name);
    int at = line++;
    step(builder.fieldAccess(at, false, ref(field), pathOf(field), false, name, null));
    return step(builder.fieldAccess(at, true, ref(field), pathOf(field), true, name + "++", null));
  }

  /** A read of another object's field: {@code other.name}. */
  RaceCode readOf(String local, String name) {
    FieldModel field = fields.get(name);
    return step(
        builder.fieldAccess(
            line++, false, ref(field), LockPath.ofLocal(local).field(name), false, name, null));
  }

  /** A write of the field {@code name} of the object {@code object} ({@code other.name}). */
  RaceCode writeAt(LockPath object, String name) {
    FieldModel field = fields.get(name);
    return step(
        builder.fieldAccess(line++, true, ref(field), object.field(name), false, name, null));
  }

  /** A read of the field {@code name} of the object {@code object} ({@code Outer.this.name}). */
  RaceCode readAt(LockPath object, String name) {
    FieldModel field = fields.get(name);
    return step(
        builder.fieldAccess(line++, false, ref(field), object.field(name), false, name, null));
  }

  /** An escape of the local's value ({@code return local}, {@code this.f = local}). */
  RaceCode escape(String local) {
    return step(builder.escape(line++, local, null));
  }

  RaceCode arrayWrite(LockPath array) {
    return step(builder.arrayWrite(line++, array, true, array + "[i]++", null));
  }

  RaceCode synchronizedOn(LockPath lock, Consumer<RaceCode> body) {
    step(builder.monitorEnter(line++, lock, OWNER, "synchronized (" + lock + ")", null));
    body.accept(this);
    return step(builder.monitorExit(line++, lock, OWNER, null));
  }

  RaceCode lock(LockPath lock) {
    return step(builder.acquire(line++, lock, LockKind.LOCK, false, lock + ".lock()", null));
  }

  RaceCode unlock(LockPath lock) {
    return step(builder.release(line++, lock, LockKind.LOCK, lock + ".unlock()", null));
  }

  /** {@code if (lock.tryLock()) { then; lock.unlock(); }}. */
  RaceCode ifTryLock(LockPath lock, Consumer<RaceCode> then) {
    String variable = "#c" + line;
    step(builder.tryAcquire(line, lock, LockKind.LOCK, variable, "tryLock()", null));
    Node branch = builder.branch(line++, variable, null);
    builder.edge(tail, branch);
    Node join = builder.nop(-1, null);
    Node start = builder.nop(-1, null);
    builder.trueEdge(branch, start);
    builder.falseEdge(branch, join);
    tail = start;
    then.accept(this);
    unlock(lock);
    builder.edge(tail, join);
    tail = join;
    return this;
  }

  /** {@code if (..) { then }} on a condition the model does not track. */
  RaceCode ifUnknown(Consumer<RaceCode> then) {
    Node split = builder.nop(line, null);
    builder.edge(tail, split);
    Node join = builder.nop(-1, null);
    tail = split;
    then.accept(this);
    builder.edge(tail, join);
    builder.edge(split, join);
    tail = join;
    return this;
  }

  RaceCode call(String owner, String name, LockPath receiver, LockPath... arguments) {
    MethodRef callee = new MethodRef(owner, name, "()V");
    return step(
        builder.call(
            line++, callee, receiver, Arrays.asList(arguments), label(receiver, name), null));
  }

  /** A call whose result is stored: {@code stored = owner.name(arguments)}. */
  RaceCode callStored(
      String owner, String name, LockPath stored, LockPath receiver, LockPath... arguments) {
    call(owner, name, receiver, arguments);
    builder.describeValues(last, stored, List.of(), List.of());
    return this;
  }

  /** A call on the same line as the previous statement (a chain or a nested call). */
  RaceCode sameLine() {
    line--;
    return this;
  }

  /** A call that passes lambda bodies or method references. */
  RaceCode callWith(
      String owner,
      String name,
      LockPath receiver,
      TaskOperation operation,
      Node receiverCall,
      List<MethodRef> bodies,
      LockPath... boundReceivers) {
    call(owner, name, receiver);
    builder.describeCall(last, ResultUse.DISCARDED, operation, receiverCall, bodies);
    if (boundReceivers.length > 0) {
      builder.describeBoundReceivers(last, Arrays.asList(boundReceivers));
    }
    return this;
  }

  RaceCode callMethod(String name) {
    return step(builder.call(line++, ref(name), LockPath.ofThis(), List.of(), name + "()", null));
  }

  MethodModel build() {
    builder.edge(tail, builder.exit());
    return builder.build();
  }

  private static String label(LockPath receiver, String name) {
    return (receiver == null ? "" : receiver + ".") + name + "()";
  }

  private RaceCode step(Node node) {
    builder.edge(tail, node);
    tail = node;
    last = node;
    return this;
  }

  static List<MethodModel> list(MethodModel... methods) {
    return new ArrayList<>(Arrays.asList(methods));
  }
}
