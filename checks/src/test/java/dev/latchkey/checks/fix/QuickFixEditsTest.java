package dev.latchkey.checks.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickFixEditsTest {
  private static String apply(String source, List<TextEdit> edits) {
    StringBuilder text = new StringBuilder(source);
    edits.stream()
        .sorted(Comparator.comparingInt(TextEdit::start).reversed())
        .forEach(e -> text.replace(e.start(), e.end(), e.text()));
    return text.toString();
  }

  @Test
  void movesTheAcquisitionAndItsCommentBeforeTheTry() {
    String source =
        "    try {\n      lock.lock(); // the queue's lock\n      work();\n    } finally {}\n";
    int start = source.indexOf("lock.lock()");
    int end = start + "lock.lock();".length();
    assertEquals(
        "    lock.lock(); // the queue's lock\n    try {\n      work();\n    } finally {}\n",
        apply(source, QuickFixEdits.moveBeforeTry(source, start, end, source.indexOf("try"))));
  }

  @Test
  void restoresFirstThingInAHandlerWithStatements() {
    String source = "    } catch (InterruptedException e) {\n      log(e);\n    }\n";
    int block = source.indexOf('{');
    assertEquals(
        "    } catch (InterruptedException e) {\n"
            + "      Thread.currentThread().interrupt();\n      log(e);\n    }\n",
        apply(
            source,
            QuickFixEdits.restoreInterrupt(
                source,
                block,
                source.lastIndexOf('}') + 1,
                source.indexOf("log"),
                source.indexOf("catch"),
                -1,
                -1)));
  }

  @Test
  void fillsAnEmptyHandlerOneStepDeeperThanTheTry() {
    String source = "    try {\n        work();\n    } catch (InterruptedException e) {}\n";
    int block = source.lastIndexOf('{');
    assertEquals(
        "    try {\n        work();\n    } catch (InterruptedException e) {\n"
            + "        Thread.currentThread().interrupt();\n    }\n",
        apply(
            source,
            QuickFixEdits.restoreInterrupt(
                source,
                block,
                block + 2,
                -1,
                source.indexOf("catch"),
                source.indexOf("try"),
                source.indexOf("work"))));
  }
}
