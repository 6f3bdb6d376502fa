/**
 * `npm run demo:angular`: builds the Angular demo, serves it (DEMO_PORT, default 4200) beside the
 * everything server (MCP_PORT, default 3000; `rxmcp run … --cors <demo origin>`), and prints the
 * address to open. Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { buildDemo, demoOutput, demoRoot } from './build.js';
import { serveFolder } from './static-server.js';

const root = resolve(demoRoot, '../..');
const demoPort = Number(process.env['DEMO_PORT'] ?? 4200);
const mcpPort = Number(process.env['MCP_PORT'] ?? 3000);

await buildDemo();
const demo = await serveFolder(demoOutput, demoPort);
const server = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'lib/node/cli/bin.ts',
    'run',
    'demo/everything-server.ts',
    '--port',
    String(mcpPort),
    '--cors',
    demo.url,
  ],
  { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
);
console.log(`\nThe Angular demo: ${demo.url}/?server=http://127.0.0.1:${mcpPort}\n`);
const stop = () => {
  server.kill('SIGTERM');
  void demo.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
server.once('exit', (code) => {
  console.error(`the everything server exited (${code})`);
  void demo.close().then(() => process.exit(1));
});
