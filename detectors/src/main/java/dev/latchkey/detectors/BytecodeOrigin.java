package dev.latchkey.detectors;

import org.apache.bcel.classfile.Method;

/**
 * The bytecode front-end's handle for a model node ({@code Node.origin()}): the method and the pc
 * of the instruction, where a finding is reported, and the class and source file that hold it (a
 * finding's related node may lie in another class).
 */
record BytecodeOrigin(Method method, int pc, String className, String sourceFile) {
  BytecodeOrigin(Method method, int pc) {
    this(method, pc, null, null);
  }
}
