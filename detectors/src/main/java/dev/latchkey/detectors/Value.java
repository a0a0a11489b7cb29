package dev.latchkey.detectors;

import dev.latchkey.checks.model.LockPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the symbolic simulation knows about one word on the operand stack or in a local slot.
 *
 * @param path the canonical lock path of a reference, or null when unknown
 * @param type the static type of a reference (binary name), or null; used to tell which handlers an
 *     explicit {@code throw} can reach
 * @param resultPc for the boolean result of a {@code tryLock()}/{@code isHeldByCurrentThread()}:
 *     the pc of that call; otherwise -1
 * @param booleanLocal for a value just loaded from a declared boolean local: that variable
 * @param constant for an integer constant ({@code iconst}, {@code bipush}, {@code sipush}, {@code
 *     ldc}, {@code lconst}, {@code ldc2_w}; a {@code long} sits in the first of its two words): its
 *     value; otherwise null. {@code boolean} constants are 0 and 1.
 * @param pathCalls the pcs of the no-argument calls this path was built with ({@code getLock()} in
 *     {@code this.getLock()}): when the value is the receiver of a lock operation they only name
 *     the lock and are no events
 * @param producerPc for a value an invocation (also an {@code invokedynamic}) just pushed, still on
 *     the operand stack (a {@code checkcast} keeps it): the pc of that invocation, so that the
 *     instruction consuming it tells what the code does with a call's result; otherwise -1. A value
 *     stored in a local loses it. A {@code new T} pushes a value produced by the {@code new}
 *     instruction, whose constructor call is the {@code invokespecial <init>} it is passed to.
 * @param local for a reference just loaded from a declared local variable or parameter ({@code
 *     aload}, {@code this} excluded): its name, kept while the value is on the operand stack
 *     ({@code checkcast} and {@code dup}s keep it), so that the instruction consuming it tells
 *     whether the local's value escapes; otherwise null
 * @param reads the fields ({@code this.count}) and array elements ({@link #elementOf}) whose values
 *     this one was computed from on the operand stack, within one statement (a value stored in a
 *     local forgets them): a store of it into the same field is a compound update
 */
record Value(
    LockPath path,
    String type,
    int resultPc,
    LocalVariables.Var booleanLocal,
    Long constant,
    List<Integer> pathCalls,
    int producerPc,
    String local,
    Set<LockPath> reads) {
  static final Value UNKNOWN = new Value(null, null, -1, null, null, List.of(), -1, null, Set.of());

  Value {
    pathCalls = List.copyOf(pathCalls);
    reads = Set.copyOf(reads);
  }

  static Value ofPath(LockPath path, String type) {
    return new Value(path, type, -1, null, null, List.of(), -1, null, Set.of());
  }

  static Value ofType(String type) {
    return type == null
        ? UNKNOWN
        : new Value(null, type, -1, null, null, List.of(), -1, null, Set.of());
  }

  static Value result(int pc) {
    return new Value(null, null, pc, null, null, List.of(), -1, null, Set.of());
  }

  static Value booleanLocal(LocalVariables.Var variable) {
    return new Value(null, null, -1, variable, null, List.of(), -1, null, Set.of());
  }

  static Value constant(long value) {
    return new Value(null, null, -1, null, value, List.of(), -1, null, Set.of());
  }

  /** The marker, among {@link #reads}, of a read of an element of the array {@code array}. */
  static LockPath elementOf(LockPath array) {
    return array.field("[]");
  }

  Value withType(String newType) {
    return new Value(
        path, newType, resultPc, booleanLocal, constant, pathCalls, producerPc, local, reads);
  }

  /** This value as loaded from the declared local {@code name}. */
  Value loadedFrom(String name) {
    return new Value(
        path, type, resultPc, booleanLocal, constant, pathCalls, producerPc, name, reads);
  }

  /** This value as read back from a local: the calls that built its path are no longer its own. */
  Value withoutPathCalls() {
    return pathCalls.isEmpty()
        ? this
        : new Value(
            path, type, resultPc, booleanLocal, constant, List.of(), producerPc, local, reads);
  }

  /** This value, also computed from {@code more} reads. */
  Value withReads(Set<LockPath> more) {
    if (more.isEmpty() || reads.containsAll(more)) {
      return this;
    }
    Set<LockPath> all = new HashSet<>(reads);
    all.addAll(more);
    return new Value(
        path, type, resultPc, booleanLocal, constant, pathCalls, producerPc, local, all);
  }

  /** A path derived from this one ({@code x.f}, {@code x#read}, {@code x.get()}). */
  Value derive(LockPath newPath, String newType, Integer callPc) {
    List<Integer> calls = new ArrayList<>(pathCalls);
    if (callPc != null) {
      calls.add(callPc);
    }
    return new Value(newPath, newType, -1, null, null, calls, -1, null, reads);
  }

  boolean isResult() {
    return resultPc >= 0;
  }

  /** What is known on every incoming path. */
  Value join(Value other) {
    if (this.equals(other)) {
      return this;
    }
    return new Value(
        Objects.equals(path, other.path) ? path : null,
        Objects.equals(type, other.type) ? type : null,
        resultPc == other.resultPc ? resultPc : -1,
        Objects.equals(booleanLocal, other.booleanLocal) ? booleanLocal : null,
        Objects.equals(constant, other.constant) ? constant : null,
        pathCalls.equals(other.pathCalls) ? pathCalls : List.of(),
        producerPc == other.producerPc ? producerPc : -1,
        Objects.equals(local, other.local) ? local : null,
        union(reads, other.reads));
  }

  private static Set<LockPath> union(Set<LockPath> a, Set<LockPath> b) {
    if (b.isEmpty() || a.containsAll(b)) {
      return a;
    }
    Set<LockPath> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  /** This value as pushed by the invocation at {@code pc}. */
  Value producedBy(int pc) {
    return new Value(path, type, resultPc, booleanLocal, constant, pathCalls, pc, local, reads);
  }

  /**
   * This value as stored in a local: no longer the direct result of an invocation, nor the value of
   * the local it was loaded from, nor part of the statement's computation.
   */
  Value stored() {
    return producerPc < 0 && local == null && reads.isEmpty()
        ? this
        : new Value(path, type, resultPc, booleanLocal, constant, pathCalls, -1, null, Set.of());
  }

  boolean isProduced() {
    return producerPc >= 0;
  }
}
