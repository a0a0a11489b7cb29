package dev.latchkey.inspections.cli;

import dev.latchkey.inspections.lsp.LatchkeyLanguageServer;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar latchkey-inspections.jar check [options] <source roots or files>} analyses
 * source trees without building them; {@code lsp} runs the language server over stdio.
 */
public final class Main {
  static final String USAGE =
      String.join(
          "\n",
          "usage: latchkey-inspections check [--sarif FILE] [--fail-on=ERROR|WARNING|INFO]",
          "                                  [--classpath PATH] [--config KEY=VALUE]... [--update-baseline]",
          "                                  <source dirs or files>...",
          "       (latchkey.properties of the working directory, or --config Config=FILE; its",
          "        baseline holds findings back, --update-baseline adds the current ones)",
          "       latchkey-inspections lsp");

  private Main() {}

  public static void main(String[] args) throws Exception {
    int code = run(args, System.out, System.err);
    if (code != 0 || (args.length > 0 && !args[0].equals("lsp"))) {
      System.exit(code);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "check":
        return CheckCommand.run(rest, out, err);
      case "lsp":
        LatchkeyLanguageServer.runOnStdio();
        return 0;
      default:
        err.println(USAGE);
        return 2;
    }
  }
}
