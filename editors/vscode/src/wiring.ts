// How the extension starts and talks to the Latchkey language server, kept free of the `vscode`
// module so that it can be tested without VS Code (test/wiring.test.ts).
import * as path from 'path';

/** The extension's settings, as read from the `latchkey.*` configuration. */
export interface Settings {
  java: string;
  serverJar: string;
  initializationOptions: Record<string, unknown>;
}

/** The command that runs the server over stdio: the configured jar, or the one bundled. */
export function serverCommand(settings: Settings, extensionPath: string): { command: string; args: string[] } {
  const jar = settings.serverJar && settings.serverJar.length > 0
    ? settings.serverJar
    : path.join(extensionPath, 'server', 'latchkey-inspections.jar');
  return { command: settings.java || 'java', args: ['-jar', jar, 'lsp'] };
}

/** Java files on disk are the server's documents; the options are Latchkey's settings. */
export function clientOptions(settings: Settings) {
  return {
    documentSelector: [{ scheme: 'file', language: 'java' }],
    initializationOptions: settings.initializationOptions ?? {},
  };
}
