package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.checks.Program;
import dev.latchkey.checks.config.LatchkeyConfig;
import org.junit.jupiter.api.Test;

/**
 * The first pass's summaries as the reporting pass reads them: every class translated from bytecode
 * is in the program, a class summarized again replaces its earlier summary, and outside a SpotBugs
 * analysis there is no database (the reporting detector then analyses each class alone).
 */
class ProgramSummariesTest {
  @Test
  void summariesOfTranslatedClassesMakeTheProgram() {
    Snippets snippets =
        Snippets.compile(
            "p.A",
            String.join(
                "\n",
                "package p;",
                "public class A { final Object lock = new Object(); void a(B b) {",
                "  synchronized (lock) { b.b(); } } }",
                "class B { synchronized void b() { } }"));
    ProgramSummaries summaries = new ProgramSummaries();
    assertTrue(summaries.isEmpty());
    for (String name : new String[] {"p.A", "p.B"}) {
      summaries.add(Program.summarize(snippets.model(name), LatchkeyConfig.DEFAULT));
    }
    Program program = summaries.program();
    assertNotNull(program.summary("p.A"));
    assertNotNull(program.summary("p.B"));
    assertEquals(2, program.summaries().size());
    assertSame(program, summaries.program(), "made once");
    summaries.add(Program.summarize(snippets.model("p.B"), LatchkeyConfig.DEFAULT));
    assertNotSame(program, summaries.program(), "a new summary makes a new program");
    assertEquals(2, summaries.program().summaries().size());
  }

  @Test
  void noDatabaseOutsideAnAnalysis() {
    assertNull(ProgramSummaries.current());
  }
}
