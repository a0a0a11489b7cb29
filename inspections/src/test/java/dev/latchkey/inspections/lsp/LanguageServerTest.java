package dev.latchkey.inspections.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.latchkey.inspections.Samples;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language server through LSP4J's launcher over piped streams, as an editor talks to it. */
class LanguageServerTest {
  @TempDir Path project;
  private final BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
  private LanguageServer server;
  private String uri;

  @BeforeEach
  void start() throws Exception {
    PipedInputStream serverIn = new PipedInputStream();
    PipedOutputStream clientOut = new PipedOutputStream(serverIn);
    PipedInputStream clientIn = new PipedInputStream();
    PipedOutputStream serverOut = new PipedOutputStream(clientIn);
    LatchkeyLanguageServer implementation = new LatchkeyLanguageServer();
    LatchkeyLanguageServer.start(implementation, serverIn, serverOut).startListening();
    Launcher<LanguageServer> client =
        LSPLauncher.createClientLauncher(new Client(), clientIn, clientOut);
    client.startListening();
    server = client.getRemoteProxy();

    Path file = project.resolve("src/main/java/demo/Counter.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, Samples.COUNTER);
    uri = file.toUri().toString();
    InitializeParams init = new InitializeParams();
    init.setRootUri(project.toUri().toString());
    JsonObject options = new JsonObject();
    options.addProperty("mavenClasspath", false);
    options.addProperty("debounceMillis", 50);
    init.setInitializationOptions(options);
    server.initialize(init).get(60, TimeUnit.SECONDS);
    server.initialized(new InitializedParams());
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown().get(30, TimeUnit.SECONDS);
  }

  private List<Diagnostic> nextDiagnostics() throws InterruptedException {
    PublishDiagnosticsParams params = published.poll(60, TimeUnit.SECONDS);
    assertNotNull(params, "no diagnostics published within a minute");
    assertEquals(uri, params.getUri());
    return params.getDiagnostics();
  }

  @Test
  void publishesDiagnosticsWithCodesLinksAndSeverities() throws Exception {
    server
        .getTextDocumentService()
        .didOpen(
            new DidOpenTextDocumentParams(new TextDocumentItem(uri, "java", 1, Samples.COUNTER)));
    List<Diagnostic> diagnostics = nextDiagnostics();
    Diagnostic lock = find(diagnostics, "LockInsideTry");
    assertEquals(Samples.LOCK_INSIDE_TRY_LINE - 1, lock.getRange().getStart().getLine());
    assertEquals(DiagnosticSeverity.Warning, lock.getSeverity());
    assertEquals("latchkey", lock.getSource());
    assertTrue(
        lock.getCodeDescription().getHref().endsWith("LockInsideTry.md"),
        lock.getCodeDescription().getHref());
    Diagnostic interrupt = find(diagnostics, "InterruptSwallowed");
    assertEquals(DiagnosticSeverity.Error, interrupt.getSeverity());
    assertEquals(Samples.INTERRUPT_SWALLOWED_LINE - 1, interrupt.getRange().getStart().getLine());

    // An edit that fixes the lock: the next publication no longer has it.
    String fixed =
        Samples.COUNTER.replace(
            "    try {\n      lock.lock(); // take it\n",
            "    lock.lock(); // take it\n    try {\n");
    server
        .getTextDocumentService()
        .didChange(
            new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, 2),
                List.of(new TextDocumentContentChangeEvent(fixed))));
    List<Diagnostic> after = nextDiagnostics();
    while (after.stream().anyMatch(d -> d.getCode().getLeft().equals("LockInsideTry"))) {
      after = nextDiagnostics(); // a publication for an earlier state (indexing) may come first
    }
    find(after, "InterruptSwallowed");
  }

  @Test
  void codeActionsFixAndSuppress() throws Exception {
    server
        .getTextDocumentService()
        .didOpen(
            new DidOpenTextDocumentParams(new TextDocumentItem(uri, "java", 1, Samples.COUNTER)));
    List<Diagnostic> diagnostics = nextDiagnostics();
    Diagnostic lock = find(diagnostics, "LockInsideTry");
    List<CodeAction> actions = actions(lock);
    CodeAction move =
        actions.stream()
            .filter(a -> a.getTitle().startsWith("Acquire the lock"))
            .findFirst()
            .orElseThrow();
    String moved = apply(Samples.COUNTER, move.getEdit().getChanges().get(uri));
    assertTrue(moved.contains("    lock.lock(); // take it\n    try {\n      count++;"), moved);
    CodeAction suppress =
        actions.stream()
            .filter(a -> a.getTitle().startsWith("Suppress LockInsideTry"))
            .findFirst()
            .orElseThrow();
    String suppressed = apply(Samples.COUNTER, suppress.getEdit().getChanges().get(uri));
    assertTrue(
        suppressed.contains("  @SuppressWarnings(\"LockInsideTry\")\n  public void increment() {"),
        suppressed);

    Diagnostic interrupt = find(diagnostics, "InterruptSwallowed");
    CodeAction restore =
        actions(interrupt).stream()
            .filter(a -> a.getTitle().startsWith("Restore"))
            .findFirst()
            .orElseThrow();
    String restored = apply(Samples.COUNTER, restore.getEdit().getChanges().get(uri));
    assertTrue(
        restored.contains(
            "    } catch (InterruptedException e) {\n      Thread.currentThread().interrupt();\n    }"),
        restored);
  }

  private List<CodeAction> actions(Diagnostic diagnostic) throws Exception {
    CodeActionParams params =
        new CodeActionParams(
            new TextDocumentIdentifier(uri),
            diagnostic.getRange(),
            new CodeActionContext(List.of(diagnostic)));
    return server.getTextDocumentService().codeAction(params).get(60, TimeUnit.SECONDS).stream()
        .map(e -> e.getRight())
        .toList();
  }

  private static Diagnostic find(List<Diagnostic> diagnostics, String code) {
    return diagnostics.stream()
        .filter(d -> d.getCode().getLeft().equals(code))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + code + " in " + diagnostics));
  }

  /** Applies LSP edits (ranges of the original text) to {@code text}. */
  static String apply(String text, List<TextEdit> edits) {
    List<TextEdit> sorted = new java.util.ArrayList<>(edits);
    sorted.sort(
        (a, b) ->
            Integer.compare(
                offset(text, b.getRange().getStart()), offset(text, a.getRange().getStart())));
    StringBuilder out = new StringBuilder(text);
    for (TextEdit edit : sorted) {
      out.replace(
          offset(text, edit.getRange().getStart()),
          offset(text, edit.getRange().getEnd()),
          edit.getNewText());
    }
    return out.toString();
  }

  private static int offset(String text, org.eclipse.lsp4j.Position position) {
    int offset = 0;
    for (int line = 0; line < position.getLine(); line++) {
      offset = text.indexOf('\n', offset) + 1;
    }
    return offset + position.getCharacter();
  }

  private final class Client implements LanguageClient {
    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
      published.add(diagnostics);
    }

    @Override
    public void showMessage(MessageParams messageParams) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(
        ShowMessageRequestParams requestParams) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {}
  }
}
