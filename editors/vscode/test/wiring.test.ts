// The client wiring, without VS Code: the server command and the client's options.
import { strict as assert } from 'assert';
import * as path from 'path';
import { test } from 'node:test';
import { clientOptions, serverCommand } from '../src/wiring';

test('runs the bundled jar with the configured java', () => {
  const { command, args } = serverCommand(
    { java: '/opt/jdk17/bin/java', serverJar: '', initializationOptions: {} }, '/ext');
  assert.equal(command, '/opt/jdk17/bin/java');
  assert.deepEqual(args, ['-jar', path.join('/ext', 'server', 'latchkey-inspections.jar'), 'lsp']);
});

test('a configured server jar replaces the bundled one', () => {
  const { args } = serverCommand({ java: 'java', serverJar: '/tmp/lk.jar', initializationOptions: {} }, '/ext');
  assert.deepEqual(args, ['-jar', '/tmp/lk.jar', 'lsp']);
});

test('java files are the documents and the settings go to the server', () => {
  const options = clientOptions({
    java: 'java',
    serverJar: '',
    initializationOptions: { acquireMethods: ['com.acme.Locks#lock(0)'], mavenClasspath: false },
  });
  assert.deepEqual(options.documentSelector, [{ scheme: 'file', language: 'java' }]);
  assert.deepEqual(options.initializationOptions, { acquireMethods: ['com.acme.Locks#lock(0)'], mavenClasspath: false });
});
