// Starts `connlint server` for connector files and hands its diagnostics, quick fixes, hover and
// completion to VS Code. Everything connector-specific is in the server; this file only decides
// which files it sees and passes the settings on.

import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** The connector files connlint lints; other JSON files are not sent to the server. */
const CONNECTOR_FILES = ["**/*.swagger.json", "**/*.swagger.yaml", "**/*.swagger.yml", "**/apiProperties.json", "**/settings.json", "**/*.csx"];

function executable(): string {
  const configured = vscode.workspace.getConfiguration("connlint").get<string>("path", "").trim();
  return configured === "" ? "connlint" : configured;
}

function createClient(): LanguageClient {
  const serverOptions: ServerOptions = { command: executable(), args: ["server"], transport: TransportKind.stdio };
  const settings = vscode.workspace.getConfiguration("connlint");
  const clientOptions: LanguageClientOptions = {
    documentSelector: CONNECTOR_FILES.map((pattern) => ({ scheme: "file", pattern })),
    initializationOptions: { profile: settings.get("profile") || null, configFile: settings.get("configFile") || null },
    synchronize: {
      // Sent as `workspace/didChangeConfiguration` with `{ connlint: { profile, configFile, ... } }`.
      configurationSection: "connlint",
      // A changed connlint.toml, or a connector file changed outside the editor, re-lints.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{connlint.toml,*.swagger.json,apiProperties.json,settings.json,*.csx}"),
    },
  };
  return new LanguageClient("connlint", "connlint", serverOptions, clientOptions);
}

async function start(): Promise<void> {
  client = createClient();
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(
      `connlint: could not start \`${executable()} server\` (${String(error)}). Install connlint (cargo install --locked connlint) or set connlint.path.`,
    );
  }
}

async function restart(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("connlint.restart", restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // The other settings reach the running server; another executable needs a new one.
      if (event.affectsConfiguration("connlint.path")) {
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
