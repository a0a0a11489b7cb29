package dev.latchkey.detectors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.bcel.Const;
import org.apache.bcel.generic.ILOAD;
import org.apache.bcel.generic.InstructionHandle;

/**
 * Loop conditions that compare an int local with a constant (notes/FRONTENDS-executors.md item 4),
 * with the constant: LOOP_LIMIT nodes.
 */
final class LoopLimits {
  private final MethodContext context;

  /** Loop conditions comparing an int local with a constant, with the constant. */
  private final Map<InstructionHandle, Long> loopLimits = new IdentityHashMap<>();

  /** Per instruction index, its strongly connected component; computed when first needed. */
  private int[] componentOf;

  LoopLimits(MethodContext context) {
    this.context = context;
    find();
  }

  /** The constant the loop condition {@code handle} compares with, or null. */
  Long limitAt(InstructionHandle handle) {
    return loopLimits.get(handle);
  }

  /**
   * LOOP_LIMIT: a loop condition {@code i < C} (any {@code if_icmp*}) that compares an int local
   * just loaded with an integer constant just pushed, one of whose branches leaves the loop and the
   * other stays in it.
   */
  private void find() {
    for (InstructionHandle handle : context.handles) {
      int opcode = handle.getInstruction().getOpcode();
      if (opcode < Const.IF_ICMPEQ
          || opcode > Const.IF_ICMPLE
          || context.frame(handle) == null
          || handle.hasTargeters()) {
        continue;
      }
      InstructionHandle second = handle.getPrev();
      InstructionHandle first = second == null ? null : second.getPrev();
      if (first == null || second.hasTargeters()) {
        continue;
      }
      Long constant = null;
      if (isIntLocalLoad(first)) {
        constant = context.paths.integerConstant(second.getInstruction());
      } else if (isIntLocalLoad(second)) {
        constant = context.paths.integerConstant(first.getInstruction());
      }
      // javac compares with a zero right operand without pushing it (ifgt); the javac front-end
      // leaves every comparison with zero out (a countdown, i > 0, has no constant trip count).
      if (constant != null && constant != 0 && leavesLoopOnOneBranch(handle)) {
        loopLimits.put(handle, constant);
      }
    }
  }

  private boolean isIntLocalLoad(InstructionHandle handle) {
    if (!(handle.getInstruction() instanceof ILOAD load)) {
      return false;
    }
    LocalVariables.Var variable = context.locals.at(load.getIndex(), handle.getPosition());
    return variable != null && "I".equals(variable.signature());
  }

  /** Exactly one of the two successors of a conditional jump leads back to it. */
  private boolean leavesLoopOnOneBranch(InstructionHandle jump) {
    List<InstructionHandle> successors = ControlFlow.successors(jump);
    if (successors.size() != 2) {
      return false;
    }
    int[] component = components();
    int own = component[context.indexOf(jump)];
    boolean first = component[context.indexOf(successors.get(0))] == own;
    boolean second = component[context.indexOf(successors.get(1))] == own;
    return first != second;
  }

  /**
   * The strongly connected component of each instruction over normal control flow (Tarjan's
   * algorithm, iterative): a successor leads back to an instruction when both share one.
   */
  private int[] components() {
    if (componentOf != null) {
      return componentOf;
    }
    int size = context.handles.length;
    int[] index = new int[size];
    int[] low = new int[size];
    int[] component = new int[size];
    int[] cursor = new int[size];
    boolean[] onStack = new boolean[size];
    java.util.Arrays.fill(index, -1);
    List<List<Integer>> successors = new ArrayList<>();
    for (InstructionHandle handle : context.handles) {
      List<Integer> next = new ArrayList<>();
      for (InstructionHandle successor : ControlFlow.successors(handle)) {
        next.add(context.indexOf(successor));
      }
      successors.add(next);
    }
    Deque<Integer> stack = new ArrayDeque<>();
    int counter = 0;
    int components = 0;
    for (int root = 0; root < size; root++) {
      if (index[root] >= 0) {
        continue;
      }
      Deque<Integer> calls = new ArrayDeque<>();
      calls.push(root);
      index[root] = low[root] = counter++;
      stack.push(root);
      onStack[root] = true;
      while (!calls.isEmpty()) {
        int node = calls.peek();
        if (cursor[node] < successors.get(node).size()) {
          int next = successors.get(node).get(cursor[node]++);
          if (index[next] < 0) {
            index[next] = low[next] = counter++;
            stack.push(next);
            onStack[next] = true;
            calls.push(next);
          } else if (onStack[next]) {
            low[node] = Math.min(low[node], index[next]);
          }
          continue;
        }
        calls.pop();
        if (!calls.isEmpty()) {
          low[calls.peek()] = Math.min(low[calls.peek()], low[node]);
        }
        if (low[node] == index[node]) {
          int member;
          do {
            member = stack.pop();
            onStack[member] = false;
            component[member] = components;
          } while (member != node);
          components++;
        }
      }
    }
    componentOf = component;
    return component;
  }
}
