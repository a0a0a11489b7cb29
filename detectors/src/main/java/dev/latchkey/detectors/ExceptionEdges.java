package dev.latchkey.detectors;

import java.util.ArrayList;
import java.util.List;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.CodeException;
import org.apache.bcel.classfile.ConstantPool;

/**
 * Where an exception raised at a pc can go: the handlers of the exception table that cover it, in
 * table order (innermost first, as javac writes them), filtered by what can be thrown there, and
 * whether it may also leave the method.
 *
 * <p>The rules are the front-ends' shared ones (notes/FRONTENDS.md): a call may reach a {@code
 * catch (X e)} when X is unchecked (a subtype of RuntimeException or Error) or a supertype of those
 * (Exception, Throwable), or a checked type related to one the callee declares; catch-all handlers
 * ({@code finally}, try-with-resources) and {@code Throwable} catch everything, so the exception
 * surely stops there. An explicit {@code throw} of a known static type reaches the handlers whose
 * type is related to it and stops at the first that surely catches it.
 */
final class ExceptionEdges {
  /** One exception table entry; {@code catchType} is null for a catch-all ({@code any}). */
  record Handler(int start, int end, int handlerPc, String catchType) {
    boolean covers(int pc) {
      return pc >= start && pc < end;
    }

    boolean catchesEverything() {
      return catchType == null || catchType.equals(THROWABLE);
    }
  }

  /** The handlers an exception reaches, and whether it may also leave the method. */
  record Targets(List<Integer> handlerPcs, boolean escapes) {}

  static final String THROWABLE = "java.lang.Throwable";
  private static final String EXCEPTION = "java.lang.Exception";
  private static final String RUNTIME_EXCEPTION = "java.lang.RuntimeException";
  private static final String ERROR = "java.lang.Error";

  private final List<Handler> handlers = new ArrayList<>();
  private final ClassFacts facts;

  ExceptionEdges(CodeException[] table, ConstantPool constants, ClassFacts facts) {
    this.facts = facts;
    if (table != null) {
      for (CodeException entry : table) {
        String type =
            entry.getCatchType() == 0
                ? null
                : constants
                    .getConstantString(entry.getCatchType(), Const.CONSTANT_Class)
                    .replace('/', '.');
        handlers.add(new Handler(entry.getStartPC(), entry.getEndPC(), entry.getHandlerPC(), type));
      }
    }
  }

  /** Every entry of the exception table, in table order. */
  List<Handler> all() {
    return List.copyOf(handlers);
  }

  /** Every handler covering {@code pc}, in table order: where any instruction there may go. */
  List<Handler> covering(int pc) {
    List<Handler> result = new ArrayList<>();
    for (Handler handler : handlers) {
      if (handler.covers(pc)) {
        result.add(handler);
      }
    }
    return result;
  }

  /**
   * Targets of an exception thrown by a call at {@code pc} whose callee declares {@code declared}
   * (null when the callee could not be found: every checked handler is then taken as reachable).
   */
  Targets forCall(int pc, List<String> declared) {
    List<Integer> targets = new ArrayList<>();
    for (Handler handler : covering(pc)) {
      if (handler.catchesEverything()) {
        targets.add(handler.handlerPc());
        return new Targets(targets, false);
      }
      if (mayCatchFromCall(handler.catchType(), declared)) {
        targets.add(handler.handlerPc());
      }
    }
    return new Targets(targets, true);
  }

  /** Targets of {@code throw} of a value whose static type is {@code thrown} (null: unknown). */
  Targets forThrow(int pc, String thrown) {
    List<Integer> targets = new ArrayList<>();
    for (Handler handler : covering(pc)) {
      if (handler.catchesEverything()) {
        targets.add(handler.handlerPc());
        return new Targets(targets, false);
      }
      String caught = handler.catchType();
      if (thrown == null) {
        targets.add(handler.handlerPc());
        continue;
      }
      Boolean surely = facts.isSubtype(thrown, caught);
      if (Boolean.TRUE.equals(surely)) {
        targets.add(handler.handlerPc());
        return new Targets(targets, false);
      }
      Boolean maybe = facts.isSubtype(caught, thrown);
      if (surely == null || !Boolean.FALSE.equals(maybe)) {
        targets.add(handler.handlerPc());
      }
    }
    return new Targets(targets, true);
  }

  private boolean mayCatchFromCall(String caught, List<String> declared) {
    if (caught.equals(EXCEPTION) || isUnchecked(caught)) {
      return true;
    }
    if (declared == null) {
      return true;
    }
    for (String thrown : declared) {
      if (!Boolean.FALSE.equals(facts.isSubtype(caught, thrown))
          || !Boolean.FALSE.equals(facts.isSubtype(thrown, caught))) {
        return true;
      }
    }
    return false;
  }

  /** RuntimeException, Error or a subtype; unknown hierarchy counts as unchecked (reachable). */
  private boolean isUnchecked(String type) {
    Boolean runtime = facts.isSubtype(type, RUNTIME_EXCEPTION);
    Boolean error = facts.isSubtype(type, ERROR);
    return !Boolean.FALSE.equals(runtime) || !Boolean.FALSE.equals(error);
  }
}
