package dev.latchkey.detectors;

import dev.latchkey.checks.api.BoxingCalls;
import dev.latchkey.checks.api.CompilerMarkers;
import java.util.function.Predicate;
import org.apache.bcel.classfile.LineNumberTable;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.DUP;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.IALOAD;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.INVOKESPECIAL;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.LDC;
import org.apache.bcel.generic.POP;

/**
 * Invocations that javac generates for constructs the javac front-end does not see as calls (its
 * Checker Framework CFG has no invocation there): boxing and unboxing, {@code switch} on strings
 * and enums, the null check of a bound method reference, {@code addSuppressed} in
 * try-with-resources, the {@code AssertionError} of an {@code assert} (a THROW only), string
 * concatenation ({@code invokedynamic}, the {@code String.valueOf(Object)} javac 17 applies to its
 * object operands, and the {@code StringBuilder} calls of class files before Java 9) and lambda
 * creation ({@code invokedynamic}); and the no-op markers other compilers write (the core's {@code
 * CompilerMarkers}: Kotlin's {@code InlineMarker}). They get no node and no exceptional edge. The
 * CFG does call {@code iterator()}/{@code hasNext()}/{@code next()} for an enhanced {@code for} and
 * {@code close()} for try-with-resources, so those stay calls here too.
 *
 * <p>Temporaries are recognised by having no {@code LocalVariableTable} entry, so without a table
 * the shapes that need one (string switches) are calls.
 */
final class SyntheticCalls {
  private final ConstantPoolGen cpg;
  private final LocalVariables locals;
  private final LineNumberTable lines;
  private final Predicate<InstructionHandle> inTryWithResourcesHandler;
  private final Predicate<InstructionHandle> concatenated;
  private final Predicate<InstructionHandle> builderConcatenation;

  /**
   * @param inTryWithResourcesHandler whether an instruction belongs to a handler javac made for
   *     try-with-resources (there {@code addSuppressed} is javac's; elsewhere the source's)
   * @param concatenated whether the result of an invocation is an operand of a string concatenation
   *     ({@code invokedynamic makeConcatWithConstants})
   * @param builderConcatenation whether an invocation is one of the {@code StringBuilder} calls
   *     javac compiles a string concatenation into in class files before Java 9
   */
  SyntheticCalls(
      ConstantPoolGen cpg,
      LocalVariables locals,
      LineNumberTable lines,
      Predicate<InstructionHandle> inTryWithResourcesHandler,
      Predicate<InstructionHandle> concatenated,
      Predicate<InstructionHandle> builderConcatenation) {
    this.cpg = cpg;
    this.locals = locals;
    this.lines = lines;
    this.inTryWithResourcesHandler = inTryWithResourcesHandler;
    this.concatenated = concatenated;
    this.builderConcatenation = builderConcatenation;
  }

  boolean isSynthetic(InstructionHandle handle) {
    Instruction instruction = handle.getInstruction();
    if (instruction instanceof INVOKEDYNAMIC) {
      return true;
    }
    if (!(instruction instanceof InvokeInstruction invoke)) {
      return false;
    }
    String owner = invoke.getReferenceType(cpg).toString();
    String name = invoke.getMethodName(cpg);
    String descriptor = invoke.getSignature(cpg);
    if (invoke instanceof INVOKESTATIC && CompilerMarkers.isNoOp(owner)) {
      return true; // Kotlin's InlineMarker calls around inline function bodies
    }
    if (BoxingCalls.isWrapper(owner)) {
      // Integer.valueOf(int) and friends box; intValue() and friends unbox.
      boolean boxing = name.equals("valueOf") && isPrimitiveToWrapper(descriptor);
      if (boxing || (BoxingCalls.isUnboxing(name) && descriptor.startsWith("()"))) {
        return true;
      }
    }
    if (name.equals("addSuppressed")
        && descriptor.equals("(Ljava/lang/Throwable;)V")
        && inTryWithResourcesHandler.test(handle)) {
      return true; // try-with-resources
    }
    if (owner.equals("java.lang.String")
        && name.equals("valueOf")
        && descriptor.equals("(Ljava/lang/Object;)Ljava/lang/String;")
        && concatenated.test(handle)) {
      return true; // javac 17 converts an object operand of "a" + x eagerly (JDK-8273914)
    }
    if (builderConcatenation.test(handle)) {
      return true; // "a" + x before Java 9: new StringBuilder().append("a").append(x).toString()
    }
    if (owner.equals("java.util.Objects")
        && name.equals("requireNonNull")
        && descriptor.equals("(Ljava/lang/Object;)Ljava/lang/Object;")
        && previous(handle) instanceof DUP
        && next(handle) instanceof POP) {
      return true; // the receiver check of a bound method reference (or of outer.new Inner())
    }
    if (name.equals("ordinal") && descriptor.equals("()I") && next(handle) instanceof IALOAD) {
      return true; // switch on an enum: $SwitchMap$...[e.ordinal()]
    }
    if (name.equals("<init>") && owner.equals("java.lang.AssertionError") && inAssert(handle)) {
      return true; // assert: the statement throws, nothing is called
    }
    if (!locals.hasTable()) {
      return false;
    }
    if (owner.equals("java.lang.String")) {
      if (name.equals("hashCode") && loadsTemporary(handle.getPrev())) {
        return true; // switch (string)
      }
      if (name.equals("equals")
          && previous(handle) instanceof LDC
          && handle.getPrev() != null
          && loadsTemporary(handle.getPrev().getPrev())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPrimitiveToWrapper(String descriptor) {
    // (I)Ljava/lang/Integer; (Z)Ljava/lang/Boolean; ...
    return descriptor.length() > 3
        && descriptor.charAt(0) == '('
        && descriptor.charAt(2) == ')'
        && "ZBCSIJFD".indexOf(descriptor.charAt(1)) >= 0;
  }

  private boolean loadsTemporary(InstructionHandle handle) {
    return handle != null
        && handle.getInstruction() instanceof ALOAD load
        && locals.at(load.getIndex(), handle.getPosition()) == null;
  }

  /**
   * Whether this {@code athrow} is the failure of an {@code assert} statement (it throws the {@code
   * new AssertionError(..)} just created there): a THROW, but no {@code throw} statement.
   */
  boolean isAssertionFailure(InstructionHandle athrow) {
    InstructionHandle previous = athrow.getPrev();
    return previous != null
        && !athrow.hasTargeters()
        && previous.getInstruction() instanceof INVOKESPECIAL init
        && init.getMethodName(cpg).equals("<init>")
        && init.getReferenceType(cpg).toString().equals("java.lang.AssertionError")
        && inAssert(previous);
  }

  /**
   * Whether this {@code new AssertionError(..)} is an {@code assert}'s: javac tests {@code
   * $assertionsDisabled} at the start of the statement, on the same line.
   */
  private boolean inAssert(InstructionHandle handle) {
    if (lines == null) {
      return false;
    }
    int line = line(handle);
    for (InstructionHandle previous = handle.getPrev();
        previous != null && line(previous) == line;
        previous = previous.getPrev()) {
      if (previous.getInstruction() instanceof GETSTATIC field
          && field.getFieldName(cpg).equals("$assertionsDisabled")) {
        return true;
      }
    }
    return false;
  }

  private int line(InstructionHandle handle) {
    return lines == null ? -1 : lines.getSourceLine(handle.getPosition());
  }

  private static Instruction previous(InstructionHandle handle) {
    return handle.getPrev() == null ? null : handle.getPrev().getInstruction();
  }

  private static Instruction next(InstructionHandle handle) {
    return handle.getNext() == null ? null : handle.getNext().getInstruction();
  }
}
