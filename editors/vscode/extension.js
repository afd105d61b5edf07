// Starts `tanhe lsp` for .tanhe files. Highlighting comes from the TextMate grammar and works without it.
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration('tanhe');
  const serverOptions = {
    command: settings.get('server.command', 'tanhe'),
    args: settings.get('server.args', ['lsp']),
    transport: TransportKind.stdio
  };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'tanhe' }, { scheme: 'untitled', language: 'tanhe' }]
  };
  client = new LanguageClient('tanhe', 'Tanhe language server', serverOptions, clientOptions);
  client.start().catch((err) => {
    vscode.window.showErrorMessage(
      `Tanhe: could not start "${serverOptions.command} ${serverOptions.args.join(' ')}" (${err.message}). ` +
      'Set tanhe.server.command to the tanhe launcher; highlighting works without it.');
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
