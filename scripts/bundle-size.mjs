// The size of a browser app's client-only import of the root entry (`rxmcp`): esbuild bundles and
// minifies it, gzip -9 measures it. `McpClient` + the Streamable HTTP transport must stay within the
// budget (45 KB gzipped; the run fails otherwise); the figure with all three browser transports is
// printed beside it.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET_KB = 45;
const kb = (n) => (n / 1024).toFixed(1);

async function measure(names) {
  const result = await build({
    stdin: {
      contents: `export { ${names.join(', ')} } from './lib/index.ts';`,
      resolveDir: process.cwd(),
      loader: 'ts',
      sourcefile: 'client-only.ts',
    },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
  });
  const bytes = result.outputFiles[0].contents;
  return { minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}

const http = await measure(['McpClient', 'createStreamableHttpClientTransport']);
const all = await measure([
  'McpClient',
  'createStreamableHttpClientTransport',
  'createSseClientTransport',
  'createWebSocketClientTransport',
]);
const within = http.gzipped <= BUDGET_KB * 1024;
console.log(
  `client-only bundle of rxmcp, McpClient + Streamable HTTP: ${kb(http.minified)} KB minified, ${kb(http.gzipped)} KB gzipped (budget ${BUDGET_KB} KB: ${within ? 'within' : 'OVER'})`,
);
console.log(
  `  with the legacy SSE and WebSocket transports too: ${kb(all.minified)} KB minified, ${kb(all.gzipped)} KB gzipped`,
);
if (!within) process.exitCode = 1;
