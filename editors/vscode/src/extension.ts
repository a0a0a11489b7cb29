// VS Code extension: starts the bundled Latchkey language server for Java files.
import * as vscode from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { clientOptions, serverCommand, Settings } from './wiring';

let client: LanguageClient | undefined;

function settings(): Settings {
  const config = vscode.workspace.getConfiguration('latchkey');
  return {
    java: config.get<string>('java', 'java'),
    serverJar: config.get<string>('serverJar', ''),
    initializationOptions: config.get<Record<string, unknown>>('initializationOptions', {}),
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const current = settings();
  const { command, args } = serverCommand(current, context.extensionPath);
  const server: ServerOptions = { command, args, transport: TransportKind.stdio };
  client = new LanguageClient('latchkey', 'Latchkey', server, clientOptions(current));
  await client.start();
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
  }
}
