package dev.latchkey.detectors;

import org.apache.bcel.classfile.Method;

/**
 * The bytecode front-end's handle for a model node ({@code Node.origin()}): the method and the pc
 * of the instruction, where a finding is reported.
 */
record BytecodeOrigin(Method method, int pc) {}
