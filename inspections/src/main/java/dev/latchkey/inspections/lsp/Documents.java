package dev.latchkey.inspections.lsp;

import dev.latchkey.checks.CheckId;
import dev.latchkey.checks.Severity;
import dev.latchkey.inspections.analysis.Issue;
import dev.latchkey.inspections.analysis.Workspace;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The open Java documents: each is analysed when it is opened or saved, and a short while after the
 * last change while it is edited; its diagnostics carry the check id as code, the check's doc page,
 * the related places, and the catalogue's severity. Code actions offer the check's quick fix
 * (LockInsideTry, InterruptSwallowed) and a suppression for every finding.
 */
final class Documents implements TextDocumentService {
  static final String SOURCE = "latchkey";

  private final LatchkeyLanguageServer server;
  private final Map<String, String> texts = new ConcurrentHashMap<>();
  private final Map<String, List<Issue>> issues = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService analysis =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "latchkey-analysis");
            thread.setDaemon(true);
            return thread;
          });

  Documents(LatchkeyLanguageServer server) {
    this.server = server;
  }

  boolean isOpen(Path file) {
    return texts.containsKey(file.toUri().toString())
        || texts.keySet().stream().anyMatch(uri -> pathOf(uri) != null && pathOf(uri).equals(file));
  }

  void close() {
    analysis.shutdownNow();
  }

  private static Path pathOf(String uri) {
    try {
      return Path.of(URI.create(uri)).toAbsolutePath().normalize();
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    texts.put(uri, params.getTextDocument().getText());
    schedule(uri, 0);
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    var changes = params.getContentChanges();
    if (!changes.isEmpty()) {
      texts.put(uri, changes.get(changes.size() - 1).getText());
    }
    schedule(uri, server.settings() == null ? 250 : server.settings().debounceMillis());
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    if (params.getText() != null) {
      texts.put(uri, params.getText());
    }
    schedule(uri, 0);
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    texts.remove(uri);
    issues.remove(uri);
    ScheduledFuture<?> waiting = pending.remove(uri);
    if (waiting != null) {
      waiting.cancel(false);
    }
    Path file = pathOf(uri);
    Workspace workspace = server.workspace();
    if (file != null && workspace != null) {
      analysis.execute(
          () -> {
            if (Files.isRegularFile(file)) {
              workspace.load(file);
            } else {
              workspace.remove(file);
            }
          });
    }
    LanguageClient client = server.client();
    if (client != null) {
      client.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    }
  }

  /** Analyses every open document again (after indexing: other files may close a cycle). */
  void reanalyzeOpen() {
    for (String uri : texts.keySet()) {
      schedule(uri, 0);
    }
  }

  private void schedule(String uri, long delayMillis) {
    ScheduledFuture<?> previous =
        pending.put(uri, analysis.schedule(() -> analyze(uri), delayMillis, TimeUnit.MILLISECONDS));
    if (previous != null) {
      previous.cancel(false);
    }
  }

  private void analyze(String uri) {
    String text = texts.get(uri);
    Path file = pathOf(uri);
    Workspace workspace = server.workspace();
    LanguageClient client = server.client();
    if (text == null || file == null || workspace == null || client == null) {
      return;
    }
    try {
      workspace.update(file, text);
      List<Issue> found = workspace.issues(file);
      issues.put(uri, found);
      List<Diagnostic> diagnostics = new ArrayList<>();
      for (Issue issue : found) {
        diagnostics.add(diagnostic(issue));
      }
      for (Throwable failure : workspace.drainFailures()) {
        server.log("internal error (what it concerns has no finding): " + failure);
      }
      client.publishDiagnostics(new PublishDiagnosticsParams(uri, diagnostics));
    } catch (RuntimeException e) {
      server.log("analysis of " + uri + " failed: " + e);
    }
  }

  static Diagnostic diagnostic(Issue issue) {
    Diagnostic diagnostic = new Diagnostic();
    diagnostic.setRange(range(issue));
    diagnostic.setSeverity(severity(issue.check().severity()));
    diagnostic.setCode(issue.check().id());
    diagnostic.setCodeDescription(
        new org.eclipse.lsp4j.DiagnosticCodeDescription(issue.check().docUrl()));
    diagnostic.setSource(SOURCE);
    diagnostic.setMessage(issue.message());
    List<DiagnosticRelatedInformation> related = new ArrayList<>();
    for (Issue.Related place : issue.related()) {
      if (place.file() != null && place.line() > 0) {
        Range line =
            new Range(new Position(place.line() - 1, 0), new Position(place.line() - 1, 0));
        related.add(
            new DiagnosticRelatedInformation(
                new Location(place.file().toUri().toString(), line), place.description()));
      }
    }
    if (!related.isEmpty()) {
      diagnostic.setRelatedInformation(related);
    }
    return diagnostic;
  }

  private static Range range(Issue issue) {
    Position start = new Position(issue.line() - 1, Math.max(issue.column() - 1, 0));
    Position end =
        issue.endLine() == issue.line()
            ? new Position(issue.line() - 1, Math.max(issue.endColumn() - 1, start.getCharacter()))
            : new Position(issue.line() - 1, Math.max(start.getCharacter(), 0) + 1000);
    return new Range(start, end);
  }

  static DiagnosticSeverity severity(Severity severity) {
    return switch (severity) {
      case ERROR -> DiagnosticSeverity.Error;
      case WARNING -> DiagnosticSeverity.Warning;
      case INFO -> DiagnosticSeverity.Information;
    };
  }

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    String uri = params.getTextDocument().getUri();
    String text = texts.get(uri);
    List<Either<Command, CodeAction>> actions = new ArrayList<>();
    if (text == null) {
      return CompletableFuture.completedFuture(actions);
    }
    QuickFixes fixes = new QuickFixes(text);
    for (Diagnostic diagnostic : params.getContext().getDiagnostics()) {
      if (!SOURCE.equals(diagnostic.getSource()) || diagnostic.getCode() == null) {
        continue;
      }
      CheckId check = CheckId.byId(diagnostic.getCode().getLeft());
      Issue issue = matching(uri, diagnostic, check);
      if (check == null || issue == null || issue.origin() == null) {
        continue;
      }
      var fix =
          switch (check) {
            case LOCK_INSIDE_TRY -> fixes.lockInsideTry(issue.origin());
            case INTERRUPT_SWALLOWED -> fixes.interruptSwallowed(issue.origin());
            default -> java.util.Optional.<QuickFixes.Fix>empty();
          };
      fix.ifPresent(f -> actions.add(Either.forRight(action(uri, text, f, diagnostic, true))));
      fixes
          .suppress(issue.origin(), check)
          .ifPresent(f -> actions.add(Either.forRight(action(uri, text, f, diagnostic, false))));
    }
    return CompletableFuture.completedFuture(actions);
  }

  private Issue matching(String uri, Diagnostic diagnostic, CheckId check) {
    for (Issue issue : issues.getOrDefault(uri, List.of())) {
      if (issue.check() == check
          && issue.line() - 1 == diagnostic.getRange().getStart().getLine()) {
        return issue;
      }
    }
    return null;
  }

  private static CodeAction action(
      String uri, String text, QuickFixes.Fix fix, Diagnostic diagnostic, boolean preferred) {
    List<TextEdit> edits = new ArrayList<>();
    for (QuickFixes.Edit edit : fix.edits()) {
      edits.add(
          new TextEdit(
              new Range(position(text, edit.start()), position(text, edit.end())), edit.text()));
    }
    CodeAction action = new CodeAction(fix.title());
    action.setKind(CodeActionKind.QuickFix);
    action.setDiagnostics(List.of(diagnostic));
    action.setEdit(new WorkspaceEdit(Map.of(uri, edits)));
    action.setIsPreferred(preferred);
    return action;
  }

  /** The LSP position (0-based line, UTF-16 character) of a text offset. */
  static Position position(String text, int offset) {
    int line = 0;
    int lineStart = 0;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Position(line, Math.min(offset, text.length()) - lineStart);
  }
}
