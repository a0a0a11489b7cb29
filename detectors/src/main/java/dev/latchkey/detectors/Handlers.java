package dev.latchkey.detectors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ASTORE;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.GotoInstruction;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.INVOKESPECIAL;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.MONITOREXIT;
import org.apache.bcel.generic.NOP;
import org.apache.bcel.generic.POP;
import org.apache.bcel.generic.ReturnInstruction;

/**
 * The exception handlers of one method body, as the swallowed-exception family needs them
 * (notes/FRONTENDS-exceptions.md): which handler entries of the exception table are the source's
 * {@code catch} clauses and which are {@code finally} blocks (and which javac made for
 * try-with-resources or {@code synchronized}), the code of each handler, the reads of each catch
 * clause's variable, and the jumps that leave a {@code finally} block.
 *
 * <p>The code of a handler (its <em>region</em>) is what its entry dominates: the instructions
 * reachable from the handler entry that cannot be reached from the method entry without passing
 * through it, in the JVM's flow graph (every instruction in a protected range may throw). javac
 * lays a {@code catch} block out right after its entry and before the next handler of the same
 * {@code try} statement, so a catch region is also cut at that next handler, or, for the last catch
 * clause of a {@code try} without {@code finally}, at the end of its variable's scope in the
 * LocalVariableTable (javac writes an entry for every catch variable whose scope is not empty, used
 * or not): code after the {@code try} statement that only the handler reaches (the {@code try}
 * block always returns) is not part of it. Without a LocalVariableTable that code cannot be told
 * from the handler's.
 *
 * <p>With a {@code finally}, javac ends each catch block with a copy of the {@code finally} block.
 * The catch block itself (its <em>body</em>) is what the catch-all entries of that {@code finally}
 * protect; the copies are the gaps between them. Control leaves the catch block (a CATCH_END) where
 * it enters a copy, unless that copy leads to the return instruction of a {@code return} written in
 * the catch block (javac places it after the copy): that copy belongs to the handler's
 * <em>extent</em>, so the RETURN is inside the handler as in the source.
 */
final class Handlers {
  /** What javac made a handler entry for. */
  enum Kind {
    /** A {@code catch} clause of the source. */
    CATCH,
    /** The exceptional copy of a {@code finally} block (a catch-all entry). */
    FINALLY,
    /** javac's {@code catch (Throwable)} that closes a resource, adds suppressed, rethrows. */
    TRY_WITH_RESOURCES,
    /** javac's catch-all that exits a {@code synchronized} monitor and rethrows. */
    MONITOR
  }

  /** One handler entry (all exception table entries that share its pc). */
  static final class Handler {
    final int pc;
    final int index;
    final List<ExceptionEdges.Handler> entries = new ArrayList<>();
    Kind kind;

    /** The local the entry stores the exception into, or -1 ({@code pop}). */
    int slot = -1;

    /** The catch variable's name (LocalVariableTable), or null. */
    String variable;

    BitSet region = new BitSet();
    BitSet body = new BitSet();

    /**
     * Where control is still in the handler: its body, and the {@code finally} copies that lead to
     * a {@code return} of the catch block; leaving it is a CATCH_END.
     */
    BitSet extent = new BitSet();

    /** Instruction index of the try statement's normal exit, or -1 when unknown. */
    int tryExit = -1;

    /**
     * The try block ends in a return or a throw: no normal path leaves its code other than by a
     * return or an {@code athrow} (no jump past the handlers, no break or continue out of it).
     */
    boolean tryEndsInReturnOrThrow;

    private Handler(int pc, int index) {
      this.pc = pc;
      this.index = index;
    }

    boolean catchesAll() {
      return entries.stream().anyMatch(entry -> entry.catchType() == null);
    }

    /** The caught types in table order, without repeats (a multi-catch has several). */
    List<String> types() {
      Set<String> types = new LinkedHashSet<>();
      for (ExceptionEdges.Handler entry : entries) {
        if (entry.catchType() != null) {
          types.add(entry.catchType());
        }
      }
      return List.copyOf(types);
    }

    int tryStart() {
      return entries.stream().mapToInt(ExceptionEdges.Handler::start).min().orElse(pc);
    }

    int tryEnd() {
      return entries.stream().mapToInt(ExceptionEdges.Handler::end).max().orElse(pc);
    }

    @Override
    public String toString() {
      return kind + "@" + pc;
    }
  }

  private final InstructionHandle[] handles;
  private final ConstantPoolGen cpg;
  private final IntUnaryOperator lineOf;
  private final Function<InstructionHandle, String> thrownType;
  private final Predicate<InstructionHandle> assertionFailure;
  private final LocalVariables locals;
  private final ExceptionEdges exceptions;
  private final Map<Integer, Integer> indexOfPc = new HashMap<>();
  private final Map<Integer, Handler> byPc = new LinkedHashMap<>();
  private final BitSet reachable = new BitSet();
  private final int[][] successors;
  private final int[][] handlerSuccessors;

  /** catch variable reads: instruction index -> variable. */
  private final Map<Integer, String> uses = new HashMap<>();

  private final BitSet leavesFinally = new BitSet();
  private final BitSet syntheticRethrows = new BitSet();
  private final BitSet inTryWithResources = new BitSet();

  /** [from, to) pcs between a try-with-resources block and its handler: the normal close. */
  private final List<int[]> resourceCloseRanges = new ArrayList<>();

  /** Catch handlers, smallest region first (inner handlers before the ones around them). */
  private final List<Handler> catchesInnermostFirst = new ArrayList<>();

  /**
   * @param lineOf the source line of a pc
   * @param thrownType the static type of the value an {@code athrow} throws, or null
   * @param assertionFailure whether an {@code athrow} is an {@code assert} statement's (no {@code
   *     throw} statement: it never leaves a {@code finally} block as a jump)
   */
  Handlers(
      InstructionHandle[] handles,
      ConstantPoolGen cpg,
      LocalVariables locals,
      ExceptionEdges exceptions,
      IntUnaryOperator lineOf,
      Function<InstructionHandle, String> thrownType,
      Predicate<InstructionHandle> assertionFailure) {
    this.handles = handles;
    this.cpg = cpg;
    this.locals = locals;
    this.exceptions = exceptions;
    this.lineOf = lineOf;
    this.thrownType = thrownType;
    this.assertionFailure = assertionFailure;
    for (int i = 0; i < handles.length; i++) {
      indexOfPc.put(handles[i].getPosition(), i);
    }
    this.successors = new int[handles.length][];
    this.handlerSuccessors = new int[handles.length][];
    for (ExceptionEdges.Handler entry : exceptions.all()) {
      Integer index = indexOfPc.get(entry.handlerPc());
      if (index == null) {
        continue;
      }
      byPc.computeIfAbsent(entry.handlerPc(), pc -> new Handler(pc, index)).entries.add(entry);
    }
    if (handles.length == 0 || byPc.isEmpty()) {
      return;
    }
    reach(0, -1, 0, Integer.MAX_VALUE, reachable, null);
    for (Handler handler : byPc.values()) {
      if (reachable.get(handler.index)) {
        analyse(handler);
      }
    }
    for (Handler handler : byPc.values()) {
      if (handler.kind == Kind.FINALLY) {
        findJumpsOutOf(handler);
      }
    }
    for (Handler handler : byPc.values()) {
      if (handler.kind == Kind.TRY_WITH_RESOURCES) {
        for (ExceptionEdges.Handler entry : handler.entries) {
          resourceCloseRanges.add(new int[] {entry.end(), handler.pc});
        }
      }
    }
    catchesInnermostFirst.sort(Comparator.comparingInt(handler -> handler.extent.cardinality()));
  }

  // ------------------------------------------------------------------ queries

  /** The catch clause whose handler starts at {@code handle}, or null. */
  Handler catchAt(InstructionHandle handle) {
    Handler handler = byPc.get(handle.getPosition());
    return handler != null && handler.kind == Kind.CATCH ? handler : null;
  }

  /** The catch variable {@code handle} reads, or null. */
  String useAt(InstructionHandle handle) {
    return uses.get(indexOf(handle));
  }

  /** A {@code return}, {@code throw} or jump that completes a {@code finally} block abruptly. */
  boolean leavesFinally(InstructionHandle handle) {
    return is(leavesFinally, handle);
  }

  /** javac's rethrow at the end of a {@code finally}, try-with-resources or monitor handler. */
  boolean isSyntheticRethrow(InstructionHandle handle) {
    return is(syntheticRethrows, handle);
  }

  /** Inside a handler javac made for try-with-resources. */
  boolean inTryWithResourcesHandler(InstructionHandle handle) {
    return is(inTryWithResources, handle);
  }

  private boolean is(BitSet set, InstructionHandle handle) {
    int index = indexOf(handle);
    return index >= 0 && set.get(index);
  }

  /**
   * The catch handlers that control leaves on the normal edge {@code from} -> {@code to}, inner
   * handlers first.
   */
  List<Handler> catchesLeft(InstructionHandle from, InstructionHandle to) {
    int source = indexOf(from);
    int target = indexOf(to);
    if (source < 0 || target < 0) {
      return List.of();
    }
    List<Handler> left = null;
    for (Handler handler : catchesInnermostFirst) {
      if (handler.extent.get(source) && !handler.extent.get(target)) {
        if (left == null) {
          left = new ArrayList<>();
        }
        left.add(handler);
      }
    }
    return left == null ? List.of() : left;
  }

  /** All handler entries, in table order. */
  List<Handler> all() {
    return List.copyOf(byPc.values());
  }

  private int indexOf(InstructionHandle handle) {
    return indexOfPc.getOrDefault(handle.getPosition(), -1);
  }

  // ------------------------------------------------------------------ flow graph

  private int[] successors(int index) {
    int[] known = successors[index];
    if (known == null) {
      List<InstructionHandle> next = ControlFlow.successors(handles[index]);
      known = new int[next.size()];
      for (int i = 0; i < known.length; i++) {
        known[i] = indexOfPc.get(next.get(i).getPosition());
      }
      successors[index] = known;
    }
    return known;
  }

  private int[] handlerSuccessors(int index) {
    int[] known = handlerSuccessors[index];
    if (known == null) {
      List<ExceptionEdges.Handler> covering = exceptions.covering(handles[index].getPosition());
      known = new int[covering.size()];
      for (int i = 0; i < known.length; i++) {
        known[i] = indexOfPc.getOrDefault(covering.get(i).handlerPc(), index);
      }
      handlerSuccessors[index] = known;
    }
    return known;
  }

  /**
   * Marks in {@code into} what is reachable from {@code start} over normal and exceptional edges,
   * never entering {@code avoid}, within pcs [{@code from}, {@code to}), and not in {@code
   * outside}.
   */
  private void reach(int start, int avoid, int from, int to, BitSet into, BitSet outside) {
    Deque<Integer> work = new ArrayDeque<>();
    into.set(start);
    work.add(start);
    while (!work.isEmpty()) {
      int index = work.poll();
      for (int[] next : new int[][] {successors(index), handlerSuccessors(index)}) {
        for (int target : next) {
          int pc = handles[target].getPosition();
          if (target == avoid
              || into.get(target)
              || pc < from
              || pc >= to
              || (outside != null && outside.get(target))) {
            continue;
          }
          into.set(target);
          work.add(target);
        }
      }
    }
  }

  /** The instructions the handler entry dominates within pcs [from, to). */
  private BitSet dominated(Handler handler, int from, int to) {
    BitSet bypass = new BitSet();
    if (handler.index != 0) {
      reach(0, handler.index, 0, Integer.MAX_VALUE, bypass, null);
    }
    BitSet region = new BitSet();
    reach(handler.index, -1, from, to, region, bypass);
    return region;
  }

  // ------------------------------------------------------------------ classification

  private void analyse(Handler handler) {
    Instruction first = handles[handler.index].getInstruction();
    if (first instanceof ASTORE store) {
      handler.slot = store.getIndex();
    }
    if (handler.catchesAll()) {
      BitSet whole = dominated(handler, 0, Integer.MAX_VALUE);
      // The Eclipse compiler closes resources in catch-all (not catch Throwable) handlers.
      if (!isMonitorExit(handler) && isTryWithResources(handler, whole)) {
        handler.kind = Kind.TRY_WITH_RESOURCES;
        handler.region = whole;
        handler.body = whole;
        inTryWithResources.or(whole);
        markRethrows(handler);
        return;
      }
      handler.kind = isMonitorExit(handler) ? Kind.MONITOR : Kind.FINALLY;
      handler.region = dominated(handler, 0, Integer.MAX_VALUE);
      handler.body = handler.region;
      markRethrows(handler);
      return;
    }
    if (handler.types().equals(List.of(ExceptionEdges.THROWABLE))) {
      BitSet whole = dominated(handler, 0, Integer.MAX_VALUE);
      if (isTryWithResources(handler, whole)) {
        handler.kind = Kind.TRY_WITH_RESOURCES;
        handler.region = whole;
        handler.body = whole;
        inTryWithResources.or(whole);
        markRethrows(handler);
        return;
      }
    }
    handler.kind = Kind.CATCH;
    handler.variable = catchVariable(handler);
    List<Handler> sameTry = sameTry(handler);
    int end = Integer.MAX_VALUE;
    for (Handler other : sameTry) {
      if (other.pc > handler.pc) {
        end = Math.min(end, other.pc);
      }
    }
    if (end == Integer.MAX_VALUE && handler.slot >= 0 && locals.hasTable()) {
      // The last catch of a try without finally: its block ends where its variable's scope does.
      // javac leaves out a variable whose scope is empty: then the block is empty too.
      LocalVariables.Var variable = declared(handler);
      InstructionHandle store = handles[handler.index];
      end =
          variable != null
              ? variable.start() + variable.length()
              : store.getPosition() + store.getInstruction().getLength();
    }
    handler.region = dominated(handler, handler.pc, end);
    handler.body = (BitSet) handler.region.clone();
    for (Handler other : sameTry) {
      if (other.catchesAll()) {
        // The finally of the same try: its entries cover the catch blocks, not its own copies.
        BitSet covered = new BitSet();
        for (ExceptionEdges.Handler entry : other.entries) {
          for (int i = handler.index; i < handles.length; i++) {
            if (entry.covers(handles[i].getPosition())) {
              covered.set(i);
            }
          }
        }
        handler.body.and(covered);
      }
    }
    handler.body.set(handler.index);
    handler.extent = extent(handler);
    Handler firstOfTry = sameTry.stream().min(Comparator.comparingInt(h -> h.pc)).orElse(handler);
    if (firstOfTry.index > 0
        && handles[firstOfTry.index - 1].getInstruction() instanceof GotoInstruction exit) {
      handler.tryExit = indexOf(exit.getTarget());
    }
    Integer tryStart = indexOfPc.get(handler.tryStart());
    handler.tryEndsInReturnOrThrow =
        tryStart != null
            && tryStart < firstOfTry.index
            && !leavesNormally(tryStart, firstOfTry.index);
    findUses(handler);
    catchesInnermostFirst.add(handler);
  }

  /**
   * Whether control leaves the try statement's normal code, instructions [from, to) up to its first
   * handler (the try block, its inner handlers and inlined {@code finally} copies), other than by a
   * return or a throw: by the jump past the handlers (javac's {@code goto}, or a compiler's
   * conditional jump straight there), or a {@code break}/{@code continue} out of it.
   */
  private boolean leavesNormally(int from, int to) {
    for (int i = from; i < to; i++) {
      for (int next : successors(i)) {
        if (next < from || next >= to) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The body, and each {@code finally} copy the body enters that ends in a {@code return} (javac
   * places the return instruction of {@code return x;} in a catch block after the copy): as in the
   * source, the catch block ends where control falls into the {@code finally} block, except that a
   * {@code return} is written in the catch block.
   */
  private BitSet extent(Handler handler) {
    BitSet extent = (BitSet) handler.body.clone();
    if (handler.body.equals(handler.region)) {
      return extent;
    }
    BitSet body = handler.body;
    for (int i = body.nextSetBit(0); i >= 0; i = body.nextSetBit(i + 1)) {
      for (int next : successors(i)) {
        if (body.get(next) || !handler.region.get(next) || extent.get(next)) {
          continue;
        }
        BitSet copy = new BitSet();
        boolean returns = false;
        Deque<Integer> work = new ArrayDeque<>(List.of(next));
        copy.set(next);
        while (!work.isEmpty()) {
          int index = work.poll();
          returns |= handles[index].getInstruction() instanceof ReturnInstruction;
          for (int target : successors(index)) {
            if (handler.region.get(target) && !body.get(target) && !copy.get(target)) {
              copy.set(target);
              work.add(target);
            }
          }
        }
        if (returns) {
          extent.or(copy);
        }
      }
    }
    return extent;
  }

  /**
   * The handlers of the same {@code try} statement (this one included): their entries start where
   * this one's do, and they come after its {@code try} block (an inner {@code try} that starts at
   * the same pc has its handlers inside the outer block).
   */
  private List<Handler> sameTry(Handler handler) {
    int start = handler.tryStart();
    int end = handler.tryEnd();
    List<Handler> result = new ArrayList<>();
    for (Handler other : byPc.values()) {
      if (other.pc >= end && other.entries.stream().anyMatch(entry -> entry.start() == start)) {
        result.add(other);
      }
    }
    if (!result.contains(handler)) {
      result.add(handler);
    }
    return result;
  }

  /** {@code astore t; aload lock; monitorexit; aload t; athrow}. */
  private boolean isMonitorExit(Handler handler) {
    for (int i = handler.index; i < Math.min(handles.length, handler.index + 4); i++) {
      Instruction instruction = handles[i].getInstruction();
      if (instruction instanceof MONITOREXIT) {
        return true;
      }
      if (instruction instanceof InvokeInstruction) {
        return false;
      }
    }
    return false;
  }

  /**
   * javac's {@code catch (Throwable t)} around a resource: it calls {@code addSuppressed} and its
   * variable is a compiler temporary (no LocalVariableTable entry).
   */
  private boolean isTryWithResources(Handler handler, BitSet region) {
    if (handler.slot >= 0 && locals.hasTable() && declared(handler) != null) {
      return false;
    }
    for (int i = region.nextSetBit(0); i >= 0; i = region.nextSetBit(i + 1)) {
      if (handles[i].getInstruction() instanceof InvokeInstruction invoke
          && !(invoke instanceof INVOKEDYNAMIC)
          && invoke.getMethodName(cpg).equals("addSuppressed")) {
        return true;
      }
    }
    return false;
  }

  /** The LocalVariableTable entry of the catch variable (its scope starts after the store). */
  private LocalVariables.Var declared(Handler handler) {
    InstructionHandle entry = handles[handler.index];
    int next = entry.getPosition() + entry.getInstruction().getLength();
    return locals.storedAt(handler.slot, entry.getPosition(), next);
  }

  private String catchVariable(Handler handler) {
    if (handler.slot < 0) {
      return null;
    }
    LocalVariables.Var variable = declared(handler);
    return variable == null ? null : variable.name();
  }

  /** Reads of the catch variable in the catch block (a lambda or object capturing it too). */
  private void findUses(Handler handler) {
    if (handler.variable == null) {
      return;
    }
    BitSet body = handler.body;
    for (int i = body.nextSetBit(0); i >= 0; i = body.nextSetBit(i + 1)) {
      if (handles[i].getInstruction() instanceof ALOAD load && load.getIndex() == handler.slot) {
        LocalVariables.Var variable = locals.at(handler.slot, handles[i].getPosition());
        if (variable == null || variable.name().equals(handler.variable)) {
          uses.put(i, handler.variable);
        }
      }
    }
  }

  /** {@code aload t; athrow} of the temporary the handler stored its exception into. */
  private void markRethrows(Handler handler) {
    if (handler.slot < 0) {
      return;
    }
    BitSet region = handler.region;
    for (int i = region.nextSetBit(0); i >= 0; i = region.nextSetBit(i + 1)) {
      if (handles[i].getInstruction() instanceof ATHROW && i > 0) {
        InstructionHandle previous = handles[i - 1];
        if (previous.getInstruction() instanceof ALOAD load
            && load.getIndex() == handler.slot
            && (!locals.hasTable() || locals.at(handler.slot, previous.getPosition()) == null)) {
          syntheticRethrows.set(i);
        }
      }
    }
  }

  /**
   * Whether the catch block holds nothing but storing (or popping) the exception and the jump to
   * the end of the {@code try} statement; the {@code finally} copy javac appends does not count, a
   * {@code return} (whose instruction follows that copy) or a jump elsewhere does. javac threads
   * jumps to jumps, so a {@code continue} can compile to the very {@code goto} an empty block ends
   * with; the LocalVariableTable tells them apart: javac writes the catch variable only when its
   * scope, the block, holds code.
   */
  boolean emptyBody(Handler handler) {
    if (handler.slot >= 0 && locals.hasTable()) {
      LocalVariables.Var variable = declared(handler);
      if (variable != null && variable.length() > 0) {
        return false;
      }
    }
    for (int i = handler.region.nextSetBit(0); i >= 0; i = handler.region.nextSetBit(i + 1)) {
      Instruction instruction = handles[i].getInstruction();
      if (instruction instanceof ReturnInstruction) {
        return false;
      }
      if (instruction instanceof GotoInstruction jump) {
        int target = indexOf(jump.getTarget());
        if (target >= 0
            && !handler.region.get(target)
            && handler.tryExit >= 0
            && target != handler.tryExit) {
          return false; // break or continue
        }
      }
      if (!handler.body.get(i) || i == handler.index) {
        continue;
      }
      if (!(instruction instanceof GotoInstruction || instruction instanceof NOP)) {
        return false;
      }
    }
    Instruction first = handles[handler.index].getInstruction();
    return first instanceof ASTORE || first instanceof POP || first instanceof NOP;
  }

  /**
   * The protected range of a catch clause: the instructions of its {@code try} block, in order,
   * except those of javac's try-with-resources handlers.
   */
  List<InstructionHandle> tryBlock(Handler handler) {
    List<InstructionHandle> result = new ArrayList<>();
    for (int i = 0; i < handles.length; i++) {
      int pc = handles[i].getPosition();
      boolean inside = false;
      for (ExceptionEdges.Handler entry : handler.entries) {
        inside |= entry.covers(pc);
      }
      if (inside && reachable.get(i) && !inTryWithResources.get(i)) {
        result.add(handles[i]);
      }
    }
    return result;
  }

  /**
   * The {@code close()} calls javac adds at the end of a try-with-resources block, on the normal
   * path: between the end of the range its handler protects and that handler.
   */
  boolean isResourceClose(InstructionHandle handle) {
    if (!(handle.getInstruction() instanceof InvokeInstruction invoke)
        || invoke instanceof INVOKEDYNAMIC
        || !invoke.getMethodName(cpg).equals("close")
        || !invoke.getSignature(cpg).equals("()V")) {
      return false;
    }
    int pc = handle.getPosition();
    for (int[] range : resourceCloseRanges) {
      if (pc >= range[0] && pc < range[1]) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ finally

  /**
   * The returns, throws and jumps of a {@code finally} block's exceptional copy that leave it, and
   * the same statements (same line, same instruction) in the copies javac inlines where the {@code
   * try} and {@code catch} blocks complete: the gaps between the finally handler's protected
   * ranges.
   */
  private void findJumpsOutOf(Handler handler) {
    BitSet region = handler.region;
    Set<String> leaving = new LinkedHashSet<>();
    for (int i = region.nextSetBit(0); i >= 0; i = region.nextSetBit(i + 1)) {
      if (leaves(handler, i)) {
        leavesFinally.set(i);
        leaving.add(statementKey(i));
      }
    }
    if (leaving.isEmpty()) {
      return;
    }
    List<ExceptionEdges.Handler> ranges = new ArrayList<>();
    for (ExceptionEdges.Handler entry : handler.entries) {
      if (entry.start() < handler.pc) {
        ranges.add(entry);
      }
    }
    ranges.sort(Comparator.comparingInt(ExceptionEdges.Handler::start));
    for (int k = 0; k < ranges.size(); k++) {
      int gapStart = ranges.get(k).end();
      int gapEnd = k + 1 < ranges.size() ? ranges.get(k + 1).start() : handler.pc;
      for (int i = 0; i < handles.length; i++) {
        int pc = handles[i].getPosition();
        if (pc >= gapStart
            && pc < gapEnd
            && !syntheticRethrows.get(i)
            && leaving.contains(statementKey(i))) {
          leavesFinally.set(i);
        }
      }
    }
  }

  private boolean leaves(Handler handler, int index) {
    Instruction instruction = handles[index].getInstruction();
    if (instruction instanceof ReturnInstruction) {
      return true;
    }
    if (instruction instanceof GotoInstruction jump) {
      int target = indexOf(jump.getTarget());
      return target >= 0 && !handler.region.get(target);
    }
    if (instruction instanceof ATHROW
        && !syntheticRethrows.get(index)
        && !assertionFailure.test(handles[index])) {
      // Leaves unless a handler inside the finally block surely catches it.
      String thrown = thrownType.apply(handles[index]);
      ExceptionEdges.Targets targets = exceptions.forThrow(handles[index].getPosition(), thrown);
      if (targets.escapes()) {
        return true;
      }
      for (int pc : targets.handlerPcs()) {
        Integer target = indexOfPc.get(pc);
        if (target == null || !handler.region.get(target)) {
          return true;
        }
      }
      return false;
    }
    return false;
  }

  private String statementKey(int index) {
    Instruction instruction = handles[index].getInstruction();
    String kind =
        instruction instanceof ReturnInstruction
            ? "return"
            : instruction instanceof ATHROW ? "throw" : instruction.getName();
    return line(index) + " " + kind;
  }

  private int line(int index) {
    return lineOf.applyAsInt(handles[index].getPosition());
  }

  /** The type of {@code throw new T(..)} at this {@code athrow}, or null for other throws. */
  static String newThrown(InstructionHandle athrow, ConstantPoolGen cpg) {
    InstructionHandle previous = athrow.getPrev();
    if (previous != null
        && !athrow.hasTargeters()
        && previous.getInstruction() instanceof INVOKESPECIAL init
        && init.getMethodName(cpg).equals("<init>")) {
      return init.getReferenceType(cpg).toString();
    }
    return null;
  }
}
