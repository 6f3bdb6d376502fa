// The size of a browser app's client-only import of the root entry (`rxmcp`): esbuild bundles and
// minifies it, gzip -9 measures it; printed against the budget (45 KB) — a figure, not a gate.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET_KB = 45;
const entry = `export { McpClient, createStreamableHttpClientTransport, createSseClientTransport, createWebSocketClientTransport } from './lib/index.ts';`;
const result = await build({
  stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts', sourcefile: 'client-only.ts' },
  bundle: true,
  minify: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  logLevel: 'warning',
});
const bytes = result.outputFiles[0].contents;
const kb = (n) => (n / 1024).toFixed(1);
const gzipped = gzipSync(bytes, { level: 9 }).length;
console.log(`client-only bundle of rxmcp (McpClient + the three browser transports): ${kb(bytes.length)} KB minified, ${kb(gzipped)} KB gzipped (budget ${BUDGET_KB} KB: ${gzipped <= BUDGET_KB * 1024 ? 'within' : 'over'})`);
