package dev.latchkey.inspections.lsp;

import com.google.gson.JsonElement;
import dev.latchkey.inspections.analysis.Workspace;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * Latchkey's language server: diagnostics for Java files on open, change (debounced) and save, with
 * quick fixes and suppressions as code actions. The workspace's source files are indexed in the
 * background after {@code initialized}, so lock order across files is seen; the class path comes
 * from the client or, once and cached, from the workspace's Maven build.
 */
public final class LatchkeyLanguageServer implements LanguageServer, LanguageClientAware {
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "latchkey-index");
            thread.setDaemon(true);
            return thread;
          });
  private final Documents documents = new Documents(this);
  private final WorkspaceService workspaceService = new Workspaces();
  private volatile LanguageClient client;
  private volatile Path root;
  private volatile ServerSettings settings;
  private volatile Workspace workspace;
  private volatile Future<?> indexing;

  /** Runs the server on stdin/stdout until the client exits. */
  public static void runOnStdio() throws InterruptedException, ExecutionException {
    LatchkeyLanguageServer server = new LatchkeyLanguageServer();
    Launcher<LanguageClient> launcher = start(server, System.in, System.out);
    launcher.startListening().get();
  }

  /** Connects {@code server} to a client over the given streams (tests use pipes). */
  public static Launcher<LanguageClient> start(
      LatchkeyLanguageServer server, InputStream in, OutputStream out) {
    Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
    server.connect(launcher.getRemoteProxy());
    return launcher;
  }

  @Override
  public void connect(LanguageClient client) {
    this.client = client;
  }

  LanguageClient client() {
    return client;
  }

  Workspace workspace() {
    return workspace;
  }

  ServerSettings settings() {
    return settings;
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    root = rootOf(params);
    JsonElement options =
        params.getInitializationOptions() instanceof JsonElement json ? json : null;
    settings = ServerSettings.from(options, root);
    workspace = new Workspace(settings.sourceRoots(), settings.classPath(), settings.config());
    ServerCapabilities capabilities = new ServerCapabilities();
    TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.Full);
    sync.setSave(new SaveOptions(false));
    capabilities.setTextDocumentSync(sync);
    capabilities.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
    InitializeResult result = new InitializeResult(capabilities);
    result.setServerInfo(new ServerInfo("latchkey", "0.1.0-SNAPSHOT"));
    return CompletableFuture.completedFuture(result);
  }

  private static Path rootOf(InitializeParams params) {
    try {
      if (params.getWorkspaceFolders() != null && !params.getWorkspaceFolders().isEmpty()) {
        return Path.of(URI.create(params.getWorkspaceFolders().get(0).getUri()));
      }
      if (params.getRootUri() != null) {
        return Path.of(URI.create(params.getRootUri()));
      }
    } catch (RuntimeException e) {
      // not a file URI: no workspace root
    }
    return null;
  }

  @Override
  public void initialized(InitializedParams params) {
    if (settings.configProblem() != null) {
      log(settings.configProblem());
    }
    indexing = background.submit(this::index);
  }

  /** Loads every source file of the workspace (class path from Maven first, when asked for). */
  private void index() {
    try {
      ServerSettings current = settings;
      if (!current.classPathGiven() && current.mavenClasspath() && root != null) {
        List<Path> classPath = MavenClassPath.of(root);
        if (classPath != null) {
          workspace = new Workspace(current.sourceRoots(), classPath, current.config());
          log("class path from Maven: " + classPath.size() + " entries");
        }
      }
      Workspace target = workspace;
      List<Path> files = Workspace.javaFiles(current.sourceRoots());
      for (Path file : files) {
        if (!documents.isOpen(file)) {
          target.load(file);
        }
      }
      log("indexed " + files.size() + " Java files");
      documents.reanalyzeOpen();
    } catch (RuntimeException e) {
      log("indexing failed: " + e);
    }
  }

  /** Waits for the background indexing to finish (tests). */
  public void awaitIndexing() throws InterruptedException, ExecutionException {
    Future<?> running = indexing;
    if (running != null) {
      running.get();
    }
  }

  void log(String message) {
    LanguageClient current = client;
    if (current != null) {
      current.logMessage(new MessageParams(MessageType.Log, "latchkey: " + message));
    }
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    documents.close();
    background.shutdownNow();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    documents.close();
    background.shutdownNow();
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return documents;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspaceService;
  }

  /** Nothing to do on workspace events: files are re-read when they are opened or saved. */
  private static final class Workspaces implements WorkspaceService {
    @Override
    public void didChangeConfiguration(org.eclipse.lsp4j.DidChangeConfigurationParams params) {}

    @Override
    public void didChangeWatchedFiles(org.eclipse.lsp4j.DidChangeWatchedFilesParams params) {}
  }
}
