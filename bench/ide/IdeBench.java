package dev.latchkey.inspections.bench;

import dev.latchkey.checks.config.LatchkeyConfig;
import dev.latchkey.inspections.analysis.Workspace;
import dev.latchkey.inspections.lsp.LatchkeyLanguageServer;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The IDE benchmark (bench/ide/run), not a test. {@code typing}: the time from a change of a
 * 2,000-line file to its published diagnostics through the language server (debounce 0), median
 * of 20 edits after 10 warm-up edits. {@code index <source dir>}: the time and heap to translate
 * and analyse every file of a source tree.
 */
public final class IdeBench {
  private static final int WARM_UP = 5;
  private static final int TIMED = 10;

  private IdeBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 1 && args[0].equals("index")) {
      index(Path.of(args[1]));
    } else {
      typing();
    }
  }

  /** A realistic 2,000-line class: locks, monitors, handlers, executors, lambdas. */
  static String largeFile(int methods) {
    StringBuilder out = new StringBuilder();
    out.append("package bench;\n\nimport java.util.*;\nimport java.util.concurrent.*;\n");
    out.append("import java.util.concurrent.locks.*;\n\npublic class Large {\n");
    out.append("  private final ReentrantLock lock = new ReentrantLock();\n");
    out.append("  private final Object monitor = new Object();\n");
    out.append("  private final Map<String, Integer> counts = new HashMap<>();\n");
    out.append("  private final ExecutorService pool = Executors.newFixedThreadPool(4);\n");
    out.append("  private int total;\n\n");
    for (int i = 0; i < methods; i++) {
      out.append("  public int method").append(i).append("(List<String> items) throws Exception {\n");
      out.append("    lock.lock();\n    try {\n");
      out.append("      for (String item : items) {\n");
      out.append("        counts.merge(item, ").append(i).append(", Integer::sum);\n      }\n");
      out.append("      total += items.size();\n    } finally {\n      lock.unlock();\n    }\n");
      out.append("    synchronized (monitor) {\n      total++;\n    }\n");
      out.append("    try {\n      Thread.sleep(1);\n    } catch (InterruptedException e) {\n");
      out.append("      Thread.currentThread().interrupt();\n    }\n");
      out.append("    Future<Integer> f = pool.submit(() -> items.size() + ").append(i).append(");\n");
      out.append("    return f.get();\n  }\n\n");
    }
    out.append("}\n");
    return out.toString();
  }

  static void typing() throws Exception {
    Path project = Files.createTempDirectory("latchkey-bench");
    Path file = project.resolve("src/main/java/bench/Large.java");
    Files.createDirectories(file.getParent());
    String text = largeFile(90);
    Files.writeString(file, text);
    System.out.println("file: " + text.lines().count() + " lines");
    BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
    PipedInputStream serverIn = new PipedInputStream(1 << 20);
    PipedOutputStream clientOut = new PipedOutputStream(serverIn);
    PipedInputStream clientIn = new PipedInputStream(1 << 20);
    PipedOutputStream serverOut = new PipedOutputStream(clientIn);
    LatchkeyLanguageServer.start(new LatchkeyLanguageServer(), serverIn, serverOut).startListening();
    var launcher = LSPLauncher.createClientLauncher(new Client(published), clientIn, clientOut);
    launcher.startListening();
    LanguageServer server = launcher.getRemoteProxy();
    InitializeParams init = new InitializeParams();
    init.setRootUri(project.toUri().toString());
    com.google.gson.JsonObject options = new com.google.gson.JsonObject();
    options.addProperty("mavenClasspath", false);
    options.addProperty("debounceMillis", 0);
    init.setInitializationOptions(options);
    server.initialize(init).get();
    server.initialized(new InitializedParams());
    String uri = file.toUri().toString();
    server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "java", 1, text)));
    published.poll(5, TimeUnit.MINUTES);
    List<Long> times = new ArrayList<>();
    List<Long> cpuTimes = new ArrayList<>();
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int edit = 0; edit < WARM_UP + TIMED; edit++) {
      long cpuStart = os.getProcessCpuTime();
      String changed = text.replace("total++;", "total += " + (edit + 2) + ";");
      long start = System.nanoTime();
      server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, edit + 2), List.of(new TextDocumentContentChangeEvent(changed))));
      PublishDiagnosticsParams params;
      do {
        params = published.poll(5, TimeUnit.MINUTES);
      } while (params != null && !params.getUri().equals(uri));
      long ms = (System.nanoTime() - start) / 1_000_000;
      long cpuMs = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
      if (edit >= WARM_UP) {
        times.add(ms);
        cpuTimes.add(cpuMs);
      }
      System.out.println(
          "edit " + edit + (edit < WARM_UP ? " (warm-up)" : "") + ": " + ms + " ms wall, " + cpuMs
              + " ms CPU, " + (params == null ? 0 : params.getDiagnostics().size()) + " diagnostics");
    }
    Collections.sort(times);
    Collections.sort(cpuTimes);
    System.out.println(
        "median change-to-diagnostics: " + times.get(times.size() / 2) + " ms wall (min "
            + times.get(0) + ", max " + times.get(times.size() - 1) + "), "
            + cpuTimes.get(cpuTimes.size() / 2) + " ms CPU; load average "
            + os.getSystemLoadAverage() + " on " + os.getAvailableProcessors() + " processors");
    server.shutdown().get();
    System.exit(0);
  }

  static void index(Path root) {
    long start = System.nanoTime();
    Workspace workspace = new Workspace(List.of(root), List.of(), LatchkeyConfig.DEFAULT);
    List<Path> files = Workspace.javaFiles(List.of(root));
    long lines = 0;
    for (int i = 0; i < files.size(); i++) {
      workspace.load(files.get(i));
      if (i % 200 == 199) {
        System.out.println("translated " + (i + 1) + " of " + files.size() + " files");
      }
    }
    for (Path file : files) {
      try {
        lines += Files.readAllLines(file).size();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    long translated = System.nanoTime();
    int findings = 0;
    for (Path file : files) {
      findings += workspace.issues(file).size();
    }
    long end = System.nanoTime();
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    System.out.printf(
        "%d files, %d lines: translated in %.1f s, analysed in %.1f s (total %.1f s); %d findings;"
            + " heap after GC %d MB (max heap %d MB); %d internal failures%n",
        files.size(), lines, (translated - start) / 1e9, (end - translated) / 1e9, (end - start) / 1e9,
        findings, (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20,
        workspace.drainFailures().size());
  }

  private record Client(BlockingQueue<PublishDiagnosticsParams> published) implements LanguageClient {
    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
      published.add(diagnostics);
    }

    @Override
    public void showMessage(MessageParams messageParams) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {}
  }
}
