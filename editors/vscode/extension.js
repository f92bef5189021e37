// A minimal VS Code extension: starts `articlelint server` for Markdown and YAML files and
// leaves the rest to VS Code's own language client (diagnostics, quick fixes, hover).
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace
    .getConfiguration('articlelint')
    .get('command', ['articlelint', 'server']);
  const serverOptions = { command, args };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'yaml' },
    ],
  };
  client = new LanguageClient('articlelint', 'articlelint', serverOptions, clientOptions);
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
